import fc from 'fast-check';
import { expect, it } from 'vitest';
import type { VersionScheme } from './scheme.js';

/** Pieces joined into a string, for building version generators out of small, colliding parts. */
export function joined(parts: fc.Arbitrary<string>, separator: fc.Arbitrary<string>, max = 4): fc.Arbitrary<string> {
  return fc
    .array(fc.tuple(separator, parts), { minLength: 0, maxLength: max })
    .map((pairs) => pairs.map(([sep, part]) => sep + part).join(''));
}

/** Sign without negative zero, so that `toBe` can compare signs. */
const sign = (n: number): number => (n < 0 ? -1 : n > 0 ? 1 : 0);

/**
 * Registers the order laws for a scheme over generated valid versions: every generated version is
 * valid, compare is reflexive, antisymmetric and transitive, and sorting gives an order every pair agrees with.
 */
export function itIsATotalOrder(scheme: VersionScheme, versions: fc.Arbitrary<string>): void {
  it('accepts every generated version as valid', () => {
    fc.assert(fc.property(versions, (v) => scheme.isValid(v)));
  });

  it('compares a version equal to itself', () => {
    fc.assert(fc.property(versions, (v) => scheme.compare(v, v) === 0));
  });

  it('is antisymmetric: swapping the arguments flips the sign', () => {
    fc.assert(fc.property(versions, versions, (a, b) => sign(scheme.compare(a, b)) === -sign(scheme.compare(b, a))));
  });

  it('is transitive over triples', () => {
    fc.assert(
      fc.property(versions, versions, versions, (a, b, c) => {
        const ab = scheme.compare(a, b);
        const bc = scheme.compare(b, c);
        if (ab <= 0 && bc <= 0) expect(scheme.compare(a, c)).toBeLessThanOrEqual(0);
        if (ab === 0 && bc === 0) expect(scheme.compare(a, c)).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('sorts into an order that every pair agrees with', () => {
    fc.assert(
      fc.property(fc.array(versions, { minLength: 2, maxLength: 12 }), (list) => {
        const sorted = [...list].sort((a, b) => scheme.compare(a, b));
        for (let i = 0; i < sorted.length; i++) {
          for (let j = i + 1; j < sorted.length; j++) {
            expect(scheme.compare(sorted[i] as string, sorted[j] as string)).toBeLessThanOrEqual(0);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
}

/** Any text at all: compare must neither throw nor contradict itself when swapped. */
export function itNeverThrows(scheme: VersionScheme, alphabet = '0123456789.-_+~:!#abcprvxzABRV '): void {
  const text = fc.string({ unit: fc.constantFrom(...alphabet), maxLength: 14 });
  it('compares any text without throwing, reflexively and antisymmetrically', () => {
    fc.assert(
      fc.property(fc.oneof(text, fc.string({ maxLength: 10 })), text, (a, b) => {
        expect(typeof scheme.isValid(a)).toBe('boolean');
        expect(scheme.compare(a, a)).toBe(0);
        expect(sign(scheme.compare(a, b))).toBe(sign(-scheme.compare(b, a)));
      }),
    );
  });
}
