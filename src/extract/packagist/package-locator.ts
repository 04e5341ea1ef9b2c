import { decodeJsonString } from '../json.js';
import { LineIndex } from '../lines.js';

/** A `"name": "<string>"` property anywhere in the text (the string still JSON-escaped). */
const NAME_PROPERTY = /"name"\s*:\s*"((?:[^"\\]|\\.)*)"/g;

/**
 * Lines of composer.lock's package entries. JSON.parse gives no offsets, and a JSON parser that keeps
 * them is several times slower on a large lock; but a section lists its packages in file order, so each
 * package's `"name": "..."` is found by searching on from where the previous one of its section was.
 */
export class PackageLocator {
  private readonly lines: LineIndex;
  /** Per section: where the search for its next package starts, and the line of the last one found. */
  private readonly cursors = new Map<string, { offset: number; line: number }>();

  constructor(private readonly text: string) {
    this.lines = new LineIndex(text);
  }

  /** Line of the last package found in `section`; before any, of its key (`"packages":`), or 1. */
  currentLine(section: string): number {
    return this.cursor(section).line;
  }

  /** Line of the next `"name": "<name>"` in `section`. */
  lineOf(section: string, name: string): number {
    const cursor = this.cursor(section);
    NAME_PROPERTY.lastIndex = cursor.offset;
    for (let match = NAME_PROPERTY.exec(this.text); match; match = NAME_PROPERTY.exec(this.text)) {
      if (decodeJsonString(match[1] as string) !== name) continue;
      cursor.offset = NAME_PROPERTY.lastIndex;
      cursor.line = this.lines.lineAt(match.index);
      return cursor.line;
    }
    return cursor.line;
  }

  private cursor(section: string): { offset: number; line: number } {
    let cursor = this.cursors.get(section);
    if (!cursor) {
      const key = new RegExp(`${JSON.stringify(section)}\\s*:`).exec(this.text);
      const offset = key ? key.index : 0;
      cursor = { offset, line: this.lines.lineAt(offset) };
      this.cursors.set(section, cursor);
    }
    return cursor;
  }
}
