import { compare as comparePep440, valid } from '@renovatebot/pep440';
import { compareLegacy } from './pypi-legacy.js';
import type { VersionScheme } from './scheme.js';

/** PEP 440 allows surrounding whitespace. */
function isPep440(version: string): boolean {
  return valid(version.trim()) !== null;
}

/**
 * PEP 440 (epochs, pre/post/dev releases, local versions) through @renovatebot/pep440.
 * Strings that are not PEP 440 keep the pre-PEP 440 "legacy" order and sort before every valid version,
 * as pip did when it still accepted them.
 */
export const pypiScheme: VersionScheme = {
  ecosystem: 'PyPI',
  isValid: isPep440,
  compare(a, b) {
    const aValid = isPep440(a);
    const bValid = isPep440(b);
    if (aValid && bValid) return comparePep440(a.trim(), b.trim());
    if (aValid !== bValid) return aValid ? 1 : -1;
    return compareLegacy(a, b);
  },
};
