import type { VersionScheme } from './scheme.js';
import { compareSemver, isSemver } from './semver.js';

/**
 * Go module versions: SemVer 2 with a `v` prefix. Go's module proxy uses `v1.2.3`, OSV records `1.2.3`,
 * so both spellings are accepted. `+incompatible` is build metadata (no effect on order) and
 * pseudo-versions (`v0.0.0-20191109021931-daa7c04131f5`) are prereleases, which SemVer already orders
 * by their timestamp. golang.org/x/mod/semver also accepts the shorthands `v1` and `v1.2`
 * (meaning v1.0.0 and v1.2.0), so they are widened here.
 */
const SHORTHAND = /^v(0|[1-9]\d*)(?:\.(0|[1-9]\d*))?$/;

function canonical(version: string): string {
  const short = SHORTHAND.exec(version);
  if (!short) return version;
  return `v${short[1]}.${short[2] ?? '0'}.0`;
}

export const goScheme: VersionScheme = {
  ecosystem: 'Go',
  isValid: (version) => isSemver(canonical(version)),
  compare: (a, b) => compareSemver(canonical(a), canonical(b)),
};
