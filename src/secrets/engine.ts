import { severityRank } from '../core/severity.js';
import { allowlistAllows, allowlistExemptsFile, testOnce } from './allowlist.js';
import { characterClasses, decoyReason, genericDecoyReason, isSourceCode } from './decoys.js';
import { shannonEntropy } from './entropy.js';
import { KeywordIndex } from './keyword-index.js';
import type { Allowlist, SecretRule, SecretRuleSet } from './rule.js';

/** What is being scanned: a file of the tree, or the added lines of one file in a commit/diff. */
export interface ScanTarget {
  /** Relative, `/`-separated path (used by path filters, allowlists and fingerprints). */
  path: string;
  commit?: string;
  /**
   * For diff text made of added lines only: `lineNumbers[i]` is the real (1-based) line number of the
   * text's line i. Absent for whole files.
   */
  lineNumbers?: ArrayLike<number>;
}

/** One detected secret. Holds the raw secret: it must be turned into a masked Finding before it leaves the worker. */
export interface SecretMatch {
  rule: SecretRule;
  secret: string;
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

/** Lines longer than this (minified code, data blobs) are scanned in windows around keyword hits. */
const LONG_LINE = 8192;
const WINDOW = 2048;
/** How far a multi-line match (PEM block, JSON key file) may extend past its first line. */
const MULTILINE_SPAN = 64 * 1024;
const INLINE_ALLOW = /paved:allow|gitleaks:allow/;
const NEWLINE = 10;

interface CompiledRule {
  rule: SecretRule;
  regex: RegExp;
  /** Generic rules only: the same pattern, sticky, run once at the identifier holding the keyword. */
  sticky?: RegExp;
  /** The rule's `afterKeyword` literal as bytes. */
  afterKeyword?: Buffer;
  allowlists: Allowlist[];
}

/** Bytes of an identifier as the generic rules' `name` group sees them: [A-Za-z0-9_.-]. */
const IDENTIFIER_BYTE = new Uint8Array(256);
for (const char of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-') {
  IDENTIFIER_BYTE[char.charCodeAt(0)] = 1;
}
/** How far before its keyword a generic rule's name may start (the `{0,40}` of the name group). */
const NAME_LOOKBACK = 40;

/** Where matches are being looked for: the decoded text and where it sits in the file. */
interface Place {
  /** Text the rule runs on (for multi-line rules it extends past the line). */
  text: string;
  /** The line (or long-line window) where matches start: inline allows and line allowlists read it. */
  lineText: string;
  /** 1-based line number of the first line of `text`, computed only when a match is reported. */
  lineNumber: () => number;
  /** Where `text` starts in the file (identifies the place for de-duplication). */
  offset: number;
  /** Characters of the line before `text` starts (long-line windows). */
  columnBase: number;
}

/** Per-scan state shared by the match handlers. */
interface ScanState {
  target: ScanTarget;
  /** rule:line:column of matches already handled (several keywords can wake a rule on one line). */
  seen: Set<string>;
  out: SecretMatch[];
}

/** Which rules (and so which keywords) apply to one path. */
interface ActiveRules {
  rules: Uint8Array;
  keywords: Uint8Array;
  /** A source file, where generic rules only take quoted literals. */
  sourceCode: boolean;
}

/** A run of bytes (a line, or a window of a long line) and the rules whose keywords hit inside it. */
interface Segment {
  start: number;
  end: number;
  lineStart: number;
  rules: number[];
  /** Generic rules: pairs of (rule index, byte offset where the identifier holding the keyword starts). */
  anchors: number[];
}

/**
 * The secret detection engine: keyword prefilter over raw bytes, then each hit rule's regex only on the
 * segments where its keywords occur, then entropy, decoy and allowlist filters. Pure: no I/O.
 */
export class SecretEngine {
  private readonly compiled: CompiledRule[];
  private readonly keywordIndex: KeywordIndex;
  /** keyword index -> rule indexes */
  private readonly rulesByKeyword: number[][];
  /** Rules without keywords run on every file (gitleaks rules whose keywords cannot be derived). */
  private readonly alwaysRules: number[];
  private readonly globalAllowlists: Allowlist[];
  private readonly keywordLengths: number[];
  /** Which rules apply to a path; history scans see the same paths over and over. */
  private readonly activeRulesCache = new Map<string, ActiveRules>();
  /** Rules whose activity depends on the file path (path filter, or an allowlist with paths). */
  private readonly pathDependentRules: number[];
  /** Shared answers of activeRulesFor when no rule depends on the path. */
  private readonly allActive: ActiveRules;
  private readonly allActiveSource: ActiveRules;
  /** Per-scan scratch: the last segment each rule was added to. */
  private readonly ruleStamp: Int32Array;

