import { PavedError } from '../core/errors.js';
import { ECOSYSTEMS } from '../extract/component.js';
import { type ImportProgress, type ImportReport, ImportSession } from './import.js';
import { type Mirror, OSV_BASE_URL, openMirror } from './mirror.js';
import { knownEcosystem } from './names.js';
import { META } from './schema.js';
import { forEachRecordIn } from './sources.js';
import type { VulnStore } from './store.js';
import { isNewer } from './timestamps.js';

export interface UpdateOptions {
  store: VulnStore;
  /** OSV ecosystem names (npm, PyPI, Go...). */
  ecosystems: readonly string[];
  /** An osv.dev export layout: https URL, `file://` URL or local folder. Default: osv.dev's bucket. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Download the whole all.zip when more than this share of an ecosystem's records changed. Default 0.05. */
  fullDownloadRatio?: number;
  /** Records fetched at once. Default 8. */
  concurrency?: number;
  keepDetails?: boolean;
  onProgress?: (ecosystem: string, progress: ImportProgress) => void;
}

export type UpdateMode =
  | 'full' // all.zip imported
  | 'incremental' // only the changed records fetched
  | 'current' // nothing changed
  | 'failed'; // see error

export interface EcosystemUpdate {
  ecosystem: string;
  mode: UpdateMode;
  /** Records modified_id.csv lists. */
  listed: number;
  /** Of those, records the store lacks or has an older version of. */
  changed: number;
  /** What was written (absent when nothing was). */
  report?: ImportReport;
  /** Why this ecosystem could not be updated; the others still were. */
  error?: string;
}

export interface UpdateReport {
  ecosystems: EcosystemUpdate[];
  durationMs: number;
}

/**
 * Below this many changed records an update always fetches them one by one (see fullDownloadRatio).
 * Why these numbers: a record fetched alone costs a request (about 2 KB and a round trip); all.zip costs
 * about 1 KB per record of the ecosystem and a re-import of all of them (~0.1 ms each). With 8 requests
 * in flight, 100 records or 5% of an ecosystem take about as long as downloading and importing its zip;
 * beyond that the zip is faster, and it is one request instead of thousands for a store long out of date.
 */
const ALWAYS_INCREMENTAL_UP_TO = 100;
const DEFAULT_FULL_DOWNLOAD_RATIO = 0.05;

/**
 * Brings the store up to date with an osv.dev export: for each ecosystem, reads modified_id.csv and
 * fetches only the records that are new or modified since, or the whole all.zip when the store has
 * nothing for the ecosystem or too much changed. An ecosystem that fails is reported, the others proceed;
 * when all fail, the first failure is thrown.
 */
export async function updateFromOsv(options: UpdateOptions): Promise<UpdateReport> {
  const started = performance.now();
  const { store } = options;
  store.assertWritable('update the vulnerability database');
  const ecosystems = options.ecosystems.map((name) => {
    const ecosystem = knownEcosystem(name);
    if (!ecosystem) {
      throw new PavedError('USAGE', `unknown ecosystem ${name}`, { hint: `use one of ${ECOSYSTEMS.join(', ')}` });
    }
    return ecosystem;
  });
  const mirror = openMirror(options.baseUrl ?? OSV_BASE_URL, options.fetch);

  const results: EcosystemUpdate[] = [];
  let firstFailure: unknown;
  for (const ecosystem of ecosystems) {
    try {
      results.push(await updateEcosystem(mirror, ecosystem, options));
    } catch (error) {
      firstFailure ??= error;
      results.push({ ecosystem, mode: 'failed', listed: 0, changed: 0, error: (error as Error).message });
    }
  }
  if (results.length > 0 && results.every((result) => result.error)) throw firstFailure;
  store.setMeta(META.lastUpdateAt, new Date().toISOString());
  return { ecosystems: results, durationMs: Math.round(performance.now() - started) };
}

