import { parse, TomlError } from 'smol-toml';
import { ExtractError } from '../extractor.js';

export type TomlTable = Record<string, unknown>;

/** Parses a TOML lockfile; a syntax error becomes an ExtractError with its line. */
export function parseTomlLockfile(text: string, what: string): TomlTable {
  try {
    return parse(text) as TomlTable;
  } catch (error) {
    if (error instanceof TomlError) {
      throw new ExtractError(`${what} is not valid TOML: ${firstLine(error.message)}`, error.line);
    }
    throw error;
  }
}

/** A sibling TOML manifest (pyproject.toml, Pipfile), or undefined when absent or not valid TOML. */
export function readOptionalToml(text: string | undefined): TomlTable | undefined {
  if (text === undefined) return undefined;
  try {
    return parse(text) as TomlTable;
  } catch {
    return undefined;
  }
}

function firstLine(message: string): string {
  return message.split('\n', 1)[0] as string;
}

/**
 * 1-based lines of each `[[name]]` array-table header, in document order, so the n-th header is the
 * n-th element of the parsed array (smol-toml gives no positions). One pass that steps over multi-line
 * strings, where a header-looking line is text.
 */
export function arrayTableLines(text: string, name: string): number[] {
  const header = new RegExp(`^\\s*\\[\\[\\s*${name.replace(/[.]/g, '\\.')}\\s*\\]\\]\\s*(#.*)?$`);
  const lines: number[] = [];
  let openString: '"""' | "'''" | undefined;
  let lineNumber = 0;
  for (const line of text.split('\n')) {
    lineNumber++;
    if (!openString) {
      if (line.includes('[[') && header.test(line.replace(/\r$/, ''))) lines.push(lineNumber);
      // Most lines open no multi-line string: only those with a triple quote need the scan.
      if (!line.includes('"""') && !line.includes("'''")) continue;
    }
    openString = stringStateAfter(line, openString);
  }
  return lines;
}

/** Which multi-line string (if any) is still open at the end of `line`. */
function stringStateAfter(line: string, open: '"""' | "'''" | undefined): '"""' | "'''" | undefined {
  let at = 0;
  while (at < line.length) {
    if (open) {
      const close = findClosing(line, at, open);
      if (close === -1) return open;
      at = close + 3;
      open = undefined;
      continue;
    }
    const char = line[at];
    if (char === '#') return undefined;
    if (line.startsWith('"""', at) || line.startsWith("'''", at)) {
      open = line.slice(at, at + 3) as '"""' | "'''";
      at += 3;
    } else if (char === '"' || char === "'") {
      at = endOfOneLineString(line, at);
    } else {
      at++;
    }
  }
  return open;
}

function findClosing(line: string, from: number, delimiter: string): number {
  for (let at = line.indexOf(delimiter, from); at !== -1; at = line.indexOf(delimiter, at + 1)) {
    // In basic strings a backslash escapes the quote; literal strings have no escapes.
    if (delimiter === "'''" || !isEscaped(line, at)) return at;
  }
  return -1;
}

function endOfOneLineString(line: string, start: number): number {
  const quote = line[start] as string;
  for (let at = start + 1; at < line.length; at++) {
    if (line[at] === '\\' && quote === '"') at++;
    else if (line[at] === quote) return at + 1;
  }
  return line.length;
}

function isEscaped(line: string, at: number): boolean {
  let backslashes = 0;
  for (let i = at - 1; i >= 0 && line[i] === '\\'; i--) backslashes++;
  return backslashes % 2 === 1;
}

/** `value` when it is a TOML table, else an empty one (lockfile fields are read defensively). */
export function asTable(value: unknown): TomlTable {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as TomlTable) : {};
}

/** `value` when it is an array, else an empty one. */
export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** `value` when it is a non-empty string. */
export function asString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
