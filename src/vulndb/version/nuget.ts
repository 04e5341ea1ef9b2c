import { compareText } from '../../core/compare.js';
import { compareDigits, compareValidFirst } from './compare-text.js';
import type { VersionScheme } from './scheme.js';

/**
 * NuGet's version order (NuGet.Versioning): SemVer 2 extended with a fourth "revision" number and
 * legacy short forms (`1.0` = `1.0.0.0`), leading zeros allowed, prerelease labels compared without
 * regard to case, build metadata ignored. No listed library implements it, so it is written here.
 * Invalid versions sort after valid ones.
 */

const VERSION =
  /^(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

interface NuGetVersion {
  numbers: string[];
  labels: string[];
}

function parse(version: string): NuGetVersion | undefined {
  const match = VERSION.exec(version.trim());
  if (!match) return undefined;
  return {
    numbers: [match[1], match[2], match[3], match[4]].map((part) => part ?? '0'),
    labels: match[5] === undefined ? [] : match[5].split('.'),
  };
}

const NUMERIC = /^\d+$/;

function compareLabel(a: string, b: string): number {
  const aNumeric = NUMERIC.test(a);
  const bNumeric = NUMERIC.test(b);
  if (aNumeric && bNumeric) return compareDigits(a, b);
  if (aNumeric !== bNumeric) return aNumeric ? -1 : 1;
  // .NET's OrdinalIgnoreCase compares upper-cased code units.
  return compareText(a.toUpperCase(), b.toUpperCase());
}

function compareParsed(a: NuGetVersion, b: NuGetVersion): number {
  for (let i = 0; i < 4; i++) {
    const result = compareDigits(a.numbers[i] as string, b.numbers[i] as string);
    if (result !== 0) return result;
  }
  // A release sorts after its prereleases.
  if (a.labels.length === 0 || b.labels.length === 0) return b.labels.length - a.labels.length;
  const shared = Math.min(a.labels.length, b.labels.length);
  for (let i = 0; i < shared; i++) {
    const result = compareLabel(a.labels[i] as string, b.labels[i] as string);
    if (result !== 0) return result;
  }
  return a.labels.length - b.labels.length;
}

const isNuGet = (version: string): boolean => parse(version) !== undefined;

export const nugetScheme: VersionScheme = {
  ecosystem: 'NuGet',
  isValid: isNuGet,
  compare: (a, b) =>
    compareValidFirst(a, b, isNuGet, (x, y) => compareParsed(parse(x) as NuGetVersion, parse(y) as NuGetVersion)),
};
