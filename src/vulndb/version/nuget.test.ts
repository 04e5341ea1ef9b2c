import { describe, expect, it } from 'vitest';
import { nugetScheme } from './nuget.js';
import { nugetVersions } from './test-generators.js';
import { itIsATotalOrder, itNeverThrows } from './test-order-properties.js';
import { expectAscending, expectEqual } from './test-orders.js';

describe('NuGet versions', () => {
  it('orders four-part versions and prereleases', () => {
    expectAscending(nugetScheme, [
      '1.0.0-alpha',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.10',
      '1.0.0',
      '1.0.0.1-pre',
      '1.0.0.1',
      '1.0.1',
    ]);
  });

  it('ignores case in labels, build metadata, leading zeros and missing parts', () => {
    expectEqual(nugetScheme, ['1.0.0-BETA', '1.0.0-beta', '1.0.0-Beta+build.7', '1.0-beta', '1.00.0.0-beta']);
  });

  it('puts invalid versions after valid ones', () => {
    expect(nugetScheme.isValid('1.0.0.0.0')).toBe(false);
    expect(nugetScheme.compare('1.0.0.0.0', '99.0')).toBeGreaterThan(0);
  });

  itIsATotalOrder(nugetScheme, nugetVersions);
  itNeverThrows(nugetScheme);
});
