import { describe, expect, it } from 'vitest';
import { parseRequirement, pinnedVersion, specifierText } from './pep508.js';

function requirement(text: string) {
  const parsed = parseRequirement(text);
  if (!parsed) throw new Error(`not a requirement: ${text}`);
  return parsed;
}

describe('PEP 508 requirements', () => {
  it('reads name, extras, clauses and marker', () => {
    expect(parseRequirement('requests [security, socks] >= 2.8.1, == 2.8.* ; python_version < "2.7"')).toEqual({
      name: 'requests',
      extras: ['security', 'socks'],
      clauses: [
        { operator: '>=', version: '2.8.1' },
        { operator: '==', version: '2.8.*' },
      ],
      marker: 'python_version < "2.7"',
    });
  });

  it('reads a direct reference with its marker after a spaced semicolon', () => {
    expect(parseRequirement('pip @ https://example.com/pip.zip;x=1 ; python_version >= "3"')).toEqual({
      name: 'pip',
      extras: [],
      clauses: [],
      url: 'https://example.com/pip.zip;x=1',
      marker: 'python_version >= "3"',
    });
  });

  it('accepts the parenthesised form poetry writes in extras', () => {
    expect(specifierText(requirement('wheel (>=0.32.0)'))).toBe('>=0.32.0');
  });

  it.each(['==1.0', 'asdf 1.0', 'asdf==', 'name[extra', 'name >> 1', '-e .'])('rejects %j', (text) => {
    expect(parseRequirement(text)).toBeUndefined();
  });

  it('pins only one exact version', () => {
    const pin = (text: string) => pinnedVersion(requirement(text));
    expect(pin('a==1.0')).toBe('1.0');
    expect(pin('a===1.0-custom')).toBe('1.0-custom');
    expect(pin('a>=1.0,==1.2')).toBe('1.2');
    expect(pin('a==1.*')).toBeUndefined();
    expect(pin('a>=1.0')).toBeUndefined();
    expect(pin('a')).toBeUndefined();
  });
});
