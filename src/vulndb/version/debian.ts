import { compareDigits } from './compare-text.js';
import type { VersionScheme } from './scheme.js';

/**
 * Debian package versions, ordered by dpkg's algorithm (deb-version(7)); no listed library implements it.
 * `[epoch:]upstream[-revision]`: epochs compare as numbers, then upstream, then revision (missing = "0"),
 * each by alternating non-digit runs (letters before other characters, `~` before anything, even the
 * end of the string) and digit runs (by value). The comparison is defined for any string.
 */

const VALID = /^(?:\d+:)?\d[A-Za-z0-9.+~:-]*$/;

interface DebianVersion {
  epoch: string;
  upstream: string;
  revision: string;
}

function parse(version: string): DebianVersion {
  const text = version.trim();
  const epochMatch = /^(\d+):/.exec(text);
  const epoch = epochMatch ? (epochMatch[1] as string) : '0';
  const rest = epochMatch ? text.slice(epochMatch[0].length) : text;
  const dash = rest.lastIndexOf('-');
  if (dash === -1) return { epoch, upstream: rest, revision: '' };
  return { epoch, upstream: rest.slice(0, dash), revision: rest.slice(dash + 1) };
}

function isDigit(char: string | undefined): boolean {
  return char !== undefined && char >= '0' && char <= '9';
}

function isLetter(char: string): boolean {
  return (char >= 'A' && char <= 'Z') || (char >= 'a' && char <= 'z');
}

/** Weight of one character in a non-digit run; `undefined` is the end of the string. */
function order(char: string | undefined): number {
  if (char === undefined || isDigit(char)) return 0;
  if (char === '~') return -1;
  if (isLetter(char)) return char.charCodeAt(0);
  return char.charCodeAt(0) + 256;
}

/** dpkg's verrevcmp. */
export function compareDebianPart(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while ((i < a.length && !isDigit(a[i])) || (j < b.length && !isDigit(b[j]))) {
      const difference = order(a[i]) - order(b[j]);
      if (difference !== 0) return Math.sign(difference);
      i++;
      j++;
    }
    let aEnd = i;
    while (isDigit(a[aEnd])) aEnd++;
    let bEnd = j;
    while (isDigit(b[bEnd])) bEnd++;
    const result = compareDigits(a.slice(i, aEnd) || '0', b.slice(j, bEnd) || '0');
    if (result !== 0) return result;
    i = aEnd;
    j = bEnd;
  }
  return 0;
}

export const debianScheme: VersionScheme = {
  ecosystem: 'Debian',
  isValid: (version) => VALID.test(version.trim()),
  compare(a, b) {
    const x = parse(a);
    const y = parse(b);
    return (
      compareDigits(x.epoch, y.epoch) ||
      compareDebianPart(x.upstream, y.upstream) ||
      compareDebianPart(x.revision, y.revision)
    );
  },
};
