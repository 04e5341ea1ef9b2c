import { describe, expect, it } from 'vitest';
import { hashesOf, parseHash } from './hashes.js';

const SHA256 = 'A'.repeat(64);

describe('hashes', () => {
  it('reads algorithm:hex into a lower-case CycloneDX hash', () => {
    expect(parseHash(`sha256:${SHA256}`)).toEqual({ algorithm: 'SHA-256', value: 'a'.repeat(64) });
    expect(parseHash(`md5=${'0'.repeat(32)}`)).toEqual({ algorithm: 'MD5', value: '0'.repeat(32) });
    expect(parseHash(`sha512:${'f'.repeat(128)}`)?.algorithm).toBe('SHA-512');
  });

  it('leaves out placeholders, wrong lengths and unknown algorithms', () => {
    expect(parseHash('sha256:123')).toBeUndefined();
    expect(parseHash(`sha256:${'g'.repeat(64)}`)).toBeUndefined();
    expect(parseHash(`blake2:${'0'.repeat(64)}`)).toBeUndefined();
    expect(parseHash('wrongformatbutok')).toBeUndefined();
  });

  it('keeps each digest once and gives undefined when none is valid', () => {
    expect(hashesOf([`sha256:${SHA256}`, `sha256:${SHA256.toLowerCase()}`, 42])).toHaveLength(1);
    expect(hashesOf(['sha256:123'])).toBeUndefined();
  });
});
