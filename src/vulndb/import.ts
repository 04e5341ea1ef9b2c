import { type CompactResult, compactRecord } from './compact.js';
import type { ProblemKind, RecordProblem } from './osv.js';
import { parseRecordFile } from './parse.js';
import { META } from './schema.js';
import { forEachRecordIn, type RawRecord } from './sources.js';
import { VulnStore } from './store.js';
import { AdvisoryWriter, emptyCounts, type WriteCounts } from './writer.js';

export interface ImportProgress extends WriteCounts {
  /** Records read so far (written, or waiting in the current batch). */
  records: number;
  /** The source being read. */
  source: string;
}

export type ProgressHandler = (progress: ImportProgress) => void;

export interface ImportOptions {
  /** Called after each batch is committed. */
  onProgress?: ProgressHandler;
  /** Records per transaction. Default 1,000. */
  batchSize?: number;
  /** Keep the advisories' long descriptions (about a third of the database). Default true. */
  keepDetails?: boolean;
}

export interface ProblemSummary {
  kind: ProblemKind;
  /** Records with this kind of problem. */
  count: number;
  /** The first few records (ids, or files when there is no id), with what was wrong. */
  examples: { subject: string; detail?: string }[];
}

export interface ImportReport extends WriteCounts {
  /** Records read. */
  records: number;
  problems: ProblemSummary[];
  durationMs: number;
}

const DEFAULT_BATCH_SIZE = 1000;
const EXAMPLES_PER_KIND = 5;

/**
 * Imports OSV advisories from JSON and YAML files, folders of them and osv.dev export zips into the
 * database (created when `target` is a path that does not exist yet). A record replaces the stored one
 * when its `modified` is newer or the same. Flawed records are counted by kind of problem, never fatal.
 */
export function importOsv(
  target: VulnStore | string,
  sources: readonly string[],
  options: ImportOptions | ProgressHandler = {},
): ImportReport {
  const settings = typeof options === 'function' ? { onProgress: options } : options;
  const store = typeof target === 'string' ? VulnStore.open(target, { create: true }) : target;
  try {
    const session = new ImportSession(store, settings);
    for (const source of sources) {
      session.source = source;
      forEachRecordIn(source, (file) => session.addFile(file));
    }
    const report = session.finish();
    store.setMeta(META.lastImportAt, new Date().toISOString());
    return report;
  } finally {
    if (typeof target === 'string') store.close();
  }
}

/**
 * Records on their way into the store: parsed, compacted, gathered into batches, each batch written in
 * one transaction, problems and counts summed up for the report. Import and update both feed one.
 */
export class ImportSession {
  source = '';
  private readonly writer: AdvisoryWriter;
  private readonly batchSize: number;
  private readonly batch: CompactResult[] = [];
  private readonly counts = emptyCounts();
  private readonly problems = new Map<ProblemKind, ProblemSummary>();
  private readonly started = performance.now();
  private records = 0;

  constructor(
    store: VulnStore,
    private readonly options: ImportOptions = {},
  ) {
    this.writer = new AdvisoryWriter(store, options.keepDetails ?? true);
    this.batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE);
  }

  /** One advisory file: parsed here, so that a file that does not parse is a problem, not a failure. */
  addFile(file: RawRecord): void {
    let values: unknown[];
    try {
      values = parseRecordFile(file.format, file.data);
    } catch (error) {
      this.addResult({
        problems: [{ kind: 'unreadable', subject: file.origin, detail: firstLine((error as Error).message) }],
      });
      return;
    }
    for (const value of values) this.addResult(compactRecord(value, file.origin));
  }

  /** A problem with no record to store (a record that could not be fetched). */
  addProblem(problem: RecordProblem): void {
    this.addResult({ problems: [problem] });
  }

  finish(): ImportReport {
    this.flush();
    return {
      records: this.records,
      ...this.counts,
      problems: [...this.problems.values()].sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind)),
      durationMs: Math.round(performance.now() - this.started),
    };
  }

  private addResult(result: CompactResult): void {
    this.records++;
    for (const problem of result.problems) this.note(problem);
    this.batch.push(result);
    if (this.batch.length >= this.batchSize) this.flush();
  }

  private flush(): void {
    if (this.batch.length === 0) return;
    const written = this.writer.writeBatch(this.batch);
    this.batch.length = 0;
    for (const key of Object.keys(written) as (keyof WriteCounts)[]) this.counts[key] += written[key];
    this.options.onProgress?.({ records: this.records, source: this.source, ...this.counts });
  }

  private note(problem: RecordProblem): void {
    const summary = this.problems.get(problem.kind) ?? { kind: problem.kind, count: 0, examples: [] };
    summary.count++;
    if (summary.examples.length < EXAMPLES_PER_KIND) {
      summary.examples.push(
        problem.detail ? { subject: problem.subject, detail: problem.detail } : { subject: problem.subject },
      );
    }
    this.problems.set(problem.kind, summary);
  }
}

function firstLine(message: string): string {
  return message.split('\n', 1)[0] ?? message;
}
