import type Database from 'better-sqlite3';
import { META, SCHEMA_VERSION } from './schema.js';

export interface EcosystemStatus {
  ecosystem: string;
  /** Advisories naming a package of this ecosystem, withdrawn ones left out. */
  advisories: number;
  withdrawn: number;
  /** The newest real `modified` date of its records, withdrawn ones included (placeholder dates left out). */
  newestModified?: string;
}

export interface ProblemCount {
  kind: string;
  /** Records with this kind of problem. */
  count: number;
  /** A few of them. */
  examples: string[];
}

export interface DbStatus {
  path: string;
  schemaVersion: number;
  ecosystems: EcosystemStatus[];
  /** Distinct advisories that are not withdrawn (one advisory can name packages of several ecosystems). */
  advisories: number;
  lastImportAt?: string;
  lastUpdateAt?: string;
  /** Days since the last import or update, whichever is later; absent when there was none. */
  ageDays?: number;
  stale: boolean;
  /** Set when the database is stale or empty: what to tell the user. */
  warning?: string;
  problems: ProblemCount[];
  knownExploited?: { entries: number; importedAt?: string; catalogVersion?: string };
  epss?: { entries: number; importedAt?: string; scoreDate?: string };
}

export interface StatusOptions {
  /** Warn when the last import or update is older than this. Default 7. */
  staleAfterDays?: number;
  /** For tests. */
  now?: Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const EXAMPLES = 3;

/** Days after which the database is called stale (`paved db status`, and matching). */
export const DEFAULT_STALE_AFTER_DAYS = 7;

/** Days since the last import or update, from the metadata rows; undefined when there was none. */
export function ageInDays(meta: (key: string) => string | undefined, now: Date): number | undefined {
  const refreshedAt = [meta(META.lastImportAt), meta(META.lastUpdateAt)]
    .filter((date): date is string => date !== undefined)
    .sort()
    .at(-1);
  return refreshedAt ? Math.max(0, (now.getTime() - Date.parse(refreshedAt)) / DAY_MS) : undefined;
}

/** What to tell the user about the database's age, if anything. */
export function ageWarning(ageDays: number | undefined, staleAfterDays: number): string | undefined {
  if (ageDays === undefined) {
    return 'the vulnerability database was never completely imported or updated: run `paved db update`';
  }
  if (ageDays > staleAfterDays) {
    return `the vulnerability database is ${Math.floor(ageDays)} days old (older than ${staleAfterDays}): run \`paved db update\``;
  }
  return undefined;
}

export function readStatus(db: Database.Database, path: string, options: StatusOptions = {}): DbStatus {
  const staleAfterDays = options.staleAfterDays ?? DEFAULT_STALE_AFTER_DAYS;
  const now = options.now ?? new Date();
  const meta = new Map(
    (db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[]).map((row) => [
      row.key,
      row.value,
    ]),
  );

  // '0002' excludes the placeholder year 0001 from the newest date.
  const ecosystems = (
    db
      .prepare(
        `SELECT p.ecosystem AS ecosystem,
           count(DISTINCT CASE WHEN a.withdrawn IS NULL THEN a.id END) AS advisories,
           count(DISTINCT CASE WHEN a.withdrawn IS NOT NULL THEN a.id END) AS withdrawn,
           max(CASE WHEN a.modified >= '0002' THEN a.modified END) AS newest
         FROM affected_packages p JOIN advisories a ON a.id = p.advisory_id
         GROUP BY p.ecosystem ORDER BY p.ecosystem`,
      )
      .all() as { ecosystem: string; advisories: number; withdrawn: number; newest: string | null }[]
  ).map((row) => {
    const status: EcosystemStatus = { ecosystem: row.ecosystem, advisories: row.advisories, withdrawn: row.withdrawn };
    if (row.newest) status.newestModified = row.newest;
    return status;
  });
  const advisories = (db.prepare('SELECT count(*) AS n FROM advisories WHERE withdrawn IS NULL').get() as { n: number })
    .n;

  const lastImportAt = meta.get(META.lastImportAt);
  const lastUpdateAt = meta.get(META.lastUpdateAt);
  const ageDays = ageInDays((key) => meta.get(key), now);
  const warning =
    advisories === 0
      ? 'the vulnerability database is empty: run `paved db update` or `paved db import PATH`'
      : ageWarning(ageDays, staleAfterDays);

  const status: DbStatus = {
    path,
    schemaVersion: Number(meta.get(META.schemaVersion) ?? SCHEMA_VERSION),
    ecosystems,
    advisories,
    stale: warning !== undefined,
    problems: problemCounts(db),
  };
  if (lastImportAt) status.lastImportAt = lastImportAt;
  if (lastUpdateAt) status.lastUpdateAt = lastUpdateAt;
  if (ageDays !== undefined) status.ageDays = ageDays;
  if (warning) status.warning = warning;

  const kevEntries = count(db, 'known_exploited');
  if (kevEntries > 0 || meta.has(META.kevImportedAt)) {
    status.knownExploited = {
      entries: kevEntries,
      importedAt: meta.get(META.kevImportedAt),
      catalogVersion: meta.get(META.kevCatalogVersion),
    };
  }
  const epssEntries = count(db, 'epss');
  if (epssEntries > 0 || meta.has(META.epssImportedAt)) {
    status.epss = {
      entries: epssEntries,
      importedAt: meta.get(META.epssImportedAt),
      scoreDate: meta.get(META.epssScoreDate),
    };
  }
  return status;
}

function problemCounts(db: Database.Database): ProblemCount[] {
  const counts = db
    .prepare('SELECT kind, count(*) AS count FROM import_problems GROUP BY kind ORDER BY count DESC, kind')
    .all() as { kind: string; count: number }[];
  const examples = db.prepare('SELECT subject FROM import_problems WHERE kind = ? ORDER BY subject LIMIT ?');
  return counts.map(({ kind, count }) => ({
    kind,
    count,
    examples: (examples.all(kind, EXAMPLES) as { subject: string }[]).map((row) => row.subject),
  }));
}

function count(db: Database.Database, table: 'known_exploited' | 'epss'): number {
  return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}
