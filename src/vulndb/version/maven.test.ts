import { describe, expect, it } from 'vitest';
import { mavenScheme } from './maven.js';
import { mavenVersions } from './test-generators.js';
import { itIsATotalOrder, itNeverThrows } from './test-order-properties.js';
import { expectAscending, expectEqual } from './test-orders.js';

describe('Maven versions', () => {
  it('orders the well-known qualifiers, then unknown ones alphabetically', () => {
    expectAscending(mavenScheme, [
      '1.0-alpha-1',
      '1.0-beta-1',
      '1.0-milestone-1',
      '1.0-rc-1',
      '1.0-SNAPSHOT',
      '1.0',
      '1.0-sp-1',
      '1.0-abc',
      '1.0-xyz',
      '1.0-1',
      '1.0.1',
    ]);
  });

  it('reads aliases, shorthands, case and trailing zeros as the same version', () => {
    expectEqual(mavenScheme, ['1', '1.0', '1.0.0', '1-ga', '1.FINAL', '1-release', '1.0-0']);
    expectEqual(mavenScheme, ['1.0-cr1', '1.0-RC-1', '1.0rc1']);
    expectEqual(mavenScheme, ['1a1', '1-alpha-1', '1.0-ALPHA1']);
  });

  it('stays one consistent order where ComparableVersion contradicts itself', () => {
    // Maven 3.9 orders 1.sp.1 < 1.0.alpha < 1 < 1.sp.1.
    expectAscending(mavenScheme, ['1.0.alpha', '1', '1.sp.1']);
    expectAscending(mavenScheme, ['3.5.0.Beta-1', '3.5.0-Beta-2', '3.5.0-CR-1']);
    expectEqual(mavenScheme, ['1-1', '1-ga-1', '1--1']);
  });

  it('compares numbers of any length', () => {
    expectAscending(mavenScheme, ['20190126.230843', '1234567890.12345', '12345678901234567890.1']);
  });

  it('accepts any string without spaces', () => {
    expect(mavenScheme.isValid('0.0.0-2021-05-17T01-01-51-5ec03a8b')).toBe(true);
    expect(mavenScheme.isValid('1.0 beta')).toBe(false);
  });

  itIsATotalOrder(mavenScheme, mavenVersions);
  itNeverThrows(mavenScheme);
});
