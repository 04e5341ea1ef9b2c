import type { DependencyScope, ExtractResult } from '../component.js';
import { ExtractError, type ExtractInput, type Extractor, fileName } from '../extractor.js';
import { downloadQualifiers, gitQualifiers, pep503 } from '../purl.js';
import { hashesOf } from './hashes.js';
import { type LockEdge, LockedNames, notDependedOn, type ScopeRoots, scopesByReachability } from './lock-graph.js';
import { type LockedPackage, lockedComponents, setSource } from './locked-components.js';
import { type DeclaredDependencies, declaredDependencies, isDeclared } from './pyproject.js';
import { arrayTableLines, asArray, asString, asTable, parseTomlLockfile, type TomlTable } from './toml.js';

/**
 * poetry.lock, every lock version: `category` (main/dev) before lock 2.0, `groups` from Poetry 2, neither
 * in between (then the sibling pyproject.toml's groups decide by reachability). Hashes come from each
 * package's `files`, or from `[metadata.files]` in old locks.
 */
export const poetryLockExtractor: Extractor = {
  id: 'pypi/poetry-lock',
  ecosystem: 'PyPI',
  matches: (path) => fileName(path) === 'poetry.lock',
  extract: extractPoetryLock,
};

function extractPoetryLock(input: ExtractInput): ExtractResult {
  const lock = parseTomlLockfile(input.text, 'poetry.lock');
  const tables = asArray(lock.package).map(asTable);
  const lines = arrayTableLines(input.text, 'package');
  const oldStyleFiles = filesByName(asTable(asTable(lock.metadata).files));
  const names = new LockedNames();
  const packages = tables.map((table, index) => {
    const pkg = readPackage(table, lines[index] ?? 1);
    if (pkg.version !== undefined) names.add(pkg.name, pkg.version, index);
    return pkg;
  });
  const versionsPerName = countBy(packages.map((pkg) => pkg.name));
  packages.forEach((pkg, index) => {
    const perPackage = tables[index]?.files;
    const files = Array.isArray(perPackage) ? perPackage : (oldStyleFiles.get(pkg.name) ?? []);
    const own =
      (versionsPerName.get(pkg.name) ?? 0) > 1 ? files.filter((file) => fileIsVersion(file, pkg.version)) : files;
    const hashes = hashesOf(own.map((file) => asTable(file).hash));
    if (hashes) pkg.hashes = hashes;
  });
  const edges = tables.map((table) => dependencyEdges(table, names));
  const declared = declaredDependencies(input.readRelative('pyproject.toml'));
  const reached = declared ? scopesByReachability(rootsOf(declared, names), (index) => edges[index] ?? []) : undefined;
  const unreferenced = declared ? undefined : notDependedOn(packages.length, (index) => edges[index] ?? []);
  return lockedComponents({
    path: input.path,
    packages,
    edges,
    scopeOf: (index) => scopeOf(tables[index] ?? {}, reached?.get(index)),
    // Without pyproject.toml, the packages nothing else needs are the ones the project asked for.
    isDirect: (index) =>
      declared ? isDeclared(declared, packages[index]?.name ?? '') : (unreferenced?.has(index) ?? false),
  });
}

function readPackage(table: TomlTable, line: number): LockedPackage {
  const name = asString(table.name);
  if (!name) throw new ExtractError('a [[package]] has no name', line);
  const pkg: LockedPackage = { name: pep503(name), version: asString(table.version), line };
  readSource(pkg, asTable(table.source), table.develop === true);
  return pkg;
}

/**
 * git and URL sources are components with the source in their purl (git at `resolved_reference`, the
 * commit); local paths and editable (`develop`) checkouts are not; `legacy` (another index) is an index.
 */
function readSource(pkg: LockedPackage, source: TomlTable, develop: boolean): void {
  const type = asString(source.type);
  const url = asString(source.url) ?? '';
  if (type === 'directory' || type === 'file') {
    pkg.skipReason = `installed from a local path (${url}), not a released version from the index`;
  } else if (type === 'git' && develop) {
    pkg.skipReason = `installed from an editable git checkout (${url}), not a released version from the index`;
  } else if (type === 'git') {
    setSource(pkg, gitQualifiers(url, asString(source.resolved_reference)), `git (${url})`);
  } else if (type === 'url') {
    setSource(pkg, downloadQualifiers(url), `a URL (${url})`);
  }
}

/**
 * `[package.dependencies]`: `name = "spec"`, `name = { version = "spec", ... }`, or a list of such tables
 * for other environments. Names that are not locked (an optional dependency left out) give no edge.
 */
function dependencyEdges(table: TomlTable, names: LockedNames): LockEdge[] {
  const edges: LockEdge[] = [];
  for (const [rawName, spec] of Object.entries(asTable(table.dependencies))) {
    const alternatives = (Array.isArray(spec) ? spec : [spec]).map((entry) =>
      typeof entry === 'string' ? entry : (asString(asTable(entry).version) ?? ''),
    );
    for (const target of names.resolve(pep503(rawName), alternatives)) edges.push({ target });
  }
  return edges;
}

/**
 * The lock's own word on scope: `category = "dev"` (old locks) or `groups` without "main" (Poetry 2)
 * is development; `optional = true` (installed only for an extra) is optional. Locks that record neither
 * fall back to what the pyproject.toml groups reach.
 */
function scopeOf(table: TomlTable, reached: DependencyScope | undefined): DependencyScope {
  const category = asString(table.category);
  const groups = asArray(table.groups);
  let development = reached === 'development';
  if (category !== undefined) development = category !== 'main';
  else if (groups.length > 0) development = !groups.includes('main');
  if (development) return 'development';
  return table.optional === true || reached === 'optional' ? 'optional' : 'runtime';
}

function rootsOf(declared: DeclaredDependencies, names: LockedNames): ScopeRoots[] {
  const edges = (group: Iterable<string>): LockEdge[] =>
    [...group].flatMap((name) => names.resolve(name).map((target) => ({ target })));
  return [
    { scope: 'runtime', edges: edges(declared.runtime) },
    { scope: 'optional', edges: [...declared.optional.values()].flatMap(edges) },
    { scope: 'development', edges: [...declared.development.values()].flatMap(edges) },
  ];
}

/** `[metadata.files]` of old locks: file lists by package name (all locked versions of the name together). */
function filesByName(files: TomlTable): Map<string, unknown[]> {
  const byName = new Map<string, unknown[]>();
  for (const [name, list] of Object.entries(files)) byName.set(pep503(name), asArray(list));
  return byName;
}

/**
 * Whether a distribution file (`{ file = "urllib3-1.25.7-py2.py3-none-any.whl", hash = ... }`) is of
 * `version`: wheels and eggs carry it as their second `-` field, sdists after their last `-`.
 */
function fileIsVersion(file: unknown, version: string | undefined): boolean {
  const name = asString(asTable(file).file);
  if (!name || version === undefined) return false;
  const binary = /\.(whl|egg)$/i.test(name);
  const stem = name.replace(/\.(whl|egg|tar\.gz|tar\.bz2|tar\.xz|tgz|zip|tar)$/i, '');
  const fileVersion = binary ? stem.split('-')[1] : stem.slice(stem.lastIndexOf('-') + 1);
  return fileVersion?.toLowerCase() === version.toLowerCase();
}

function countBy(values: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}
