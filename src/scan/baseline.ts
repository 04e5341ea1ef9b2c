import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '../core/atomic-write.js';
import { PavedError } from '../core/errors.js';
import type { Finding } from '../core/model.js';

/**
 * A baseline lists the fingerprints of accepted findings. Secret fingerprints are derived from rule,
 * file and the secret itself (not the line), so moving code keeps the baseline valid.
 */
export interface BaselineFile {
  version: 1;
  tool: 'paved';
  createdAt: string;
  findings: { fingerprint: string; ruleId: string; path: string }[];
}

export function writeBaseline(path: string, findings: Finding[], now = new Date()): number {
  const entries = new Map<string, BaselineFile['findings'][number]>();
  for (const f of findings)
    entries.set(f.fingerprint, { fingerprint: f.fingerprint, ruleId: f.ruleId, path: f.location.path });
  const sorted = [...entries.values()].sort((a, b) => a.fingerprint.localeCompare(b.fingerprint));
  const baseline: BaselineFile = { version: 1, tool: 'paved', createdAt: now.toISOString(), findings: sorted };
  writeFileAtomic(path, `${JSON.stringify(baseline, null, 2)}\n`);
  return sorted.length;
}

export function readBaseline(path: string): Set<string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new PavedError('USAGE', `cannot read baseline: ${(error as Error).message}`, {
      path,
      hint: 'create one with `paved baseline --output FILE`',
    });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new PavedError('INPUT', `baseline is not valid JSON: ${(error as Error).message}`, {
      path,
      hint: 'regenerate it with `paved baseline --output FILE`',
    });
  }
  const findings = (parsed as Partial<BaselineFile>)?.findings;
  if (!Array.isArray(findings) || findings.some((f) => typeof f?.fingerprint !== 'string')) {
    throw new PavedError('INPUT', 'baseline has no "findings" list of fingerprints', {
      path,
      hint: 'regenerate it with `paved baseline --output FILE`',
    });
  }
  return new Set(findings.map((f) => f.fingerprint));
}
