import { compareCodeUnits, compareDigits } from './compare-text.js';
import type { VersionScheme } from './scheme.js';

/**
 * Maven's version order (maven-artifact's ComparableVersion, described in the POM reference's
 * "Version Order Specification"). Written here because no maintained JavaScript library implements it.
 *
 * A version becomes a tree of items: numbers, qualifiers and sub-lists. `.` separates items in a list;
 * `-` and a switch between digits and letters open a nested list. Trailing "null" items (0, "", "ga",
 * "final", "release") are dropped from every list. Qualifiers order as
 * alpha < beta < milestone < rc = cr < snapshot < "" = ga = final = release < sp < anything else
 * (alphabetically), and `a`, `b`, `m` directly followed by a digit mean alpha, beta, milestone.
 * Every string is a Maven version; there is no invalid input.
 */

type Item = { kind: 'number'; digits: string } | { kind: 'qualifier'; value: string } | { kind: 'list'; items: Item[] };

const QUALIFIERS = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp'];
const ALIASES: Readonly<Record<string, string>> = { ga: '', final: '', release: '', cr: 'rc' };
const SHORTHANDS: Readonly<Record<string, string>> = { a: 'alpha', b: 'beta', m: 'milestone' };
const RELEASE_RANK = String(QUALIFIERS.indexOf(''));
const ZERO: Item = { kind: 'number', digits: '0' };

function numberItem(digits: string): Item {
  return { kind: 'number', digits: digits.replace(/^0+(?=\d)/, '') };
}

function qualifierItem(text: string, followedByDigit: boolean): Item {
  const value = followedByDigit ? (SHORTHANDS[text] ?? text) : text;
  return { kind: 'qualifier', value: ALIASES[value] ?? value };
}

/** Known qualifiers rank by position; unknown ones after all of them, alphabetically. */
function qualifierRank(value: string): string {
  const index = QUALIFIERS.indexOf(value);
  return index === -1 ? `${QUALIFIERS.length}-${value}` : String(index);
}

function isNull(item: Item): boolean {
  switch (item.kind) {
    case 'number':
      return item.digits === '0';
    case 'qualifier':
      return qualifierRank(item.value) === RELEASE_RANK;
    case 'list':
      return item.items.length === 0;
  }
}

/** Drops trailing null items; stops at the first non-null that is not a list. */
function normalize(items: Item[]): void {
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i] as Item;
    if (isNull(item)) items.splice(i, 1);
    else if (item.kind !== 'list') break;
  }
}

/**
 * `1-ga-1`: once `ga` is trimmed, the list opened by the first `-` holds only the list opened by the
 * second. The specification trims nulls "at each hyphen", which makes that `1-1`; ComparableVersion keeps
 * the extra nesting (and orders `1-ga-1` before `1-1`). The specification's reading is followed here, as
 * OSV's version-order fixtures expect; the top-level list is left alone (`0-1` stays below `1`).
 */
function hoistSoleList(items: Item[]): void {
  const only = items[0];
  if (items.length === 1 && only?.kind === 'list') items.splice(0, 1, ...only.items);
}

function isDigit(char: string): boolean {
  return char >= '0' && char <= '9';
}

export function parseMaven(version: string): Item {
  const text = version.toLowerCase();
  const root: Item[] = [];
  const lists: Item[][] = [root];
  let list = root;
  let inDigits = false;
  let start = 0;
  const item = (end: number): Item => {
    const piece = text.slice(start, end);
    return inDigits ? numberItem(piece) : qualifierItem(piece, false);
  };
  const openList = (): void => {
    const nested: Item[] = [];
    list.push({ kind: 'list', items: nested });
    list = nested;
    lists.push(nested);
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (char === '.' || char === '-') {
      list.push(i === start ? ZERO : item(i));
      start = i + 1;
      if (char === '-') openList();
    } else if (isDigit(char)) {
      if (!inDigits && i > start) {
        list.push(qualifierItem(text.slice(start, i), true));
        start = i;
        openList();
      }
      inDigits = true;
    } else {
      if (inDigits && i > start) {
        list.push(item(i));
        start = i;
        openList();
      }
      inDigits = false;
    }
  }
  if (text.length > start) list.push(item(text.length));
  // Innermost lists first, so an emptied sub-list is itself trimmed from its parent.
  for (let i = lists.length - 1; i > 0; i--) {
    const nested = lists[i] as Item[];
    normalize(nested);
    hoistSoleList(nested);
  }
  normalize(root);
  return { kind: 'list', items: root };
}

/** Compares an item with another or with padding (`null`), as ComparableVersion's items do. */
function compareItem(a: Item, b: Item | null): number {
  switch (a.kind) {
    case 'number':
      if (b === null) return a.digits === '0' ? 0 : 1;
      return b.kind === 'number' ? compareDigits(a.digits, b.digits) : 1;
    case 'qualifier':
      if (b === null) return compareCodeUnits(qualifierRank(a.value), RELEASE_RANK);
      return b.kind === 'qualifier' ? compareCodeUnits(qualifierRank(a.value), qualifierRank(b.value)) : -1;
    case 'list':
      if (b === null) {
        for (const item of a.items) {
          const result = compareItem(item, null);
          if (result !== 0) return result;
        }
        return 0;
      }
      if (b.kind === 'number') return -1;
      if (b.kind === 'qualifier') return 1;
      return compareLists(a.items, b.items);
  }
}

function compareLists(a: Item[], b: Item[]): number {
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const left = a[i];
    const right = b[i];
    const result =
      left === undefined ? (right === undefined ? 0 : -compareItem(right, null)) : compareItem(left, right ?? null);
    if (result !== 0) return result;
  }
  return 0;
}

export const mavenScheme: VersionScheme = {
  ecosystem: 'Maven',
  // Maven accepts any string as a version; only blank ones and whitespace are refused here.
  isValid: (version) => /^\S+$/.test(version),
  compare: (a, b) => compareItem(parseMaven(a), parseMaven(b)),
};
