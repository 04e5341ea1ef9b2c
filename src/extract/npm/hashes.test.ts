import { describe, expect, it } from 'vitest';
import { hashesFromIntegrity, sha1FromResolvedUrl, uniqueHashes } from './hashes.js';

// Digests of well-known inputs: SHA-1 and SHA-512 of the empty string, SHA-256 of "abc".
const EMPTY_SHA1 = 'da39a3ee5e6b4b0d3255bfef95601890afd80709';
const EMPTY_SHA512 =
  'cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e';
const ABC_SHA256 = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';

describe('hashesFromIntegrity', () => {
  it('turns SRI base64 into lower-case hex with the CycloneDX algorithm name', () => {
    expect(hashesFromIntegrity('sha1-2jmj7l5rSw0yVb/vlWAYkK/YBwk=')).toEqual([
      { algorithm: 'SHA-1', value: EMPTY_SHA1 },
    ]);
    expect(
      hashesFromIntegrity(
        'sha512-z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg==',
      ),
    ).toEqual([{ algorithm: 'SHA-512', value: EMPTY_SHA512 }]);
  });

  it('reads every digest of a multi-hash integrity, options included, and drops what is not SRI', () => {
    const integrity =
      'sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=?opt  sha1-2jmj7l5rSw0yVb/vlWAYkK/YBwk= sha1-tooShort== whirlpool-abc';
    expect(hashesFromIntegrity(integrity)).toEqual([
      { algorithm: 'SHA-256', value: ABC_SHA256 },
      { algorithm: 'SHA-1', value: EMPTY_SHA1 },
    ]);
    expect(hashesFromIntegrity(undefined)).toEqual([]);
    expect(hashesFromIntegrity('not-an-integrity')).toEqual([]);
  });
});

describe('sha1FromResolvedUrl and uniqueHashes', () => {
  it('reads the SHA-1 yarn v1 appends to a registry URL', () => {
    const url = `https://registry.yarnpkg.com/etag/-/etag-1.8.1.tgz#${EMPTY_SHA1.toUpperCase()}`;
    expect(sha1FromResolvedUrl(url)).toEqual([{ algorithm: 'SHA-1', value: EMPTY_SHA1 }]);
    expect(sha1FromResolvedUrl('https://github.com/user/repo.git#main')).toEqual([]);
  });

  it('keeps one digest per algorithm, and nothing when there is none', () => {
    const sha1 = { algorithm: 'SHA-1' as const, value: EMPTY_SHA1 };
    expect(uniqueHashes([sha1, { ...sha1 }])).toEqual([sha1]);
    expect(uniqueHashes([])).toBeUndefined();
  });
});
