import { ExtractError } from '../extractor.js';
import type { LineIndex } from '../lines.js';

/**
 * Elixir literal terms, as mix.lock writes them. Keyword pairs (`repo: "hexpm"`, `"castore": {...}`)
 * become two-element tuples with an atom key, as in Elixir. `true`, `false` and `nil` are atoms.
 */
export type Term =
  | { kind: 'string'; value: string; offset: number }
  | { kind: 'atom'; value: string; offset: number }
  | { kind: 'number'; value: number; offset: number }
  | { kind: 'list'; items: Term[]; offset: number }
  | { kind: 'tuple'; items: Term[]; offset: number }
  | { kind: 'map'; entries: [Term, Term][]; offset: number };

type Token =
  | { type: 'punct'; text: '%{' | '{' | '}' | '[' | ']' | ',' | '=>'; offset: number }
  | { type: 'string' | 'atom' | 'key' | 'word'; text: string; offset: number }
  | { type: 'number'; value: number; offset: number }
  | { type: 'end'; offset: number };

/**
 * Parses one Elixir term: strings, atoms, numbers, lists, tuples, maps and keyword lists — the subset
 * mix.lock uses. Written by hand: there is no maintained JavaScript parser for Elixir terms, and this
 * subset is small. Code (function calls, interpolation, sigils) is rejected, never evaluated.
 */
export function parseElixirTerm(text: string, lines: LineIndex): Term {
  const tokens = new Tokenizer(text, lines);
  const term = parseValue(tokens);
  const rest = tokens.next();
  if (rest.type !== 'end') throw tokens.error('unexpected text after the end of the term', rest.offset);
  return term;
}

function parseValue(tokens: Tokenizer): Term {
  const token = tokens.next();
  switch (token.type) {
    case 'string':
      return { kind: 'string', value: token.text, offset: token.offset };
    case 'atom':
      return { kind: 'atom', value: token.text, offset: token.offset };
    case 'number':
      return { kind: 'number', value: token.value, offset: token.offset };
    case 'word':
      if (token.text === 'true' || token.text === 'false' || token.text === 'nil') {
        return { kind: 'atom', value: token.text, offset: token.offset };
      }
      throw tokens.error(`unexpected '${token.text}': only literal terms are read`, token.offset);
    case 'punct':
      if (token.text === '[') return { kind: 'list', items: parseItems(tokens, ']'), offset: token.offset };
      if (token.text === '{') return { kind: 'tuple', items: parseItems(tokens, '}'), offset: token.offset };
      if (token.text === '%{') return { kind: 'map', entries: parseMapEntries(tokens), offset: token.offset };
      throw tokens.error(`unexpected '${token.text}'`, token.offset);
    case 'key':
      throw tokens.error(`unexpected keyword '${token.text}:' outside a list, tuple or map`, token.offset);
    case 'end':
      throw tokens.error('the file ends before the term does', token.offset);
  }
}

/** Items up to `close`, commas between, a trailing comma allowed; `key: value` pairs become tuples. */
function parseItems(tokens: Tokenizer, close: ']' | '}'): Term[] {
  const items: Term[] = [];
  for (;;) {
    if (tokens.peekPunct(close)) {
      tokens.next();
      return items;
    }
    const key = tokens.peek();
    if (key.type === 'key') {
      tokens.next();
      items.push({
        kind: 'tuple',
        items: [{ kind: 'atom', value: key.text, offset: key.offset }, parseValue(tokens)],
        offset: key.offset,
      });
    } else items.push(parseValue(tokens));
    expectSeparator(tokens, close);
  }
}

function parseMapEntries(tokens: Tokenizer): [Term, Term][] {
  const entries: [Term, Term][] = [];
  for (;;) {
    if (tokens.peekPunct('}')) {
      tokens.next();
      return entries;
    }
    const key = tokens.peek();
    if (key.type === 'key') {
      tokens.next();
      entries.push([{ kind: 'atom', value: key.text, offset: key.offset }, parseValue(tokens)]);
    } else {
      const keyTerm = parseValue(tokens);
      const arrow = tokens.next();
      if (arrow.type !== 'punct' || arrow.text !== '=>')
        throw tokens.error("expected '=>' after a map key", arrow.offset);
      entries.push([keyTerm, parseValue(tokens)]);
    }
    expectSeparator(tokens, '}');
  }
}

