import { describe, expect, it } from 'vitest';
import { parsePositiveInt, parseScanners, parseSize } from './options.js';

describe('CLI option parsers', () => {
  it('reads sizes with units', () => {
    expect(parseSize('512')).toBe(512);
    expect(parseSize('10MB')).toBe(10 * 1024 * 1024);
    expect(parseSize('1.5k')).toBe(1536);
    expect(parseSize('2g')).toBe(2 * 1024 ** 3);
    expect(() => parseSize('ten megabytes')).toThrow(/size such as 10MB/);
  });

  it('accepts known scanners only', () => {
    expect(parseScanners('secrets')).toEqual(['secrets']);
    expect(() => parseScanners('secrets,nope')).toThrow(/unknown scanner "nope"/);
  });

  it('accepts whole numbers of at least 1 for --threads', () => {
    expect(parsePositiveInt('4')).toBe(4);
    expect(() => parsePositiveInt('0')).toThrow();
    expect(() => parsePositiveInt('1.5')).toThrow();
  });
});
