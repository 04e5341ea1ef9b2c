import { describe, expect, it } from 'vitest';
import { rubyGemsScheme } from './rubygems.js';
import { gemVersions } from './test-generators.js';
import { itIsATotalOrder, itNeverThrows } from './test-order-properties.js';
import { expectAscending, expectEqual } from './test-orders.js';

describe('RubyGems versions (Gem::Version)', () => {
  it('puts a release after its prereleases (any letter makes a prerelease)', () => {
    expectAscending(rubyGemsScheme, ['1.0.a', '1.0.a.2', '1.0.a10', '1.0.b1', '1.0.rc1', '1.0', '1.0.1', '1.10']);
  });

  it('ignores trailing zeros and the dot between a word and its number', () => {
    expectEqual(rubyGemsScheme, ['1', '1.0', '1.0.0']);
    expectEqual(rubyGemsScheme, ['1.0.a2', '1.0.a.2']);
    expectEqual(rubyGemsScheme, ['1.0-beta', '1.0.pre.beta']);
  });

  it('compares numbers beyond 2^53 exactly', () => {
    expectAscending(rubyGemsScheme, ['9007199254740993', '9007199254740994']);
  });

  it('orders strings Gem::Version refuses by the same segments', () => {
    expect(rubyGemsScheme.isValid('1beta')).toBe(false);
    expectAscending(rubyGemsScheme, ['1beta', '1']);
  });

  itIsATotalOrder(rubyGemsScheme, gemVersions);
  itNeverThrows(rubyGemsScheme);
});
