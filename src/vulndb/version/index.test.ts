import { describe, expect, it } from 'vitest';
import { ECOSYSTEMS } from '../../extract/component.js';
import { VERSION_SCHEMES, versionScheme } from './index.js';

describe('versionScheme', () => {
  it('has a scheme for every ecosystem paved extracts, plus Debian and Alpine', () => {
    for (const ecosystem of [...ECOSYSTEMS, 'Debian', 'Alpine']) {
      expect(versionScheme(ecosystem)?.ecosystem, ecosystem).toBe(ecosystem);
    }
  });

  it('lists each ecosystem once', () => {
    const names = VERSION_SCHEMES.map((scheme) => scheme.ecosystem);
    expect(new Set(names).size).toBe(names.length);
  });

  it('ignores the release suffix of OSV ecosystem names', () => {
    expect(versionScheme('Debian:12')?.ecosystem).toBe('Debian');
    expect(versionScheme('Alpine:v3.20')?.ecosystem).toBe('Alpine');
  });

  it('has no scheme for ecosystems it cannot order', () => {
    expect(versionScheme('Haskell')).toBeUndefined();
    expect(versionScheme('pypi')).toBeUndefined();
    expect(versionScheme('')).toBeUndefined();
  });
});
