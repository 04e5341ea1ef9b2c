import { describe, expect, it } from 'vitest';
import { pypiScheme } from './pypi.js';
import { pep440Versions } from './test-generators.js';
import { itIsATotalOrder, itNeverThrows } from './test-order-properties.js';
import { expectAscending, expectEqual } from './test-orders.js';

describe('PyPI versions (PEP 440)', () => {
  it('orders dev, pre, final, post and local releases', () => {
    expectAscending(pypiScheme, [
      '1.0.dev1',
      '1.0a1.dev1',
      '1.0a1',
      '1.0b2',
      '1.0rc1',
      '1.0',
      '1.0+local',
      '1.0.post1.dev1',
      '1.0.post1',
      '1.1',
      '1!0.1',
    ]);
  });

  it('treats alternative spellings as the same version', () => {
    expectEqual(pypiScheme, ['1.0rc1', '1.0RC1', '1.0c1', '1.0-pre1', '1.0.preview1', 'v1.0rc1', ' 1.0rc1 ']);
    expectEqual(pypiScheme, ['1.0.post1', '1.0-1', '1.0.rev1', '1.0r1']);
    expectEqual(pypiScheme, ['1.0', '1.0.0', '0!1.0']);
  });

  it('keeps the pre-PEP 440 order for legacy versions, before every valid one', () => {
    expect(pypiScheme.isValid('0.9-ivysaur')).toBe(false);
    expectAscending(pypiScheme, ['0.1-bulbasaur', '0.1-charmander', '2013-01-21T20:33:09+0100', '0.0.1']);
  });

  itIsATotalOrder(pypiScheme, pep440Versions);
  itNeverThrows(pypiScheme);
});
