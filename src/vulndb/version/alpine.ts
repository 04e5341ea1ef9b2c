import { compareText } from '../../core/compare.js';
import { compareDigits } from './compare-text.js';
import type { VersionScheme } from './scheme.js';

/**
 * Alpine package versions, ordered like apk-tools; no listed library implements it.
 * Shape: `number{.number}[letter]{_suffix[number]}[~hash][-r number]`, suffixes
 * `_alpha < _beta < _pre < _rc < (none) < _cvs < _svn < _git < _hg < _p`.
 *
 * The part before any `-` is read as apk 3 reads it: tokens in that order, each compared by value
 * (numbers by value, except that a number after a dot starting with `0` compares as text, as in
 * Gentoo), and where one version goes on and the other does not, the one that goes on is greater -
 * unless it goes on with a pre-release suffix. A character that does not fit the shape (upper-case
 * letter, second letter, unknown suffix, dot without digits...) ends the version there, below any
 * valid continuation; two versions broken at the same point are ordered by their unread text, where
 * apk would call them equal (that keeps one total order, and the OSV fixtures expect it).
 *
 * The revision is `-r` and digits (`-r` alone is `-r0`, as apk 2 reads it). Any other text from the
 * first `-` on is a broken revision, all of them equal and below no revision; no revision is below
 * `-r0`. This is what OSV's version-order fixtures require; apk itself differs on such broken strings
 * between releases.
 */

/** Token types in the order they may appear; where two versions differ in type, the higher one is less. */
const Token = { Initial: 0, Digit: 1, Letter: 2, Suffix: 3, SuffixNumber: 4, Hash: 5, End: 7, Invalid: 8 } as const;
type Token = (typeof Token)[keyof typeof Token];

/** Suffix weights: pre-releases below NONE (no suffix), post-releases above it. */
const SUFFIXES: Readonly<Record<string, number>> = {
  alpha: 1,
  beta: 2,
  pre: 3,
  rc: 4,
  cvs: 6,
  svn: 7,
  git: 8,
  hg: 9,
  p: 10,
};
const NO_SUFFIX = 5;

interface Part {
  token: Token;
  /** Digits, the letter, the hash, or (for Invalid) the unread rest of the version. */
  text: string;
  suffix: number;
}

/** Where the revision stands: a broken one, none, or a proper `-rN`. */
const RevisionKind = { Broken: 0, None: 1, Present: 2 } as const;
type RevisionKind = (typeof RevisionKind)[keyof typeof RevisionKind];

interface AlpineVersion {
  parts: Part[];
  revisionKind: RevisionKind;
  revision: string;
}

const DIGITS = /^\d+/;
const LOWER = /^[a-z]+/;
const HEX = /^[0-9a-f]+/;

function parseMain(main: string): Part[] {
  const parts: Part[] = [];
  let rest = main;
  const push = (token: Token, text: string, length: number, suffix = NO_SUFFIX): void => {
    parts.push({ token, text, suffix });
    rest = rest.slice(length);
  };
  const first = DIGITS.exec(rest)?.[0];
  if (first === undefined) return [{ token: Token.Invalid, text: rest, suffix: NO_SUFFIX }];
  push(Token.Initial, first, first.length);
  for (;;) {
    const previous = (parts.at(-1) as Part).token;
    if (rest === '') {
      parts.push({ token: Token.End, text: '', suffix: NO_SUFFIX });
      return parts;
    }
    const char = rest[0] as string;
    const digits = DIGITS.exec(char === '.' ? rest.slice(1) : rest)?.[0];
    if (char >= 'a' && char <= 'z' && previous <= Token.Digit) {
      push(Token.Letter, char, 1);
    } else if (char === '.' && previous <= Token.Digit && digits !== undefined) {
      push(Token.Digit, digits, digits.length + 1);
    } else if (char >= '0' && char <= '9' && previous === Token.Suffix && digits !== undefined) {
      push(Token.SuffixNumber, digits, digits.length);
    } else if (char === '_' && previous <= Token.SuffixNumber) {
      const name = LOWER.exec(rest.slice(1))?.[0] ?? '';
      const suffix = SUFFIXES[name];
      if (suffix === undefined) break;
      push(Token.Suffix, name, name.length + 1, suffix);
    } else if (char === '~' && previous < Token.Hash) {
      const hash = HEX.exec(rest.slice(1))?.[0];
      if (hash === undefined) break;
      push(Token.Hash, hash, hash.length + 1);
    } else {
      break;
    }
  }
  parts.push({ token: Token.Invalid, text: rest, suffix: NO_SUFFIX });
  return parts;
}

const REVISION = /^-r(\d*)$/;

export function parseAlpine(version: string): AlpineVersion {
  const dash = version.indexOf('-');
  const parts = parseMain(dash === -1 ? version : version.slice(0, dash));
  if (dash === -1) return { parts, revisionKind: RevisionKind.None, revision: '0' };
  const revision = REVISION.exec(version.slice(dash));
  if (!revision) return { parts, revisionKind: RevisionKind.Broken, revision: '0' };
  return { parts, revisionKind: RevisionKind.Present, revision: revision[1] || '0' };
}

function comparePartValues(a: Part, b: Part): number {
  switch (a.token) {
    case Token.Digit:
      if (a.text.startsWith('0') || b.text.startsWith('0')) return compareText(a.text, b.text);
      return compareDigits(a.text, b.text);
    case Token.Initial:
    case Token.SuffixNumber:
      return compareDigits(a.text, b.text);
    case Token.Suffix:
      return a.suffix - b.suffix;
    default:
      return compareText(a.text, b.text);
  }
}

function compareRevisions(a: AlpineVersion, b: AlpineVersion): number {
  return compareDigits(a.revision, b.revision) || a.revisionKind - b.revisionKind;
}

export function compareAlpine(a: string, b: string): number {
  const x = parseAlpine(a);
  const y = parseAlpine(b);
  for (let i = 0; ; i++) {
    const left = x.parts[i] as Part;
    const right = y.parts[i] as Part;
    if (left.token !== right.token) {
      // The version that goes on is greater, unless it goes on with a pre-release suffix.
      if (left.token === Token.Suffix && left.suffix < NO_SUFFIX) return -1;
      if (right.token === Token.Suffix && right.suffix < NO_SUFFIX) return 1;
      return left.token > right.token ? -1 : 1;
    }
    const result = comparePartValues(left, right);
    if (result !== 0) return Math.sign(result);
    if (left.token === Token.End || left.token === Token.Invalid) return compareRevisions(x, y);
  }
}

/** apk 3's validation: the whole shape, and a revision with digits. */
function isAlpine(version: string): boolean {
  const dash = version.indexOf('-');
  const main = parseMain(dash === -1 ? version : version.slice(0, dash));
  return (main.at(-1) as Part).token === Token.End && (dash === -1 || /^-r\d+$/.test(version.slice(dash)));
}

export const alpineScheme: VersionScheme = {
  ecosystem: 'Alpine',
  isValid: isAlpine,
  compare: compareAlpine,
};
