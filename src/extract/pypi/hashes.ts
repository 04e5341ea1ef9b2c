import type { ComponentHash } from '../component.js';

/** Algorithm prefixes Python tools write (`sha256:...`), with CycloneDX's name and the digest's hex length. */
const ALGORITHMS: Record<string, { algorithm: ComponentHash['algorithm']; length: number }> = {
  md5: { algorithm: 'MD5', length: 32 },
  sha1: { algorithm: 'SHA-1', length: 40 },
  sha256: { algorithm: 'SHA-256', length: 64 },
  sha384: { algorithm: 'SHA-384', length: 96 },
  sha512: { algorithm: 'SHA-512', length: 128 },
};

/**
 * `sha256:<hex>` (pip, poetry, uv, pdm, Pipfile.lock) as a component hash; undefined when the algorithm is
 * unknown or the digest is not hex of the algorithm's length (a placeholder is not a digest).
 */
export function parseHash(text: string): ComponentHash | undefined {
  const separator = text.search(/[:=]/);
  if (separator === -1) return undefined;
  const known = ALGORITHMS[text.slice(0, separator).trim().toLowerCase()];
  const value = text
    .slice(separator + 1)
    .trim()
    .toLowerCase();
  if (!known || value.length !== known.length || !/^[0-9a-f]+$/.test(value)) return undefined;
  return { algorithm: known.algorithm, value };
}

/** The valid, distinct hashes among `texts`; undefined when there are none (so the field is left out). */
export function hashesOf(texts: Iterable<unknown>): ComponentHash[] | undefined {
  const byValue = new Map<string, ComponentHash>();
  for (const text of texts) {
    const hash = typeof text === 'string' ? parseHash(text) : undefined;
    if (hash) byValue.set(`${hash.algorithm}:${hash.value}`, hash);
  }
  return byValue.size > 0 ? [...byValue.values()] : undefined;
}
