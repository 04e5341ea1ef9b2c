import type { ExtractResult } from '../component.js';
import { ExtractError, type ExtractInput, type Extractor, fileName } from '../extractor.js';
import { downloadQualifiers, gitQualifiers, pep503 } from '../purl.js';
import { hashesOf } from './hashes.js';
import { type LockEdge, LockedNames, notDependedOn, type ScopeRoots, scopesByReachability } from './lock-graph.js';
import { type LockedPackage, lockedComponents, setSource } from './locked-components.js';
import { arrayTableLines, asArray, asString, asTable, parseTomlLockfile, type TomlTable } from './toml.js';

/**
 * uv.lock. The project's own packages (the root, `source = { editable = "." }` or `{ virtual = ... }`, and
 * workspace members) are not components: their dependencies are the direct ones, and what their
 * dependencies, extras and dev groups reach makes runtime, optional and development scope.
 */
export const uvLockExtractor: Extractor = {
  id: 'pypi/uv-lock',
  ecosystem: 'PyPI',
  matches: (path) => fileName(path) === 'uv.lock',
  extract: extractUvLock,
};

function extractUvLock(input: ExtractInput): ExtractResult {
  const lock = parseTomlLockfile(input.text, 'uv.lock');
  const tables = asArray(lock.package).map(asTable);
  const lines = arrayTableLines(input.text, 'package');
  const members = new Set(asArray(asTable(lock.manifest).members).map((name) => pep503(String(name))));
  const names = new LockedNames();
  const packages = tables.map((table, index) => {
    const pkg = readPackage(table, lines[index] ?? 1, members);
    if (pkg.version !== undefined || pkg.project) names.add(pkg.name, pkg.version ?? '', index);
    return pkg;
  });
  const base = tables.map((table) => edgesOf(table.dependencies, names));
  const extras = tables.map((table) => edgeGroups(table['optional-dependencies'], names));
  const devGroups = tables.map((table) => edgeGroups(table['dev-dependencies'], names));
  const projectIndexes = packages.flatMap((pkg, index) => (pkg.project ? [index] : []));
  const edgesFrom = (index: number, extra?: string): readonly LockEdge[] =>
    (extra === undefined ? base[index] : extras[index]?.get(extra)) ?? [];

  const roots: ScopeRoots[] = projectIndexes.flatMap((index) => [
    { scope: 'runtime' as const, edges: base[index] ?? [] },
    { scope: 'optional' as const, edges: [...(extras[index]?.values() ?? [])].flat() },
    { scope: 'development' as const, edges: [...(devGroups[index]?.values() ?? [])].flat() },
  ]);
  const scopes = scopesByReachability(roots, edgesFrom);
  const direct = new Set(roots.flatMap((root) => root.edges.map((edge) => edge.target)));
  // A lock without the project's own entry (hand-made or partial): nothing to start from, so every
  // package counts as runtime and the ones nothing needs as direct.
  const unreferenced =
    projectIndexes.length === 0 ? notDependedOn(packages.length, (index) => base[index] ?? []) : undefined;
  return lockedComponents({
    path: input.path,
    packages,
    // A component's edges are its dependencies and those of its extras that the lock resolved.
    edges: tables.map((_, index) => [...(base[index] ?? []), ...[...(extras[index]?.values() ?? [])].flat()]),
    scopeOf: (index) => scopes.get(index) ?? 'runtime',
    isDirect: (index) => (unreferenced ? unreferenced.has(index) : direct.has(index)),
  });
}

function readPackage(table: TomlTable, line: number, members: Set<string>): LockedPackage {
  const rawName = asString(table.name);
  if (!rawName) throw new ExtractError('a [[package]] has no name', line);
  const name = pep503(rawName);
  const pkg: LockedPackage = { name, version: asString(table.version), line };
  const source = asTable(table.source);
  if (source.virtual !== undefined || source.editable === '.' || members.has(name)) {
    pkg.project = true;
    return pkg;
  }
  readSource(pkg, source);
  const hashes = hashesOf([asTable(table.sdist).hash, ...asArray(table.wheels).map((wheel) => asTable(wheel).hash)]);
  if (hashes) pkg.hashes = hashes;
  return pkg;
}

/**
 * `{ git = "<url>?rev=<ref>#<commit>" }` and `{ url = "<archive>" }` are components with the source in
 * their purl; editable, path and directory sources are local, not released versions from an index.
 */
function readSource(pkg: LockedPackage, source: TomlTable): void {
  const git = asString(source.git);
  const url = asString(source.url);
  const local = asString(source.editable) ?? asString(source.path) ?? asString(source.directory);
  if (git) {
    const hash = git.indexOf('#');
    const repository = hash === -1 ? git : git.slice(0, hash);
    setSource(pkg, gitQualifiers(repository, hash === -1 ? undefined : git.slice(hash + 1)), `git (${git})`);
  } else if (url) {
    setSource(pkg, downloadQualifiers(url), `a URL (${url})`);
  } else if (local) {
    pkg.skipReason = `installed from a local path (${local}), not a released version from the index`;
  }
}

/** `[{ name = "x", version = "1.0", extra = ["y"], marker = "..." }]` as edges to the locked packages. */
function edgesOf(entries: unknown, names: LockedNames): LockEdge[] {
  const edges: LockEdge[] = [];
  for (const entry of asArray(entries).map(asTable)) {
    const name = asString(entry.name);
    if (!name) continue;
    // uv writes `version` only when the name is locked at several versions; then it picks one exactly.
    const version = asString(entry.version);
    const extras = asArray(entry.extra).filter((extra): extra is string => typeof extra === 'string');
    for (const target of names.resolve(pep503(name), [], version)) {
      edges.push(extras.length > 0 ? { target, extras } : { target });
    }
  }
  return edges;
}

/** `[package.optional-dependencies]` or `[package.dev-dependencies]`: group name -> edges. */
function edgeGroups(groups: unknown, names: LockedNames): Map<string, LockEdge[]> {
  const byGroup = new Map<string, LockEdge[]>();
  for (const [group, entries] of Object.entries(asTable(groups))) byGroup.set(group, edgesOf(entries, names));
  return byGroup;
}
