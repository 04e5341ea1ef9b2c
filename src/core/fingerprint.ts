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

/**
 * Fingerprint of a vulnerability finding: advisory + package URL (without qualifiers), not the lockfile
 * line, so the finding keeps its identity while the lockfile changes around it; the same vulnerable
 * package in two lockfiles is one problem.
 */
export function vulnerabilityFingerprint(advisoryId: string, purl: string): string {
  const identity = purl.split('?')[0] as string;
  return `${advisoryId}:${sha256Hex([advisoryId, identity]).slice(0, 32)}`;
}
