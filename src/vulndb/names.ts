import { ECOSYSTEMS, type Ecosystem } from '../extract/component.js';
import { pep503 } from '../extract/purl.js';

const BY_LOWER_CASE = new Map<string, Ecosystem>(ECOSYSTEMS.map((ecosystem) => [ecosystem.toLowerCase(), ecosystem]));

/** The ecosystem as paved names it (OSV's spelling), or undefined for one paved does not scan (Debian:12...). */
export function knownEcosystem(written: string): Ecosystem | undefined {
  return BY_LOWER_CASE.get(written.trim().toLowerCase());
}

/**
 * The package name the index is keyed by, so that an advisory and a lockfile spelling the same package
 * differently still meet: PEP 503 for PyPI; lower case for NuGet and Packagist, whose registries ignore
 * case; `group:artifact` (as OSV writes it) for Maven; other names as written (Go module paths, npm and
 * RubyGems names are case-sensitive).
 */
export function packageKey(ecosystem: Ecosystem, name: string): string {
  const trimmed = name.trim();
  switch (ecosystem) {
    case 'PyPI':
      return pep503(trimmed);
    case 'NuGet':
    case 'Packagist':
      return trimmed.toLowerCase();
    default:
      return trimmed;
  }
}
