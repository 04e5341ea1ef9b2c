import { describe, expect, it } from 'vitest';
import { packagistScheme } from './packagist.js';
import { composerVersions } from './test-generators.js';
import { itIsATotalOrder, itNeverThrows } from './test-order-properties.js';
import { expectAscending, expectEqual } from './test-orders.js';

describe('Packagist versions', () => {
  it('orders stabilities dev < alpha < beta < RC < stable < patch', () => {
    expectAscending(packagistScheme, [
      'dev-main',
      '1.0.0-dev',
      '1.0.0-alpha1',
      '1.0.0-beta1',
      '1.0.0-beta2',
      '1.0.0-RC1',
      '1.0.0',
      '1.0.0-p1',
      '1.0.1',
      '1.10.0',
    ]);
  });

  it('reads v prefixes, short stability names and case alike', () => {
    expectEqual(packagistScheme, ['v1.2.3', 'V1.2.3', '1.2.3', '1.2.3-stable']);
    expectEqual(packagistScheme, ['1.0.0-beta2', '1.0.0b2', '1.0.0.BETA.2', '1.0.0-b.2']);
    expectEqual(packagistScheme, ['1.0.0-pl1', '1.0.0-patch1', '1.0.0p1']);
  });

  it('keeps PHP version_compare order for short versions (1.0 < 1.0.0)', () => {
    expectAscending(packagistScheme, ['1.0', '1.0.0']);
  });

  it('knows Composer shapes', () => {
    for (const valid of ['1.2.3.4', 'v2.0.0-RC1', 'dev-master', '2.1.x-dev'])
      expect(packagistScheme.isValid(valid), valid).toBe(true);
    for (const invalid of ['1.2.3.4.5', 'latest', '1.0-foo'])
      expect(packagistScheme.isValid(invalid), invalid).toBe(false);
  });

  itIsATotalOrder(packagistScheme, composerVersions);
  itNeverThrows(packagistScheme);
});
