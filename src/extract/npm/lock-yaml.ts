import { isMap, isScalar, type Node, parseAllDocuments } from 'yaml';
import { ExtractError } from '../extractor.js';
import { LineIndex } from '../lines.js';

/**
 * YAML for pnpm-lock.yaml and yarn berry's yarn.lock. Package managers write a small subset of YAML
 * (block mappings and sequences, quoted or plain scalars, one-line flow collections), and a reader
 * for just that subset is about ten times faster than a general YAML library on a large lockfile. Any
 * line outside the subset (block scalars, anchors, multi-line flow, ...) sends the whole file to the
 * `yaml` library instead, which also reports syntax errors with their line.
 */

export interface YamlDocument {
  /** The document as plain values: objects, arrays, strings, numbers, booleans, null. */
  value: unknown;
  /** 1-based line of the mapping key at `path`, recorded when `wantLines` accepted the keys above it. */
  lineOf(path: readonly string[]): number | undefined;
}

/** Which mappings' keys need line numbers: `parents` are the keys leading to the mapping ([] is the root). */
export type WantLines = (parents: readonly string[]) => boolean;

/** Every document in the file (pnpm 11+ may write an environment document before the lockfile itself). */
export function parseLockYaml(text: string, wantLines: WantLines): YamlDocument[] {
  return readYamlSubset(text, wantLines) ?? readWithLibrary(text, wantLines);
}

/** The fast reader alone: undefined when the text uses YAML outside the lockfile subset. */
export function readYamlSubset(text: string, wantLines: WantLines): YamlDocument[] | undefined {
  try {
    return new SubsetReader(text, wantLines).read();
  } catch (error) {
    if (error instanceof OutsideSubset) return undefined;
    throw error;
  }
}

/** Key of the lines map: the path's keys, each followed by a NUL (lockfile keys never hold one). */
function pathKey(path: readonly string[]): string {
  let joined = '';
  for (const key of path) joined += `${key}\u0000`;
  return joined;
}

function documentOf(value: unknown, lines: Map<string, number>): YamlDocument {
  return { value, lineOf: (path) => lines.get(pathKey(path)) };
}

/** Thrown inside the subset reader to hand the file to the full library. */
class OutsideSubset extends Error {}

function outside(): never {
  throw new OutsideSubset();
}

interface Frame {
  indent: number;
  container: Record<string, unknown> | unknown[];
  path: string[];
  /** `pathKey(path)` when the keys of this mapping need lines, else undefined. */
  linePrefix: string | undefined;
  /** A sequence written at its key's own indent (`key:\n- a`): it ends at the next key. */
  compact: boolean;
}

interface PendingKey {
  frame: Frame;
  key: string;
  indent: number;
}

class SubsetReader {
  private readonly documents: YamlDocument[] = [];
  private stack: Frame[] = [];
  private root: unknown;
  private started = false;
  private lines = new Map<string, number>();
  private pending: PendingKey | undefined;

  constructor(
    private readonly text: string,
    private readonly wantLines: WantLines,
  ) {}

  read(): YamlDocument[] {
    const text = this.text;
    let lineNumber = 0;
    let start = text.startsWith('\uFEFF') ? 1 : 0;
    while (start <= text.length) {
      const newline = text.indexOf('\n', start);
      const end = newline === -1 ? text.length : newline;
      lineNumber++;
      this.readLine(start, end, lineNumber);
      if (newline === -1) break;
      start = end + 1;
    }
    this.endDocument();
    return this.documents;
  }

  /** The line `text[start, end)`: sliced once, after the indent (lockfiles are mostly indentation). */
  private readLine(start: number, end: number, lineNumber: number): void {
    const text = this.text;
    let indent = 0;
    while (text.charCodeAt(start + indent) === 0x20) indent++;
    let last = end;
    while (last > start + indent && isTrailingSpace(text.charCodeAt(last - 1))) last--;
    if (last === start + indent) return;
    const first = text.charCodeAt(start + indent);
    if (first === 0x23 /* # */) return;
    if (
      indent === 0 &&
      (first === 0x2d || first === 0x2e || first === 0x25) &&
      this.readMarker(text.slice(start, last))
    )
      return;
    if (first === 0x09 /* tab */) outside();
    this.started = true;
    this.placeLine(indent, text.slice(start + indent, last), lineNumber);
  }

