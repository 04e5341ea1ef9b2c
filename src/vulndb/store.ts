import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { PavedError } from '../core/errors.js';
import { unpackBody } from './codec.js';
import { knownEcosystem, packageKey } from './names.js';
import type { OsvSeverity, StoredAdvisory, StoredAffected } from './osv.js';
import { createSchema, META, SCHEMA_VERSION } from './schema.js';
import { type DbStatus, readStatus, type StatusOptions } from './status.js';

const REFRESH_HINT = 'run `paved db update` or `paved db import PATH`';

/** $PAVED_DB, else $XDG_CACHE_HOME/paved/vulns.db, else ~/.cache/paved/vulns.db. */
export function defaultDbPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.PAVED_DB) return env.PAVED_DB;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'paved', 'vulns.db');
}

export interface OpenOptions {
  /** Open for reading only (matching). Default false. */
  readonly?: boolean;
  /** Create the file (and its folder) when it does not exist. Default false. */
  create?: boolean;
}

interface AdvisoryRow {
  id: string;
  modified: string;
  published: string | null;
  summary: string | null;
  severity: string | null;
  severity_label: string | null;
  aliases: string;
  body: Buffer;
  known_exploited: 0 | 1 | null;
  /** JSON [score, percentile] of the highest-scored CVE. */
  epss: string | null;
}

// The advisory's own id and its aliases, to look enrichment up by (CVE ids, upper case in both sources).
// Each lookup is guarded by a check SQLite runs once per query, so that a database without enrichment
// data does not pay for it row by row.
const IDS_OF_ADVISORY = '(SELECT a.id UNION ALL SELECT value FROM json_each(a.aliases))';

const ADVISORIES_FOR_PACKAGE = `
SELECT a.id, a.modified, a.published, a.summary, a.severity, a.severity_label, a.aliases, a.body,
  CASE WHEN EXISTS (SELECT 1 FROM meta WHERE key = '${META.kevImportedAt}')
    THEN EXISTS (SELECT 1 FROM known_exploited k WHERE k.cve IN ${IDS_OF_ADVISORY})
  END AS known_exploited,
  CASE WHEN EXISTS (SELECT 1 FROM epss)
    THEN (SELECT json_array(e.score, e.percentile) FROM epss e WHERE e.cve IN ${IDS_OF_ADVISORY} ORDER BY e.score DESC LIMIT 1)
  END AS epss
FROM affected_packages p JOIN advisories a ON a.id = p.advisory_id
WHERE p.ecosystem = ? AND p.name = ? AND a.withdrawn IS NULL
ORDER BY p.advisory_id`;

/**
 * paved's offline vulnerability database: OSV advisories in one SQLite file, indexed by package.
 * One writer at a time (import, update); any number of readers.
 */
export class VulnStore {
  private readonly advisoriesStatement: Database.Statement<[string, string], AdvisoryRow>;

  private constructor(
    /** The SQLite connection, for the vulndb modules that write (import, update, enrichment). */
    readonly db: Database.Database,
    readonly path: string,
    readonly readonly: boolean,
  ) {
    this.advisoriesStatement = db.prepare(ADVISORIES_FOR_PACKAGE);
  }

