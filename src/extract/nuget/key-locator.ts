import { decodeJsonString } from '../json.js';
import { LineIndex } from '../lines.js';

/** An object-valued property, `"<key>": {`, anywhere in the text (the key still JSON-escaped). */
const OBJECT_PROPERTY = /"((?:[^"\\]|\\.)*)"\s*:\s*\{/g;

/**
 * Lines of packages.lock.json's entries. JSON.parse gives no offsets, and a JSON parser that keeps them
 * is several times slower on a large lock; but frameworks and their packages are written in the order
 * JSON.parse gives them back, so each is found by searching on from the previous one. Only keys whose
 * value is an object are candidates: a package's own entry, never a `"Name": "1.0.0"` dependency line.
 */
export class KeyLocator {
  private readonly lines: LineIndex;
  private offset = 0;
  private lastLine = 1;

  constructor(private readonly text: string) {
    this.lines = new LineIndex(text);
  }

  /** Line of the next object-valued property named `key`; the previous one's line if there is none. */
  next(key: string): number {
    OBJECT_PROPERTY.lastIndex = this.offset;
    for (let match = OBJECT_PROPERTY.exec(this.text); match; match = OBJECT_PROPERTY.exec(this.text)) {
      if (decodeJsonString(match[1] as string) !== key) continue;
      this.offset = OBJECT_PROPERTY.lastIndex;
      this.lastLine = this.lines.lineAt(match.index);
      return this.lastLine;
    }
    return this.lastLine;
  }
}
