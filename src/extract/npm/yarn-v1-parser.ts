import { ExtractError } from '../extractor.js';

/**
 * yarn.lock v1 ("yarn lockfile v1"): not YAML but yarn's own indented format. An entry is a header of
 * comma-separated descriptors ending with `:`, fields `key value` indented by two spaces, and sections
 * (`dependencies:`) whose `name range` lines are indented by four. Keys and values may be quoted.
 */
export interface YarnV1Entry {
  /** The header's descriptors, unquoted: `lodash@^4.17.0`, `lodash@~4.17.21`. */
  descriptors: string[];
  line: number;
  /** Scalar fields: version, resolved, integrity... */
  fields: Map<string, string>;
  /** Sections such as dependencies and optionalDependencies: name -> range. */
  sections: Map<string, Map<string, string>>;
}

export function parseYarnV1(text: string): YarnV1Entry[] {
  const entries: YarnV1Entry[] = [];
  let entry: YarnV1Entry | undefined;
  let section: Map<string, string> | undefined;
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const lineNumber = index + 1;
    let line = lines[index] as string;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (index === 0 && line.startsWith('\uFEFF')) line = line.slice(1);
    const content = line.trimStart();
    if (content === '' || content.startsWith('#')) continue;
    const indent = line.length - content.length;
    const tokens = tokenize(content.trimEnd(), lineNumber);
    if (indent === 0) {
      if (!tokens.opensBlock)
        throw new ExtractError(`expected an entry header ending with ":" at "${shorten(content)}"`, lineNumber);
      entry = { descriptors: tokens.words, line: lineNumber, fields: new Map(), sections: new Map() };
      entries.push(entry);
      section = undefined;
    } else if (indent === 2 && entry) {
      section = undefined;
      if (tokens.opensBlock) {
        section = new Map();
        entry.sections.set(tokens.words[0] as string, section);
      } else {
        entry.fields.set(tokens.words[0] as string, tokens.words.slice(1).join(' '));
      }
    } else if (indent === 4 && section && !tokens.opensBlock) {
      section.set(tokens.words[0] as string, tokens.words.slice(1).join(' '));
    } else {
      throw new ExtractError(`unexpected indentation at "${shorten(content)}"`, lineNumber);
    }
  }
  return entries;
}

interface LineTokens {
  words: string[];
  /** The line ends with `:`: an entry header or a section name. */
  opensBlock: boolean;
}

/**
 * Splits a line into words: quoted strings (JSON escapes) or bare runs up to a space or comma. Commas
 * separate a header's descriptors; a final `:` opens a block.
 */
function tokenize(content: string, lineNumber: number): LineTokens {
  const words: string[] = [];
  let opensBlock = false;
  let at = 0;
  while (at < content.length) {
    const char = content[at] as string;
    if (char === ' ' || char === ',') {
      at++;
    } else if (char === '"') {
      const end = closingQuote(content, at);
      if (end === -1) throw new ExtractError(`unterminated string at "${shorten(content)}"`, lineNumber);
      words.push(unquote(content.slice(at, end + 1), lineNumber));
      at = end + 1;
    } else if (char === ':' && at === content.length - 1) {
      opensBlock = true;
      at++;
    } else {
      let end = at;
      while (end < content.length && content[end] !== ' ' && content[end] !== ',') end++;
      let word = content.slice(at, end);
      // `key:` at the end of the line opens a block; `key: value` is an older spelling of `key value`.
      if (word.endsWith(':') && (end === content.length || words.length === 0)) {
        word = word.slice(0, -1);
        if (end === content.length) opensBlock = true;
      }
      words.push(word);
      at = end;
    }
  }
  if (words.length === 0) throw new ExtractError(`expected a key at "${shorten(content)}"`, lineNumber);
  return { words, opensBlock };
}

function unquote(quoted: string, lineNumber: number): string {
  try {
    return JSON.parse(quoted) as string;
  } catch {
    throw new ExtractError(`invalid escape in the string ${shorten(quoted)}`, lineNumber);
  }
}

function closingQuote(text: string, open: number): number {
  for (let at = open + 1; at < text.length; at++) {
    if (text[at] === '\\') at++;
    else if (text[at] === '"') return at;
  }
  return -1;
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
