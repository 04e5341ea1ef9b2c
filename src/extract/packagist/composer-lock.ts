import type { Component, DependencyScope, ExtractResult, SkippedDependency } from '../component.js';
import { ExtractError, type ExtractInput, type Extractor, fileName } from '../extractor.js';
import { parseJson } from '../json.js';
import { mergeByPurl } from '../merge.js';
import { purlOf } from '../purl.js';
import { PackageLocator } from './package-locator.js';

interface LockedPackage {
  name: string;
  version: string;
  scope: DependencyScope;
  requires: string[];
  licenses?: string[];
  sha1?: string;
  /** The folder of a package installed from a `path` repository. */
  localPath?: string;
  line: number;
}

/**
 * Requirements on the PHP runtime, its extensions and libraries, and Composer itself: platform
 * packages, never installed from a repository, so never components or edges.
 */
const PLATFORM = /^(php(-64bit|-ipv6|-zts|-debug)?|hhvm|ext-.+|lib-.+|composer(-plugin-api|-runtime-api)?)$/i;

/**
 * composer.lock: `packages` are runtime, `packages-dev` development. Direct ones are those the sibling
 * composer.json requires; without it, those no other locked package requires. Names are lower case (as
 * Composer compares them). A leading `v` of a version is dropped (`v2.8.52` -> `2.8.52`): the tag keeps
 * it, but Packagist's normalised versions and OSV's Packagist advisories do not.
 */
export const composerLockExtractor: Extractor = {
  id: 'packagist/composer-lock',
  ecosystem: 'Packagist',
  matches: (path) => fileName(path) === 'composer.lock',
  extract(input: ExtractInput): ExtractResult {
    const lock = parseLock(input.text);
    const locator = new PackageLocator(input.text);
    const packages = [
      ...readSection(lock, 'packages', 'runtime', locator),
      ...readSection(lock, 'packages-dev', 'development', locator),
    ];

    const byName = new Map<string, LockedPackage>();
    for (const pkg of packages) if (!byName.has(pkg.name)) byName.set(pkg.name, pkg);
    const declared = manifestRequirements(input.readRelative('composer.json'));
    const required = new Set(packages.flatMap((pkg) => pkg.requires));
    const isDirect = (pkg: LockedPackage) => (declared ? declared.has(pkg.name) : !required.has(pkg.name));
    const purls = new Map(packages.map((pkg) => [pkg, purlOf('Packagist', pkg.name, pkg.version)]));

    const components: Component[] = [];
    const skipped: SkippedDependency[] = [];
    for (const pkg of packages) {
      const location = { path: input.path, line: pkg.line };
      if (pkg.localPath !== undefined) {
        skipped.push({ name: pkg.name, reason: `installed from the local path ${pkg.localPath}`, location });
        continue;
      }
      components.push({
        ecosystem: 'Packagist',
        name: pkg.name,
        version: pkg.version,
        purl: purls.get(pkg) as string,
        scope: pkg.scope,
        direct: isDirect(pkg),
        dependencies: pkg.requires.flatMap((name) => {
          const target = byName.get(name);
          return target && target.localPath === undefined ? [purls.get(target) as string] : [];
        }),
        location,
        ...(pkg.sha1 ? { hashes: [{ algorithm: 'SHA-1' as const, value: pkg.sha1 }] } : {}),
        ...(pkg.licenses ? { licenses: pkg.licenses } : {}),
      });
    }
    return { components: mergeByPurl(components), skipped };
  },
};

function parseLock(text: string): Record<string, unknown> {
  const lock = parseJson(text);
  if (typeof lock !== 'object' || lock === null || Array.isArray(lock)) {
    throw new ExtractError('composer.lock must be a JSON object with a `packages` list', 1);
  }
  return lock as Record<string, unknown>;
}

function readSection(lock: Record<string, unknown>, key: string, scope: DependencyScope, locator: PackageLocator) {
  const section = lock[key];
  if (section === undefined || section === null) return [];
  if (!Array.isArray(section)) throw new ExtractError(`\`${key}\` must be a list`, locator.currentLine(key));
  return section.map((entry: unknown) => readPackage(entry, key, scope, locator));
}

function readPackage(entry: unknown, section: string, scope: DependencyScope, locator: PackageLocator): LockedPackage {
  const { name, version, require, license, dist } = (
    typeof entry === 'object' && entry !== null ? entry : {}
  ) as Record<string, unknown>;
  const line = typeof name === 'string' ? locator.lineOf(section, name) : locator.currentLine(section);
  if (typeof name !== 'string' || typeof version !== 'string') {
    throw new ExtractError(`a package in \`${section}\` has no name or version`, line);
  }
  const {
    type: distType,
    url: distUrl,
    shasum,
  } = (typeof dist === 'object' && dist !== null ? dist : {}) as Record<string, unknown>;
  return {
    name: name.toLowerCase(),
    version: version.replace(/^v(?=\d)/, ''),
    scope,
    requires: requirementNames(require),
    ...licensesOf(license),
    ...(typeof shasum === 'string' && /^[0-9a-f]{40}$/i.test(shasum) ? { sha1: shasum.toLowerCase() } : {}),
    ...(distType === 'path' ? { localPath: typeof distUrl === 'string' ? distUrl : '?' } : {}),
    line,
  };
}

/** Names in a `require` object, lower case, platform packages left out. */
function requirementNames(require: unknown): string[] {
  if (typeof require !== 'object' || require === null) return [];
  return Object.keys(require)
    .filter((name) => !PLATFORM.test(name))
    .map((name) => name.toLowerCase());
}

/** `license` is a list of SPDX identifiers (older locks may hold one string). */
function licensesOf(license: unknown): { licenses?: string[] } {
  const list = typeof license === 'string' ? [license] : Array.isArray(license) ? license : [];
  const licenses = list.filter((item): item is string => typeof item === 'string' && item !== '');
  return licenses.length > 0 ? { licenses } : {};
}

/** What composer.json's require and require-dev name; undefined when it is absent or unreadable. */
function manifestRequirements(text: string | undefined): Set<string> | undefined {
  if (text === undefined) return undefined;
  try {
    const manifest = JSON.parse(text) as Record<string, unknown>;
    return new Set([...requirementNames(manifest.require), ...requirementNames(manifest['require-dev'])]);
  } catch {
    return undefined;
  }
}
