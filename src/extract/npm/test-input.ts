import { join } from 'node:path';
import { PackageURL } from 'packageurl-js';
import type { Component, ExtractResult } from '../component.js';
import { SHARED_DATA } from '../test-input.js';

export { inputFromFile as fileInput, inputFromText as memoryInput, SHARED_DATA } from '../test-input.js';
export const FIXTURES = join(SHARED_DATA, 'lockfile-fixtures/javascript');
export const REAL_LOCKFILES = join(SHARED_DATA, 'lockfiles/npm');

/** The component `name@version` of a result (throws when absent, so a test fails with the name). */
export function component(result: ExtractResult, name: string, version: string): Component {
  const found = result.components.find((candidate) => candidate.name === name && candidate.version === version);
  if (!found) throw new Error(`no component ${name}@${version}`);
  return found;
}

/** How many components have each scope, and how many are direct: what a summary of a lockfile shows. */
export function tally(result: ExtractResult): Record<string, number> {
  const counts: Record<string, number> = {
    components: result.components.length,
    direct: 0,
    skipped: result.skipped.length,
  };
  for (const found of result.components) {
    counts[found.scope] = (counts[found.scope] ?? 0) + 1;
    if (found.direct) counts.direct = (counts.direct ?? 0) + 1;
  }
  return counts;
}

/** The decoded qualifiers of a component's purl (`vcs_url`, `download_url`); {} for a registry package. */
export function qualifiers(found: Component): Record<string, string> {
  return { ...PackageURL.fromString(found.purl).qualifiers };
}
