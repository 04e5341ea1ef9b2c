import type { Command } from 'commander';
import { PavedError } from '../../core/errors.js';

interface DbFlags {
  db?: string;
  quiet?: boolean;
}

/** `paved db`: the offline vulnerability database (OSV advisories in one SQLite file). */
export function registerDb(program: Command): void {
  const db = program.command('db').description('the offline vulnerability database (OSV advisories)');
  const withDb = (command: Command) =>
    command.option('--db <file>', 'database file (default: $PAVED_DB, else the user cache folder)');

  withDb(db.command('import'))
    .description('load OSV records from JSON/YAML files, folders and osv.dev export zips (<ECOSYSTEM>/all.zip)')
    .argument('<paths...>', 'files, folders or zips')
    .option('--no-details', 'leave out the long descriptions (a third smaller database)')
    .option('-q, --quiet', 'no progress output')
    .action(async (paths: string[], flags: DbFlags & { details: boolean }) => {
      const { importOsv } = await import('../../vulndb/import.js');
      const { defaultDbPath } = await import('../../vulndb/store.js');
      const path = flags.db ?? defaultDbPath();
      const report = importOsv(path, paths, { keepDetails: flags.details });
      process.stdout.write(
        `Imported ${report.records.toLocaleString('en-US')} records into ${path} in ${(report.durationMs / 1000).toFixed(1)} s.\n`,
      );
      printProblems(report.problems);
    });

  withDb(db.command('update'))
    .description('fetch what changed in the osv.dev exports (or a mirror, or a local copy) since the last update')
    .option('--ecosystem <name...>', 'ecosystems to update (default: those in the database, else the common ones)')
    .option('--base-url <url>', 'an osv.dev export layout: https URL, file:// URL or folder')
    .action(async (flags: DbFlags & { ecosystem?: string[]; baseUrl?: string }) => {
      const { VulnStore, defaultDbPath } = await import('../../vulndb/store.js');
      const { updateFromOsv } = await import('../../vulndb/update.js');
      const store = VulnStore.open(flags.db ?? defaultDbPath(), { create: true });
      try {
        const known = store.status().ecosystems.map((entry) => entry.ecosystem);
        const ecosystems = flags.ecosystem ?? (known.length > 0 ? known : DEFAULT_ECOSYSTEMS);
        const report = await updateFromOsv({ store, ecosystems, baseUrl: flags.baseUrl });
        for (const entry of report.ecosystems) {
          const detail =
            entry.error ??
            `${entry.changed.toLocaleString('en-US')} changed of ${entry.listed.toLocaleString('en-US')}`;
          process.stdout.write(`${entry.ecosystem.padEnd(10)} ${entry.mode.padEnd(11)} ${detail}\n`);
        }
        if (report.ecosystems.some((entry) => entry.mode === 'failed')) process.exitCode = 2;
      } finally {
        store.close();
      }
    });

  withDb(db.command('status'))
    .description('ecosystems, record counts, newest modification and the age of the database')
    .option('--json', 'as JSON')
    .option('--stale-after <days>', 'warn when the database is older than this', '7')
    .action(async (flags: DbFlags & { json?: boolean; staleAfter: string }) => {
      const { VulnStore, defaultDbPath } = await import('../../vulndb/store.js');
      const store = VulnStore.open(flags.db ?? defaultDbPath(), { readonly: true });
      try {
        const status = store.status({ staleAfterDays: Number(flags.staleAfter) });
        if (flags.json) {
          process.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
          return;
        }
        process.stdout.write(`${status.path}: ${status.advisories.toLocaleString('en-US')} advisories\n`);
        for (const entry of status.ecosystems) {
          process.stdout.write(
            `  ${entry.ecosystem.padEnd(10)} ${String(entry.advisories).padStart(7)}  newest ${entry.newestModified ?? 'unknown'}\n`,
          );
        }
        if (status.ageDays !== undefined) process.stdout.write(`  updated ${status.ageDays.toFixed(1)} days ago\n`);
        if (status.warning) process.stderr.write(`paved: warning: ${status.warning}\n`);
      } finally {
        store.close();
      }
    });

  withDb(db.command('enrich'))
    .description("add CISA's known-exploited catalog (JSON) and EPSS scores (CSV) to the database")
    .option('--kev <file>', 'known_exploited_vulnerabilities.json')
    .option('--epss <file>', 'epss_scores-YYYY-MM-DD.csv')
    .action(async (flags: DbFlags & { kev?: string; epss?: string }) => {
      if (!flags.kev && !flags.epss) throw new PavedError('USAGE', 'give --kev FILE, --epss FILE or both');
      const { VulnStore, defaultDbPath } = await import('../../vulndb/store.js');
      const { importEpss, importKev } = await import('../../vulndb/enrichment.js');
      const store = VulnStore.open(flags.db ?? defaultDbPath());
      try {
        if (flags.kev) process.stdout.write(`known exploited: ${JSON.stringify(importKev(store, flags.kev))}\n`);
        if (flags.epss) process.stdout.write(`EPSS: ${JSON.stringify(importEpss(store, flags.epss))}\n`);
      } finally {
        store.close();
      }
    });
}

/** What an empty database is filled with by `paved db update`: the ecosystems paved reads lockfiles of. */
const DEFAULT_ECOSYSTEMS = ['npm', 'PyPI', 'Go', 'crates.io', 'RubyGems', 'Packagist', 'NuGet', 'Pub', 'Hex', 'Maven'];

function printProblems(problems: { kind: string; count: number; examples: { subject: string }[] }[]): void {
  for (const problem of problems) {
    const examples = problem.examples.map((example) => example.subject).join(', ');
    process.stderr.write(`paved: note: ${problem.count} record(s) with ${problem.kind} (${examples})\n`);
  }
}
