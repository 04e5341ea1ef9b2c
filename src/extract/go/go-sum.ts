import type { ComponentHash } from '../component.js';

/**
 * go.sum's module hashes, by `module@version`. Only the `h1:` hash of the module's file tree is kept:
 * `/go.mod` lines hash just the module's go.mod file, not what is built. `h1:` is base64 SHA-256
 * (https://go.dev/ref/mod#go-sum-files). Lines that do not have that shape are ignored: go.sum is
 * a cache of checksums, and a damaged one must not stop the go.mod from being read.
 */
export function parseGoSum(text: string): Map<string, ComponentHash> {
  const hashes = new Map<string, ComponentHash>();
  for (const line of text.split('\n')) {
    const [module, version, hash, extra] = line.trim().split(/\s+/);
    if (!module || !version || !hash || extra !== undefined) continue;
    if (version.endsWith('/go.mod') || !hash.startsWith('h1:')) continue;
    const digest = Buffer.from(hash.slice(3), 'base64');
    if (digest.length !== 32) continue;
    hashes.set(`${module}@${version}`, { algorithm: 'SHA-256', value: digest.toString('hex') });
  }
  return hashes;
}
