/**
 * OSV advisory types (https://ossf.github.io/osv-schema/): the raw record as published, and the compact
 * form the vulnerability database keeps of it (only what matching and reports need).
 */

/** One event of a range, exactly one key set. */
export interface OsvEvent {
  introduced?: string;
  fixed?: string;
  last_affected?: string;
  limit?: string;
}

export type OsvRangeType = 'SEMVER' | 'ECOSYSTEM' | 'GIT';

export interface OsvRange {
  type: OsvRangeType;
  /** The repository of a GIT range (its events are commit ids). */
  repo?: string;
  events: OsvEvent[];
}

export interface OsvSeverity {
  /** CVSS_V2, CVSS_V3, CVSS_V4, Ubuntu... */
  type: string;
  /** A CVSS vector, or a label for the non-CVSS types. */
  score: string;
}

/** An `affected` entry as the database stores it. */
export interface StoredAffected {
  /** The package as the advisory writes it (the index holds the normalised name). */
  package: { ecosystem: string; name: string; purl?: string };
  /** Valid ranges only; GIT ranges are kept (with their repo) but version matching ignores them. */
  ranges: OsvRange[];
  /** Listed affected versions; matching applies them alongside the ranges. */
  versions: string[];
  /** `ecosystem_specific.severity` or `database_specific.severity`, when the entry has one. */
  severity?: unknown;
}

/** An advisory as `VulnStore.advisoriesFor` returns it: never a withdrawn one. */
export interface StoredAdvisory {
  id: string;
  aliases: string[];
  summary?: string;
  /** Markdown; absent when the record has none or the database was imported without details. */
  details?: string;
  severity: OsvSeverity[];
  /** `database_specific.severity` (GitHub's LOW, MODERATE, HIGH, CRITICAL), when present. */
  severityLabel?: string;
  /** Only the entries for the package that was asked for. */
  affected: StoredAffected[];
  modified: string;
  published?: string;
  /** Reference URLs. */
  references: string[];
  /** Listed in CISA's known exploited vulnerabilities catalog (by id or CVE alias); absent when no catalog was imported. */
  knownExploited?: boolean;
  /** Highest EPSS probability (0..1) of the id and its CVE aliases; absent when unknown. */
  epss?: number;
  /** EPSS percentile (0..1) of that score. */
  epssPercentile?: number;
}

/** The compact record written to the database, before it is split into columns. */
export interface CompactRecord {
  id: string;
  modified: string;
  published?: string;
  withdrawn?: string;
  summary?: string;
  details?: string;
  severity: OsvSeverity[];
  severityLabel?: string;
  aliases: string[];
  affected: StoredAffected[];
  references: string[];
  /** The (ecosystem, normalised name) pairs the index gets for this record, without duplicates. */
  packages: { ecosystem: string; name: string }[];
}

/**
 * What can be wrong with a record without making it unusable. Each is counted once per record (the subject)
 * in the import report and in the database's problems table.
 */
export const PROBLEM_KINDS = [
  'unreadable', // not JSON or YAML, or not an object
  'invalid-record', // no id or no modified date
  'placeholder-date', // modified or published is 0001-01-01T00:00:00Z (Go's vulndb writes these)
  'unknown-ecosystem', // an affected package in an ecosystem paved does not scan (entry skipped)
  'malformed-affected', // an affected entry without package ecosystem or name (entry skipped)
  'malformed-range', // a range without a known type, events, an introduced event or a GIT repo (range skipped)
  'git-only-ranges', // an entry whose only ranges are GIT: only its versions list can match
  'nothing-to-match', // an entry with neither a usable range nor a versions list
  'fetch-failed', // update: a record listed in modified_id.csv could not be fetched
] as const;
export type ProblemKind = (typeof PROBLEM_KINDS)[number];

export interface RecordProblem {
  kind: ProblemKind;
  /** The advisory id, or the file (or zip entry, or URL) when there is no id. */
  subject: string;
  /** A short explanation (the unknown ecosystem's name, the parse error...). */
  detail?: string;
}
