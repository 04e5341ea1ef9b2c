/**
 * The line syntax of pip requirements files: continuation lines, comments, and options (`-r file`,
 * `--hash=sha256:...`), read the way pip reads them.
 */

/** One logical line: continuations joined, comment removed; `line` is where it starts (1-based). */
export interface LogicalLine {
  line: number;
  text: string;
}

/**
 * A line ending in `\` continues on the next one; a comment starts at a `#` at the line start or after
 * whitespace (so `#egg=` in a URL stays). As in pip, a comment inside joined lines ends the whole line.
 */
export function logicalLines(text: string): LogicalLine[] {
  const result: LogicalLine[] = [];
  let pending: string[] | undefined;
  let start = 0;
  const physical = text.replace(/^\uFEFF/, '').split('\n');
  for (let index = 0; index < physical.length; index++) {
    const raw = (physical[index] as string).replace(/\r$/, '');
    const commentLine = /^\s*#/.test(raw);
    if (raw.endsWith('\\') && !commentLine) {
      if (!pending) {
        pending = [];
        start = index + 1;
      }
      pending.push(raw.slice(0, -1));
      continue;
    }
    // A comment line closing a continuation is kept apart by a space, so it still reads as a comment.
    const joined = pending ? [...pending, commentLine ? ` ${raw}` : raw].join('') : raw;
    push(result, pending ? start : index + 1, joined);
    pending = undefined;
  }
  if (pending) push(result, start, pending.join(''));
  return result;
}

function push(lines: LogicalLine[], line: number, text: string): void {
  const content = text.replace(/(^|\s)#.*$/, '').trim();
  if (content !== '') lines.push({ line, text: content });
}

export interface ParsedOption {
  /** As written: `-r`, `--requirement`, `--hash`. */
  name: string;
  value?: string;
}

/** Options whose value may follow as the next word (`-r file`, `--hash sha256:...`). */
const TAKES_VALUE = new Set([
  '-r',
  '--requirement',
  '-c',
  '--constraint',
  '-e',
  '--editable',
  '-i',
  '--index-url',
  '--extra-index-url',
  '-f',
  '--find-links',
  '--no-binary',
  '--only-binary',
  '--trusted-host',
  '--use-feature',
  '--hash',
  '--global-option',
  '--install-option',
  '-C',
  '--config-settings',
]);

const FLAGS = new Set(['--pre', '--no-index', '--prefer-binary', '--require-hashes']);

/**
 * Splits a logical line where pip does: the requirement is the words before the first word starting
 * with `-`, the rest are options. An options line has an empty requirement.
 */
export function splitRequirementLine(text: string): { requirement: string; optionWords: string[] } {
  const words = text.split(/\s+/);
  const firstOption = words.findIndex((word) => word.startsWith('-'));
  if (firstOption === -1) return { requirement: text, optionWords: [] };
  return { requirement: words.slice(0, firstOption).join(' '), optionWords: words.slice(firstOption) };
}

/**
 * Reads option words into options. `stray` holds words that belong to no option (pip ignores them);
 * reading stops at an unknown option, since how many words it takes is unknown.
 */
export function parseOptions(words: readonly string[]): { options: ParsedOption[]; stray: string[] } {
  const options: ParsedOption[] = [];
  const stray: string[] = [];
  for (let at = 0; at < words.length; at++) {
    const word = words[at] as string;
    if (!word.startsWith('-')) {
      stray.push(word);
      continue;
    }
    const { name, attached } = splitOptionWord(word);
    if (FLAGS.has(name)) {
      options.push({ name });
    } else if (TAKES_VALUE.has(name)) {
      const value = attached ?? words[++at];
      options.push(value === undefined ? { name } : { name, value });
    } else {
      break;
    }
  }
  return { options, stray };
}

/** `--name=value`, `--name`, `-rfile`, `-r`: the option name and a value written in the same word. */
function splitOptionWord(word: string): { name: string; attached?: string } {
  if (word.startsWith('--')) {
    const equals = word.indexOf('=');
    return equals === -1 ? { name: word } : { name: word.slice(0, equals), attached: word.slice(equals + 1) };
  }
  const attached = word.slice(2).replace(/^=/, '');
  return attached === '' ? { name: word.slice(0, 2) } : { name: word.slice(0, 2), attached };
}
