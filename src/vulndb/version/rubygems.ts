import { valid } from '@renovatebot/ruby-semver';
import { compareText } from '../../core/compare.js';
import { compareDigits } from './compare-text.js';
import type { VersionScheme } from './scheme.js';

/**
 * RubyGems' Gem::Version order. Validity comes from @renovatebot/ruby-semver; the comparison is written
 * here because that library reads segments with parseInt (two numbers past 2^53 compare equal) and
 * orders words with localeCompare (locale-dependent; Ruby compares bytes).
 *
 * A version is its runs of digits and letters (`-` reads as `.pre.`). Trailing zeros are dropped from the
 * numeric release part and from the part after the first word; then segments compare in turn, missing
 * ones counting as 0, a word before any number (so `1.0.a < 1.0`), words byte-wise.
 * Strings Gem::Version rejects (like `1beta`) are ordered by the same segments rather than refused,
 * which keeps one total order.
 */

type Segment = string;

const SEGMENTS = /[0-9]+|[a-z]+/gi;

function isNumber(segment: Segment): boolean {
  const code = segment.charCodeAt(0);
  return code >= 48 && code <= 57;
}

function dropTrailingZeros(segments: Segment[]): Segment[] {
  let end = segments.length;
  while (end > 0 && isNumber(segments[end - 1] as Segment) && /^0+$/.test(segments[end - 1] as Segment)) end--;
  return segments.slice(0, end);
}

export function canonicalSegments(version: string): Segment[] {
  const segments = version.trim().replaceAll('-', '.pre.').match(SEGMENTS) ?? [];
  const firstWord = segments.findIndex((segment) => !isNumber(segment));
  if (firstWord === -1) return dropTrailingZeros(segments);
  return [...dropTrailingZeros(segments.slice(0, firstWord)), ...dropTrailingZeros(segments.slice(firstWord))];
}

function compareSegment(a: Segment, b: Segment): number {
  const aNumber = isNumber(a);
  const bNumber = isNumber(b);
  if (aNumber && bNumber) return compareDigits(a, b);
  if (aNumber !== bNumber) return aNumber ? 1 : -1;
  return compareText(a, b);
}

export function compareRubyGems(a: string, b: string): number {
  const x = canonicalSegments(a);
  const y = canonicalSegments(b);
  const length = Math.max(x.length, y.length);
  for (let i = 0; i < length; i++) {
    const result = compareSegment(x[i] ?? '0', y[i] ?? '0');
    if (result !== 0) return result;
  }
  return 0;
}

export const rubyGemsScheme: VersionScheme = {
  ecosystem: 'RubyGems',
  isValid: (version) => valid(version) !== null,
  compare: compareRubyGems,
};