function expectSeparator(tokens: Tokenizer, close: ']' | '}'): void {
  if (tokens.peekPunct(close)) return;
  const token = tokens.next();
  if (token.type !== 'punct' || token.text !== ',') throw tokens.error(`expected ',' or '${close}'`, token.offset);
}

const WORD = /[A-Za-z_][A-Za-z0-9_]*[?!]?/y;
const NUMBER = /-?\d[\d_]*(\.\d[\d_]*)?([eE][-+]?\d+)?/y;
const SPACE = /(?:\s|#[^\n]*)*/y;

class Tokenizer {
  private at = 0;
  private peeked: Token | undefined;

  constructor(
    private readonly text: string,
    private readonly lines: LineIndex,
  ) {}

  error(message: string, offset: number): ExtractError {
    const line = this.lines.lineAt(offset);
    return new ExtractError(`${message} (line ${line})`, line);
  }

  peek(): Token {
    this.peeked ??= this.read();
    return this.peeked;
  }

  peekPunct(text: string): boolean {
    const token = this.peek();
    return token.type === 'punct' && token.text === text;
  }

  next(): Token {
    const token = this.peek();
    this.peeked = undefined;
    return token;
  }

  private read(): Token {
    SPACE.lastIndex = this.at;
    SPACE.exec(this.text);
    const offset = SPACE.lastIndex;
    this.at = offset;
    const char = this.text[offset];
    if (char === undefined) return { type: 'end', offset };
    if (this.text.startsWith('%{', offset)) return this.punct('%{', offset);
    if (this.text.startsWith('=>', offset)) return this.punct('=>', offset);
    if ('{}[],'.includes(char)) return this.punct(char as '{' | '}' | '[' | ']' | ',', offset);
    if (char === '"') {
      const value = this.readString(offset);
      // `"name": value` is a keyword key written as a string.
      if (this.keywordColon()) return { type: 'key', text: value, offset };
      return { type: 'string', text: value, offset };
    }
    if (char === ':') {
      if (this.text[offset + 1] === '"') return { type: 'atom', text: this.readString(offset + 1), offset };
      const word = this.match(WORD, offset + 1);
      if (!word) throw this.error("expected an atom name after ':'", offset);
      return { type: 'atom', text: word, offset };
    }
    const word = this.match(WORD, offset);
    if (word) {
      if (this.keywordColon()) return { type: 'key', text: word, offset };
      return { type: 'word', text: word, offset };
    }
    const number = this.match(NUMBER, offset);
    if (number) return { type: 'number', value: Number(number.replace(/_/g, '')), offset };
    throw this.error(`unexpected character '${char}'`, offset);
  }

  /** A keyword key's `:` right after it, then whitespace (`repo: `, `"castore": `): consumed if there. */
  private keywordColon(): boolean {
    if (this.text.charCodeAt(this.at) !== 0x3a) return false;
    const after = this.text.charCodeAt(this.at + 1);
    if (after !== 0x20 && after !== 0x0a && after !== 0x09 && after !== 0x0d) return false;
    this.at++;
    return true;
  }

  private punct(text: '%{' | '{' | '}' | '[' | ']' | ',' | '=>', offset: number): Token {
    this.at = offset + text.length;
    return { type: 'punct', text, offset };
  }

  private match(pattern: RegExp, offset: number): string | undefined {
    pattern.lastIndex = offset;
    const found = pattern.exec(this.text)?.[0];
    if (found) this.at = offset + found.length;
    return found;
  }

  /** A double-quoted string starting at `offset`; escapes are read, interpolation is refused. */
  private readString(offset: number): string {
    let value = '';
    let at = offset + 1;
    for (;;) {
      PLAIN.lastIndex = at;
      PLAIN.exec(this.text);
      value += this.text.slice(at, PLAIN.lastIndex);
      at = PLAIN.lastIndex;
      const char = this.text[at];
      if (char === undefined) throw this.error('unterminated string', offset);
      if (char === '"') {
        this.at = at + 1;
        return value;
      }
      if (char === '\\') {
        const escaped = this.text[at + 1] ?? '';
        value += ESCAPES[escaped] ?? escaped;
        at += 2;
      } else if (this.text[at + 1] === '{') {
        throw this.error('string interpolation is code, not a literal term', at);
      } else {
        value += char;
        at++;
      }
    }
  }
}

/** A run of string characters that need no attention: not a quote, a backslash or a `#`. */
const PLAIN = /[^"\\#]*/y;
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0', s: ' ', e: '\x1b' };