async function updateEcosystem(mirror: Mirror, ecosystem: string, options: UpdateOptions): Promise<EcosystemUpdate> {
  const { store } = options;
  const csv = await mirror.readText([ecosystem, 'modified_id.csv']);
  if (csv === undefined) {
    throw new PavedError('INPUT', `no OSV export for ${ecosystem} at ${mirror.locate([ecosystem, 'modified_id.csv'])}`);
  }
  const listed = parseModifiedIds(csv);
  const storedModified = store.db.prepare('SELECT modified FROM advisories WHERE id = ?');
  const changed = listed.filter(({ id, modified }) => {
    const stored = storedModified.get(id) as { modified: string } | undefined;
    return !stored || isNewer(modified, stored.modified);
  });
  const hasAny = store.db.prepare('SELECT 1 FROM affected_packages WHERE ecosystem = ? LIMIT 1').get(ecosystem);
  const summary = { ecosystem, listed: listed.length, changed: changed.length };

  if (hasAny && changed.length === 0) return { ...summary, mode: 'current' };
  const ratio = options.fullDownloadRatio ?? DEFAULT_FULL_DOWNLOAD_RATIO;
  const incremental =
    hasAny &&
    changed.length <= Math.max(ALWAYS_INCREMENTAL_UP_TO, listed.length * ratio) &&
    // A local copy may hold only all.zip (osv.dev's per-record files not copied): then read the zip.
    (!mirror.local || (await mirror.readText([ecosystem, `${changed[0]?.id}.json`])) !== undefined);

  const session = new ImportSession(store, {
    keepDetails: options.keepDetails,
    onProgress: (progress) => options.onProgress?.(ecosystem, progress),
  });
  if (incremental) {
    await fetchRecords(mirror, ecosystem, changed, session, options.concurrency ?? 8);
    return { ...summary, mode: 'incremental', report: session.finish() };
  }
  const zip = await mirror.localCopy([ecosystem, 'all.zip']);
  if (!zip) throw new PavedError('INPUT', `no all.zip for ${ecosystem} at ${mirror.locate([ecosystem, 'all.zip'])}`);
  try {
    session.source = zip.path;
    forEachRecordIn(zip.path, (file) => session.addFile(file));
  } finally {
    zip.release();
  }
  return { ...summary, mode: 'full', report: session.finish() };
}

/**
 * Fetches records with a few requests in flight; each is written as it arrives (batched by the session).
 * A failed request stops the ecosystem: what was fetched stays, the rest is fetched by the next update.
 */
async function fetchRecords(
  mirror: Mirror,
  ecosystem: string,
  records: readonly ModifiedId[],
  session: ImportSession,
  concurrency: number,
): Promise<void> {
  let next = 0;
  let failure: unknown;
  const worker = async () => {
    while (failure === undefined && next < records.length) {
      const { id } = records[next++] as ModifiedId;
      const segments = [ecosystem, `${id}.json`];
      try {
        const text = await mirror.readText(segments);
        if (text === undefined) session.addProblem({ kind: 'fetch-failed', subject: id, detail: 'not found' });
        else session.addFile({ origin: mirror.locate(segments), format: 'json', data: text });
      } catch (error) {
        failure ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  if (failure !== undefined) {
    session.finish();
    throw failure;
  }
}

export interface ModifiedId {
  modified: string;
  id: string;
}

/** modified_id.csv: `<modified>,<id>` a line, newest first. Lines that are not that are ignored. */
export function parseModifiedIds(csv: string): ModifiedId[] {
  const entries: ModifiedId[] = [];
  for (const line of csv.split('\n')) {
    const comma = line.indexOf(',');
    if (comma <= 0) continue;
    const modified = line.slice(0, comma).trim();
    const id = line.slice(comma + 1).trim();
    if (id && /^\d{4}-\d\d-\d\dT/.test(modified)) entries.push({ modified, id });
  }
  return entries;
}
