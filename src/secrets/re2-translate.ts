import safeRegex from 'safe-regex2';
import { PavedError } from '../core/errors.js';

/**
 * Go RE2 → JavaScript regular expressions, for rules imported from gitleaks configurations.
 *
 * The Go source is parsed into a small syntax tree following RE2's grammar, then re-emitted as a
 * JavaScript pattern that matches the same strings. The output always uses the `u` flag: it makes `.`
 * and classes work on code points and case folding follow Unicode simple folding, as in Go.
 *
 * Differences handled on purpose:
 * - inline flags: `(?i)` etc. at the start become JS flags; flags that change mid-pattern or scoped
 *   groups `(?i:...)` are expanded by hand (Node 20 has no regex modifiers).
 * - `.` without `s` is `[^\n]` (JS `.` also stops at `\r`, U+2028 and U+2029; Go's does not).
 * - `\s` is `[\t\n\f\r ]` in Go, narrower than JS `\s`; `\S` is widened accordingly.
 * - `(?m)` anchors become lookarounds on `\n` only, `\A` / `\z` become lookarounds on any character,
 *   so the JS `m` flag is never needed.
 * - RE2 reads `\1` as an error, `\12` as octal, `x{` and `{,5}` as literals, `[]a]` as a class holding `]`.
 *
 * Rejected with `PavedError('RULE')`: what RE2 rejects (lookarounds, backreferences, possessive or
 * nested quantifier operators, bad escapes...), `\C`, and patterns at risk of catastrophic backtracking.
 */

export interface Re2Translation {
  source: string;
  flags: string;
}

export interface Re2Analysis extends Re2Translation {
  regex: RegExp;
  captureGroupCount: number;
  groupNames: string[];
  /** Lower-case literals, one of which every match contains (empty when none of ≥ 3 chars exists). */
  literalKeywords: string[];
  /** Only the literal prefixes of the pattern (what a match always starts with). */
  prefixKeywords: string[];
  /** The pattern is written to match across lines (`(?s).`, `[\s\S]`, or a literal `\n` outside classes). */
  spansLines: boolean;
}

export function translateRe2(goSource: string): Re2Translation {
  const { source, flags } = analyzeRe2(goSource);
  return { source, flags };
}

export function compileRe2(goSource: string): RegExp {
  return analyzeRe2(goSource).regex;
}

export function analyzeRe2(goSource: string): Re2Analysis {
  const parsed = new Re2Parser(goSource).parse();
  const emitter = new Emitter(parsed.root);
  const source = emitter.emitRoot();
  const flags = emitter.flags();
  const regex = compileOrThrow(goSource, source, flags);
  assertNoCatastrophicBacktracking(goSource, parsed.root, emitter);
  return {
    source,
    flags,
    regex,
    captureGroupCount: parsed.captureGroupCount,
    groupNames: parsed.groupNames,
    literalKeywords: deriveKeywords(parsed.root, false),
    prefixKeywords: deriveKeywords(parsed.root, true),
    spansLines: spansLines(parsed.root),
  };
}

// ---------------------------------------------------------------------------------------------------
// Syntax tree

interface Span {
  /** Offsets in the Go source, for error messages. */
  start: number;
  end: number;
}

type PerlClass = 'd' | 'D' | 's' | 'S' | 'w' | 'W';

type SetItem =
  | { kind: 'range'; lo: number; hi: number }
  | { kind: 'perl'; name: PerlClass }
  | { kind: 'unicode'; negated: boolean; property: string };

type Assertion =
  | 'caret' // `^` without (?m): start of text
  | 'dollar' // `$` without (?m): end of text
  | 'line-start'
  | 'line-end'
  | 'text-start' // \A
  | 'text-end' // \z
  | 'word-boundary'
  | 'not-word-boundary';

type Node =
  | (Span & { kind: 'char'; cp: number; fold: boolean })
  | (Span & { kind: 'any'; dotAll: boolean })
  | (Span & { kind: 'set'; negated: boolean; bracketed: boolean; items: SetItem[]; fold: boolean })
  | (Span & { kind: 'assert'; assertion: Assertion })
  | (Span & { kind: 'group'; capture: boolean; name?: string; alternatives: Node[][] })
  | (Span & { kind: 'repeat'; min: number; max: number | null; lazy: boolean; body: Node });

type Sequence = Node[];

interface Flags {
  i: boolean;
  m: boolean;
  s: boolean;
  U: boolean;
}

// ---------------------------------------------------------------------------------------------------
// Parser (RE2 grammar as accepted by Go's regexp.Compile, i.e. with Perl extensions)

const MAX_REPEAT = 1000; // RE2's limit on {n,m} counts
const MAX_CODE_POINT = 0x10ffff;

const POSIX_CLASSES: Record<string, Array<[number, number]>> = {
  alnum: [
    [0x30, 0x39],
    [0x41, 0x5a],
    [0x61, 0x7a],
  ],
  alpha: [
    [0x41, 0x5a],
    [0x61, 0x7a],
  ],
  ascii: [[0x00, 0x7f]],
  blank: [
    [0x09, 0x09],
    [0x20, 0x20],
  ],
  cntrl: [
    [0x00, 0x1f],
    [0x7f, 0x7f],
  ],
  digit: [[0x30, 0x39]],
  graph: [[0x21, 0x7e]],
  lower: [[0x61, 0x7a]],
  print: [[0x20, 0x7e]],
  punct: [
    [0x21, 0x2f],
    [0x3a, 0x40],
    [0x5b, 0x60],
    [0x7b, 0x7e],
  ],
  space: [
    [0x09, 0x0d],
    [0x20, 0x20],
  ],
  upper: [[0x41, 0x5a]],
  word: [
    [0x30, 0x39],
    [0x41, 0x5a],
    [0x5f, 0x5f],
    [0x61, 0x7a],
  ],
  xdigit: [
    [0x30, 0x39],
    [0x41, 0x46],
    [0x61, 0x66],
  ],
};

const GENERAL_CATEGORIES = new Set(
  'C Cc Cf Co Cs L Ll Lm Lo Lt Lu M Mc Me Mn N Nd Nl No P Pc Pd Pe Pf Pi Po Ps S Sc Sk Sm So Z Zl Zp Zs'.split(' '),
);

