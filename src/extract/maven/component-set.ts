import type { Component, DependencyScope } from '../component.js';

const SCOPE_RANK: Record<DependencyScope, number> = { development: 0, optional: 1, runtime: 2 };

/**
 * Components of one file, one per purl: a package declared twice (another classifier, another type)
 * keeps its first location, the widest scope (runtime over optional over development) and `direct` if
 * any declaration is direct.
 */
export class ComponentSet {
  private readonly byPurl = new Map<string, Component>();

  add(component: Component): void {
    const existing = this.byPurl.get(component.purl);
    if (!existing) {
      this.byPurl.set(component.purl, component);
      return;
    }
    if (SCOPE_RANK[component.scope] > SCOPE_RANK[existing.scope]) existing.scope = component.scope;
    existing.direct ||= component.direct;
  }

  list(): Component[] {
    return [...this.byPurl.values()];
  }
}