  /** `---` starts a document; `...` and `%` directives are outside the subset. False for other lines. */
  private readMarker(line: string): boolean {
    if (line.startsWith('---') && (line.length === 3 || line[3] === ' ' || line[3] === '\t')) {
      const after = line.slice(3).trim();
      if (after !== '' && !after.startsWith('#')) outside();
      if (this.started) this.endDocument();
      this.started = true;
      return true;
    }
    if (line.startsWith('...') || line.startsWith('%')) outside();
    return false;
  }

  private placeLine(indent: number, content: string, lineNumber: number): void {
    const item = isSequenceItem(content);
    this.settlePending(indent, item);
    let top = this.stack.at(-1);
    while (top && top.indent > indent) {
      this.stack.pop();
      top = this.stack.at(-1);
    }
    if (top?.compact && top.indent === indent && !item) {
      this.stack.pop();
      top = this.stack.at(-1);
    }
    if (!top) {
      if (this.root !== undefined) outside();
      const container = item ? [] : {};
      this.root = container;
      top = { indent, container, path: [], linePrefix: this.wantLines([]) ? '' : undefined, compact: false };
      this.stack.push(top);
    }
    if (top.indent !== indent) outside();
    if (Array.isArray(top.container)) {
      if (!item) outside();
      const value = content.slice(1).trim();
      if (value === '' || value.startsWith('#') || looksLikeMappingEntry(value)) outside();
      top.container.push(inlineValue(value));
      return;
    }
    if (item) outside();
    const { key, rest } = splitKey(content);
    if (Object.hasOwn(top.container, key)) outside();
    if (top.linePrefix !== undefined) this.lines.set(`${top.linePrefix}${key}\u0000`, lineNumber);
    // A key without a value waits for the next line to say whether a block follows (else it is null).
    if (rest === '') this.pending = { frame: top, key, indent };
    else setOwn(top.container, key, inlineValue(rest));
  }

  /** The pending key gets the block that starts on this line, or null when none does. */
  private settlePending(indent: number, item: boolean): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    if (indent > pending.indent || (indent === pending.indent && item)) {
      this.open(pending, indent, item ? [] : {}, indent === pending.indent);
    } else {
      setOwn(pending.frame.container as Record<string, unknown>, pending.key, null);
    }
  }

  private open(pending: PendingKey, indent: number, container: Record<string, unknown> | unknown[], compact: boolean) {
    const path = [...pending.frame.path, pending.key];
    setOwn(pending.frame.container as Record<string, unknown>, pending.key, container);
    const linePrefix = !Array.isArray(container) && this.wantLines(path) ? pathKey(path) : undefined;
    this.stack.push({ indent, container, path, linePrefix, compact });
  }

  private endDocument(): void {
    this.settlePending(-1, false);
    if (this.started) this.documents.push(documentOf(this.root ?? null, this.lines));
    this.stack = [];
    this.root = undefined;
    this.started = false;
    this.lines = new Map();
    this.pending = undefined;
  }
}

function isTrailingSpace(char: number): boolean {
  return char === 0x20 || char === 0x0d || char === 0x09;
}

function isSequenceItem(content: string): boolean {
  return content === '-' || content.startsWith('- ');
}

/** A `key: value` inside a sequence item is a nested mapping: outside the subset. */
function looksLikeMappingEntry(value: string): boolean {
  if (value.startsWith('"') || value.startsWith("'") || value.startsWith('{') || value.startsWith('[')) return false;
  return value.includes(': ') || value.endsWith(':');
}

