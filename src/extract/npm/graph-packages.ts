import type { ComponentHash, DependencyScope } from '../component.js';
import { type ScopedEdge, scopesFromRoots } from '../scope.js';
import type { NpmComponents } from './component-set.js';
import type { PackageIdentity } from './sources.js';

/** A package of a lockfile read as a graph (yarn, pnpm, bun, node_modules). */
export interface GraphPackage {
  line: number;
  /**
   * Set for a component (a package from the registry, git or a URL); otherwise `skipped` says what it
   * is (or nothing, for the project itself).
   */
  identity?: PackageIdentity;
  skipped?: { name: string; reason: string };
  /** The scope the lockfile records (pnpm 5 and 6), which wins over reachability. */
  recordedScope?: DependencyScope;
  hashes?: ComponentHash[];
  licenses?: string[];
}

/**
 * Adds the packages of a dependency graph: direct when a project declaration (`roots`) resolves to
 * them, scoped by reachability from those declarations, with their resolved dependencies as purls.
 * A package no declaration reaches (a stale entry) counts as runtime rather than being hidden as dev.
 */
export function addGraphPackages<Package extends GraphPackage>(
  components: NpmComponents,
  packages: Iterable<Package>,
  roots: ScopedEdge<Package>[],
  edges: Map<Package, ScopedEdge<Package>[]>,
): void {
  const scopes = scopesFromRoots(roots, (found) => edges.get(found) ?? []);
  const direct = new Set(roots.map((root) => root.to));
  // Each package's purl is worked out once, however many packages depend on it.
  const purls = new Map<GraphPackage, string>();
  const purlOf = (found: GraphPackage, identity: PackageIdentity) => {
    let purl = purls.get(found);
    if (purl === undefined) {
      purl = components.purl(identity.name, identity.version, identity.qualifiers);
      purls.set(found, purl);
    }
    return purl;
  };
  for (const found of packages) {
    if (found.skipped) components.skip(found.skipped.name, found.skipped.reason, found.line);
    if (!found.identity) continue;
    const dependencies: string[] = [];
    for (const edge of edges.get(found) ?? []) {
      if (edge.to.identity) dependencies.push(purlOf(edge.to, edge.to.identity));
    }
    components.add({
      name: found.identity.name,
      version: found.identity.version,
      purl: purlOf(found, found.identity),
      scope: found.recordedScope ?? scopes.get(found) ?? 'runtime',
      direct: direct.has(found),
      line: found.line,
      dependencies,
      hashes: found.hashes,
      licenses: found.licenses,
    });
  }
}
