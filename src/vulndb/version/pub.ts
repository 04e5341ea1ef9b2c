import semver from 'semver';
import { compareValidFirst } from './compare-text.js';
import type { VersionScheme } from './scheme.js';
import { isSemver } from './semver.js';

/**
 * Dart's pub_semver: SemVer 2 precedence, except that build metadata takes part in the order -
 * `1.0.0 < 1.0.0+1 < 1.0.0+2 < 1.0.0+a` (identifiers compared like prerelease ones, none before some).
 * That is exactly the `semver` package's compareBuild. Invalid versions sort after valid ones.
 */
export const pubScheme: VersionScheme = {
  ecosystem: 'Pub',
  isValid: isSemver,
  compare: (a, b) => compareValidFirst(a, b, isSemver, (x, y) => semver.compareBuild(x, y, { loose: false })),
};
