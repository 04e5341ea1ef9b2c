import { createHash } from 'node:crypto';

function sha256Hex(parts: readonly string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) {
    hash.update(part);
    hash.update('\0');
  }
  return hash.digest('hex');
}

/**
 * Fingerprint of a secret finding: rule + file + the secret itself, never the line, so moving code
 * keeps the fingerprint (baselines and triage state survive refactors). The raw secret only enters a
 * one-way hash.
 */
export function secretFingerprint(ruleId: string, path: string, secret: string): string {
  return `${ruleId}:${sha256Hex([ruleId, path, secret]).slice(0, 32)}`;
}
