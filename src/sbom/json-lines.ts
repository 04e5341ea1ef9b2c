import { decodeJsonString } from '../extract/json.js';
import { LineIndex } from '../extract/lines.js';

/**
 * Lines of JSON SBOM entries, which JSON.parse does not give. One regular-expression pass indexes every
 * `"<key>": "<value>"` pair for the keys that identify an entry (bom-ref, purl, SPDXID); each lookup then
 * takes the next unused occurrence of that value, so repeated values map to successive entries. Linear in
 * the file, whatever order the keys are written in.
 */
export class JsonEntryLines {
  private readonly lines: LineIndex;
  private readonly offsets = new Map<string, number[]>();
  private readonly used = new Map<string, number>();

  constructor(text: string, keys: readonly string[]) {
    this.lines = new LineIndex(text);
    const keyPattern = keys.map((key) => key.replace(/[^A-Za-z0-9]/g, '\\$&')).join('|');
    const pair = new RegExp(`"(${keyPattern})"\\s*:\\s*"((?:[^"\\\\]|\\\\.)*)"`, 'g');
    for (const match of text.matchAll(pair)) {
      const id = entryId(match[1] as string, decodeJsonString(match[2] as string));
      const list = this.offsets.get(id);
      if (list) list.push(match.index);
      else this.offsets.set(id, [match.index]);
    }
  }

  /** Line of the next unused `"key": "value"` pair, or undefined when there is none left. */
  next(key: string, value: string): number | undefined {
    const id = entryId(key, value);
    const list = this.offsets.get(id);
    const index = this.used.get(id) ?? 0;
    if (!list || index >= list.length) return undefined;
    this.used.set(id, index + 1);
    return this.lines.lineAt(list[index] as number);
  }

  /** Line of the first `"key":` (for errors about a whole section), or 1. */
  keyLine(key: string): number {
    return this.lines.lineOfJsonKey(key);
  }

  /** Line of the first occurrence of a piece of text, or 1. */
  lineOf(needle: string): number {
    return this.lines.lineOf(needle);
  }
}

function entryId(key: string, value: string): string {
  return `${key}\u0000${value}`;
}

export { isJsonObject as isObject, parseJson } from '../extract/json.js';