function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  // `__proto__` as a plain assignment would replace the prototype instead of adding a key.
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** A block mapping line's key and what follows its colon (comments dropped). */
function splitKey(content: string): { key: string; rest: string } {
  let key: string;
  let after: string;
  const first = content[0] as string;
  if (first === '"' || first === "'") {
    const end = closingQuote(content, 0);
    key = unquote(content.slice(0, end + 1));
    after = content.slice(end + 1);
    if (!after.startsWith(':') || (after.length > 1 && after[1] !== ' ')) outside();
    after = after.slice(1);
  } else {
    if ('?{}[]&*!|>%@`,#'.includes(first)) outside();
    let colon = content.indexOf(': ');
    if (colon === -1) {
      if (!content.endsWith(':')) outside();
      colon = content.length - 1;
    }
    key = content.slice(0, colon).trimEnd();
    if (key.includes(' #')) outside();
    after = content.slice(colon + 1);
  }
  const rest = after.trim();
  return { key, rest: rest.startsWith('#') ? '' : rest };
}

/** A value written on the key's line: quoted, flow collection or plain scalar. */
function inlineValue(text: string): unknown {
  const first = text[0] as string;
  if (first === '"' || first === "'") {
    const end = closingQuote(text, 0);
    expectNothingAfter(text.slice(end + 1));
    return unquote(text.slice(0, end + 1));
  }
  if (first === '{' || first === '[') {
    const reader = new FlowReader(text);
    const value = reader.value();
    expectNothingAfter(text.slice(reader.at));
    return value;
  }
  if ('&*!|>%@`'.includes(first) || text.startsWith('- ')) outside();
  const comment = text.indexOf(' #');
  const plain = (comment === -1 ? text : text.slice(0, comment)).trimEnd();
  if (plain.includes(': ') || plain.endsWith(':')) outside();
  return plainScalar(plain);
}

function expectNothingAfter(rest: string): void {
  const trimmed = rest.trim();
  if (trimmed !== '' && !trimmed.startsWith('#')) outside();
}

/** Index of the quote closing the string that opens at `open` (`\"` escapes double, `''` single quotes). */
function closingQuote(text: string, open: number): number {
  const quote = text[open];
  for (let at = open + 1; at < text.length; at++) {
    const char = text[at];
    if (quote === '"' && char === '\\') at++;
    else if (char === quote) {
      if (quote === "'" && text[at + 1] === "'") at++;
      else return at;
    }
  }
  return outside();
}

function unquote(quoted: string): string {
  if (quoted.startsWith("'")) return quoted.slice(1, -1).replaceAll("''", "'");
  try {
    // YAML double-quoted escapes are a superset of JSON's; the rare others go to the library.
    return JSON.parse(quoted) as string;
  } catch {
    return outside();
  }
}

/** Plain scalars under the YAML 1.2 core schema, as the `yaml` library reads them. */
function plainScalar(text: string): unknown {
  if (text === '' || text === '~' || text === 'null' || text === 'Null' || text === 'NULL') return null;
  if (text === 'true' || text === 'True' || text === 'TRUE') return true;
  if (text === 'false' || text === 'False' || text === 'FALSE') return false;
  const first = text.charCodeAt(0);
  // Only text starting like a number can be one; most lockfile scalars are names and versions.
  if ((first >= 0x30 && first <= 0x39) || first === 0x2b || first === 0x2d || first === 0x2e) {
    if (/^[-+]?[0-9]+$/.test(text)) return Number.parseInt(text, 10);
    if (/^0o[0-7]+$/.test(text)) return Number.parseInt(text.slice(2), 8);
    if (/^0x[0-9a-fA-F]+$/.test(text)) return Number.parseInt(text.slice(2), 16);
    if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/.test(text)) return Number.parseFloat(text);
    if (/^[-+]?\.(?:inf|Inf|INF)$/.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
    if (/^\.(?:nan|NaN|NAN)$/.test(text)) return Number.NaN;
  }
  return text;
}

/** One-line flow collections: `{integrity: sha512-..., tarball: https://...}`, `[x64, arm64]`. */
class FlowReader {
  at = 0;

