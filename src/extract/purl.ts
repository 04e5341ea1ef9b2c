import { PackageURL } from 'packageurl-js';
import type { Ecosystem } from './component.js';

/** purl type of each ecosystem (https://github.com/package-url/purl-spec, PURL-TYPES). */
const PURL_TYPE: Record<Ecosystem, string> = {
  npm: 'npm',
  PyPI: 'pypi',
  Go: 'golang',
  'crates.io': 'cargo',
  RubyGems: 'gem',
  Packagist: 'composer',
  NuGet: 'nuget',
  Pub: 'pub',
  Hex: 'hex',
  Maven: 'maven',
};

/**
 * The package URL of a component. `name` is the ecosystem's full name: `@scope/name` for npm,
 * `group:artifact` for Maven, `vendor/package` for Packagist, the module path for Go; it is split into
 * purl namespace and name here.
 */
export function purlOf(ecosystem: Ecosystem, name: string, version: string | undefined): string {
  const { namespace, shortName } = splitName(ecosystem, name);
  return new PackageURL(
    PURL_TYPE[ecosystem],
    namespace,
    shortName,
    version || undefined,
    undefined,
    undefined,
  ).toString();
}

function splitName(ecosystem: Ecosystem, name: string): { namespace: string | undefined; shortName: string } {
  if (ecosystem === 'Maven') {
    const colon = name.indexOf(':');
    return colon === -1
      ? { namespace: undefined, shortName: name }
      : { namespace: name.slice(0, colon), shortName: name.slice(colon + 1) };
  }
  if (ecosystem === 'npm' || ecosystem === 'Packagist' || ecosystem === 'Go') {
    const slash = name.lastIndexOf('/');
    if (slash > 0) return { namespace: name.slice(0, slash), shortName: name.slice(slash + 1) };
  }
  return { namespace: undefined, shortName: name };
}

/** PEP 503 normalised name: lower case, runs of `-`, `_` and `.` become one `-`. */
export function pep503(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}
