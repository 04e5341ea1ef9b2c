import type { Component, ExtractResult, SkippedDependency } from '../component.js';
import { ExtractError, type ExtractInput, type Extractor, fileName } from '../extractor.js';
import { parseJson } from '../json.js';
import { mergeByPurl } from '../merge.js';
import { purlOf } from '../purl.js';
import { KeyLocator } from './key-locator.js';

/** One package entry under a target framework. */
interface LockEntry {
  type?: unknown;
  resolved?: unknown;
  contentHash?: unknown;
  dependencies?: unknown;
}

/**
 * packages.lock.json (NuGet's lock, `RestorePackagesWithLockFile`). Each target framework (`net8.0`,
 * `net8.0/win-x64`) has its own resolution; a package locked for several is one component, with the
 * edges of each. `Direct` entries are the project's PackageReferences; `Transitive` and
 * `CentralTransitive` (a transitive version pinned by central package management) are not direct.
 * `Project` entries are other projects of the solution: local code, skipped. The lock does not mark
 * development-only packages (PrivateAssets), so every component is runtime.
 */
export const packagesLockExtractor: Extractor = {
  id: 'nuget/packages-lock',
  ecosystem: 'NuGet',
  matches: (path) => fileName(path) === 'packages.lock.json',
  extract(input: ExtractInput): ExtractResult {
    const frameworks = parseLock(input.text);
    const locator = new KeyLocator(input.text);
    const components: Component[] = [];
    const skipped = new Map<string, SkippedDependency>();

    for (const [framework, entries] of Object.entries(frameworks)) {
      const frameworkLine = locator.next(framework);
      if (typeof entries !== 'object' || entries === null) {
        throw new ExtractError(`the packages of ${framework} must be an object`, frameworkLine);
      }
      // NuGet ids are case-insensitive; a dependency may be written in another case than its entry.
      const resolvedByName = new Map<string, string>();
      for (const [name, entry] of Object.entries(entries as Record<string, LockEntry>)) {
        if (entry?.type !== 'Project' && typeof entry?.resolved === 'string') {
          resolvedByName.set(name.toLowerCase(), purlOf('NuGet', name, entry.resolved));
        }
      }

      for (const [name, entry] of Object.entries(entries as Record<string, LockEntry>)) {
        const location = { path: input.path, line: locator.next(name) };
        if (entry?.type === 'Project') {
          if (!skipped.has(name))
            skipped.set(name, { name, reason: 'a project of the solution (local code)', location });
          continue;
        }
        const purl = resolvedByName.get(name.toLowerCase());
        if (typeof entry?.resolved !== 'string' || purl === undefined) {
          skipped.set(name, { name, reason: `no resolved version for ${framework}`, location });
          continue;
        }
        const hash = sha512Hex(entry.contentHash);
        components.push({
          ecosystem: 'NuGet',
          name,
          version: entry.resolved,
          purl,
          scope: 'runtime',
          direct: entry.type === 'Direct',
          dependencies: dependencyPurls(entry.dependencies, resolvedByName),
          location,
          ...(hash ? { hashes: [{ algorithm: 'SHA-512' as const, value: hash }] } : {}),
        });
      }
    }
    return { components: mergeByPurl(components), skipped: [...skipped.values()] };
  },
};

function parseLock(text: string): Record<string, unknown> {
  const lock = parseJson(text);
  const dependencies = (lock as { dependencies?: unknown } | null)?.dependencies;
  if (typeof dependencies !== 'object' || dependencies === null || Array.isArray(dependencies)) {
    throw new ExtractError('packages.lock.json must be an object with a `dependencies` object', 1);
  }
  return dependencies as Record<string, unknown>;
}

/** The `dependencies` map names each dependency with its minimum version; the locked one is the framework's. */
function dependencyPurls(dependencies: unknown, resolvedByName: Map<string, string>): string[] {
  if (typeof dependencies !== 'object' || dependencies === null) return [];
  const purls: string[] = [];
  for (const name of Object.keys(dependencies)) {
    const purl = resolvedByName.get(name.toLowerCase());
    if (purl) purls.push(purl);
  }
  return purls;
}

/** contentHash is the base64 SHA-512 of the .nupkg. */
function sha512Hex(contentHash: unknown): string | undefined {
  if (typeof contentHash !== 'string') return undefined;
  const digest = Buffer.from(contentHash, 'base64');
  return digest.length === 64 ? digest.toString('hex') : undefined;
}
