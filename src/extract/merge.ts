import type { Component, ComponentHash } from './component.js';
import { strongerScope } from './scope.js';

/**
 * One component per purl, for an SBOM of the whole project: the same package locked by several
 * lockfiles (a monorepo) is one inventory entry. Runtime beats optional beats development, direct beats
 * transitive, edges, hashes and licenses are united; the first location is kept.
 */
export function mergeByPurl(components: readonly Component[]): Component[] {
  const merged = new Map<string, Component>();
  for (const component of components) {
    const seen = merged.get(component.purl);
    if (!seen) {
      merged.set(component.purl, { ...component, dependencies: [...component.dependencies] });
      continue;
    }
    seen.scope = strongerScope(seen.scope, component.scope);
    seen.direct ||= component.direct;
    seen.dependencies = union(seen.dependencies, component.dependencies);
    const hashes = unionHashes(seen.hashes, component.hashes);
    if (hashes) seen.hashes = hashes;
    const licenses =
      seen.licenses || component.licenses ? union(seen.licenses ?? [], component.licenses ?? []) : undefined;
    if (licenses) seen.licenses = licenses;
  }
  return [...merged.values()];
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}

function unionHashes(a: ComponentHash[] | undefined, b: ComponentHash[] | undefined): ComponentHash[] | undefined {
  if (!a && !b) return undefined;
  const byKey = new Map<string, ComponentHash>();
  for (const hash of [...(a ?? []), ...(b ?? [])]) byKey.set(`${hash.algorithm}:${hash.value}`, hash);
  return [...byKey.values()];
}
