import { resolve } from 'node:path';
import { PavedError } from '../core/errors.js';
import { isDirectory } from '../core/fs.js';
import type { Diagnostic, Inventory, ScanReport } from '../core/model.js';
import { EXTRACTORS, LOCKFILE_EXTRACTORS } from '../extract/registry.js';
import { extractDependencies, extractorFor } from '../extract/run.js';
import { sortFindings } from '../report/order.js';
import { describeSecretRule } from '../secrets/findings.js';
import { loadSecretConfig } from '../secrets/gitleaks-config.js';
import type { SecretRuleSet } from '../secrets/rule.js';
import { BUILTIN_RULES } from '../secrets/rules/index.js';
import { SecretScanner } from '../secrets/scanner.js';
import {
  filesOf,
  type ProgressEvent,
  scanHistory,
  scanStaged,
  scanStdin,
  scanTree,
  treeTargets,
} from '../secrets/sources.js';
import type { SecretTaskResult } from '../secrets/task.js';
import { VERSION } from '../version.js';
import { readBaseline } from './baseline.js';
import { GitOutput, historyArgs, repositoryRoot, stagedDiffArgs } from './git.js';

export const SCANNERS = ['secrets', 'deps'] as const;
export type ScannerName = (typeof SCANNERS)[number];

export interface ScanOptions {
  /** Files and directories to scan; `-` reads standard input. Defaults to the current directory. */
  targets: string[];
  cwd: string;
  mode: 'tree' | 'staged' | 'history';
  scanners: ScannerName[];
  /** A gitleaks-format config; otherwise `.gitleaks.toml` at the scan root is used when present. */
  configPath?: string;
  /** Only report findings whose fingerprint is not in this baseline file. */
  baselinePath?: string;
  maxFileSize: number;
  gitignore: boolean;
  history: { since?: string; branch?: string };
  /** Worker threads (1 = scan on the calling thread). */
  threads: number;
  stdin?: NodeJS.ReadableStream;
  onProgress?: (event: ProgressEvent) => void;
}

/** Diagnostics that mean one input file was not scanned. */
const SKIP_CODES = new Set(['file-too-large', 'unreadable', 'broken-symlink']);

export const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;

/**
 * The one entry point every front end (CLI, server, worker) calls: options in, report out. It never
 * prints and never exits; problems with individual inputs become diagnostics, and only a problem that
 * stops the whole scan (a broken config given on purpose) throws a PavedError.
 */
export async function runScan(options: ScanOptions): Promise<ScanReport> {
  const startedAt = new Date();
  const started = performance.now();
  const diagnostics: Diagnostic[] = [];
  const targets = options.targets.length > 0 ? options.targets : ['.'];
  const readsStdin = targets.includes('-');
  if (readsStdin && (targets.length > 1 || options.mode !== 'tree')) {
    throw new PavedError('USAGE', '`-` (standard input) cannot be combined with other targets, --staged or --history');
  }
  // Where the config is looked up: the scanned directory, or the working directory for files and stdin.
  const firstTarget = resolve(options.cwd, readsStdin ? '.' : (targets[0] as string));
  const scanRoot = isDirectory(firstTarget) ? firstTarget : options.cwd;
  const baseline = options.baselinePath ? readBaseline(resolve(options.cwd, options.baselinePath)) : undefined;

  const runsSecrets = options.scanners.includes('secrets');
  // git starts producing the diff at once (git finds the repository from any folder in it, and prints
  // paths from its root), while the repository root is looked up and the rules are compiled.
  const startedGit =
    options.mode === 'tree' || !runsSecrets
      ? undefined
      : new GitOutput(scanRoot, options.mode === 'staged' ? stagedDiffArgs() : historyArgs(options.history));
  // Diff scans work on the repository: its root holds the config.
  const repo = options.mode === 'tree' ? undefined : await gitRepository(scanRoot, options.mode, diagnostics);
  if (repo === undefined) startedGit?.kill();
  const gitOutput = repo === undefined ? undefined : startedGit;
  try {
    const config = runsSecrets
      ? await loadSecretConfig({
          configPath: options.configPath ? resolve(options.cwd, options.configPath) : undefined,
          scanRoot: repo ?? scanRoot,
          builtin: BUILTIN_RULES,
        })
      : undefined;
    diagnostics.push(...(config?.diagnostics ?? []));
    const scanned = config
      ? await scanSources(options, config.ruleSet, { targets, readsStdin, gitOutput, diagnostics })
      : {};
    const inventory = options.scanners.includes('deps')
      ? scanDependencies(options, { targets, readsStdin, diagnostics })
      : undefined;

    diagnostics.push(...(scanned.result?.diagnostics ?? []));
    const { result } = scanned;
    if (result && result.binaryPaths.length > 0) diagnostics.push(binarySummary(result.binaryPaths));
    const findings = (result?.findings ?? []).filter((f) => !baseline?.has(f.fingerprint));
    const usedRules = new Set(findings.map((f) => f.ruleId));
    return {
      tool: { name: 'paved', version: VERSION },
      startedAt: startedAt.toISOString(),
      targets,
      mode: readsStdin ? 'stdin' : options.mode,
      findings: sortFindings(findings),
      diagnostics,
      rules: (config?.ruleSet.rules ?? []).filter((r) => usedRules.has(r.id)).map(describeSecretRule),
      ...(inventory ? { inventory } : {}),
      stats: {
        filesScanned: (result?.scanned ?? 0) + (result ? 0 : (inventory?.lockfiles.length ?? 0)),
        bytesScanned: result?.bytes ?? 0,
        filesSkipped: diagnostics.filter((d) => SKIP_CODES.has(d.code)).length + (result?.binaryPaths.length ?? 0),
        commitsScanned: scanned.commits,
        durationMs: Math.round(performance.now() - started),
      },
    };
  } finally {
    gitOutput?.kill();
  }
}