  constructor(private readonly text: string) {}

  value(): unknown {
    this.skipSpaces();
    const char = this.text[this.at];
    if (char === undefined) return outside();
    if (char === '{') return this.mapping();
    if (char === '[') return this.sequence();
    if (char === '"' || char === "'") {
      const end = closingQuote(this.text, this.at);
      const value = unquote(this.text.slice(this.at, end + 1));
      this.at = end + 1;
      return value;
    }
    if ('&*!|>%@`'.includes(char)) outside();
    const start = this.at;
    while (this.at < this.text.length && !',[]{}'.includes(this.text[this.at] as string)) this.at++;
    const plain = this.text.slice(start, this.at).trim();
    if (plain.includes(': ') || plain.includes(' #')) outside();
    return plainScalar(plain);
  }

  private mapping(): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    this.at++;
    for (;;) {
      this.skipSpaces();
      if (this.text[this.at] === '}') {
        this.at++;
        return result;
      }
      const key = this.key();
      if (Object.hasOwn(result, key)) outside();
      this.skipSpaces();
      let value: unknown = null;
      if (this.text[this.at] === ':') {
        this.at++;
        this.skipSpaces();
        const next = this.text[this.at];
        if (next !== ',' && next !== '}') value = this.value();
      }
      setOwn(result, key, value);
      this.separator('}');
    }
  }

  private sequence(): unknown[] {
    const result: unknown[] = [];
    this.at++;
    for (;;) {
      this.skipSpaces();
      if (this.text[this.at] === ']') {
        this.at++;
        return result;
      }
      result.push(this.value());
      this.separator(']');
    }
  }

  private key(): string {
    const char = this.text[this.at];
    if (char === '"' || char === "'") {
      const end = closingQuote(this.text, this.at);
      const key = unquote(this.text.slice(this.at, end + 1));
      this.at = end + 1;
      return key;
    }
    if (char === undefined || '&*!|>%@`[{'.includes(char)) outside();
    const start = this.at;
    for (; this.at < this.text.length; this.at++) {
      const current = this.text[this.at] as string;
      if (current === ',' || current === '}' || current === ']') break;
      if (current === ':' && ' ,}]'.includes(this.text[this.at + 1] ?? ' ')) break;
    }
    return this.text.slice(start, this.at).trim();
  }

  private separator(close: string): void {
    this.skipSpaces();
    const char = this.text[this.at];
    if (char === ',') this.at++;
    else if (char !== close) outside();
  }

  private skipSpaces(): void {
    while (this.text[this.at] === ' ') this.at++;
  }
}

/** The general path: the `yaml` library, for files outside the subset and for syntax errors. */
export function readWithLibrary(text: string, wantLines: WantLines): YamlDocument[] {
  const documents = parseAllDocuments(text);
  const lineIndex = new LineIndex(text);
  return Array.from(documents, (document) => {
    const [error] = document.errors;
    if (error) {
      const message = error.message.split('\n')[0] as string;
      throw new ExtractError(`not valid YAML: ${message}`, error.linePos?.[0].line);
    }
    let value: unknown;
    try {
      value = document.toJS();
    } catch (failure) {
      throw new ExtractError(`not valid YAML: ${(failure as Error).message}`);
    }
    const lines = new Map<string, number>();
    collectKeyLines(document.contents, [], wantLines, lineIndex, lines);
    return documentOf(value ?? null, lines);
  });
}

function collectKeyLines(
  node: Node | null,
  path: string[],
  wantLines: WantLines,
  lineIndex: LineIndex,
  lines: Map<string, number>,
): void {
  if (!isMap(node)) return;
  const record = wantLines(path);
  for (const pair of node.items) {
    const keyNode = pair.key as Node | null;
    const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
    if (record && keyNode?.range) lines.set(pathKey([...path, key]), lineIndex.lineAt(keyNode.range[0]));
    collectKeyLines(pair.value as Node | null, [...path, key], wantLines, lineIndex, lines);
  }
}
