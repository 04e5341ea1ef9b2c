import { isMap, isScalar, LineCounter, parseDocument, type YAMLMap } from 'yaml';
import type { Component, DependencyScope, ExtractResult, SkippedDependency } from '../component.js';
import { ExtractError, type ExtractInput, type Extractor, fileName } from '../extractor.js';
import { purlOf } from '../purl.js';

interface LockEntry {
  dependency?: unknown;
  description?: unknown;
  source?: unknown;
  version?: unknown;
}

/**
 * pubspec.lock. `dependency` says how the package is used: `direct main` and `direct overridden` are
 * direct runtime, `direct dev` direct development, `transitive` transitive (the lock does not say
 * whose, so transitive packages are runtime, and no edges are recorded: pubspec.lock has none).
 * Hosted and git packages are components (a git package keeps its pubspec version); `sdk` packages
 * (flutter, flutter_test) come with the SDK and `path` packages are local code: both are skipped.
 */
export const pubspecLockExtractor: Extractor = {
  id: 'pub/pubspec-lock',
  ecosystem: 'Pub',
  matches: (path) => fileName(path) === 'pubspec.lock',
  extract(input: ExtractInput): ExtractResult {
    const components: Component[] = [];
    const skipped: SkippedDependency[] = [];
    for (const { name, entry, line } of lockEntries(input.text)) {
      const location = { path: input.path, line };
      const source = typeof entry.source === 'string' ? entry.source : undefined;
      if (source === 'sdk') {
        const sdk = typeof entry.description === 'string' ? entry.description : 'an';
        skipped.push({ name, reason: `part of the ${sdk} SDK, versioned with it`, location });
        continue;
      }
      if (source === 'path') {
        const folder = (entry.description as { path?: unknown } | undefined)?.path;
        skipped.push({ name, reason: `local package from the path ${String(folder ?? '?')}`, location });
        continue;
      }
      if (typeof entry.version !== 'string' || entry.version === '') {
        skipped.push({ name, reason: 'no version', location });
        continue;
      }
      const { scope, direct } = usage(entry.dependency);
      const sha256 = (entry.description as { sha256?: unknown } | undefined)?.sha256;
      components.push({
        ecosystem: 'Pub',
        name,
        version: entry.version,
        purl: purlOf('Pub', name, entry.version),
        scope,
        direct,
        // pubspec.lock records no dependency edges.
        dependencies: [],
        location,
        ...(typeof sha256 === 'string' && /^[0-9a-f]{64}$/i.test(sha256)
          ? { hashes: [{ algorithm: 'SHA-256' as const, value: sha256.toLowerCase() }] }
          : {}),
      });
    }
    return { components, skipped };
  },
};

/**
 * The `packages` entries with the line of each key. The failsafe schema keeps every scalar a string,
 * so an unquoted `version: 1.10` stays "1.10" rather than becoming the number 1.1. The yaml package's
 * own duplicate-key check compares every key with every other; package names are checked here instead.
 */
function lockEntries(text: string): { name: string; entry: LockEntry; line: number }[] {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { schema: 'failsafe', lineCounter, uniqueKeys: false });
  const [error] = document.errors;
  if (error) {
    const line = error.linePos?.[0].line;
    throw new ExtractError(`not valid YAML: ${(error.message.split('\n')[0] ?? '').replace(/:$/, '')}`, line);
  }
  if (document.contents === null) return [];
  if (!isMap(document.contents)) throw new ExtractError('pubspec.lock must be a mapping with `packages`', 1);
  const packages: unknown = document.contents.get('packages', true);
  // `packages:` with nothing after it reads as an empty string under the failsafe schema.
  if (packages === undefined || (isScalar(packages) && packages.value === '')) return [];
  if (!isMap(packages))
    throw new ExtractError('`packages` must be a mapping of package names', lineOf(packages, lineCounter));

  const seen = new Set<string>();
  return (packages as YAMLMap).items.map((pair) => {
    const line = lineOf(pair.key, lineCounter);
    const name = isScalar(pair.key) ? String(pair.key.value) : '';
    const entry = isMap(pair.value) ? (pair.value.toJSON() as LockEntry) : undefined;
    if (!name || !entry)
      throw new ExtractError(`the entry on line ${line} is not a package name with its fields`, line);
    if (seen.has(name)) throw new ExtractError(`${name} is listed twice under packages`, line);
    seen.add(name);
    return { name, entry, line };
  });
}

function lineOf(node: unknown, lineCounter: LineCounter): number {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range ? lineCounter.linePos(range[0]).line : 1;
}

/** `direct main`, `direct dev`, `direct overridden`, `transitive`; a kind pub adds later reads as transitive. */
function usage(dependency: unknown): { scope: DependencyScope; direct: boolean } {
  if (dependency === 'direct dev') return { scope: 'development', direct: true };
  if (typeof dependency === 'string' && dependency.startsWith('direct ')) return { scope: 'runtime', direct: true };
  return { scope: 'runtime', direct: false };
}
