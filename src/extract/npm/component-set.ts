import type { Component, ComponentHash, DependencyScope, ExtractResult, SkippedDependency } from '../component.js';
import { type PurlQualifiers, purlOf } from '../purl.js';
import { strongerScope } from '../scope.js';

/** What a lockfile says about one installed package; several may describe the same purl. */
export interface ComponentDraft {
  name: string;
  version: string;
  /** The purl when the caller already has it (from `purl()`), to save working it out again. */
  purl?: string;
  scope: DependencyScope;
  direct: boolean;
  line: number;
  /** purls of the packages it depends on. */
  dependencies?: Iterable<string>;
  hashes?: ComponentHash[];
  licenses?: string[];
}

/**
 * The components of one lockfile, deduplicated by purl: the same package installed at several places
 * (or under several peer sets) becomes one component whose scope is the strongest, direct if any copy
 * is, with the union of the dependencies.
 */
export class NpmComponents {
  private readonly byPurl = new Map<string, { component: Component; dependencies: Set<string> }>();
  private readonly purls = new Map<string, string>();
  private readonly skipped: SkippedDependency[] = [];

  constructor(private readonly path: string) {}

  /**
   * The purl of `name@version` (memoised: lockfiles name the same package many times), with the
   * qualifiers of a package from git or a URL.
   */
  purl(name: string, version: string, qualifiers?: PurlQualifiers): string {
    if (qualifiers) return purlOf('npm', name, version, qualifiers);
    const key = `${name}@${version}`;
    let purl = this.purls.get(key);
    if (purl === undefined) {
      purl = purlOf('npm', name, version);
      this.purls.set(key, purl);
    }
    return purl;
  }

  add(draft: ComponentDraft): string {
    const purl = draft.purl ?? this.purl(draft.name, draft.version);
    const known = this.byPurl.get(purl);
    if (known) {
      known.component.scope = strongerScope(known.component.scope, draft.scope);
      known.component.direct ||= draft.direct;
      if (!known.component.hashes && draft.hashes?.length) known.component.hashes = draft.hashes;
      if (!known.component.licenses && draft.licenses?.length) known.component.licenses = draft.licenses;
      for (const dependency of draft.dependencies ?? []) known.dependencies.add(dependency);
      return purl;
    }
    const component: Component = {
      ecosystem: 'npm',
      name: draft.name,
      version: draft.version,
      purl,
      scope: draft.scope,
      direct: draft.direct,
      dependencies: [],
      location: { path: this.path, line: draft.line },
    };
    if (draft.hashes?.length) component.hashes = draft.hashes;
    if (draft.licenses?.length) component.licenses = draft.licenses;
    this.byPurl.set(purl, { component, dependencies: new Set(draft.dependencies) });
    return purl;
  }

  skip(name: string, reason: string, line: number): void {
    this.skipped.push({ name, reason, location: { path: this.path, line } });
  }

  result(): ExtractResult {
    const components: Component[] = [];
    for (const [purl, { component, dependencies }] of this.byPurl) {
      // A package depending on another copy of itself (nested node_modules) is not an edge worth showing.
      dependencies.delete(purl);
      component.dependencies = [...dependencies].sort();
      components.push(component);
    }
    return { components, skipped: this.skipped };
  }
}
