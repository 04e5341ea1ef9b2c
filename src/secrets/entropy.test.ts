import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shannonEntropy } from './entropy.js';

/** The textbook definition, over code points. */
function reference(value: string): number {
  const chars = Array.from(value);
  const counts = new Map<string, number>();
  for (const char of chars) counts.set(char, (counts.get(char) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) entropy -= (count / chars.length) * Math.log2(count / chars.length);
  return entropy;
}

describe('shannonEntropy', () => {
  it('gives the known values', () => {
    expect(shannonEntropy('')).toBe(0);
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abab')).toBe(1);
    expect(shannonEntropy('abcd')).toBe(2);
    expect(shannonEntropy('😀😁😀😁')).toBe(1);
  });

  it('agrees with the definition on any text, call after call', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 40 }), { maxLength: 5 }), (values) => {
        for (const value of values) expect(shannonEntropy(value)).toBeCloseTo(reference(value), 10);
      }),
    );
  });
});
