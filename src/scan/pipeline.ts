import { resolve } from 'node:path';
import { PavedError } from '../core/errors.js';
import { isDirectory } from '../core/fs.js';
import type { Diagnostic, Finding, Inventory, RuleDescriptor, ScanReport } from '../core/model.js';
import { sortFindings } from '../report/order.js';
import type { ProgressEvent } from '../secrets/sources.js';
import { VERSION } from '../version.js';
import { readBaseline } from './baseline.js';
import { GitOutput, historyArgs, repositoryRoot, stagedDiffArgs } from './git.js';
import type { SecretsStageResult } from './secrets-stage.js';

export const SCANNERS = ['secrets', 'deps', 'vulns'] as const;
export type ScannerName = (typeof SCANNERS)[number];

export interface ScanOptions {
  /** Files and directories to scan; `-` reads standard input. Defaults to the current directory. */
  targets: string[];
  cwd: string;
  mode: 'tree' | 'staged' | 'history';
  scanners: ScannerName[];
  /** A gitleaks-format config; otherwise `.gitleaks.toml` at the scan root is used when present. */
  configPath?: string;
  /** The vulnerability database (default: PAVED_DB, else the user cache folder). */
  dbPath?: string;
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
    // Each scanner's code is loaded only when it runs: a deps-only scan never compiles the secret rules.
    const secrets = runsSecrets
      ? await (await import('./secrets-stage.js')).runSecretsStage(options, {
          targets,
          readsStdin,
          gitOutput,
          configRoot: repo ?? scanRoot,
          diagnostics,
        })
      : undefined;
    const runsVulns = options.scanners.includes('vulns');
    const inventory =
      options.scanners.includes('deps') || runsVulns
        ? await (await import('./deps-stage.js')).scanDependencies(options, { targets, readsStdin, diagnostics })
        : undefined;
    const vulnerabilities =
      runsVulns && inventory && inventory.components.length > 0
        ? await checkVulnerabilities(inventory, options.dbPath, diagnostics)
        : [];
    const scanned: Partial<SecretsStageResult> = secrets ?? {};

    diagnostics.push(...(scanned.result?.diagnostics ?? []));
    const { result } = scanned;
    if (result && result.binaryPaths.length > 0) diagnostics.push(binarySummary(result.binaryPaths));
    const findings = [...(result?.findings ?? []), ...vulnerabilities].filter((f) => !baseline?.has(f.fingerprint));
    const usedRules = new Set(findings.map((f) => f.ruleId));
    const advisories = describeAdvisories(vulnerabilities);
    return {
      tool: { name: 'paved', version: VERSION },
      startedAt: startedAt.toISOString(),
      targets,
      mode: readsStdin ? 'stdin' : options.mode,
      findings: sortFindings(findings),
      diagnostics,
      rules: [...usedRules].flatMap((id) => secrets?.describe(id) ?? advisories.get(id) ?? []),
      ...(inventory && options.scanners.includes('deps') ? { inventory } : {}),
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

/**
 * The vulns stage, loaded only when there is something to check. Its database driver is a native addon:
 * if it cannot load (a broken install), the scan says so and goes on without vulnerabilities.
 */
async function checkVulnerabilities(
  inventory: Inventory,
  dbPath: string | undefined,
  diagnostics: Diagnostic[],
): Promise<Finding[]> {
  let stage: typeof import('./vulns-stage.js');
  try {
    stage = await import('./vulns-stage.js');
  } catch (error) {
    diagnostics.push({
      level: 'warning',
      code: 'vulndb-unavailable',
      message: `vulnerabilities not checked: the database driver did not load (${(error as Error).message})`,
      hint: 'reinstall paved (npm install), which builds better-sqlite3 for this Node.js',
    });
    return [];
  }
  return stage.scanVulnerabilities(inventory, { dbPath, diagnostics });
}

/** Each vulnerability finding's advisory as a rule, by id (SARIF lists each rule once, with its help text). */
function describeAdvisories(findings: readonly Finding[]): Map<string, RuleDescriptor> {
  const rules = new Map<string, RuleDescriptor>();
  for (const finding of findings) {
    if (rules.has(finding.ruleId)) continue;
    rules.set(finding.ruleId, {
      id: finding.ruleId,
      kind: 'vulnerability',
      title: finding.title,
      severity: finding.severity,
      description: finding.title,
      remediation: 'Upgrade the package to a version that fixes the advisory (see each finding).',
      references: finding.references,
    });
  }
  return rules;
}

/** A scan failed as a whole when inputs were named but nothing could be read. */
export function nothingScanned(report: ScanReport): boolean {
  return report.stats.filesScanned === 0 && report.diagnostics.some((d) => d.level === 'error');
}