const ESCAPE_ASSERTIONS: Partial<Record<string, Assertion>> = {
  A: 'text-start',
  z: 'text-end',
  b: 'word-boundary',
  B: 'not-word-boundary',
};

const SIMPLE_ESCAPES: Record<string, number> = { a: 0x07, f: 0x0c, n: 0x0a, r: 0x0d, t: 0x09, v: 0x0b };

function isOctalDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '7';
}

function isAsciiAlnum(c: string): boolean {
  return /^[0-9A-Za-z]$/.test(c);
}

interface ParseResult {
  root: Node[][];
  captureGroupCount: number;
  groupNames: string[];
}

class Re2Parser {
  private pos = 0;
  private flags: Flags = { i: false, m: false, s: false, U: false };
  private captureGroupCount = 0;
  private readonly groupNames: string[] = [];

  constructor(private readonly src: string) {}

  parse(): ParseResult {
    const root = this.parseAlternatives(false);
    return { root, captureGroupCount: this.captureGroupCount, groupNames: this.groupNames };
  }

  private fail(message: string): never {
    throw new PavedError('RULE', `invalid or unsupported regex \`${this.src}\`: ${message}`, {
      hint: 'gitleaks rules use Go RE2 syntax; rewrite this construct or remove the rule',
    });
  }

  private peek(offset = 0): string | undefined {
    return this.src[this.pos + offset];
  }

  private nextCodePoint(): number {
    const cp = this.src.codePointAt(this.pos);
    if (cp === undefined) this.fail('unexpected end of pattern');
    this.pos += cp > 0xffff ? 2 : 1;
    return cp;
  }

  /** Alternatives up to the end of the pattern, or up to (not including) the `)` closing the current group. */
  private parseAlternatives(insideGroup: boolean): Node[][] {
    const alternatives: Node[][] = [[]];
    while (this.pos < this.src.length) {
      const c = this.peek();
      const sequence = alternatives[alternatives.length - 1] as Sequence;
      if (c === ')') {
        if (insideGroup) return alternatives;
        this.fail(`unexpected ) at offset ${this.pos}`);
      }
      if (c === '|') {
        this.pos++;
        alternatives.push([]);
        continue;
      }
      if (this.tryParseQuantifier(sequence)) continue;
      sequence.push(...this.parseAtom());
    }
    if (insideGroup) this.fail('missing closing )');
    return alternatives;
  }

  /** `*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}` with an optional lazy `?`. Returns false when not a quantifier. */
  private tryParseQuantifier(sequence: Sequence): boolean {
    const start = this.pos;
    const c = this.peek();
    let min: number;
    let max: number | null;
    if (c === '*' || c === '+' || c === '?') {
      [min, max] = c === '*' ? [0, null] : c === '+' ? [1, null] : [0, 1];
      this.pos++;
    } else if (c === '{') {
      const counts = /^\{(\d+)(?:(,)(\d*))?\}/.exec(this.src.slice(this.pos));
      if (!counts) return false; // RE2 reads a `{` that starts no valid repeat as a literal
      min = Number(counts[1]);
      max = counts[2] === undefined ? min : counts[3] ? Number(counts[3]) : null;
      if (min > MAX_REPEAT || (max !== null && (max > MAX_REPEAT || max < min))) {
        this.fail(`invalid repeat count ${counts[0]}`);
      }
      this.pos += counts[0].length;
    } else {
      return false;
    }
    const operator = this.src.slice(start, this.pos);
    const target = sequence.pop();
    if (!target) this.fail(`missing argument to repetition operator ${operator}`);
    if (target.kind === 'repeat' && target.end === start) {
      const what = operator === '+' ? ' (possessive quantifiers do not exist in RE2)' : '';
      this.fail(`invalid nested repetition operator ${this.src.slice(target.body.end, this.pos)}${what}`);
    }
    let lazy = false;
    if (this.peek() === '?') {
      lazy = true;
      this.pos++;
    }
    // (?U) swaps the meaning of greedy and lazy.
    sequence.push({
      kind: 'repeat',
      min,
      max,
      lazy: lazy !== this.flags.U,
      body: target,
      start: target.start,
      end: this.pos,
    });
    return true;
  }

  /** One atom; a `\Q...\E` run gives several, a flag group `(?i)` none. */
  private parseAtom(): Node[] {
    const start = this.pos;
    const c = this.peek();
    switch (c) {
      case '(':
        return this.parseGroup();
      case '[':
        return [this.parseClass()];
      case '.':
        this.pos++;
        return [{ kind: 'any', dotAll: this.flags.s, start, end: this.pos }];
      case '^':
        this.pos++;
        return [{ kind: 'assert', assertion: this.flags.m ? 'line-start' : 'caret', start, end: this.pos }];
      case '$':
        this.pos++;
        return [{ kind: 'assert', assertion: this.flags.m ? 'line-end' : 'dollar', start, end: this.pos }];
      case '\\':
        return this.parseEscapeAtom();
      default: {
        const cp = this.nextCodePoint();
        return [{ kind: 'char', cp, fold: this.flags.i, start, end: this.pos }];
      }
    }
  }

