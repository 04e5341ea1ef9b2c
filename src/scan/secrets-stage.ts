import { resolve } from 'node:path';
import type { Diagnostic, RuleDescriptor } from '../core/model.js';
import { describeSecretRule } from '../secrets/findings.js';
import { loadSecretConfig } from '../secrets/gitleaks-config.js';
import type { SecretRuleSet } from '../secrets/rule.js';
import { BUILTIN_RULES } from '../secrets/rules/index.js';
import { SecretScanner } from '../secrets/scanner.js';
import { scanHistory, scanStaged, scanStdin, scanTree } from '../secrets/sources.js';
import type { SecretTaskResult } from '../secrets/task.js';
import type { GitOutput } from './git.js';
import type { ScanOptions } from './pipeline.js';
import { treeTargets } from './targets.js';

/** What the secrets scanner gives the report. */
export interface SecretsStageResult {
  result?: SecretTaskResult;
  commits?: number;
  /** Describes a rule by id, for the report's rule list. */
  describe: (ruleId: string) => RuleDescriptor | undefined;
}

/**
 * The secrets scanner: loads the rules (built-in and the project's gitleaks config) and scans the chosen
 * source. A module of its own so that scans without it never load the rules.
 */
export async function runSecretsStage(
  options: ScanOptions,
  source: {
    targets: string[];
    readsStdin: boolean;
    gitOutput: GitOutput | undefined;
    configRoot: string;
    diagnostics: Diagnostic[];
  },
): Promise<SecretsStageResult> {
  const config = await loadSecretConfig({
    configPath: options.configPath ? resolve(options.cwd, options.configPath) : undefined,
    scanRoot: source.configRoot,
    builtin: BUILTIN_RULES,
  });
  source.diagnostics.push(...config.diagnostics);
  const scanned = await scanSources(options, config.ruleSet, source);
  const byId = new Map(config.ruleSet.rules.map((rule) => [rule.id, rule]));
  return {
    ...scanned,
    describe: (ruleId) => {
      const rule = byId.get(ruleId);
      return rule ? describeSecretRule(rule) : undefined;
    },
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
