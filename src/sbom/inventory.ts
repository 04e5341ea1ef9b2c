import type { Component } from '../extract/component.js';

/**
 * The components as every SBOM writer lays them out: sorted by purl, each with its dependencies reduced
 * to purls that are in the SBOM (sorted, once each), so the same inventory always gives the same bytes.
 */
export interface OrderedInventory {
  components: readonly Component[];
  /** Dependencies of a component that exist in the inventory, sorted. */
  dependenciesOf(component: Component): readonly string[];
  /** The components the project declares itself, sorted by purl. */
  direct: readonly Component[];
}

export function orderInventory(components: readonly Component[]): OrderedInventory {
  const sorted = [...components].sort((a, b) => compareStrings(a.purl, b.purl));
  const present = new Set(sorted.map((component) => component.purl));
  const dependencies = new Map<Component, string[]>();
  for (const component of sorted) {
    const kept = new Set(component.dependencies.filter((purl) => purl !== component.purl && present.has(purl)));
    dependencies.set(component, [...kept].sort(compareStrings));
  }
  return {
    components: sorted,
    dependenciesOf: (component) => dependencies.get(component) ?? [],
    direct: sorted.filter((component) => component.direct),
  };
}

/** Code-unit order: unlike localeCompare, the same on every machine and locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
