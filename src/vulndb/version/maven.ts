import { compareText } from '../../core/compare.js';
import { compareDigits } from './compare-text.js';
import type { VersionScheme } from './scheme.js';

/**
 * Maven version order, as the POM reference's "Version Order Specification" describes it and
 * maven-artifact's ComparableVersion implements it. Written here because no maintained JavaScript
 * library implements it.
 *
 * The version is cut into tokens at `.`, `-` and every switch between digits and letters (a switch
 * counts as `-`); an empty token is `0`. Qualifiers order as alpha < beta < milestone < rc = cr <
 * snapshot < "" = ga = final = release < sp < anything else (alphabetically), and `a`, `b`, `m`
 * directly followed by a digit mean alpha, beta, milestone. Null tokens (0 and the release
 * qualifiers) are dropped at the end and before each `-` or qualifier ("trimmed at each hyphen").
 * Tokens then compare in turn: qualifiers < `-number` < `.number`, numbers by value, and a version
 * that has run out counts as the release qualifier.
 *
 * ComparableVersion itself is not transitive (Maven 3.9 orders 1.sp.1 < 1.0.alpha < 1 < 1.sp.1),
 * because it nests `-` parts into sub-lists whose comparison ignores what a shorter version would
 * be padded with. This flat reading is a total order; it agrees with Maven 3.9 on ordinary versions
 * (see maven.test.ts) and treats `.qualifier` like `-qualifier`, as the specification says.
 * Every string is a Maven version; there is no invalid input.
 */

const QUALIFIERS = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp'];
const ALIASES: Readonly<Record<string, string>> = { ga: '', final: '', release: '', cr: 'rc' };
const SHORTHANDS: Readonly<Record<string, string>> = { a: 'alpha', b: 'beta', m: 'milestone' };
const RELEASE_RANK = String(QUALIFIERS.indexOf(''));

/** Token classes in ascending order. */
const QUALIFIER = 0;
const HYPHEN_NUMBER = 1;
const DOT_NUMBER = 2;

interface MavenToken {
  kind: typeof QUALIFIER | typeof HYPHEN_NUMBER | typeof DOT_NUMBER;
  /** Digits without leading zeros, or the qualifier's rank. */
  value: string;
}

/** The version a shorter version is padded with. */
const PADDING: MavenToken = { kind: QUALIFIER, value: RELEASE_RANK };

/** Known qualifiers rank by position; unknown ones after all of them, alphabetically. */
function qualifierRank(text: string, followedByDigit: boolean): string {
  const expanded = followedByDigit ? (SHORTHANDS[text] ?? text) : text;
  const name = ALIASES[expanded] ?? expanded;
  const index = QUALIFIERS.indexOf(name);
  return index === -1 ? `${QUALIFIERS.length}-${name}` : String(index);
}

function isDigit(char: string | undefined): boolean {
  return char !== undefined && char >= '0' && char <= '9';
}

function isNull(token: MavenToken): boolean {
  return token.kind === QUALIFIER ? token.value === RELEASE_RANK : token.value === '0';
}

/** The raw tokens, each with the separator before it (`-` for a digit/letter switch). */
function tokenize(version: string): MavenToken[] {
  const text = version.toLowerCase();
  const tokens: MavenToken[] = [];
  let separator = '.';
  let start = 0;
  const close = (end: number): void => {
    const piece = text.slice(start, end);
    if (piece === '' || isDigit(piece[0])) {
      const digits = piece.replace(/^0+(?=\d)/, '') || '0';
      tokens.push({ kind: separator === '-' ? HYPHEN_NUMBER : DOT_NUMBER, value: digits });
    } else {
      tokens.push({ kind: QUALIFIER, value: qualifierRank(piece, isDigit(text[end])) });
    }
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (char === '.' || char === '-') {
      close(i);
      separator = char;
      start = i + 1;
    } else if (i > start && isDigit(char) !== isDigit(text[i - 1])) {
      close(i);
      separator = '-';
      start = i;
    }
  }
  if (start < text.length) close(text.length);
  return tokens;
}

/** Drops null tokens at the end and before every qualifier or `-number`, from the end backwards. */
export function mavenTokens(version: string): MavenToken[] {
  const kept: MavenToken[] = [];
  const tokens = tokenize(version);
  for (let i = tokens.length - 1; i >= 0; i--) {
    const token = tokens[i] as MavenToken;
    const next = kept.at(-1);
    if (isNull(token) && (next === undefined || next.kind !== DOT_NUMBER)) continue;
    kept.push(token);
  }
  return kept.reverse();
}

function compareTokens(a: MavenToken, b: MavenToken): number {
  if (a.kind !== b.kind) return a.kind - b.kind;
  return a.kind === QUALIFIER ? compareText(a.value, b.value) : compareDigits(a.value, b.value);
}

export function compareMaven(a: string, b: string): number {
  const x = mavenTokens(a);
  const y = mavenTokens(b);
  const length = Math.max(x.length, y.length);
  for (let i = 0; i < length; i++) {
    const result = compareTokens(x[i] ?? PADDING, y[i] ?? PADDING);
    if (result !== 0) return Math.sign(result);
  }
  return 0;
}

export const mavenScheme: VersionScheme = {
  ecosystem: 'Maven',
  // Maven accepts any string as a version; only blank ones and whitespace are refused here.
  isValid: (version) => /^\S+$/.test(version),
  compare: compareMaven,
};
