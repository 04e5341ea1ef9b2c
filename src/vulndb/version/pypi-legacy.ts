/**
 * Ordering of strings that are not PEP 440 versions, the way setuptools' pkg_resources and
 * `packaging` before 22 did (their "LegacyVersion"): such versions sort before every PEP 440 version,
 * and among themselves by a key of zero-padded numbers and tagged words. PyPI still serves releases
 * published under those rules, and advisories can name them. No listed library implements it
 * (@renovatebot/pep440 rejects these strings), so it is written here.
 */

const PARTS = /\d+|[a-z]+|\.|-/g;
const REPLACEMENTS: Readonly<Record<string, string>> = { pre: 'c', preview: 'c', '-': 'final-', rc: 'c', dev: '@' };
const FINAL = '*final';
const ZERO = '00000000';

/** The pieces of the version: matched runs plus any other characters between them. */
function pieces(version: string): string[] {
  const out: string[] = [];
  let last = 0;
  for (const match of version.matchAll(PARTS)) {
    if (match.index > last) out.push(version.slice(last, match.index));
    out.push(match[0]);
    last = match.index + match[0].length;
  }
  if (last < version.length) out.push(version.slice(last));
  return out;
}

function tagged(version: string): string[] {
  const out: string[] = [];
  for (const piece of pieces(version)) {
    const part = REPLACEMENTS[piece] ?? piece;
    if (part === '' || part === '.') continue;
    // Numbers are padded so that string order is numeric order (up to 8 digits, as the original).
    out.push(part[0] !== undefined && part[0] >= '0' && part[0] <= '9' ? part.padStart(8, '0') : `*${part}`);
  }
  out.push(FINAL);
  return out;
}

/** The comparison key: trailing zeros and a dash before a pre-release word do not count. */
export function legacyKey(version: string): string[] {
  const key: string[] = [];
  for (const part of tagged(version.toLowerCase())) {
    if (part.startsWith('*')) {
      if (part < FINAL) while (key.at(-1) === '*final-') key.pop();
      while (key.at(-1) === ZERO) key.pop();
    }
    key.push(part);
  }
  return key;
}

export function compareLegacy(a: string, b: string): number {
  const x = legacyKey(a);
  const y = legacyKey(b);
  const shared = Math.min(x.length, y.length);
  for (let i = 0; i < shared; i++) {
    const left = x[i] as string;
    const right = y[i] as string;
    if (left !== right) return left < right ? -1 : 1;
  }
  return x.length - y.length;
}