  constructor(ruleSet: SecretRuleSet) {
    this.globalAllowlists = ruleSet.allowlists;
    this.compiled = ruleSet.rules.map((rule) => ({
      rule,
      regex: new RegExp(rule.pattern.source, `${rule.pattern.flags.replace(/[gy]/g, '')}g`),
      sticky: rule.generic ? new RegExp(rule.pattern.source, `${rule.pattern.flags.replace(/[gy]/g, '')}y`) : undefined,
      afterKeyword: rule.afterKeyword === undefined ? undefined : Buffer.from(rule.afterKeyword),
      allowlists: [
        ...(rule.allowlists ?? []),
        ...ruleSet.allowlists.filter((list) => list.targetRules?.length && list.targetRules.includes(rule.id)),
      ],
    }));
    const keywordIds = new Map<string, number>();
    this.rulesByKeyword = [];
    this.alwaysRules = [];
    this.compiled.forEach(({ rule }, ruleIndex) => {
      if (rule.keywords.length === 0) this.alwaysRules.push(ruleIndex);
      for (const keyword of new Set(rule.keywords.map((k) => k.toLowerCase()))) {
        let id = keywordIds.get(keyword);
        if (id === undefined) {
          id = keywordIds.size;
          keywordIds.set(keyword, id);
          this.rulesByKeyword.push([]);
        }
        this.rulesByKeyword[id]?.push(ruleIndex);
      }
    });
    this.keywordIndex = new KeywordIndex([...keywordIds.keys()]);
    this.keywordLengths = this.keywordIndex.keywords.map((k) => Buffer.byteLength(k));
    this.ruleStamp = new Int32Array(this.compiled.length);
    this.pathDependentRules = [];
    this.compiled.forEach(({ rule, allowlists }, index) => {
      if (rule.path || allowlists.some((list) => list.paths?.length)) this.pathDependentRules.push(index);
    });
    const everyRule = new Uint8Array(this.compiled.length).fill(1);
    const everyKeyword = this.activeKeywords(everyRule);
    this.allActive = { rules: everyRule, keywords: everyKeyword, sourceCode: false };
    this.allActiveSource = { rules: everyRule, keywords: everyKeyword, sourceCode: true };
  }

  /** True when a global allowlist exempts the whole file, so it need not be read. */
  isFileExempt(path: string): boolean {
    return this.globalAllowlists.some((list) => !list.targetRules?.length && allowlistExemptsFile(list, path));
  }

