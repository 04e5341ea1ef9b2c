import type { Component, ComponentHash, DependencyScope, ExtractResult, SkippedDependency } from '../component.js';
import { mergeByPurl } from '../merge.js';
import { type PurlQualifiers, purlOf } from '../purl.js';
import type { LockEdge } from './lock-graph.js';

/** One `[[package]]` of a TOML lockfile (poetry.lock, uv.lock, pdm.lock), read into common terms. */
export interface LockedPackage {
  /** PEP 503 name. */
  name: string;
  version: string | undefined;
  /** 1-based line of its `[[package]]` header. */
  line: number;
  /** Why it cannot be a component (a local path source): it stays in the graph, to reach what it needs. */
  skipReason?: string;
  /** Where a package from git or a URL comes from (`vcs_url`, `download_url`); none for an index. */
  qualifiers?: PurlQualifiers;
  /** Not a component because it is the project itself (a uv workspace member). */
  project?: boolean;
  hashes?: ComponentHash[];
}

export interface LockReading {
  path: string;
  packages: readonly LockedPackage[];
  /** Edges of each package (by index) that the component's `dependencies` show. */
  edges: readonly (readonly LockEdge[])[];
  scopeOf(index: number): DependencyScope;
  isDirect(index: number): boolean;
}

/** Components (one per purl) and skipped entries of a lockfile read into packages and edges. */
export function lockedComponents(reading: LockReading): ExtractResult {
  const { packages, path } = reading;
  const purls = packages.map((pkg) =>
    pkg.project || pkg.skipReason || pkg.version === undefined
      ? undefined
      : purlOf('PyPI', pkg.name, pkg.version, pkg.qualifiers),
  );
  const components: Component[] = [];
  const skipped: SkippedDependency[] = [];
  packages.forEach((pkg, index) => {
    const location = { path, line: pkg.line };
    const purl = purls[index];
    if (pkg.project) return;
    if (purl === undefined || pkg.version === undefined) {
      skipped.push({ name: pkg.name, reason: pkg.skipReason ?? 'no version in the lockfile', location });
      return;
    }
    const dependencies = new Set<string>();
    for (const edge of reading.edges[index] ?? []) {
      const target = purls[edge.target];
      if (target !== undefined && target !== purl) dependencies.add(target);
    }
    components.push({
      ecosystem: 'PyPI',
      name: pkg.name,
      version: pkg.version,
      purl,
      scope: reading.scopeOf(index),
      direct: reading.isDirect(index),
      dependencies: [...dependencies],
      location,
      ...(pkg.hashes ? { hashes: pkg.hashes } : {}),
    });
  });
  return { components: mergeByPurl(components), skipped };
}

/**
 * A package locked from git or an archive URL: a component whose purl records the source when the lock
 * gives its version; skipped otherwise. `described` says where it comes from: `git (<url>)`.
 */
export function setSource(pkg: LockedPackage, qualifiers: PurlQualifiers, described: string): void {
  if (pkg.version === undefined) pkg.skipReason = `installed from ${described} with no version in the lockfile`;
  else pkg.qualifiers = qualifiers;
}
