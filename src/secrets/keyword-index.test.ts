import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeywordIndex } from './keyword-index.js';

function hits(index: KeywordIndex, text: string): string[] {
  const found: string[] = [];
  index.search(Buffer.from(text), (end, k) => found.push(`${index.keywords[k]}@${end}`));
  return found;
}

describe('KeywordIndex', () => {
  it('finds overlapping keywords case-insensitively with their end offsets', () => {
    const index = new KeywordIndex(['ghp_', 'hp_', 'akia', 'key']);
    expect(hits(index, 'x GHP_abc AkIa monkey')).toEqual(['ghp_@6', 'hp_@6', 'akia@14', 'key@21']);
  });

  it('reports nothing when no keyword occurs', () => {
    expect(hits(new KeywordIndex(['secret']), 'nothing to see here, just secre t')).toEqual([]);
  });

  it('agrees with a naive search on random text', () => {
    const alphabet = fc.constantFrom('a', 'b', 'A', 'B', 'c', '_', ' ');
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: alphabet, minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 }),
        fc.string({ unit: alphabet, maxLength: 200 }),
        (keywords, text) => {
          const unique = [...new Set(keywords.map((k) => k.toLowerCase()))];
          const index = new KeywordIndex(unique);
          const expected: string[] = [];
          const lower = text.toLowerCase();
          for (let end = 1; end <= lower.length; end++) {
            for (const k of unique) if (lower.slice(0, end).endsWith(k)) expected.push(`${k}@${end}`);
          }
          expect(hits(index, text).sort()).toEqual(expected.sort());
        },
      ),
    );
  });

  it('finds every keyword once, in offset order, in long input walked in two halves', () => {
    const keywords = ['token', 'ok', 'secret_key', 'ke'];
    const index = new KeywordIndex(keywords);
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('token', 'ok', 'SECRET_KEY', 'x', 'ke', ' ', 'to'), { minLength: 1, maxLength: 400 }),
        (parts) => {
          const text = parts.join('');
          const expected: string[] = [];
          const lower = text.toLowerCase();
          for (let end = 1; end <= lower.length; end++) {
            for (const k of keywords) if (lower.slice(0, end).endsWith(k)) expected.push(`${k}@${end}`);
          }
          const found = hits(index, text);
          expect([...found].sort()).toEqual(expected.sort());
          const ends = found.map((hit) => Number(hit.split('@')[1]));
          expect(ends).toEqual([...ends].sort((a, b) => a - b));
        },
      ),
    );
  });
});
