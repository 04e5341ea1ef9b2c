import { ExtractError } from '../extractor.js';

/** One go.mod statement: `require x v1.2.3 // indirect`, alone or inside a `require ( ... )` block. */
export interface GoModStatement {
  verb: string;
  /** Tokens after the verb, quotes removed; `=>` is a token of its own. */
  args: string[];
  /** The trailing `//` comment's text, trimmed ('' when none). */
  comment: string;
  /** 1-based line. */
  line: number;
}

/** Directives the go command knows; anything else means the file is not a go.mod. */
const VERBS = new Set([
  'module',
  'go',
  'toolchain',
  'godebug',
  'require',
  'exclude',
  'replace',
  'retract',
  'tool',
  'ignore',
]);

/**
 * Splits go.mod into statements, one per line, with block statements carrying their block's verb.
 * go.mod's grammar is line-based (https://go.dev/ref/mod#go-mod-file-grammar), so no general parser is needed.
 */
export function parseGoModStatements(text: string): GoModStatement[] {
  const statements: GoModStatement[] = [];
  let block: { verb: string; line: number } | undefined;
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = index + 1;
    const { tokens, comment } = tokenize(lines[index] as string, line);
    if (tokens.length === 0) continue;
    if (block) {
      if (tokens[0] === ')') {
        if (tokens.length > 1) throw new ExtractError(`unexpected text after ')' on line ${line}`, line);
        block = undefined;
      } else statements.push({ verb: block.verb, args: tokens, comment, line });
      continue;
    }
    const verb = tokens[0] as string;
    if (!VERBS.has(verb)) throw new ExtractError(`unknown go.mod directive '${verb}'`, line);
    if (tokens[1] === '(') {
      if (tokens.length === 3 && tokens[2] === ')') continue; // `require ()`: an empty block
      if (tokens.length > 2) throw new ExtractError(`unexpected text after '${verb} (' on line ${line}`, line);
      block = { verb, line };
    } else statements.push({ verb, args: tokens.slice(1), comment, line });
  }
  if (block)
    throw new ExtractError(`the '${block.verb} (' block opened on line ${block.line} is never closed`, block.line);
  return statements;
}

/** A bare word: up to whitespace, a quote, a parenthesis, `=>` or `//` (at least one character). */
const WORD = /.(?:(?!=>|\/\/)[^\s()"`])*/y;

/** Tokens of one line: whitespace-separated words, "quoted" or `raw` strings, `=>`, `(`, `)`; then the comment. */
function tokenize(source: string, line: number): { tokens: string[]; comment: string } {
  const tokens: string[] = [];
  let at = 0;
  while (at < source.length) {
    const char = source[at] as string;
    if (char === ' ' || char === '\t' || char === '\r') {
      at++;
    } else if (source.startsWith('//', at)) {
      return { tokens, comment: source.slice(at + 2).trim() };
    } else if (char === '"' || char === '`') {
      const end = closingQuote(source, at, char);
      if (end === -1) throw new ExtractError(`unterminated quoted string on line ${line}`, line);
      const quoted = source.slice(at, end + 1);
      tokens.push(char === '"' ? unquote(quoted, line) : quoted.slice(1, -1));
      at = end + 1;
    } else if (char === '(' || char === ')') {
      tokens.push(char);
      at++;
    } else if (source.startsWith('=>', at)) {
      tokens.push('=>');
      at += 2;
    } else {
      WORD.lastIndex = at;
      const word = (WORD.exec(source) as RegExpExecArray)[0];
      tokens.push(word);
      at += word.length;
    }
  }
  return { tokens, comment: '' };
}

/** Go's interpreted strings share JSON's common escapes; module paths and versions need no others. */
function unquote(quoted: string, line: number): string {
  try {
    return JSON.parse(quoted) as string;
  } catch {
    throw new ExtractError(`cannot read the quoted string ${quoted} on line ${line}`, line);
  }
}

function closingQuote(source: string, start: number, quote: string): number {
  for (let at = start + 1; at < source.length; at++) {
    if (quote === '"' && source[at] === '\\') at++;
    else if (source[at] === quote) return at;
  }
  return -1;
}
