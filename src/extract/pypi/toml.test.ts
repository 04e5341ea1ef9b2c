import { describe, expect, it } from 'vitest';
import { ExtractError } from '../extractor.js';
import { arrayTableLines, parseTomlLockfile } from './toml.js';

describe('TOML helpers', () => {
  it('finds array-table headers, not header-looking lines inside multi-line strings', () => {
    const text = [
      '[[package]]', // 1
      'name = "a"',
      'description = """',
      '[[package]]', // 4: text
      '"""',
      "notes = '''",
      '[[package]]', // 7: text
      "'''",
      'quote = "a \\"\\"\\" b"', // an escaped triple quote inside a one-line string opens nothing
      '  [[ package ]]  # spaced, with a comment', // 10
      '[[package.dependencies]]', // 11: another table
    ].join('\n');
    expect(arrayTableLines(text, 'package')).toEqual([1, 10]);
  });

  it('turns syntax errors into ExtractError with the line', () => {
    let error: unknown;
    try {
      parseTomlLockfile('a = 1\nb = [\n1,\nc', 'uv.lock');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ExtractError);
    expect((error as ExtractError).message).toMatch(/^uv.lock is not valid TOML/);
    expect((error as ExtractError).line).toBe(4);
  });
});