  scan(input: Uint8Array, target: ScanTarget): SecretMatch[] {
    const bytes = Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
    const activeRules = this.activeRulesFor(target.path);
    const keywordScan = this.keywordIndex.scan(bytes);
    const segments = this.findSegments(bytes, keywordScan.hits, activeRules);
    const matches: SecretMatch[] = [];
    const state: ScanState = { target, seen: new Set(), out: matches };

    for (const segment of segments) {
      if (segment.rules.length === 0 && segment.anchors.length === 0) continue;
      // Most lines are ASCII: latin1 decoding is cheaper, and byte offsets are then string offsets.
      const ascii = isAsciiRange(bytes, segment.start, segment.end);
      const text = bytes.toString(ascii ? 'latin1' : 'utf8', segment.start, segment.end);
      const place: Place = {
        text,
        lineText: text,
        lineNumber: () => keywordScan.lineAt(segment.lineStart),
        offset: segment.start,
        columnBase:
          segment.start === segment.lineStart ? 0 : bytes.toString('utf8', segment.lineStart, segment.start).length,
      };
      const anchors = segment.anchors;
      for (let i = 0; i < anchors.length; i += 2) {
        const ruleIndex = anchors[i] as number;
        if (ascii) {
          this.runAnchored(
            this.compiled[ruleIndex] as CompiledRule,
            place,
            (anchors[i + 1] as number) - segment.start,
            state,
          );
        } else if (!segment.rules.includes(ruleIndex)) {
          // Byte offsets are not string offsets on this line: run the rule over the whole segment.
          segment.rules.push(ruleIndex);
        }
      }
      for (const ruleIndex of segment.rules) {
        const compiled = this.compiled[ruleIndex] as CompiledRule;
        const spanEnd = compiled.rule.multiline ? Math.min(bytes.length, segment.start + MULTILINE_SPAN) : segment.end;
        const span =
          spanEnd === segment.end ? place : { ...place, text: bytes.toString('utf8', segment.start, spanEnd) };
        this.runRule(compiled, span, text.length, state);
      }
    }
    for (const ruleIndex of this.alwaysRules) {
      if (!activeRules.rules[ruleIndex]) continue;
      this.runWholeText(this.compiled[ruleIndex] as CompiledRule, bytes, state);
    }
    return resolveOverlaps(matches).map((match) => remapLines(match, target));
  }

  /**
   * Which rules apply to `path`. Only rules with a path filter or a path allowlist depend on the path;
   * when no rule does (the usual case), every file shares one answer and nothing is computed per file.
   */
  private activeRulesFor(path: string): ActiveRules {
    const sourceCode = isSourceCode(path);
    if (this.pathDependentRules.length === 0) return sourceCode ? this.allActiveSource : this.allActive;
    const cached = this.activeRulesCache.get(path);
    if (cached) return cached;
    if (this.activeRulesCache.size >= 10_000) this.activeRulesCache.clear();
    const rules = this.allActive.rules.slice();
    for (const index of this.pathDependentRules) {
      const { rule, allowlists } = this.compiled[index] as CompiledRule;
      const pathOk = !rule.path || testOnce(rule.path, path);
      rules[index] = pathOk && !allowlists.some((list) => allowlistExemptsFile(list, path)) ? 1 : 0;
    }
    const active = { rules, keywords: this.activeKeywords(rules), sourceCode };
    this.activeRulesCache.set(path, active);
    return active;
  }

  private activeKeywords(rules: Uint8Array): Uint8Array {
    const keywords = new Uint8Array(this.rulesByKeyword.length);
    this.rulesByKeyword.forEach((ruleIndexes, keywordIndex) => {
      keywords[keywordIndex] = ruleIndexes.some((r) => rules[r]) ? 1 : 0;
    });
    return keywords;
  }

