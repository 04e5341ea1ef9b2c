/**
 * The dependency inventory's model: what an extractor reads out of a lockfile or manifest.
 * A component's identity is its package URL (purl).
 */

/** Ecosystem names as OSV spells them, so components match advisories without translation. */
export const ECOSYSTEMS = [
  'npm',
  'PyPI',
  'Go',
  'crates.io',
  'RubyGems',
  'Packagist',
  'NuGet',
  'Pub',
  'Hex',
  'Maven',
] as const;
export type Ecosystem = (typeof ECOSYSTEMS)[number];

/** runtime: shipped with the product; development: build and test only; optional: installed when possible. */
export type DependencyScope = 'runtime' | 'development' | 'optional';

/** A digest the lockfile records for the package archive. Algorithms are CycloneDX's names. */
export interface ComponentHash {
  algorithm: 'MD5' | 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';
  /** Lower-case hex. */
  value: string;
}

export interface Component {
  ecosystem: Ecosystem;
  /** Name normalised per ecosystem (PEP 503 for PyPI, `group:artifact` for Maven, module path for Go). */
  name: string;
  version: string;
  /** Package URL (packageurl-js): the component's identity. */
  purl: string;
  scope: DependencyScope;
  /** Declared by the project itself (not only pulled in by another dependency). */
  direct: boolean;
  /** purls of the components this one depends on, as the lockfile records them. */
  dependencies: string[];
  /** Where it is declared: the lockfile's path (relative, `/`-separated) and 1-based line. */
  location: { path: string; line: number };
  hashes?: ComponentHash[];
  /** SPDX license identifiers or expressions, as the source states them. */
  licenses?: string[];
}

/**
 * A dependency the lockfile names but that cannot be an inventory component as written (an editable or
 * URL requirement, a version left to a property that is not defined): reported, never guessed.
 */
export interface SkippedDependency {
  name: string;
  reason: string;
  location: { path: string; line: number };
}

/** What one lockfile gave. */
export interface ExtractResult {
  components: Component[];
  skipped: SkippedDependency[];
}
