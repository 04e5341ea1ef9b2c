import { alpineScheme } from './alpine.js';
import { debianScheme } from './debian.js';
import { goScheme } from './go.js';
import { mavenScheme } from './maven.js';
import { nugetScheme } from './nuget.js';
import { packagistScheme } from './packagist.js';
import { pubScheme } from './pub.js';
import { pypiScheme } from './pypi.js';
import { rubyGemsScheme } from './rubygems.js';
import type { VersionScheme } from './scheme.js';
import { cratesScheme, hexScheme, npmScheme } from './semver.js';

export type { VersionScheme } from './scheme.js';

/** Every ecosystem whose versions paved can order, by OSV ecosystem name. */
export const VERSION_SCHEMES: readonly VersionScheme[] = [
  npmScheme,
  cratesScheme,
  pypiScheme,
  goScheme,
  mavenScheme,
  rubyGemsScheme,
  nugetScheme,
  packagistScheme,
  pubScheme,
  hexScheme,
  debianScheme,
  alpineScheme,
];

const BY_ECOSYSTEM = new Map(VERSION_SCHEMES.map((scheme) => [scheme.ecosystem, scheme]));

/**
 * The version scheme of an OSV ecosystem, or undefined when paved cannot order its versions.
 * A release suffix (`Debian:12`, `Alpine:v3.20`) does not change the rules, so it is ignored.
 */
export function versionScheme(ecosystem: string): VersionScheme | undefined {
  const colon = ecosystem.indexOf(':');
  return BY_ECOSYSTEM.get(colon === -1 ? ecosystem : ecosystem.slice(0, colon));
}