  /** Groups keyword hits into segments (whole lines, or windows of long lines) with their rules. */
  private findSegments(bytes: Buffer, hits: Int32Array, active: ActiveRules): Segment[] {
    const segments: Segment[] = [];
    const { keywordLengths, rulesByKeyword, compiled } = this;
    const { rules: activeRules, keywords: activeKeywords } = active;
    let current: Segment | undefined;
    let currentLineEnd = -1;
    const ruleStamp = this.ruleStamp;
    ruleStamp.fill(-1);

    /** The segment holding a keyword at [startOffset, endOffset), created on first use. */
    const segmentAt = (startOffset: number, endOffset: number): Segment => {
      if (current && startOffset < current.end && startOffset >= current.start) return current;
      let lineStart: number;
      let lineEnd: number;
      if (current && startOffset < currentLineEnd && startOffset >= current.lineStart) {
        lineStart = current.lineStart;
        lineEnd = currentLineEnd;
      } else {
        // Plain loops: lines are short, and a native indexOf call costs more than scanning them.
        lineStart = startOffset;
        while (lineStart > 0 && bytes[lineStart - 1] !== NEWLINE) lineStart--;
        lineEnd = startOffset;
        while (lineEnd < bytes.length && bytes[lineEnd] !== NEWLINE) lineEnd++;
      }
      const long = lineEnd - lineStart > LONG_LINE;
      const start = long ? Math.max(lineStart, startOffset - WINDOW) : lineStart;
      const end = long ? Math.min(lineEnd, endOffset + WINDOW) : lineEnd;
      if (current && long && start < current.end && current.lineStart === lineStart) {
        current.end = Math.max(current.end, end);
        return current;
      }
      current = { start, end, lineStart, rules: [], anchors: [] };
      currentLineEnd = lineEnd;
      segments.push(current);
      return current;
    };

    for (let h = 0; h < hits.length; h += 2) {
      const keywordIndex = hits[h + 1] as number;
      if (!activeKeywords[keywordIndex]) continue;
      const endOffset = hits[h] as number;
      const startOffset = endOffset - (keywordLengths[keywordIndex] as number);
      for (const ruleIndex of rulesByKeyword[keywordIndex] as number[]) {
        if (!activeRules[ruleIndex]) continue;
        if (compiled[ruleIndex]?.sticky) {
          // Checked on the bytes first: most hits of generic keywords are not assignments at all.
          const anchor = identifierStart(bytes, startOffset, 0);
          if (anchor < 0 || !mayBeAssignment(bytes, endOffset, bytes.length, active.sourceCode)) continue;
          const segment = segmentAt(startOffset, endOffset);
          addAnchor(segment, ruleIndex, Math.max(anchor, segment.start));
        } else {
          // Checked before a segment is made: most URLs ('://') hold no credentials ('@').
          const needed = compiled[ruleIndex]?.afterKeyword;
          if (needed !== undefined && !occursOnLine(bytes, needed, endOffset)) continue;
          const segment = segmentAt(startOffset, endOffset);
          if (ruleStamp[ruleIndex] !== segments.length - 1) {
            ruleStamp[ruleIndex] = segments.length - 1;
            segment.rules.push(ruleIndex);
          }
        }
      }
    }
    return segments;
  }

  /** One sticky attempt of a generic rule at the start of the identifier holding its keyword. */
  private runAnchored(compiled: CompiledRule, place: Place, index: number, state: ScanState): void {
    if (index < 0) return;
    const sticky = compiled.sticky as RegExp;
    sticky.lastIndex = index;
    const m = sticky.exec(place.text);
    if (m) this.handleMatch(compiled, m, place, state);
  }

  /**
   * Runs one rule over `place.text` and keeps matches that start within the first `firstLength`
   * characters (the segment; multi-line rules see more text after it).
   */
  private runRule(compiled: CompiledRule, place: Place, firstLength: number, state: ScanState): void {
    for (const m of matchesOf(compiled.regex, place.text)) {
      if (m.index >= firstLength) break;
      this.handleMatch(compiled, m, place, state);
    }
  }

  /** Rules without keywords: one pass over the whole decoded file. */
  private runWholeText(compiled: CompiledRule, bytes: Buffer, state: ScanState): void {
    const text = bytes.toString('utf8');
    for (const m of matchesOf(compiled.regex, text)) {
      const lineStart = text.lastIndexOf('\n', m.index - 1) + 1;
      const lineEnd = text.indexOf('\n', m.index);
      const lineText = text.slice(lineStart, lineEnd === -1 ? text.length : lineEnd);
      this.handleMatch(compiled, m, { text, lineText, lineNumber: () => 1, offset: 0, columnBase: 0 }, state);
    }
  }

  private handleMatch(compiled: CompiledRule, m: RegExpExecArray, place: Place, state: ScanState): void {
    const secret = extractSecret(compiled.rule, m);
    if (!secret) return;
    const offset = m.index + Math.max(0, m[0].indexOf(secret));
    const key = `${compiled.rule.id}:${place.offset}:${offset}`;
    if (state.seen.has(key)) return;
    state.seen.add(key);
    if (!this.accepts(compiled, secret, m, place.lineText, state.target)) return;
    state.out.push(positionMatch(compiled.rule, secret, place.text, offset, place.lineNumber(), place.columnBase));
  }

