import type Database from 'better-sqlite3';

/**
 * The database layout this paved writes and reads. Raise it on any change to the tables or to the
 * stored encodings (codec.ts), and teach `VulnStore.open` what to do with the older versions.
 */
export const SCHEMA_VERSION = 1;

/**
 * advisories: one row per OSV record (withdrawn ones too, flagged). The big fields (affected entries,
 *   references, details) are one deflated JSON body (codec.ts); aliases stay JSON text for json_each.
 * affected_packages: the package index, keyed (ecosystem, normalised name), one row per package an
 *   advisory names; its primary key is the lookup index, the second index serves replacing an advisory.
 * import_problems: one row per (kind, record); counts are GROUP BY kind. Rows of a record are replaced
 *   with the record, so the counts describe what the database holds, however often it was re-imported.
 * known_exploited, epss: enrichment by CVE id, each replaced whole by its import.
 * meta: schema version and the dates of the last import, update and enrichment.
 */
const TABLES = `
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE advisories (
  id TEXT PRIMARY KEY,
  modified TEXT NOT NULL,
  published TEXT,
  withdrawn TEXT,
  summary TEXT,
  severity TEXT,
  severity_label TEXT,
  aliases TEXT NOT NULL,
  body BLOB NOT NULL
);

CREATE TABLE affected_packages (
  ecosystem TEXT NOT NULL,
  name TEXT NOT NULL,
  advisory_id TEXT NOT NULL,
  PRIMARY KEY (ecosystem, name, advisory_id)
) WITHOUT ROWID;
CREATE INDEX affected_packages_by_advisory ON affected_packages (advisory_id);

CREATE TABLE import_problems (
  kind TEXT NOT NULL,
  subject TEXT NOT NULL,
  detail TEXT,
  PRIMARY KEY (kind, subject)
) WITHOUT ROWID;
CREATE INDEX import_problems_by_subject ON import_problems (subject);

CREATE TABLE known_exploited (
  cve TEXT PRIMARY KEY,
  date_added TEXT,
  ransomware TEXT
) WITHOUT ROWID;

CREATE TABLE epss (
  cve TEXT PRIMARY KEY,
  score REAL NOT NULL,
  percentile REAL
) WITHOUT ROWID;
`;

export function createSchema(db: Database.Database): void {
  db.transaction(() => {
    db.exec(TABLES);
    const setMeta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
    setMeta.run('schema_version', String(SCHEMA_VERSION));
    setMeta.run('created_at', new Date().toISOString());
  })();
}

/** Keys of the meta table. */
export const META = {
  schemaVersion: 'schema_version',
  lastImportAt: 'last_import_at',
  lastUpdateAt: 'last_update_at',
  kevImportedAt: 'kev_imported_at',
  kevCatalogVersion: 'kev_catalog_version',
  epssImportedAt: 'epss_imported_at',
  epssScoreDate: 'epss_score_date',
  epssModelVersion: 'epss_model_version',
} as const;
