import { describe, expect, it } from 'vitest';
import { parsePackageKey, stripPeerSuffix } from './pnpm-keys.js';

describe('pnpm package keys', () => {
  it('reads 5.x keys, host-prefixed and with peer suffixes', () => {
    expect(parsePackageKey('/foo/1.0.0', 'v5')).toEqual({ name: 'foo', version: '1.0.0' });
    expect(parsePackageKey('/@foo/bar/1.0.0', 'v5')).toEqual({ name: '@foo/bar', version: '1.0.0' });
    expect(parsePackageKey('registry.npmjs.org/@foo/bar/1.1.0', 'v5')).toEqual({ name: '@foo/bar', version: '1.1.0' });
    expect(parsePackageKey('/foo/1.4.0_@types+babel__core@7.1.14', 'v5')).toEqual({ name: 'foo', version: '1.4.0' });
    expect(parsePackageKey('/foo/bar', 'v5')).toEqual({ name: 'foo' });
    expect(parsePackageKey('file:../local', 'v5')).toEqual({});
  });

  it('reads 6.x and 9.x keys with parenthesised peers', () => {
    expect(parsePackageKey('/react-dom@18.0.0-rc.3(react@18.2.0)', 'v6')).toEqual({
      name: 'react-dom',
      version: '18.0.0-rc.3',
    });
    expect(parsePackageKey('/@typescript-eslint/types@5.57.1', 'v6')).toEqual({
      name: '@typescript-eslint/types',
      version: '5.57.1',
    });
    expect(parsePackageKey('@a/b@1.0.0(@c/d@2.0.0(e@3.0.0))', 'v9')).toEqual({ name: '@a/b', version: '1.0.0' });
    expect(parsePackageKey('is-number@https://codeload.github.com/u/r/tar.gz/98e8ff1', 'v9')).toEqual({
      name: 'is-number',
    });
    expect(stripPeerSuffix('a@1.0.0(b@2.0.0)(c@3.0.0)')).toBe('a@1.0.0');
  });
});
