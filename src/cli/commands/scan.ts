import { availableParallelism } from 'node:os';
import { type Command, Option } from 'commander';
import { writeFileAtomic } from '../../core/atomic-write.js';
import { EXIT, PavedError } from '../../core/errors.js';
import type { ScanReport } from '../../core/model.js';
import { getReporter, REPORTERS } from '../../report/reporter.js';
import { DEFAULT_MAX_FILE_SIZE, nothingScanned, runScan, type ScanOptions } from '../../scan/pipeline.js';
import { parsePositiveInt, parseScanners, parseSize } from '../options.js';
import { createProgress } from '../progress.js';

export interface ScanFlags {
  scanners: ScanOptions['scanners'];
  staged?: boolean;
  history?: boolean;
  since?: string;
  branch?: string;
  config?: string;
  db?: string;
  baseline?: string;
  maxFileSize: number;
  gitignore: boolean;
  threads: number;
  format: string;
  output?: string;
  quiet?: boolean;
  color?: boolean;
}

/**
 * One core is left to the OS, git and V8's garbage collector: on a 2-core machine threads measured slower
 * than one (bench/secrets.mjs), on bigger machines the pool pays.
 */
const DEFAULT_THREADS = Math.max(1, availableParallelism() - 1);

/** Flags shared by every command that runs a scan (`scan`, `baseline`). */
export function addScanOptions(command: Command): Command {
  return command
    .argument('[paths...]', 'files and directories to scan (default: .); - reads standard input')
    .addOption(
      new Option('--scanners <list>', 'comma-separated scanners to run')
        .argParser(parseScanners)
        .default(DEFAULT_SCANNERS, DEFAULT_SCANNERS.join(',')),
    )
    .option('--staged', 'scan only the lines added in the staged diff (pre-commit)')
    .option('--history', 'scan every line added in the git history (all refs by default)')
    .option('--since <rev>', 'with --history: only commits after REV (REV..HEAD)')
    .option('--branch <ref>', 'with --history: only commits reachable from REF')
    .option('--config <file>', 'gitleaks-format rules and allowlists (default: .gitleaks.toml where the scan starts)')
    .option('--db <file>', 'vulnerability database for the vulns scanner (default: $PAVED_DB, else the user cache)')
    .addOption(
      new Option('--max-file-size <size>', 'skip files larger than this (e.g. 512KB, 50MB)')
        .argParser(parseSize)
        .default(DEFAULT_MAX_FILE_SIZE, '10MB'),
    )
    .option('--no-gitignore', 'also scan files that .gitignore excludes (.pavedignore still applies)')
    .addOption(
      new Option('--threads <n>', 'threads scanning files')
        .argParser(parsePositiveInt)
        .default(DEFAULT_THREADS, `cores - 1 = ${DEFAULT_THREADS}`),
    )
    .option('-q, --quiet', 'no progress output');
}

/**
 * By default a tree scan looks for secrets and for vulnerable dependencies; a diff or standard input has no
 * lockfiles to read, so there the default is secrets alone (asked for explicitly, deps and vulns say so).
 */
const DEFAULT_SCANNERS: ScanOptions['scanners'] = ['secrets', 'vulns'];

export function toScanOptions(paths: string[], flags: ScanFlags, baseline?: string): ScanOptions {
  if (flags.staged && flags.history) throw new PavedError('USAGE', '--staged and --history cannot be combined');
  if ((flags.since || flags.branch) && !flags.history) {
    throw new PavedError('USAGE', '--since and --branch only apply with --history');
  }
  return {
    targets: paths,
    cwd: process.cwd(),
    mode: flags.staged ? 'staged' : flags.history ? 'history' : 'tree',
    scanners:
      flags.scanners === DEFAULT_SCANNERS && (flags.staged || flags.history || paths.includes('-'))
        ? ['secrets']
        : flags.scanners,
    configPath: flags.config,
    baselinePath: baseline,
    dbPath: flags.db,
    maxFileSize: flags.maxFileSize,
    gitignore: flags.gitignore,
    history: { since: flags.since, branch: flags.branch },
    threads: flags.threads,
  };
}

/** Runs the scan with a progress line on stderr (terminal only), cleared before anything else prints. */
export async function runScanWithProgress(options: ScanOptions, quiet: boolean): Promise<ScanReport> {
  const progress = createProgress(quiet);
  try {
    return await runScan({ ...options, onProgress: (event) => progress.update(event) });
  } finally {
    progress.done();
  }
}

export function registerScan(program: Command): void {
  addScanOptions(program.command('scan').description('scan files, the staged diff or git history for problems'))
    .option('--baseline <file>', 'report only findings that are not in this baseline')
    .addOption(
      new Option('-f, --format <format>', 'output format').choices(REPORTERS.map((r) => r.format)).default('table'),
    )
    .option('-o, --output <file>', 'write the report to FILE (atomically) instead of standard output')
    .option('--no-color', 'no colours in table output (also: NO_COLOR=1)')
    .action(async (paths: string[], flags: ScanFlags & { baseline?: string }) => {
      const report = await runScanWithProgress(toScanOptions(paths, flags, flags.baseline), flags.quiet === true);
      process.exitCode = emitReport(report, flags);
    });
}

/** Writes the report where asked and returns the exit code: 2 nothing scanned, 1 findings, 0 clean. */
export function emitReport(
  report: ScanReport,
  flags: Pick<ScanFlags, 'format' | 'output' | 'quiet' | 'color'>,
): number {
  const reporter = getReporter(flags.format);
  const toTerminal = !flags.output && process.stdout.isTTY === true;
  const color = toTerminal && flags.color !== false && !process.env.NO_COLOR && reporter.format === 'table';
  const rendered = reporter.render(report, { color });
  if (flags.output) writeFileAtomic(flags.output, rendered);
  else process.stdout.write(rendered);
  // Machine formats on stdout or a file: people still need to see what went wrong, on stderr.
  if (reporter.format !== 'table' || flags.output) printDiagnostics(report, flags.quiet === true);
  if (nothingScanned(report)) return EXIT.ERROR;
  return report.findings.length > 0 ? EXIT.GATE_FAILED : EXIT.PASS;
}

/** Warnings and errors on stderr (info only in the reports); `--quiet` keeps only errors. */
export function printDiagnostics(report: ScanReport, quiet: boolean): void {
  for (const d of report.diagnostics) {
    if (d.level === 'info' || (quiet && d.level === 'warning')) continue;
    const where = d.path ? `${d.path}${d.line ? `:${d.line}` : ''}: ` : '';
    process.stderr.write(`paved: ${d.level}: ${where}${d.message}${d.hint ? `\n  hint: ${d.hint}` : ''}\n`);
  }
}
