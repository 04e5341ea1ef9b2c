import type { VersionScheme } from '../version/scheme.js';

/** OSV `affected[].ranges[].events[]`: exactly one of these is set. */
export interface OsvEvent {
  introduced?: string;
  fixed?: string;
  last_affected?: string;
  limit?: string;
}

export interface OsvRange {
  type: string;
  events: OsvEvent[];
}

/** The part of an OSV `affected` entry that decides which versions are affected. */
export interface AffectedVersions {
  ranges?: OsvRange[];
  versions?: string[];
}

/** What one affected entry says about one version. */
export interface Verdict {
  affected: boolean;
  /** `fixed` versions of the ranges that contain the version (empty: no fix is known). */
  fixedIn: string[];
}

const NOT_AFFECTED: Verdict = { affected: false, fixedIn: [] };

/**
 * Whether `version` is affected, by the OSV schema's rules: listed in `versions`, or inside a SEMVER or
 * ECOSYSTEM range (events in version order: `introduced` opens it, `fixed` and `limit` close it at that
 * version, `last_affected` after it). GIT ranges name commits, not versions: they are not evaluated.
 */
export function judge(entry: AffectedVersions, version: string, scheme: VersionScheme): Verdict {
  const listed = entry.versions?.some((candidate) => candidate === version || equal(scheme, candidate, version));
  const fixedIn: string[] = [];
  let inRange = false;
  if (scheme.isValid(version)) {
    for (const range of entry.ranges ?? []) {
      if (range.type !== 'SEMVER' && range.type !== 'ECOSYSTEM') continue;
      if (!inside(range, version, scheme)) continue;
      inRange = true;
      for (const event of range.events) {
        if (event.fixed !== undefined && scheme.compare(event.fixed, version) > 0) fixedIn.push(event.fixed);
      }
    }
  }
  if (!listed && !inRange) return NOT_AFFECTED;
  return { affected: true, fixedIn: [...new Set(fixedIn)].sort((a, b) => scheme.compare(a, b)) };
}

function inside(range: OsvRange, version: string, scheme: VersionScheme): boolean {
  let affected = false;
  for (const event of sortEvents(range.events, scheme)) {
    if (event.introduced !== undefined) {
      if (event.introduced === '0' || scheme.compare(version, event.introduced) >= 0) affected = true;
    } else if (event.fixed !== undefined) {
      if (scheme.compare(version, event.fixed) >= 0) affected = false;
    } else if (event.last_affected !== undefined) {
      if (scheme.compare(version, event.last_affected) > 0) affected = false;
    } else if (event.limit !== undefined) {
      if (event.limit !== '*' && scheme.compare(version, event.limit) >= 0) affected = false;
    }
  }
  return affected;
}

/** Events by their version (`introduced: "0"` first); at the same version, `introduced` before the rest. */
function sortEvents(events: readonly OsvEvent[], scheme: VersionScheme): OsvEvent[] {
  const at = (event: OsvEvent) => event.introduced ?? event.fixed ?? event.last_affected ?? event.limit ?? '';
  return [...events].sort((a, b) => {
    if (a.introduced === '0') return b.introduced === '0' ? 0 : -1;
    if (b.introduced === '0') return 1;
    return scheme.compare(at(a), at(b)) || (a.introduced !== undefined ? -1 : b.introduced !== undefined ? 1 : 0);
  });
}

function equal(scheme: VersionScheme, a: string, b: string): boolean {
  return scheme.isValid(a) && scheme.isValid(b) && scheme.compare(a, b) === 0;
}