  private accepts(
    compiled: CompiledRule,
    secret: string,
    match: RegExpExecArray,
    lineText: string,
    target: ScanTarget,
  ): boolean {
    const { rule } = compiled;
    // lineText is the line (or long-line window) where the match starts: where inline allows are written.
    if (INLINE_ALLOW.test(lineText)) return false;
    if (rule.entropy !== undefined && shannonEntropy(secret) < rule.entropy) return false;
    if (rule.minCharacterClasses !== undefined && characterClasses(secret) < rule.minCharacterClasses) return false;
    if (!rule.skipDecoyFilter && decoyReason(secret, lineText) !== undefined) return false;
    if (rule.generic) {
      const groups = match.groups ?? {};
      const quoted = Boolean(groups.open || groups.quoted || groups.attribute);
      if (genericDecoyReason(secret, match.groups?.name ?? '', target.path, quoted) !== undefined) return false;
    }
    const subject = { secret, match: match[0], line: lineText, path: target.path, commit: target.commit };
    if (compiled.allowlists.some((list) => allowlistAllows(list, subject))) return false;
    return !this.globalAllowlists.some((list) => !list.targetRules?.length && allowlistAllows(list, subject));
  }
}

/**
 * Whether `needle` occurs after `start` on the same line, looking at most LONG_LINE bytes ahead (the most
 * a segment extends past a keyword). A bounded loop: indexOf would search to the end of the file.
 */
function occursOnLine(bytes: Buffer, needle: Buffer, start: number): boolean {
  const first = needle[0];
  const end = Math.min(bytes.length, start + LONG_LINE);
  for (let i = start; i + needle.length <= end; i++) {
    const byte = bytes[i];
    if (byte === NEWLINE) return false;
    if (byte !== first) continue;
    let j = 1;
    while (j < needle.length && bytes[i + j] === needle[j]) j++;
    if (j === needle.length) return true;
  }
  return false;
}

/** Whether bytes[start..end) are all ASCII (a loop: lines are short, and no view object is allocated). */
function isAsciiRange(bytes: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if ((bytes[i] as number) > 0x7f) return false;
  return true;
}

/** Non-empty matches of a global regex over `text`, from the start. */
function* matchesOf(regex: RegExp, text: string): Generator<RegExpExecArray> {
  regex.lastIndex = 0;
  for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
    if (m[0].length === 0) regex.lastIndex++;
    else yield m;
  }
}

/**
 * Where the identifier containing the keyword at `keywordStart` begins (not before `floor`), or -1 when
 * it begins more than NAME_LOOKBACK bytes earlier, where no generic rule's name can start.
 */
function identifierStart(bytes: Buffer, keywordStart: number, floor: number): number {
  let start = keywordStart;
  const limit = Math.max(floor, keywordStart - NAME_LOOKBACK - 1);
  while (start > limit && IDENTIFIER_BYTE[bytes[start - 1] as number]) start--;
  if (start === limit && start > floor && IDENTIFIER_BYTE[bytes[start - 1] as number]) return -1;
  return start;
}

/** Byte class table for `mayBeAssignment` (a lookup per byte in the hot path, not a Set). */
function byteTable(chars: string): Uint8Array {
  const table = new Uint8Array(256);
  for (const char of chars) table[char.charCodeAt(0)] = 1;
  return table;
}
const QUOTE_OR_BRACKET = byteTable(`"']`);
const QUOTE = byteTable('"\'`');
/** First bytes of the assignment forms the generic rules accept (see ASSIGN in rules/generic.ts). */
const ASSIGNMENT_START = byteTable(':=|?<>,v');
const OPERATOR = byteTable(':=|?<>-');
const BLANK = byteTable(' \t');

/**
 * Byte-level precheck for a generic rule's anchor, so most keyword hits are rejected without decoding
 * the line or running a regex: the identifier holding the keyword must be followed by an assignment,
 * and in source code by a quoted literal. Conservative: it only rejects what the pattern cannot match
 * or the decoy filter would drop (unquoted values in source files).
 */
