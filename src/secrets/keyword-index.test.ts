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

  it('finds keywords across window and lane boundaries of a large input, and numbers its lines', () => {
    const keywords = ['token', 'secret_key', 'ghp_', 'ke'];
    const index = new KeywordIndex(keywords);
    // ~1 MB of pseudo-random pieces: several 256 KiB windows, with keywords and newlines everywhere.
    const pieces = ['tok', 'en', 'secret_', 'KEY', 'ghp', '_', 'k', 'e', '\n', ' ', 'x'];
    let seed = 7;
    const parts: string[] = [];
    for (let length = 0; length < 1_000_000; ) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const piece = pieces[seed % pieces.length] as string;
      parts.push(piece);
      length += piece.length;
    }
    const text = parts.join('');
    const lower = text.toLowerCase();
    const expected: string[] = [];
    keywords.forEach((keyword) => {
      for (let at = lower.indexOf(keyword); at !== -1; at = lower.indexOf(keyword, at + 1)) {
        expected.push(`${keyword}@${at + keyword.length}`);
      }
    });
    const scan = index.scan(Buffer.from(text));
    const found: string[] = [];
    for (let i = 0; i < scan.hits.length; i += 2) found.push(`${keywords[scan.hits[i + 1] as number]}@${scan.hits[i]}`);
    expect(found.length).toBe(expected.length);
    expect([...found].sort()).toEqual(expected.sort());
    const ends = found.map((hit) => Number(hit.split('@')[1]));
    expect(ends).toEqual([...ends].sort((a, b) => a - b));

    for (const offset of [0, 1, 1023, 1024, 262_143, 262_144, 500_001, text.length - 1, text.length]) {
      const line = 1 + (text.slice(0, offset).match(/\n/g)?.length ?? 0);
      expect(scan.lineAt(offset)).toBe(line);
    }
  });

  it('numbers lines of any input', () => {
    const index = new KeywordIndex(['x']);
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '\n', 'x'), maxLength: 3000 }), fc.nat(), (text, pick) => {
        const offset = text.length === 0 ? 0 : pick % (text.length + 1);
        const scan = index.scan(Buffer.from(text));
        expect(scan.lineAt(offset)).toBe(1 + (text.slice(0, offset).match(/\n/g)?.length ?? 0));
      }),
    );
  });
});
