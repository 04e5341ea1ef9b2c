import semver from 'semver';
import { compareValidFirst } from './compare-text.js';
import type { VersionScheme } from './scheme.js';

const STRICT = { loose: false } as const;

/** Strict SemVer 2 (a leading `v` is tolerated, as the `semver` package does); build metadata is ignored. */
export function isSemver(version: string): boolean {
  return semver.valid(version, STRICT) !== null;
}

/** SemVer 2 precedence; invalid versions sort after valid ones (see compareValidFirst). */
export function compareSemver(a: string, b: string): number {
  return compareValidFirst(a, b, isSemver, (x, y) => semver.compare(x, y, STRICT));
}

function semverScheme(ecosystem: string): VersionScheme {
  return { ecosystem, isValid: isSemver, compare: compareSemver };
}

/** npm's own rules are node-semver's. */
export const npmScheme = semverScheme('npm');
/** Cargo follows SemVer 2 precedence (the `semver` crate ignores build metadata for ordering too). */
export const cratesScheme = semverScheme('crates.io');
/** Hex packages use Elixir's Version module: SemVer 2. */
export const hexScheme = semverScheme('Hex');
