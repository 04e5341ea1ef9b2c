import { compareDigits } from './compare-text.js';
import type { VersionScheme } from './scheme.js';

/**
 * Packagist (Composer) versions, ordered like PHP's version_compare, which Composer itself calls.
 * Written here because no listed library implements it.
 *
 * The version (minus a leading `v`) is cut into runs of digits and of letters; `.`, `-`, `_`, `+` and
 * any other punctuation only separate. Runs compare in turn: numbers by value, words by their special
 * form (any other word < dev < alpha = a < beta = b < RC = rc < # < pl = p = patch, matched on the
 * word's start), a number counting as `#` against a word. When one version runs out, the other is
 * greater if its next run is a number, else it is compared against `#` - so
 * `1.0-dev < 1.0a1 < 1.0RC1 < 1.0 < 1.0.0 < 1.0pl1`.
 *
 * Unlike Composer's normaliser, `1.0` and `1.0.0` are not padded to four numbers: PHP's order (and
 * the version-order fixtures) keep `1.0 < 1.0.0`. Words are matched without regard to case, as Composer
 * lower-cases stabilities, and `stable` is dropped, as Composer does. Numbers have no size limit.
 * `#` is PHP's marker for "a number"; a literal `#` in a version therefore equals any number, which is
 * the one place this order is not transitive (such strings are not valid Composer versions).
 */

const NUMBER_WEIGHT = 4;
/** Special forms by prefix, first match wins (PHP's table). */
const SPECIAL_FORMS: ReadonlyArray<readonly [string, number]> = [
  ['dev', 0],
  ['alpha', 1],
  ['a', 1],
  ['beta', 2],
  ['b', 2],
  ['rc', 3],
  ['#', NUMBER_WEIGHT],
  ['pl', 5],
  ['p', 5],
];
const UNKNOWN_WEIGHT = -6;
const AS_NUMBER = ['#'];

function weight(word: string): number {
  for (const [form, value] of SPECIAL_FORMS) if (word.startsWith(form)) return value;
  return UNKNOWN_WEIGHT;
}

function isNumber(run: string): boolean {
  const code = run.charCodeAt(0);
  return code >= 48 && code <= 57;
}

const RUNS = /\d+|[a-z#]+/g;

export function packagistRuns(version: string): string[] {
  const text = version
    .trim()
    .replace(/^v(?=\d)/i, '')
    .toLowerCase();
  return (text.match(RUNS) ?? []).filter((run) => run !== 'stable');
}

function compareRun(a: string, b: string): number {
  const aNumber = isNumber(a);
  const bNumber = isNumber(b);
  if (aNumber && bNumber) return compareDigits(a, b);
  return Math.sign((aNumber ? NUMBER_WEIGHT : weight(a)) - (bNumber ? NUMBER_WEIGHT : weight(b)));
}

function compareRuns(a: readonly string[], b: readonly string[]): number {
  const shared = Math.min(a.length, b.length);
  for (let i = 0; i < shared; i++) {
    const result = compareRun(a[i] as string, b[i] as string);
    if (result !== 0) return Math.sign(result);
  }
  if (a.length > b.length) return isNumber(a[shared] as string) ? 1 : compareRuns(a.slice(shared), AS_NUMBER);
  if (a.length < b.length) return isNumber(b[shared] as string) ? -1 : compareRuns(AS_NUMBER, b.slice(shared));
  return 0;
}

const STABILITY = '(?:[._-]?(?:stable|beta|b|rc|alpha|a|patch|pl|p)(?:[.-]?\\d+)*)?(?:[.-]?dev)?';
/** The shapes Composer's VersionParser::normalize accepts: up to four numbers, a stability, branches. */
const COMPOSER_VERSION = new RegExp(
  `^(?:v?\\d+(?:\\.\\d+){0,3}${STABILITY}|dev-\\S+|v?\\d+(?:\\.(?:\\d+|x|\\*)){0,3}[.-]dev)$`,
  'i',
);

export const packagistScheme: VersionScheme = {
  ecosystem: 'Packagist',
  isValid: (version) => COMPOSER_VERSION.test(version.trim()),
  compare: (a, b) => compareRuns(packagistRuns(a), packagistRuns(b)),
};
