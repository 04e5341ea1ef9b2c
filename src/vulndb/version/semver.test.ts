import { describe, expect, it } from 'vitest';
import { cratesScheme, hexScheme, npmScheme } from './semver.js';
import { semverVersions } from './test-generators.js';
import { itIsATotalOrder, itNeverThrows } from './test-order-properties.js';
import { expectAscending, expectEqual } from './test-orders.js';

for (const scheme of [npmScheme, cratesScheme, hexScheme]) {
  describe(`${scheme.ecosystem} versions (SemVer 2)`, () => {
    it('orders prereleases before their release, numeric identifiers by value', () => {
      expectAscending(scheme, [
        '1.0.0-alpha',
        '1.0.0-alpha.2',
        '1.0.0-alpha.10',
        '1.0.0-beta',
        '1.0.0',
        '1.0.1',
        '1.10.0',
      ]);
    });

    it('ignores build metadata', () => {
      expectEqual(scheme, ['1.0.0+build.1', '1.0.0+build.2', '1.0.0']);
    });

    it('refuses loose forms and puts them after every valid version', () => {
      for (const loose of ['1.2', '=1.2.3', '01.2.3', '1.2.3.4', 'latest', '']) {
        expect(scheme.isValid(loose), loose).toBe(false);
        expect(scheme.compare(loose, '999.0.0'), loose).toBeGreaterThan(0);
      }
      expect(scheme.isValid('v1.2.3')).toBe(true);
    });

    itIsATotalOrder(scheme, semverVersions);
    itNeverThrows(scheme);
  });
}
