import { describe, expect, it } from 'vitest';
import { compareVersions, parseVersion, satisfies } from './pep440.js';

function version(text: string) {
  const parsed = parseVersion(text);
  if (!parsed) throw new Error(`not a version: ${text}`);
  return parsed;
}

function order(a: string, b: string): number {
  return Math.sign(compareVersions(version(a), version(b)));
}

describe('PEP 440 versions', () => {
  it('orders dev, pre, final, post and local releases as PEP 440 says', () => {
    const sorted = [
      '1.0.dev0',
      '1.0a1',
      '1.0a2.dev1',
      '1.0a2',
      '1.0b1',
      '1.0rc1',
      '1.0',
      '1.0+local.1',
      '1.0.post1',
      '1.1',
    ];
    for (const [i, lower] of sorted.slice(0, -1).entries()) {
      const higher = sorted[i + 1] as string;
      expect(order(lower, higher), `${lower} < ${higher}`).toBe(-1);
    }
  });

  it('treats spellings of one version as equal', () => {
    expect(order('1.0', '1.0.0')).toBe(0);
    expect(order('1.0-rc.1', '1.0rc1')).toBe(0);
    expect(order('2.9.0-post0', '2.9.0.post0')).toBe(0);
    expect(order('1!1.0', '2.0')).toBe(1);
  });

  it('does not read what is not a version', () => {
    expect(parseVersion('latest')).toBeUndefined();
    expect(satisfies('latest', '>=1')).toBeUndefined();
    expect(satisfies('1.0', '>=banana')).toBeUndefined();
  });
});

describe('version specifiers', () => {
  it.each([
    ['1.24.3', '>=1.21.1,<1.25', true],
    ['1.25.7', '>=1.21.1,<1.25', false],
    ['1.25.7', '>=1.21.1,<1.25.0 || >1.25.0,<1.25.1 || >1.25.1,<1.26', true],
    ['1.25.0', '>=1.21.1,<1.25.0 || >1.25.0,<1.25.1 || >1.25.1,<1.26', false],
    ['2.3.1', '<3', true],
    ['3.1.2', '*', true],
    ['4.25.5', '>=3.19.0,<5.0.0dev', true],
    ['5.0.0rc1', '<5.0.0', false],
    ['1.4.2', '==1.4.*', true],
    ['1.5', '!=1.4.*', true],
    ['2.2', '~=2.1', true],
    ['3.0', '~=2.1', false],
    ['1.9.9', '^1.2', true],
    ['2.0', '^1.2', false],
    ['0.2.5', '^0.2.1', true],
    ['0.3.0', '^0.2.1', false],
    ['1.2.9', '~1.2', true],
    ['1.3.0', '~1.2', false],
    ['1.0+ubuntu1', '==1.0', true],
    ['1.0.post1', '>1.0', false],
    ['2.0', '1.0', false],
    ['1.0', '===1.0', true],
  ])('%s against %s is %s', (version, specifier, expected) => {
    expect(satisfies(version, specifier)).toBe(expected);
  });
});
