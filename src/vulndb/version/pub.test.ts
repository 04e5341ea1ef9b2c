import { describe, expect, it } from 'vitest';
import { pubScheme } from './pub.js';
import { semverVersions } from './test-generators.js';
import { itIsATotalOrder, itNeverThrows } from './test-order-properties.js';
import { expectAscending } from './test-orders.js';

describe('Pub versions', () => {
  it('orders build metadata after the plain release, numbers before words', () => {
    expectAscending(pubScheme, [
      '1.0.0-beta',
      '1.0.0-beta+1',
      '1.0.0',
      '1.0.0+1',
      '1.0.0+2',
      '1.0.0+10',
      '1.0.0+a',
      '1.0.1',
    ]);
  });

  it('puts invalid versions after valid ones', () => {
    expect(pubScheme.isValid('1.0')).toBe(false);
    expect(pubScheme.compare('1.0', '2.0.0')).toBeGreaterThan(0);
  });

  itIsATotalOrder(pubScheme, semverVersions);
  itNeverThrows(pubScheme);
});