  private parseGroup(): Node[] {
    const start = this.pos;
    const rest = this.src.slice(this.pos);
    if (/^\(\?<?[=!]/.test(rest)) this.fail('lookahead and lookbehind assertions are not supported by RE2');
    const named = /^\(\?P?<([^>]*)>/.exec(rest);
    if (named) {
      const name = named[1] ?? '';
      this.checkGroupName(name);
      this.pos += named[0].length;
      return [this.parseGroupBody(start, { capture: true, name }, this.flags)];
    }
    if (rest.startsWith('(?')) {
      const flagGroup = /^\(\?([imsU]*(?:-[imsU]*)?)([:)])/.exec(rest);
      if (!flagGroup) this.fail(this.describeUnsupportedGroup(rest));
      const flags = this.applyFlagGroup(flagGroup[1] ?? '', flagGroup[2] === ':');
      this.pos += flagGroup[0].length;
      if (flagGroup[2] === ')') {
        // `(?i)` alone changes the flags until the end of the enclosing group.
        this.flags = flags;
        return [];
      }
      return [this.parseGroupBody(start, { capture: false }, flags)];
    }
    this.pos++;
    return [this.parseGroupBody(start, { capture: true }, this.flags)];
  }

  private parseGroupBody(start: number, kind: { capture: boolean; name?: string }, flags: Flags): Node {
    if (kind.capture) this.captureGroupCount++;
    const saved = this.flags;
    this.flags = { ...flags };
    const alternatives = this.parseAlternatives(true);
    this.pos++; // the closing `)`
    this.flags = saved;
    return { kind: 'group', ...kind, alternatives, start, end: this.pos };
  }

  private checkGroupName(name: string): void {
    if (!/^\w+$/.test(name)) this.fail(`invalid capture group name <${name}>`);
    if (/^\d/.test(name)) this.fail(`capture group name <${name}> must not start with a digit in JavaScript`);
    if (this.groupNames.includes(name)) this.fail(`duplicate capture group name <${name}>`);
    this.groupNames.push(name);
  }

  private describeUnsupportedGroup(rest: string): string {
    if (rest.startsWith('(?>')) return 'atomic groups are not supported by RE2';
    if (rest.startsWith('(?P=') || rest.startsWith('(?P>')) return 'backreferences are not supported by RE2';
    if (/^\(\?P?</.test(rest)) return 'invalid named capture group';
    if (rest.startsWith('(?#')) return 'comments are not supported by RE2';
    return `invalid or unsupported group syntax ${rest.slice(0, 6)}`;
  }

  private applyFlagGroup(spec: string, scoped: boolean): Flags {
    const [on = '', off = ''] = spec.split('-');
    if (spec.includes('-') && off === '') this.fail(`missing flags after - in (?${spec})`);
    if (spec === '' && !scoped) this.fail('empty flag group (?)');
    const flags = { ...this.flags };
    for (const f of on) flags[f as keyof Flags] = true;
    for (const f of off) flags[f as keyof Flags] = false;
    return flags;
  }

  private parseEscapeAtom(): Node[] {
    const start = this.pos;
    const c = this.peek(1);
    if (c === undefined) this.fail('trailing backslash at end of pattern');
    const assertion = ESCAPE_ASSERTIONS[c];
    if (assertion) {
      this.pos += 2;
      return [{ kind: 'assert', assertion, start, end: this.pos }];
    }
    if (c === 'C') this.fail('\\C (any single byte) is not supported');
    if (c === 'Z') this.fail('\\Z is not supported by RE2 (use \\z)');
    if (c === 'Q') return this.parseQuotedLiteral();
    const item = this.tryParseClassEscape();
    if (item)
      return [
        { kind: 'set', negated: false, bracketed: false, items: [item], fold: this.flags.i, start, end: this.pos },
      ];
    const cp = this.parseCharEscape();
    return [{ kind: 'char', cp, fold: this.flags.i, start, end: this.pos }];
  }

  /** `\Q...\E`: everything up to `\E` (or the end of the pattern) is literal. */
  private parseQuotedLiteral(): Node[] {
    this.pos += 2;
    const close = this.src.indexOf('\\E', this.pos);
    const end = close < 0 ? this.src.length : close;
    const nodes: Node[] = [];
    while (this.pos < end) {
      const start = this.pos;
      const cp = this.nextCodePoint();
      nodes.push({ kind: 'char', cp, fold: this.flags.i, start, end: this.pos });
    }
    this.pos = close < 0 ? end : end + 2;
    return nodes;
  }

  /** `\d \s \w` (and negations), `\pL`, `\p{Greek}`, `\P{...}`, `\p{^...}` — or undefined. */
  private tryParseClassEscape(): SetItem | undefined {
    const c = this.peek(1);
    if (c !== undefined && 'dDsSwW'.includes(c)) {
      this.pos += 2;
      return { kind: 'perl', name: c as PerlClass };
    }
    if (c !== 'p' && c !== 'P') return undefined;
    const match = /^\\[pP](?:\{(\^?)([A-Za-z_]+)\}|([A-Za-z]))/.exec(this.src.slice(this.pos));
    if (!match) this.fail(`invalid Unicode class escape ${this.src.slice(this.pos, this.pos + 8)}`);
    this.pos += match[0].length;
    const property = unicodeProperty(match[2] ?? match[3] ?? '', (message) => this.fail(message));
    return { kind: 'unicode', negated: (c === 'P') !== (match[1] === '^'), property };
  }

  /** A single-character escape; `pos` is on the backslash. */
  private parseCharEscape(): number {
    const c = this.peek(1);
    if (c === undefined) this.fail('trailing backslash at end of pattern');
    this.pos += 2;
    if (c >= '1' && c <= '9' && !isOctalDigit(this.peek())) {
      this.fail(`backreference \\${c} is not supported by RE2`);
    }
    if (isOctalDigit(c)) {
      // RE2 reads \0, \012, \12, \123 as octal (up to three digits).
      let digits = c;
      while (digits.length < 3 && isOctalDigit(this.peek())) digits += this.src[this.pos++];
      return Number.parseInt(digits, 8);
    }
    if (c === 'x') return this.parseHexEscape();
    const simple = SIMPLE_ESCAPES[c];
    if (simple !== undefined) return simple;
    if (c.charCodeAt(0) < 0x80 && !isAsciiAlnum(c)) return c.charCodeAt(0);
    this.fail(`invalid escape sequence \\${c}`);
  }

  private parseHexEscape(): number {
    const rest = this.src.slice(this.pos);
    const match = /^\{([0-9A-Fa-f]+)\}/.exec(rest) ?? /^([0-9A-Fa-f]{2})/.exec(rest);
    if (!match) this.fail(`invalid hex escape \\x${rest.slice(0, 4)}`);
    const cp = Number.parseInt(match[1] ?? '', 16);
    if (cp > MAX_CODE_POINT) this.fail(`hex escape \\x${match[0]} is beyond U+10FFFF`);
    this.pos += match[0].length;
    return cp;
  }

  private parseClass(): Node {
    const start = this.pos;
    this.pos++;
    let negated = false;
    if (this.peek() === '^') {
      negated = true;
      this.pos++;
    }
    const items: SetItem[] = [];
    // RE2 (like POSIX) reads a `]` right after `[` or `[^` as a literal.
    for (let first = true; ; first = false) {
      const c = this.peek();
      if (c === undefined) this.fail(`missing closing ] for the class at offset ${start}`);
      if (c === ']' && !first) break;
      if (c === '[' && this.peek(1) === ':') {
        const posix = this.tryParsePosixClass();
        if (posix) {
          items.push(...posix);
          continue;
        }
      }
      if (c === '\\') {
        const classEscape = this.tryParseClassEscape();
        if (classEscape) {
          items.push(classEscape);
          continue;
        }
      }
      items.push(this.parseClassRange());
    }
    this.pos++; // the closing `]`
    return { kind: 'set', negated, bracketed: true, items, fold: this.flags.i, start, end: this.pos };
  }

  private parseClassRange(): SetItem {
    const lo = this.parseClassChar();
    if (this.peek() === '-' && this.peek(1) !== undefined && this.peek(1) !== ']') {
      this.pos++;
      const hi = this.parseClassChar();
      if (hi < lo) this.fail(`invalid character class range ${String.fromCodePoint(lo)}-${String.fromCodePoint(hi)}`);
      return { kind: 'range', lo, hi };
    }
    return { kind: 'range', lo, hi: lo };
  }

  private parseClassChar(): number {
    if (this.peek() !== '\\') return this.nextCodePoint();
    const c = this.peek(1);
    if (c === 'b' || c === 'Q' || c === 'E' || c === 'A' || c === 'z') {
      this.fail(`\\${c} is not allowed inside a character class`);
    }
    return this.parseCharEscape();
  }

  /** `[:alpha:]`, `[:^alpha:]` inside a bracket class; undefined when there is no closing `:]`. */
  private tryParsePosixClass(): SetItem[] | undefined {
    const close = this.src.indexOf(':]', this.pos + 2);
    if (close < 0) return undefined;
    const spec = this.src.slice(this.pos + 2, close);
    const negated = spec.startsWith('^');
    const ranges = POSIX_CLASSES[negated ? spec.slice(1) : spec];
    if (!ranges) this.fail(`invalid POSIX character class [:${spec}:]`);
    this.pos = close + 2;
    const chosen = negated ? complementRanges(ranges) : ranges;
    return chosen.map(([lo, hi]) => ({ kind: 'range', lo, hi }));
  }
}

function complementRanges(ranges: Array<[number, number]>): Array<[number, number]> {
  const result: Array<[number, number]> = [];
  let next = 0;
  for (const [lo, hi] of [...ranges].sort((a, b) => a[0] - b[0])) {
    if (lo > next) result.push([next, lo - 1]);
    next = Math.max(next, hi + 1);
  }
  if (next <= MAX_CODE_POINT) result.push([next, MAX_CODE_POINT]);
  return result;
}

/** Go names a Unicode class by general category (`L`, `Lu`) or script (`Greek`); JS needs `Script=` for the latter. */
function unicodeProperty(name: string, fail: (message: string) => never): string {
  if (name === 'Any' || GENERAL_CATEGORIES.has(name)) return name;
  const property = `Script=${name}`;
  try {
    new RegExp(`\\p{${property}}`, 'u');
  } catch {
    fail(`unknown Unicode class \\p{${name}}`);
  }
  return property;
}

// ---------------------------------------------------------------------------------------------------
// Emitter

/** Characters that must be escaped outside a class (also `/`, so the source can be written as a literal). */
const SYNTAX_CHARS = new Set('^$\\.*+?()[]{}|/');
const CLASS_SYNTAX_CHARS = new Set('\\]^-[');
/** Go's `\s` is exactly these; JS's `\s` is wider. */
const GO_SPACE = '\\t\\n\\f\\r ';
/** Characters JS `\s` matches but Go's `\s` does not: Go's `\S` matches them. */
const JS_ONLY_SPACE = '\\v\\xA0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000\\uFEFF';

type FoldMode = 'flag' | 'manual' | 'none';

class Emitter {
  private readonly foldMode: FoldMode;
  private readonly dotAllFlag: boolean;

  constructor(private readonly root: Node[][]) {
    const folds = collect(root, (n) => (n.kind === 'char' || n.kind === 'set' ? [n.fold] : []));
    this.foldMode = uniformity(folds) === true ? 'flag' : uniformity(folds) === false ? 'none' : 'manual';
    const dotAlls = collect(root, (n) => (n.kind === 'any' ? [n.dotAll] : []));
    this.dotAllFlag = uniformity(dotAlls) === true;
  }

  flags(): string {
    return `${this.foldMode === 'flag' ? 'i' : ''}${this.dotAllFlag ? 's' : ''}u`;
  }

  emitRoot(): string {
    return this.root.map((seq) => this.emitSequence(seq)).join('|');
  }

  emitSequence(seq: Sequence): string {
    return seq.map((node) => this.emitNode(node)).join('');
  }

  emitNode(node: Node): string {
    switch (node.kind) {
      case 'char':
        return this.emitChar(node.cp, node.fold);
      case 'any':
        return this.dotAllFlag ? '.' : node.dotAll ? '[\\s\\S]' : '[^\\n]';
      case 'set':
        return this.emitSet(node);
      case 'assert':
        return emitAssertion(node.assertion);
      case 'group': {
        const open = node.name ? `(?<${node.name}>` : node.capture ? '(' : '(?:';
        return `${open}${node.alternatives.map((seq) => this.emitSequence(seq)).join('|')})`;
      }
      case 'repeat': {
        const body = this.emitNode(node.body);
        // JS refuses a quantifier directly on an assertion (`^*`) or a quantifier (`a*(?i)*`); RE2 accepts both.
        const atom = node.body.kind === 'assert' || node.body.kind === 'repeat' ? `(?:${body})` : body;
        return `${atom}${quantifier(node.min, node.max)}${node.lazy ? '?' : ''}`;
      }
    }
  }

  private emitChar(cp: number, fold: boolean): string {
    if (this.foldMode !== 'manual' || !fold) return escapeLiteral(cp);
    const variants = caseVariants(cp);
    return variants.length === 1 ? escapeLiteral(cp) : `[${variants.map(escapeClassChar).join('')}]`;
  }

  private emitSet(node: Extract<Node, { kind: 'set' }>): string {
    if (coversEverything(node.items)) return node.negated ? '[^\\s\\S]' : '[\\s\\S]';
    const items = this.foldMode === 'manual' && node.fold ? foldItems(node.items) : node.items;
    const only = items.length === 1 ? items[0] : undefined;
    if (!node.negated && only && only.kind !== 'range') {
      if (only.kind === 'unicode') return emitUnicode(only);
      if (only.name === 's') return `[${GO_SPACE}]`;
      if (only.name === 'S') return `[^${GO_SPACE}]`;
      return `\\${only.name}`;
    }
    return `[${node.negated ? '^' : ''}${items.map(emitSetItem).join('')}]`;
  }
}

/** `[\s\S]`, `[\d\D-]`...: a class holding a Perl class and its negation matches any character. */
function coversEverything(items: SetItem[]): boolean {
  const names = new Set(items.flatMap((item) => (item.kind === 'perl' ? [item.name] : [])));
  return (['d', 's', 'w'] as const).some((n) => names.has(n) && names.has(n.toUpperCase() as PerlClass));
}

function collect<T>(alternatives: Node[][], pick: (node: Node) => T[]): T[] {
  const out: T[] = [];
  const visit = (node: Node): void => {
    out.push(...pick(node));
    if (node.kind === 'group') for (const seq of node.alternatives) seq.forEach(visit);
    if (node.kind === 'repeat') visit(node.body);
  };
  for (const seq of alternatives) seq.forEach(visit);
  return out;
}

/** true / false when every value agrees (and there is one), undefined when mixed or empty. */
function uniformity(values: boolean[]): boolean | undefined {
  if (values.length === 0) return false;
  if (values.every((v) => v)) return true;
  if (values.every((v) => !v)) return false;
  return undefined;
}

function quantifier(min: number, max: number | null): string {
  if (min === 0 && max === null) return '*';
  if (min === 1 && max === null) return '+';
  if (min === 0 && max === 1) return '?';
  if (max === min) return `{${min}}`;
  return `{${min},${max ?? ''}}`;
}

function emitAssertion(assertion: Assertion): string {
  switch (assertion) {
    case 'caret':
      return '^';
    case 'dollar':
      return '$';
    // (?m) anchors recognise `\n` only (JS `m` would also stop at `\r`, U+2028, U+2029).
    case 'line-start':
      return '(?<![^\\n])';
    case 'line-end':
      return '(?![^\\n])';
    // Immune to a JS `m` flag, should a caller add one.
    case 'text-start':
      return '(?<![\\s\\S])';
    case 'text-end':
      return '(?![\\s\\S])';
    case 'word-boundary':
      return '\\b';
    case 'not-word-boundary':
      return '\\B';
  }
}

function emitUnicode(item: Extract<SetItem, { kind: 'unicode' }>): string {
  return `\\${item.negated ? 'P' : 'p'}{${item.property}}`;
}

function emitSetItem(item: SetItem): string {
  switch (item.kind) {
    case 'range':
      return item.lo === item.hi ? escapeClassChar(item.lo) : `${escapeClassChar(item.lo)}-${escapeClassChar(item.hi)}`;
    case 'unicode':
      return emitUnicode(item);
    case 'perl':
      if (item.name === 's') return GO_SPACE;
      if (item.name === 'S') return `\\S${JS_ONLY_SPACE}`;
      return `\\${item.name}`;
  }
}

function needsCodeEscape(cp: number): boolean {
  if (cp === 0x20) return false;
  return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || /[\s\p{C}]/u.test(String.fromCodePoint(cp));
}

function codeEscape(cp: number): string {
  const named: Record<number, string> = { 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r' };
  const hex = cp.toString(16).toUpperCase();
  if (named[cp]) return named[cp];
  if (cp <= 0xff) return `\\x${hex.padStart(2, '0')}`;
  if (cp <= 0xffff) return `\\u${hex.padStart(4, '0')}`;
  return `\\u{${hex}}`;
}

function escapeLiteral(cp: number): string {
  const ch = String.fromCodePoint(cp);
  if (SYNTAX_CHARS.has(ch)) return `\\${ch}`;
  return needsCodeEscape(cp) ? codeEscape(cp) : ch;
}

function escapeClassChar(cp: number): string {
  const ch = String.fromCodePoint(cp);
  if (CLASS_SYNTAX_CHARS.has(ch)) return `\\${ch}`;
  return needsCodeEscape(cp) ? codeEscape(cp) : ch;
}

// Case folding by hand, for (?i) that does not cover the whole pattern.

/** Go folds `k` with the Kelvin sign and `s` with long s; so does JS under `iu`. */
const EXTRA_FOLDS: Record<number, number[]> = {
  75: [0x212a],
  107: [0x212a],
  8490: [0x4b, 0x6b],
  83: [0x17f],
  115: [0x17f],
  383: [0x53, 0x73],
};
/** Ranges larger than this are folded for ASCII letters only (cost guard). */
const MAX_FOLDED_RANGE = 4096;

function caseVariants(cp: number): number[] {
  const variants = new Set([cp]);
  const ch = String.fromCodePoint(cp);
  for (const other of [ch.toLowerCase(), ch.toUpperCase()]) {
    const points = [...other];
    if (points.length === 1) variants.add(points[0]?.codePointAt(0) ?? cp);
  }
  for (const extra of EXTRA_FOLDS[cp] ?? []) variants.add(extra);
  return [...variants].sort((a, b) => a - b);
}

function foldItems(items: SetItem[]): SetItem[] {
  const out: SetItem[] = [];
  for (const item of items) {
    out.push(item);
    if (item.kind === 'range') out.push(...foldRange(item.lo, item.hi));
    if (item.kind === 'perl' && item.name === 'w') out.push(...singles([0x17f, 0x212a]));
    if (item.kind === 'unicode' && ['Lu', 'Ll', 'Lt'].includes(item.property)) {
      out.push({ kind: 'unicode', negated: item.negated, property: 'LC' });
    }
  }
  return out;
}

function foldRange(lo: number, hi: number): SetItem[] {
  const out: SetItem[] = [];
  const shift = (from: number, to: number, delta: number) => {
    const a = Math.max(lo, from);
    const b = Math.min(hi, to);
    if (a <= b) out.push({ kind: 'range', lo: a + delta, hi: b + delta });
  };
  shift(0x41, 0x5a, 0x20);
  shift(0x61, 0x7a, -0x20);
  const extras = new Set<number>();
  for (const [from, targets] of Object.entries(EXTRA_FOLDS)) {
    if (Number(from) >= lo && Number(from) <= hi) for (const t of targets) extras.add(t);
  }
  if (hi - lo <= MAX_FOLDED_RANGE) {
    for (let cp = Math.max(lo, 0x80); cp <= hi; cp++) for (const v of caseVariants(cp)) if (v !== cp) extras.add(v);
  }
  out.push(...singles([...extras]));
  return out;
}

function singles(points: number[]): SetItem[] {
  return points.map((cp) => ({ kind: 'range', lo: cp, hi: cp }));
}

// ---------------------------------------------------------------------------------------------------
// Validation

function compileOrThrow(goSource: string, source: string, flags: string): RegExp {
  try {
    return new RegExp(source, flags);
  } catch (error) {
    throw new PavedError(
      'RULE',
      `regex \`${goSource}\` cannot be compiled in JavaScript (as /${source}/${flags}): ${(error as Error).message}`,
      { hint: 'simplify the pattern' },
      { cause: error },
    );
  }
}

// ---------------------------------------------------------------------------------------------------
// Catastrophic backtracking
//
// JS regexes backtrack; RE2 does not, so gitleaks authors never had to care. A pattern is rejected when a
// repeated sub-pattern can match the same text in many ways:
// 1. nested quantifiers — a repetition containing a variable-length repetition, `(a+)+`, `(\w+\s?)+`,
//    `(.*a){12}` — unless each iteration ends at a delimiter the inner repetition cannot consume,
//    `(?:[a-z]+\.)+`, or the counts are so small that the number of paths stays tiny;
// 2. overlapping alternatives under a long repetition, `(a|a)*`, `(a|ab)+`.
// Rule 1 is decided by safe-regex2 (star height > 1) on a skeleton of the pattern where optional parts,
// fixed counts and the exempt cases above are not counted as repetition; our own walk names the culprit.

/** safe-regex2 also limits the total number of quantifiers; only nesting matters here. */
const SAFE_REGEX_REPETITION_LIMIT = 1000;
/** Repetitions with at most this many iterations cannot blow up through overlapping alternatives. */
const SHORT_REPEAT = 10;
/** Bounded nested repetitions are accepted while the number of ways to split the text stays below this. */
const MAX_BOUNDED_PATHS = 10_000;

function assertNoCatastrophicBacktracking(goSource: string, root: Node[][], emitter: Emitter): void {
  const analysis = new BacktrackingAnalysis(emitter);
  const rootGroup: Node = { kind: 'group', capture: false, alternatives: root, start: 0, end: goSource.length };
  const skeleton = analysis.skeleton(rootGroup, false);
  const culprit =
    analysis.findNestedQuantifier(rootGroup) ??
    (safeRegex(skeleton, { limit: SAFE_REGEX_REPETITION_LIMIT }) ? undefined : rootGroup);
  if (culprit) {
    throw new PavedError(
      'RULE',
      `regex \`${goSource}\` risks catastrophic backtracking: nested quantifier in \`${goSource.slice(culprit.start, culprit.end)}\``,
      {
        hint: 'make the inner repetition unambiguous (e.g. end each iteration with a delimiter) or remove the outer one',
      },
    );
  }
  const overlap = analysis.findOverlappingAlternatives(rootGroup);
  if (overlap) {
    throw new PavedError(
      'RULE',
      `regex \`${goSource}\` risks catastrophic backtracking: alternatives in \`${goSource.slice(overlap.start, overlap.end)}\` can match the same text inside a repetition`,
      { hint: 'make the alternatives start with different characters' },
    );
  }
}

/** Characters used to compare character sets: ASCII plus a few non-ASCII representatives. */
const SAMPLE_CHARS = [
  ...Array.from({ length: 128 }, (_, i) => String.fromCharCode(i)),
  ...'\u00a0\u00e9\u00c9\u017f\u0436\u2028\u212a\u4e2d\u{1f600}',
];

type Sample = boolean[];

class BacktrackingAnalysis {
  private readonly samples = new Map<string, Sample>();

  constructor(private readonly emitter: Emitter) {}

  /** Which sample characters a single-character node matches. */
  sampleOf(node: Node): Sample {
    const atom = this.emitter.emitNode(node);
    let sample = this.samples.get(atom);
    if (!sample) {
      const re = new RegExp(`^(?:${atom})$`, this.emitter.flags());
      sample = SAMPLE_CHARS.map((ch) => re.test(ch));
      this.samples.set(atom, sample);
    }
    return sample;
  }

  findNestedQuantifier(node: Node): Node | undefined {
    if (node.kind === 'repeat' && isRepeating(node) && fixedWidth(node.body) === null) {
      const inner = variableRepeats(node.body);
      if (inner.length > 0 && !this.isExempt(node, inner)) return node;
    }
    for (const child of children(node)) {
      const found = this.findNestedQuantifier(child);
      if (found) return found;
    }
    return undefined;
  }

  findOverlappingAlternatives(node: Node, insideLongRepeat = false): Node | undefined {
    if (insideLongRepeat && node.kind === 'group' && node.alternatives.length > 1) {
      for (let a = 0; a < node.alternatives.length; a++) {
        for (let b = a + 1; b < node.alternatives.length; b++) {
          if (this.alternativesOverlap(node.alternatives[a] ?? [], node.alternatives[b] ?? [])) return node;
        }
      }
    }
    const long = insideLongRepeat || (node.kind === 'repeat' && (node.max === null || node.max > SHORT_REPEAT));
    for (const child of children(node)) {
      const found = this.findOverlappingAlternatives(child, long);
      if (found) return found;
    }
    return undefined;
  }

  /** Quantifier structure only, in the syntax safe-regex2 reads; leaves become `a`. */
  skeleton(node: Node, flattenRepeats: boolean): string {
    switch (node.kind) {
      case 'char':
      case 'any':
      case 'set':
        return 'a';
      case 'assert':
        return '';
      case 'group':
        return `(?:${node.alternatives.map((seq) => seq.map((n) => this.skeleton(n, flattenRepeats)).join('')).join('|')})`;
      case 'repeat': {
        const notRepeating = flattenRepeats || !isRepeating(node) || fixedWidth(node) !== null;
        if (notRepeating) return this.skeleton(node.body, flattenRepeats);
        const exempt = this.isExempt(node, variableRepeats(node.body));
        return `(?:${this.skeleton(node.body, exempt)})${quantifier(node.min, node.max)}`;
      }
    }
  }

  private isExempt(outer: Extract<Node, { kind: 'repeat' }>, inner: Node[]): boolean {
    return this.isDelimited(outer.body) || isSmallBounded(outer, inner);
  }

  /**
   * `P V Q` where V is the only variable part, a repetition of one character set S, and P/Q are fixed
   * single-character items: each iteration is unambiguous when the character after V (Q's first, or the
   * next iteration's P's first) is never in S.
   */
  private isDelimited(body: Node): boolean {
    const items = flattenSequence([body]).filter((n) => n.kind !== 'assert');
    const variable = items.filter((n) => fixedWidth(n) === null);
    const v = variable[0];
    if (variable.length !== 1 || v?.kind !== 'repeat') return false;
    const vChar = singleCharNode(v.body);
    if (!vChar) return false;
    const index = items.indexOf(v);
    const before = fixedShape(items.slice(0, index));
    const after = fixedShape(items.slice(index + 1));
    if (!before || !after) return false;
    const delimiter = after[0] ?? before[0];
    return delimiter !== undefined && disjoint(this.sampleOf(delimiter), this.sampleOf(vChar));
  }

  private alternativesOverlap(a: Sequence, b: Sequence): boolean {
    const shapeA = fixedShape(a);
    const shapeB = fixedShape(b);
    if (shapeA && shapeB) {
      const n = Math.min(shapeA.length, shapeB.length);
      for (let i = 0; i < n; i++) {
        const x = shapeA[i];
        const y = shapeB[i];
        if (x && y && disjoint(this.sampleOf(x), this.sampleOf(y))) return false;
      }
      return n > 0;
    }
    return !disjoint(this.firstChars(a), this.firstChars(b));
  }

  /** Sample characters a sequence can start with. */
  private firstChars(seq: Sequence): Sample {
    const result: Sample = SAMPLE_CHARS.map(() => false);
    for (const node of seq) {
      const { sample, nullable } = this.firstOfNode(node);
      sample.forEach((hit, i) => {
        if (hit) result[i] = true;
      });
      if (!nullable) break;
    }
    return result;
  }

  private firstOfNode(node: Node): { sample: Sample; nullable: boolean } {
    switch (node.kind) {
      case 'char':
      case 'any':
      case 'set':
        return { sample: this.sampleOf(node), nullable: false };
      case 'assert':
        return { sample: SAMPLE_CHARS.map(() => false), nullable: true };
      case 'group': {
        const sample = SAMPLE_CHARS.map(() => false);
        for (const seq of node.alternatives) {
          this.firstChars(seq).forEach((hit, i) => {
            if (hit) sample[i] = true;
          });
        }
        return { sample, nullable: node.alternatives.some(isNullable) };
      }
      case 'repeat': {
        const body = this.firstOfNode(node.body);
        return { sample: body.sample, nullable: node.min === 0 || body.nullable };
      }
    }
  }
}

function children(node: Node): Node[] {
  if (node.kind === 'group') return node.alternatives.flat();
  if (node.kind === 'repeat') return [node.body];
  return [];
}

function isRepeating(node: Extract<Node, { kind: 'repeat' }>): boolean {
  return node.max === null || node.max > 1;
}

function isNullable(seq: Sequence): boolean {
  return seq.every((node) => {
    if (node.kind === 'assert') return true;
    if (node.kind === 'repeat') return node.min === 0 || isNullable([node.body]);
    if (node.kind === 'group') return node.alternatives.some(isNullable);
    return false;
  });
}

/** Width in characters when every match has the same width, else null. */
function fixedWidth(node: Node): number | null {
  switch (node.kind) {
    case 'char':
    case 'any':
    case 'set':
      return 1;
    case 'assert':
      return 0;
    case 'group': {
      const widths = node.alternatives.map((seq) => sequenceWidth(seq));
      const first = widths[0] ?? 0;
      return widths.every((w) => w === first) ? first : null;
    }
    case 'repeat': {
      const body = fixedWidth(node.body);
      return node.min === node.max && body !== null ? body * node.min : null;
    }
  }
}

function sequenceWidth(seq: Sequence): number | null {
  let total = 0;
  for (const node of seq) {
    const w = fixedWidth(node);
    if (w === null) return null;
    total += w;
  }
  return total;
}

/** Repetitions inside `node` whose length varies. */
function variableRepeats(node: Node): Node[] {
  const found: Node[] = [];
  const visit = (n: Node): void => {
    if (n.kind === 'repeat' && fixedWidth(n) === null) found.push(n);
    children(n).forEach(visit);
  };
  visit(node);
  return found;
}

/** (choices per iteration) ^ (iterations) stays small: e.g. `(?:[a-z]{1,3}){1,3}`. */
function isSmallBounded(outer: Extract<Node, { kind: 'repeat' }>, inner: Node[]): boolean {
  if (outer.max === null) return false;
  let logChoices = 0;
  for (const node of inner) {
    if (node.kind !== 'repeat' || node.max === null) return false;
    logChoices += Math.log(node.max - node.min + 1);
  }
  return logChoices * outer.max <= Math.log(MAX_BOUNDED_PATHS);
}

/** Items of a sequence with single-alternative groups opened up. */
function flattenSequence(seq: Sequence): Node[] {
  return seq.flatMap((node) =>
    node.kind === 'group' && node.alternatives.length === 1 ? flattenSequence(node.alternatives[0] ?? []) : [node],
  );
}

function singleCharNode(node: Node): Node | undefined {
  if (node.kind === 'char' || node.kind === 'any' || node.kind === 'set') return node;
  if (node.kind === 'group' && node.alternatives.length === 1) {
    const items = node.alternatives[0] ?? [];
    return items.length === 1 && items[0] ? singleCharNode(items[0]) : undefined;
  }
  return undefined;
}

/** The sequence as one character-set node per position, when it has a fixed shape; else null. */
function fixedShape(seq: Sequence): Node[] | null {
  const shape: Node[] = [];
  for (const node of flattenSequence(seq)) {
    if (node.kind === 'assert') continue;
    const single = singleCharNode(node);
    if (single) {
      shape.push(single);
      continue;
    }
    if (node.kind === 'repeat' && node.min === node.max) {
      const inner = fixedShape([node.body]);
      if (!inner) return null;
      for (let i = 0; i < node.min; i++) shape.push(...inner);
      continue;
    }
    return null;
  }
  return shape;
}

function disjoint(a: Sample, b: Sample): boolean {
  return !a.some((hit, i) => hit && b[i]);
}

// ---------------------------------------------------------------------------------------------------
// Keywords and line spanning

const MIN_KEYWORD_LENGTH = 3;
/** Cap on keyword alternatives produced by expanding `(?:ghp|gho|ghu)_`-style groups. */
const MAX_KEYWORD_ALTERNATIVES = 16;

/**
 * Literals one of which every match must contain, lower-cased, for the engine's keyword prefilter.
 * With `prefixOnly`, only the literal run the match starts with (for rules spanning lines, whose later
 * literals may sit on another line than the match start).
 */
function deriveKeywords(root: Node[][], prefixOnly: boolean): string[] {
  const perAlternative = root.map((seq) => bestLiteralRun(seq, prefixOnly));
  if (perAlternative.some((run) => run === undefined)) return [];
  return [...new Set(perAlternative.flatMap((run) => run ?? []))];
}

/** The most selective required literal run of a sequence (alternatives of strings), if one is long enough. */
function bestLiteralRun(seq: Sequence, prefixOnly: boolean): string[] | undefined {
  const runs = literalRuns(seq);
  const candidates = (prefixOnly ? runs.slice(0, 1).filter((r) => r.atStart) : runs)
    .map((r) => r.strings)
    .filter((strings) => strings.every((s) => s.length >= MIN_KEYWORD_LENGTH));
  let best: string[] | undefined;
  for (const strings of candidates) {
    if (!best || minLength(strings) > minLength(best)) best = strings;
  }
  return best?.map((s) => s.toLowerCase());
}

function minLength(strings: string[]): number {
  return Math.min(...strings.map((s) => s.length));
}

interface LiteralRun {
  strings: string[];
  atStart: boolean;
}

/** Maximal runs of consecutive mandatory literal characters (a run may fork on literal alternatives). */
function literalRuns(seq: Sequence): LiteralRun[] {
  const runs: LiteralRun[] = [];
  let current: string[] = [''];
  let atStart = true;
  const close = (): void => {
    if (current.some((s) => s.length > 0)) runs.push({ strings: current, atStart });
    current = [''];
    atStart = false;
  };
  // `\b(acme_(?:live|test)_[0-9a-f]{32})`: a capture group does not end a run.
  for (const node of flattenSequence(seq)) {
    if (node.kind === 'assert') continue;
    const literal = literalAlternatives(node);
    if (literal && current.length * literal.length <= MAX_KEYWORD_ALTERNATIVES) {
      current = current.flatMap((prefix) => literal.map((s) => prefix + s));
      continue;
    }
    // `ab+` still guarantees "ab": keep the mandatory first copy, then end the run.
    if (node.kind === 'repeat' && node.min >= 1) {
      const body = literalAlternatives(node.body);
      if (body && current.length * body.length <= MAX_KEYWORD_ALTERNATIVES) {
        current = current.flatMap((prefix) => body.map((s) => prefix + s));
      }
    }
    close();
  }
  close();
  return runs;
}

/** The strings a node matches when it is purely literal (chars, or groups of literal alternatives). */
function literalAlternatives(node: Node): string[] | undefined {
  if (node.kind === 'char') return [String.fromCodePoint(node.cp)];
  if (node.kind === 'assert') return [''];
  if (node.kind === 'repeat' && node.min === node.max) {
    const body = literalAlternatives(node.body);
    return body?.length === 1 ? [(body[0] ?? '').repeat(node.min)] : undefined;
  }
  // `(?:_live)?`: with or without.
  if (node.kind === 'repeat' && node.min === 0 && node.max === 1) {
    const body = literalAlternatives(node.body);
    return body ? [...body, ''] : undefined;
  }
  if (node.kind !== 'group') return undefined;
  const out: string[] = [];
  for (const seq of node.alternatives) {
    let strings = [''];
    for (const item of seq) {
      const part = literalAlternatives(item);
      if (!part || strings.length * part.length > MAX_KEYWORD_ALTERNATIVES) return undefined;
      strings = strings.flatMap((prefix) => part.map((s) => prefix + s));
    }
    out.push(...strings);
  }
  return out.length <= MAX_KEYWORD_ALTERNATIVES ? out : undefined;
}

/** Strong signs the author meant a match to cross lines; `\s` or `[^"]` alone do not count. */
function spansLines(root: Node[][]): boolean {
  const signs = collect(root, (node) => {
    if (node.kind === 'any') return [node.dotAll];
    if (node.kind === 'char') return [node.cp === 0x0a];
    if (node.kind === 'set') return [!node.negated && coversEverything(node.items)];
    return [];
  });
  return signs.some(Boolean);
}
