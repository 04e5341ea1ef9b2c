import { knownEcosystem, packageKey } from './names.js';
import type {
  CompactRecord,
  OsvEvent,
  OsvRange,
  OsvSeverity,
  ProblemKind,
  RecordProblem,
  StoredAffected,
} from './osv.js';
import { isPlaceholderDate, PLACEHOLDER_DATE, timestampMicros } from './timestamps.js';

export interface CompactResult {
  /** Undefined when the record has no id (nothing to store it under). */
  record?: CompactRecord;
  problems: RecordProblem[];
}

type Json = Record<string, unknown>;

const EVENT_KEYS = ['introduced', 'fixed', 'last_affected', 'limit'] as const;
const RANGE_TYPES = new Set(['SEMVER', 'ECOSYSTEM', 'GIT']);

/**
 * Checks a parsed OSV record and keeps only what matching and reports need. Real data has flaws; each is
 * reported as a problem and the rest of the record is kept: a bad range drops that range, an entry of an
 * ecosystem paved does not scan drops that entry. `origin` names the record when it has no id.
 */
export function compactRecord(raw: unknown, origin: string): CompactResult {
  if (!isObject(raw)) return { problems: [{ kind: 'unreadable', subject: origin, detail: 'not a JSON object' }] };
  const id = text(raw.id);
  if (!id) return { problems: [{ kind: 'invalid-record', subject: origin, detail: 'no id' }] };

  const problems = new ProblemList(id);
  let modified = text(raw.modified);
  if (!modified || timestampMicros(modified) === undefined) {
    problems.add('placeholder-date', modified ? `modified ${modified} is not a date` : 'no modified date');
    modified = PLACEHOLDER_DATE;
  } else if (isPlaceholderDate(modified)) {
    problems.add('placeholder-date', 'modified');
  }
  let published = text(raw.published);
  if (isPlaceholderDate(published)) {
    problems.add('placeholder-date', 'published');
    published = undefined;
  }

  const affected: StoredAffected[] = [];
  const packages = new Map<string, { ecosystem: string; name: string }>();
  for (const entry of list(raw.affected)) {
    const kept = compactAffected(entry, problems);
    if (!kept) continue;
    affected.push(kept.entry);
    packages.set(`${kept.ecosystem}\0${kept.key}`, { ecosystem: kept.ecosystem, name: kept.key });
  }

  const databaseSpecific = isObject(raw.database_specific) ? raw.database_specific : {};
  const record: CompactRecord = {
    id,
    modified,
    published,
    withdrawn: text(raw.withdrawn),
    summary: text(raw.summary),
    details: text(raw.details),
    severity: list(raw.severity).flatMap(severityOf),
    severityLabel: text(databaseSpecific.severity),
    aliases: strings(raw.aliases),
    affected,
    references: list(raw.references).flatMap((reference) => {
      const url = isObject(reference) ? text(reference.url) : undefined;
      return url ? [url] : [];
    }),
    packages: [...packages.values()],
  };
  return { record, problems: problems.list() };
}

function compactAffected(
  entry: unknown,
  problems: ProblemList,
): { entry: StoredAffected; ecosystem: string; key: string } | undefined {
  const pkg = isObject(entry) && isObject(entry.package) ? entry.package : undefined;
  const writtenEcosystem = text(pkg?.ecosystem);
  const name = text(pkg?.name);
  if (!isObject(entry) || !writtenEcosystem || !name) {
    problems.add('malformed-affected', 'an affected entry without package ecosystem and name');
    return undefined;
  }
  const ecosystem = knownEcosystem(writtenEcosystem);
  if (!ecosystem) {
    problems.add('unknown-ecosystem', writtenEcosystem);
    return undefined;
  }

  const ranges: OsvRange[] = [];
  for (const range of list(entry.ranges)) {
    const valid = validRange(range);
    if (typeof valid === 'string') problems.add('malformed-range', `${name}: ${valid}`);
    else ranges.push(valid);
  }
  const versions = strings(entry.versions);
  const versionRanges = ranges.filter((range) => range.type !== 'GIT');
  if (ranges.length > 0 && versionRanges.length === 0) problems.add('git-only-ranges', name);
  if (versionRanges.length === 0 && versions.length === 0) problems.add('nothing-to-match', name);

  const stored: StoredAffected = { package: { ecosystem: writtenEcosystem, name }, ranges, versions };
  const purl = text(pkg?.purl);
  if (purl) stored.package.purl = purl;
  const severity = severityOfEntry(entry);
  if (severity !== undefined) stored.severity = severity;
  return { entry: stored, ecosystem, key: packageKey(ecosystem, name) };
}

/** The range as stored, or why it is unusable. */
function validRange(range: unknown): OsvRange | string {
  if (!isObject(range)) return 'a range that is not an object';
  const type = text(range.type);
  if (!type || !RANGE_TYPES.has(type)) return `range type ${type ?? '(none)'}`;
  if (!Array.isArray(range.events) || range.events.length === 0) return `${type} range without events`;
  const events: OsvEvent[] = [];
  for (const event of range.events) {
    const keys = isObject(event) ? Object.keys(event) : [];
    const key = keys[0] as (typeof EVENT_KEYS)[number];
    const value = isObject(event) ? text(event[key]) : undefined;
    if (keys.length !== 1 || !EVENT_KEYS.includes(key) || value === undefined) {
      return `${type} range with event ${JSON.stringify(event)}`;
    }
    events.push({ [key]: value });
  }
  if (!events.some((event) => event.introduced !== undefined)) return `${type} range without an introduced event`;
  const stored: OsvRange = { type: type as OsvRange['type'], events };
  if (type === 'GIT') {
    const repo = text(range.repo);
    if (!repo) return 'GIT range without repo';
    stored.repo = repo;
  }
  return stored;
}

function severityOf(value: unknown): OsvSeverity[] {
  if (!isObject(value)) return [];
  const type = text(value.type);
  const score = text(value.score);
  return type && score ? [{ type, score }] : [];
}

function severityOfEntry(entry: Json): unknown {
  for (const field of [entry.ecosystem_specific, entry.database_specific]) {
    if (isObject(field) && field.severity !== undefined && field.severity !== null) return field.severity;
  }
  return undefined;
}

/** One problem per kind for a record, the details of its occurrences joined. */
class ProblemList {
  private readonly details = new Map<ProblemKind, Set<string>>();

  constructor(private readonly subject: string) {}

  add(kind: ProblemKind, detail: string): void {
    const seen = this.details.get(kind) ?? new Set<string>();
    seen.add(detail);
    this.details.set(kind, seen);
  }

  list(): RecordProblem[] {
    return [...this.details].map(([kind, details]) => ({
      kind,
      subject: this.subject,
      detail: [...details].slice(0, 5).join('; ') + (details.size > 5 ? `; and ${details.size - 5} more` : ''),
    }));
  }
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function strings(value: unknown): string[] {
  return list(value).filter((item): item is string => typeof item === 'string' && item !== '');
}
