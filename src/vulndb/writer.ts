import type Database from 'better-sqlite3';
import { packBody } from './codec.js';
import type { CompactResult } from './compact.js';
import type { CompactRecord, RecordProblem } from './osv.js';
import type { VulnStore } from './store.js';
import { isNewerOrSame } from './timestamps.js';

/** What happened to the records of one batch. */
export interface WriteCounts {
  /** New advisories. */
  imported: number;
  /** Advisories rewritten: the record's `modified` is newer than or the same as the stored one's. */
  replaced: number;
  /** Records left as they were: the stored copy is newer. */
  unchanged: number;
  /** Of the imported and replaced ones, the withdrawn records (stored, never returned by lookups). */
  withdrawn: number;
  /** Records not stored: no id, or no package of an ecosystem paved scans. */
  skipped: number;
}

export function emptyCounts(): WriteCounts {
  return { imported: 0, replaced: 0, unchanged: 0, withdrawn: 0, skipped: 0 };
}

/**
 * Writes compacted records to the store, one transaction per batch: a process killed mid-batch leaves
 * the database as it was before the batch, so every advisory present has all its index rows.
 */
export class AdvisoryWriter {
  private readonly storedModified: Database.Statement<[string], { modified: string }>;
  private readonly deletePackages: Database.Statement<[string]>;
  private readonly deleteAdvisory: Database.Statement<[string]>;
  private readonly deleteProblems: Database.Statement<[string]>;
  private readonly insertAdvisory: Database.Statement<unknown[]>;
  private readonly insertPackage: Database.Statement<[string, string, string]>;
  private readonly insertProblem: Database.Statement<[string, string, string | null]>;
  readonly writeBatch: (results: readonly CompactResult[]) => WriteCounts;

  constructor(
    store: VulnStore,
    private readonly keepDetails = true,
  ) {
    store.assertWritable('import advisories');
    const db = store.db;
    this.storedModified = db.prepare('SELECT modified FROM advisories WHERE id = ?');
    this.deletePackages = db.prepare('DELETE FROM affected_packages WHERE advisory_id = ?');
    this.deleteAdvisory = db.prepare('DELETE FROM advisories WHERE id = ?');
    this.deleteProblems = db.prepare('DELETE FROM import_problems WHERE subject = ?');
    this.insertAdvisory = db.prepare(
      `INSERT OR REPLACE INTO advisories
         (id, modified, published, withdrawn, summary, severity, severity_label, aliases, body)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertPackage = db.prepare(
      'INSERT OR IGNORE INTO affected_packages (ecosystem, name, advisory_id) VALUES (?, ?, ?)',
    );
    this.insertProblem = db.prepare('INSERT OR REPLACE INTO import_problems (kind, subject, detail) VALUES (?, ?, ?)');
    this.writeBatch = db.transaction((results: readonly CompactResult[]) => {
      const counts = emptyCounts();
      for (const result of results) this.writeOne(result, counts);
      return counts;
    });
  }

  private writeOne({ record, problems }: CompactResult, counts: WriteCounts): void {
    if (!record) {
      counts.skipped++;
      this.replaceProblems(problems[0]?.subject, problems);
      return;
    }
    const stored = this.storedModified.get(record.id);
    if (stored && !isNewerOrSame(record.modified, stored.modified)) {
      counts.unchanged++;
      return;
    }
    if (stored) this.deletePackages.run(record.id);
    if (record.packages.length === 0) {
      // Names no package paved scans (any more): a stored older version goes.
      if (stored) this.deleteAdvisory.run(record.id);
      counts.skipped++;
    } else {
      this.insertAdvisory.run(...this.columns(record));
      for (const pkg of record.packages) this.insertPackage.run(pkg.ecosystem, pkg.name, record.id);
      if (stored) counts.replaced++;
      else counts.imported++;
      if (record.withdrawn) counts.withdrawn++;
    }
    this.replaceProblems(record.id, problems);
  }

  private replaceProblems(subject: string | undefined, problems: readonly RecordProblem[]): void {
    if (subject) this.deleteProblems.run(subject);
    for (const problem of problems) this.insertProblem.run(problem.kind, problem.subject, problem.detail ?? null);
  }

  private columns(record: CompactRecord): unknown[] {
    return [
      record.id,
      record.modified,
      record.published ?? null,
      record.withdrawn ?? null,
      record.summary ?? null,
      record.severity.length > 0 ? JSON.stringify(record.severity) : null,
      record.severityLabel ?? null,
      JSON.stringify(record.aliases),
      packBody({
        affected: record.affected,
        references: record.references,
        details: this.keepDetails ? record.details : undefined,
      }),
    ];
  }
}
