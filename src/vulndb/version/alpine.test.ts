import { describe, expect, it } from 'vitest';
import { alpineScheme } from './alpine.js';
import { alpineVersions } from './test-generators.js';
import { itIsATotalOrder, itNeverThrows } from './test-order-properties.js';
import { expectAscending, expectEqual } from './test-orders.js';

describe('Alpine versions (apk)', () => {
  it('orders pre-release suffixes, the release, letters, post-release suffixes and revisions', () => {
    expectAscending(alpineScheme, [
      '1.2_alpha1',
      '1.2_beta',
      '1.2_pre2',
      '1.2_rc1',
      '1.2',
      '1.2-r0',
      '1.2-r1',
      '1.2_cvs',
      '1.2_git1',
      '1.2_p1',
      '1.2_p2',
      '1.2a',
      '1.2.1',
      '1.10',
    ]);
  });

  it('compares a dotted number with a leading zero as text, as Gentoo does', () => {
    expectAscending(alpineScheme, ['1.001', '1.01', '1.02', '1.1', '1.2']);
    expectEqual(alpineScheme, ['1.2-r01', '1.2-r1']);
  });

  it('puts a broken version below the valid versions it could have been', () => {
    expect(alpineScheme.isValid('1.2_blah')).toBe(false);
    expectAscending(alpineScheme, ['1.2_blah', '1.2', '1.2_p1']);
    expectAscending(alpineScheme, ['1-ruff', '1', '1-r0']);
  });

  itIsATotalOrder(alpineScheme, alpineVersions);
  itNeverThrows(alpineScheme);
});
