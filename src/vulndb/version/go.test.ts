import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { goScheme } from './go.js';
import { semverVersions } from './test-generators.js';
import { itIsATotalOrder, itNeverThrows } from './test-order-properties.js';
import { expectAscending, expectEqual } from './test-orders.js';

const digit = fc.constantFrom('0', '1', '9');
/** Pseudo-versions of the three Go forms, with timestamps that collide often. */
const pseudoVersions = fc
  .tuple(
    fc.constantFrom('v0.0.0-', 'v1.2.4-0.', 'v1.2.4-pre.0.'),
    digit,
    digit,
    fc.constantFrom('daa7c04131f5', 'abcdef012345'),
  )
  .map(([base, d1, d2, hash]) => `${base}201911090219${d1}${d2}-${hash}`);
const goVersions = fc.oneof(
  semverVersions,
  pseudoVersions,
  semverVersions.map((v) => `${v.replace(/\+.*/, '')}+incompatible`),
  fc.constantFrom('v1', 'v2', 'v1.2', 'v0.1'),
);

describe('Go module versions', () => {
  it('orders pseudo-versions by timestamp, as prereleases of the next version', () => {
    expectAscending(goScheme, [
      'v0.0.0-20191109021931-daa7c04131f5',
      'v0.0.0-20200101000000-aaaaaaaaaaaa',
      'v0.1.0',
      'v1.2.3',
      'v1.2.4-0.20191109021931-daa7c04131f5',
      'v1.2.4',
    ]);
  });

  it('reads OSV spellings (no v), +incompatible and the v1.2 shorthand', () => {
    expectEqual(goScheme, ['v2.0.0+incompatible', 'v2.0.0', '2.0.0', 'v2.0', 'v2']);
    expect(goScheme.compare('v2.0.0+incompatible', 'v1.9.9')).toBeGreaterThan(0);
  });

  it('refuses what the go command refuses', () => {
    for (const bad of ['v1.2.3.4', 'master', 'v01.2.3', '1.2']) expect(goScheme.isValid(bad), bad).toBe(false);
  });

  itIsATotalOrder(goScheme, goVersions);
  itNeverThrows(goScheme);
});