function mayBeAssignment(bytes: Buffer, keywordEnd: number, end: number, sourceCode: boolean): boolean {
  let i = keywordEnd;
  while (i < end && IDENTIFIER_BYTE[bytes[i] as number]) i++;
  if (i < end && QUOTE_OR_BRACKET[bytes[i] as number]) i++;
  for (let spaces = 0; spaces < 4 && i < end && BLANK[bytes[i] as number]; spaces++) i++;
  if (i >= end || !ASSIGNMENT_START[bytes[i] as number]) return false;
  if (!sourceCode || bytes[i] === 0x2c || bytes[i] === 0x76 || bytes[i] === 0x3e) return true;
  for (let n = 0; n < 3 && i < end && OPERATOR[bytes[i] as number]; n++) i++;
  for (let spaces = 0; spaces < 4 && i < end && BLANK[bytes[i] as number]; spaces++) i++;
  return i < end && QUOTE[bytes[i] as number] === 1;
}

function addAnchor(segment: Segment, ruleIndex: number, offset: number): void {
  if (offset < 0) return;
  const { anchors } = segment;
  // Duplicates come from keywords overlapping in one identifier, so they are among the last few anchors.
  for (let i = anchors.length - 2; i >= Math.max(0, anchors.length - 16); i -= 2) {
    if (anchors[i] === ruleIndex && anchors[i + 1] === offset) return;
  }
  anchors.push(ruleIndex, offset);
}

/** Secret = named group `secret`, else the configured group, else the first non-empty group, else the match. */
function extractSecret(rule: SecretRule, m: RegExpExecArray): string | undefined {
  if (rule.secretGroup !== undefined) {
    const value = typeof rule.secretGroup === 'number' ? m[rule.secretGroup] : m.groups?.[rule.secretGroup];
    return value || undefined;
  }
  if (m.groups?.secret !== undefined) return m.groups.secret || undefined;
  if (m.groups && Object.keys(m.groups).length > 0) return m[0];
  for (let i = 1; i < m.length; i++) if (m[i]) return m[i];
  return m[0];
}

function positionMatch(
  rule: SecretRule,
  secret: string,
  text: string,
  offset: number,
  lineNumber: number,
  columnBase: number,
): SecretMatch {
  const linesBefore = countNewlines(text, 0, offset);
  const startLine = lineNumber + linesBefore;
  const startColumn = (linesBefore === 0 ? columnBase + offset : offset - text.lastIndexOf('\n', offset - 1) - 1) + 1;
  const endOffset = offset + secret.length;
  const linesInside = countNewlines(text, offset, endOffset);
  const endLine = startLine + linesInside;
  const endColumn = linesInside === 0 ? startColumn + secret.length : endOffset - text.lastIndexOf('\n', endOffset - 1);
  return { rule, secret, startLine, startColumn, endLine, endColumn };
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/**
 * Several rules may match the same text (a vendor rule and the generic rule, or two vendor formats
 * sharing a shape): report it once, preferring vendor over generic, then severity, then the longer secret.
 */
function resolveOverlaps(matches: SecretMatch[]): SecretMatch[] {
  if (matches.length < 2) return matches;
  const sorted = [...matches].sort((a, b) => a.startLine - b.startLine || a.startColumn - b.startColumn);
  const kept: SecretMatch[] = [];
  for (const match of sorted) {
    const last = kept[kept.length - 1];
    if (last && overlaps(last, match)) {
      if (better(match, last)) kept[kept.length - 1] = match;
    } else {
      kept.push(match);
    }
  }
  return kept;
}

function overlaps(a: SecretMatch, b: SecretMatch): boolean {
  const aEnd = a.endLine * 1e7 + a.endColumn;
  const bStart = b.startLine * 1e7 + b.startColumn;
  return bStart < aEnd;
}

function better(a: SecretMatch, b: SecretMatch): boolean {
  if (Boolean(a.rule.generic) !== Boolean(b.rule.generic)) return !a.rule.generic;
  const severity = severityRank(a.rule.severity) - severityRank(b.rule.severity);
  if (severity !== 0) return severity > 0;
  return a.secret.length > b.secret.length;
}

function remapLines(match: SecretMatch, target: ScanTarget): SecretMatch {
  const map = target.lineNumbers;
  if (!map) return match;
  return {
    ...match,
    startLine: map[match.startLine - 1] ?? match.startLine,
    endLine: map[match.endLine - 1] ?? match.endLine,
  };
}