  static open(path: string, options: OpenOptions = {}): VulnStore {
    const readonly = options.readonly ?? false;
    const create = (options.create ?? false) && !readonly;
    if (!existsSync(path)) {
      if (!create) {
        throw new PavedError('INPUT', `no vulnerability database at ${path}`, { path, hint: REFRESH_HINT });
      }
      mkdirSync(dirname(path), { recursive: true });
    }
    const db = connect(path, readonly, create);
    try {
      checkSchema(db, path, create);
      if (!readonly) {
        // A rollback journal, not WAL: one writer, and a reader never needs write access to the folder.
        db.pragma('journal_mode = DELETE');
        db.pragma('synchronous = NORMAL');
      }
      db.pragma('cache_size = -32000');
      return new VulnStore(db, path, readonly);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  /** Advisories naming the package, withdrawn ones left out; `affected` holds only this package's entries. */
  advisoriesFor(ecosystem: string, name: string): StoredAdvisory[] {
    const known = knownEcosystem(ecosystem);
    if (!known) return [];
    const key = packageKey(known, name);
    const isThisPackage = (entry: StoredAffected) =>
      knownEcosystem(entry.package.ecosystem) === known && packageKey(known, entry.package.name) === key;
    return this.advisoriesStatement.all(known, key).map((row) => {
      const body = unpackBody(row.body);
      const advisory: StoredAdvisory = {
        id: row.id,
        aliases: JSON.parse(row.aliases) as string[],
        severity: row.severity ? (JSON.parse(row.severity) as OsvSeverity[]) : [],
        affected: body.affected.filter(isThisPackage),
        modified: row.modified,
        references: body.references,
      };
      if (row.summary !== null) advisory.summary = row.summary;
      if (body.details !== undefined) advisory.details = body.details;
      if (row.severity_label !== null) advisory.severityLabel = row.severity_label;
      if (row.published !== null) advisory.published = row.published;
      if (row.known_exploited !== null) advisory.knownExploited = row.known_exploited === 1;
      if (row.epss !== null) {
        const [score, percentile] = JSON.parse(row.epss) as [number, number | null];
        advisory.epss = score;
        if (percentile !== null) advisory.epssPercentile = percentile;
      }
      return advisory;
    });
  }

  /** What the database holds and how old it is; `warning` is set when it is stale (default: 7 days). */
  status(options: StatusOptions = {}): DbStatus {
    return readStatus(this.db, this.path, options);
  }

  meta(key: string): string | undefined {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value;
  }

  setMeta(key: string, value: string): void {
    this.db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(key, value);
  }

  /** For the writers: refuse clearly on a store opened read-only. */
  assertWritable(action: string): void {
    if (this.readonly) {
      throw new PavedError('USAGE', `cannot ${action}: ${this.path} is opened read-only`, { path: this.path });
    }
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/**
 * Opens the connection. A writer killed mid-batch leaves a hot rollback journal that a read-only
 * connection cannot roll back (SQLITE_READONLY_ROLLBACK): then the file is opened once for writing,
 * which rolls the unfinished batch back, and reopened read-only.
 */
function connect(path: string, readonly: boolean, create: boolean): Database.Database {
  let db: Database.Database;
  try {
    db = new Database(path, { readonly, fileMustExist: !create });
  } catch (error) {
    throw explainOpenError(error, path);
  }
  if (!readonly) return db;
  try {
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return db;
  } catch (error) {
    db.close();
    if (sqliteCode(error) !== 'SQLITE_READONLY_ROLLBACK') throw explainOpenError(error, path);
    try {
      const writer = new Database(path, { fileMustExist: true });
      writer.prepare('SELECT count(*) FROM sqlite_master').get();
      writer.close();
    } catch (rollbackError) {
      throw new PavedError(
        'INPUT',
        `${path} was left mid-import and cannot be repaired read-only`,
        { path, hint: 'open it once with write access (any `paved db` command), or run `paved db update`' },
        { cause: rollbackError },
      );
    }
    return new Database(path, { readonly: true, fileMustExist: true });
  }
}

function checkSchema(db: Database.Database, path: string, create: boolean): void {
  let tables: string[];
  try {
    tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
      (row) => row.name,
    );
  } catch (error) {
    throw explainOpenError(error, path);
  }
  if (tables.length === 0 && create) {
    createSchema(db);
    return;
  }
  if (!tables.includes('meta')) {
    throw new PavedError('INPUT', `${path} is not a paved vulnerability database`, {
      path,
      hint: `point PAVED_DB at another file, or delete it and ${REFRESH_HINT}`,
    });
  }
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(META.schemaVersion) as
    | { value: string }
    | undefined;
  const version = Number(row?.value);
  if (version > SCHEMA_VERSION) {
    throw new PavedError(
      'INPUT',
      `${path} was written by a newer paved (database schema ${version}; this paved reads schema ${SCHEMA_VERSION})`,
      { path, hint: `upgrade paved, or delete the file and ${REFRESH_HINT}` },
    );
  }
  if (version !== SCHEMA_VERSION) {
    throw new PavedError('INPUT', `${path} has an unknown database schema (${row?.value ?? 'none'})`, {
      path,
      hint: `delete it and ${REFRESH_HINT}`,
    });
  }
}

function explainOpenError(error: unknown, path: string): PavedError {
  const code = sqliteCode(error);
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return new PavedError('INPUT', `${path} is damaged or not a SQLite database`, {
      path,
      hint: `delete it and ${REFRESH_HINT}`,
    });
  }
  return new PavedError('INPUT', `cannot open ${path}: ${(error as Error).message}`, { path });
}

function sqliteCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}
