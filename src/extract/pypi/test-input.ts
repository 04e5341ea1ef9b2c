import { join } from 'node:path';
import { PackageURL } from 'packageurl-js';
import type { Component, ExtractResult } from '../component.js';
import { SHARED_DATA } from '../test-input.js';

export { inputFromFile, inputFromText, SHARED_DATA } from '../test-input.js';
export const FIXTURES = join(SHARED_DATA, 'lockfile-fixtures/python');
export const REAL = join(SHARED_DATA, 'lockfiles/PyPI');

/** The component with this name (and version, when several are locked); fails the test when absent. */
export function component(result: ExtractResult, name: string, version?: string): Component {
  const found = result.components.find((c) => c.name === name && (version === undefined || c.version === version));
  if (!found) throw new Error(`no component ${name}${version ? `@${version}` : ''}`);
  return found;
}

/** `name@version` of each component, in the order extracted. */
export function ids(result: ExtractResult): string[] {
  return result.components.map((c) => `${c.name}@${c.version}`);
}

/** The decoded qualifiers of a component's purl (`vcs_url`, `download_url`); {} for a package from an index. */
export function qualifiers(found: Component): Record<string, string> {
  return { ...PackageURL.fromString(found.purl).qualifiers };
}
