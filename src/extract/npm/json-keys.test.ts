import { describe, expect, it } from 'vitest';
import { scanJsonKeys } from './json-keys.js';

function keysOf(text: string): Array<[string, string, number]> {
  const found: Array<[string, string, number]> = [];
  scanJsonKeys(text, (parents, key, offset) => found.push([parents.join('>'), key, offset]));
  return found;
}

describe('scanJsonKeys', () => {
  it('reports each key with the keys enclosing it and its offset', () => {
    const text = '{"a": {"b": 1, "c": [{"d": "x:y"}, {"e": null}]}, "f": "\\"g\\": 2"}';
    expect(keysOf(text)).toEqual([
      ['', 'a', 1],
      ['>a', 'b', 7],
      ['>a', 'c', 15],
      ['>a>c>', 'd', 22],
      ['>a>c>', 'e', 36],
      ['', 'f', 50],
    ]);
  });

  it('decodes escaped keys and skips comments (JSONC)', () => {
    const text = '{\n  // "hidden": 1,\n  /* "also": 2 */ "k\\u00e9y": 3, "back\\\\": 4,\n}';
    expect(keysOf(text).map(([, key]) => key)).toEqual(['kéy', 'back\\']);
  });
});
