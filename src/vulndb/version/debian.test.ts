import { describe, expect, it } from 'vitest';
import { debianScheme } from './debian.js';
import { debianVersions } from './test-generators.js';
import { itIsATotalOrder, itNeverThrows } from './test-order-properties.js';
import { expectAscending, expectEqual } from './test-orders.js';

describe('Debian versions (dpkg)', () => {
  it('orders ~ before anything, then letters, then other characters', () => {
    expectAscending(debianScheme, ['1.0~rc1', '1.0~rc1+b1', '1.0', '1.0-1', '1.0a', '1.0+dfsg', '1.0.1', '1:0.1']);
  });

  it('compares epoch, upstream and revision in turn', () => {
    expectAscending(debianScheme, ['1.2.3-1~deb7u1', '1.2.3-1', '1.2.3-1+deb9u1', '1.2.3-2', '1.2.4-1', '1:1.0-1']);
    expectEqual(debianScheme, ['0:1.0', '1.0', '1.0-0', '1.00']);
  });

  it('compares numbers of any length', () => {
    expectAscending(debianScheme, ['20240101120000000000001', '20240101120000000000002']);
  });

  it('refuses versions dpkg would refuse, yet orders them', () => {
    expect(debianScheme.isValid('a1.0')).toBe(false);
    expect(debianScheme.compare('a1.0', 'b1.0')).toBeLessThan(0);
  });

  itIsATotalOrder(debianScheme, debianVersions);
  itNeverThrows(debianScheme);
});
