import type { ComponentHash } from '../component.js';

/** SRI algorithm prefixes, with CycloneDX's name and the digest length in bytes (to reject garbage). */
const SRI_ALGORITHMS: Record<string, { algorithm: ComponentHash['algorithm']; bytes: number }> = {
  md5: { algorithm: 'MD5', bytes: 16 },
  sha1: { algorithm: 'SHA-1', bytes: 20 },
  sha256: { algorithm: 'SHA-256', bytes: 32 },
  sha384: { algorithm: 'SHA-384', bytes: 48 },
  sha512: { algorithm: 'SHA-512', bytes: 64 },
};

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Hex digests of a Subresource Integrity string (`sha512-<base64>`, possibly several separated by
 * spaces, each possibly followed by `?options`). Entries that are not valid SRI are left out.
 */
export function hashesFromIntegrity(integrity: unknown): ComponentHash[] {
  if (typeof integrity !== 'string') return [];
  const hashes: ComponentHash[] = [];
  for (const token of integrity.trim().split(/\s+/)) {
    const dash = token.indexOf('-');
    if (dash === -1) continue;
    const known = SRI_ALGORITHMS[token.slice(0, dash).toLowerCase()];
    const base64 = token.slice(dash + 1).split('?')[0] as string;
    if (!known || !BASE64.test(base64)) continue;
    const digest = Buffer.from(base64, 'base64');
    if (digest.length !== known.bytes) continue;
    hashes.push({ algorithm: known.algorithm, value: digest.toString('hex') });
  }
  return hashes;
}

/** The SHA-1 that yarn v1 appends to registry tarball URLs (`...tgz#<40 hex>`). */
export function sha1FromResolvedUrl(resolved: unknown): ComponentHash[] {
  if (typeof resolved !== 'string') return [];
  const match = /#([0-9a-fA-F]{40})$/.exec(resolved);
  return match ? [{ algorithm: 'SHA-1', value: (match[1] as string).toLowerCase() }] : [];
}

/** One digest per algorithm (the first given wins): yarn may record the same SHA-1 twice. */
export function uniqueHashes(hashes: ComponentHash[]): ComponentHash[] | undefined {
  if (hashes.length === 0) return undefined;
  const seen = new Set<string>();
  return hashes.filter((hash) => !seen.has(hash.algorithm) && seen.add(hash.algorithm));
}