/**
 * The dependency scanner: every lockfile, manifest or SBOM in the scanned trees, read by its extractor.
 * It reads files, so it does not run on a diff or standard input (said in a diagnostic).
 */
function scanDependencies(
  options: ScanOptions,
  source: { targets: string[]; readsStdin: boolean; diagnostics: Diagnostic[] },
): Inventory | undefined {
  const { diagnostics } = source;
  if (source.readsStdin || options.mode !== 'tree') {
    diagnostics.push({
      level: 'info',
      code: 'deps-needs-files',
      message: `the deps scanner reads lockfiles in a tree; it does not run on ${source.readsStdin ? 'standard input' : `--${options.mode}`}`,
      hint: 'run `paved scan --scanners deps PATH` on the checkout',
    });
    return undefined;
  }
  const inventories = treeTargets(source.targets, options.cwd).map((target) => {
    // SBOMs are read when named (`paved scan app.cdx.json`), not when met in a walk: an SBOM written into
    // the tree (by `paved sbom -o bom.json`, say) describes the same lockfiles again.
    const extractors = isDirectory(target.absolutePath) ? LOCKFILE_EXTRACTORS : EXTRACTORS;
    const lockfiles = [...filesOf(target, options, diagnostics)].filter((file) => extractorFor(file.path, extractors));
    return extractDependencies(lockfiles, extractors, diagnostics);
  });
  return {
    components: inventories.flatMap((inventory) => inventory.components),
    skipped: inventories.flatMap((inventory) => inventory.skipped),
    lockfiles: inventories.flatMap((inventory) => inventory.lockfiles),
  };
}

/** Runs the secret scanner over the chosen source: stdin, the tree, or the git output. */
async function scanSources(
  options: ScanOptions,
  ruleSet: SecretRuleSet,
  source: { targets: string[]; readsStdin: boolean; gitOutput: GitOutput | undefined; diagnostics: Diagnostic[] },
): Promise<{ result?: SecretTaskResult; commits?: number }> {
  const { targets, readsStdin, gitOutput, diagnostics } = source;
  const scanner = new SecretScanner(ruleSet, {
    threads: readsStdin || options.mode === 'staged' ? 1 : options.threads,
  });
  const sourceOptions = { scanner, diagnostics, onProgress: options.onProgress };
  try {
    if (readsStdin) return { result: await scanStdin(options.stdin ?? process.stdin, sourceOptions) };
    if (options.mode === 'tree')
      return { result: await scanTree(treeTargets(targets, options.cwd), options, sourceOptions) };
    if (!gitOutput) return {};
    if (options.mode === 'staged') return { result: (await scanStaged(gitOutput, sourceOptions)).result };
    return await scanHistory(gitOutput, sourceOptions);
  } finally {
    await scanner.close();
  }
}

async function gitRepository(dir: string, mode: string, diagnostics: Diagnostic[]): Promise<string | undefined> {
  try {
    return await repositoryRoot(dir);
  } catch (error) {
    const e = error as PavedError;
    diagnostics.push({
      level: 'error',
      code: 'not-a-git-repository',
      path: e.path,
      message: `--${mode} needs a git repository: ${e.message}`,
      hint: e.hint,
    });
    return undefined;
  }
}

function binarySummary(paths: string[]): Diagnostic {
  const shown = paths.slice(0, 5).join(', ');
  return {
    level: 'info',
    code: 'binary-skipped',
    message: `skipped ${paths.length} binary file${paths.length === 1 ? '' : 's'} (${shown}${paths.length > 5 ? ', ...' : ''})`,
  };
}

/** A scan failed as a whole when inputs were named but nothing could be read. */
export function nothingScanned(report: ScanReport): boolean {
  return report.stats.filesScanned === 0 && report.diagnostics.some((d) => d.level === 'error');
}
