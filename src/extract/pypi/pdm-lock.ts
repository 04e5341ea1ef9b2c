import type { DependencyScope, ExtractResult } from '../component.js';
import { ExtractError, type ExtractInput, type Extractor, fileName } from '../extractor.js';
import { downloadQualifiers, gitQualifiers, pep503 } from '../purl.js';
import { hashesOf } from './hashes.js';
import { type LockEdge, LockedNames, notDependedOn } from './lock-graph.js';
import { type LockedPackage, lockedComponents, setSource } from './locked-components.js';
import { parseRequirement, specifierText } from './pep508.js';
import { type DeclaredDependencies, declaredDependencies, isDeclared } from './pyproject.js';
import { arrayTableLines, asArray, asString, asTable, parseTomlLockfile, type TomlTable } from './toml.js';

/**
 * pdm.lock. Each package lists the groups that need it: `default` is the project's runtime dependencies;
 * the others are extras (optional, when the sibling pyproject.toml says so) or dev groups (development).
 * Dependencies are PEP 508 strings (`"idna>=2.5"`).
 */
export const pdmLockExtractor: Extractor = {
  id: 'pypi/pdm-lock',
  ecosystem: 'PyPI',
  matches: (path) => fileName(path) === 'pdm.lock',
  extract: extractPdmLock,
};

function extractPdmLock(input: ExtractInput): ExtractResult {
  const lock = parseTomlLockfile(input.text, 'pdm.lock');
  const tables = asArray(lock.package).map(asTable);
  const lines = arrayTableLines(input.text, 'package');
  const names = new LockedNames();
  const packages = tables.map((table, index) => {
    const pkg = readPackage(table, lines[index] ?? 1);
    if (pkg.version !== undefined) names.add(pkg.name, pkg.version, index);
    return pkg;
  });
  const edges = tables.map((table, index) => dependencyEdges(table, names, packages[index]?.name ?? ''));
  const declared = declaredDependencies(input.readRelative('pyproject.toml'));
  const unreferenced = declared ? undefined : notDependedOn(packages.length, (index) => edges[index] ?? []);
  return lockedComponents({
    path: input.path,
    packages,
    edges,
    scopeOf: (index) => scopeOf(tables[index] ?? {}, declared),
    // Without pyproject.toml, the packages nothing else needs are the ones the project asked for.
    isDirect: (index) =>
      declared ? isDeclared(declared, packages[index]?.name ?? '') : (unreferenced?.has(index) ?? false),
  });
}

function readPackage(table: TomlTable, line: number): LockedPackage {
  const name = asString(table.name);
  if (!name) throw new ExtractError('a [[package]] has no name', line);
  const pkg: LockedPackage = { name: pep503(name), version: asString(table.version), line };
  readSource(pkg, table);
  const hashes = hashesOf(asArray(table.files).map((file) => asTable(file).hash));
  if (hashes) pkg.hashes = hashes;
  return pkg;
}

/**
 * A package locked from git (at `revision`, the commit) or an archive URL is a component with the source
 * in its purl; one from a local path, or an editable checkout, is not a released version from an index.
 */
function readSource(pkg: LockedPackage, table: TomlTable): void {
  const git = asString(table.git);
  const path = asString(table.path);
  const url = asString(table.url);
  if (git && table.editable === true) {
    pkg.skipReason = `installed from an editable git checkout (${git}), not a released version from the index`;
  } else if (git) {
    setSource(pkg, gitQualifiers(git, asString(table.revision)), `git (${git})`);
  } else if (path) {
    pkg.skipReason = `installed from a local path (${path}), not a released version from the index`;
  } else if (url) {
    setSource(pkg, downloadQualifiers(url), `a URL (${url})`);
  }
}

/**
 * Edges from the package's requirement strings. A package locked with extras appears again with those
 * extras, depending on its own base entry: that self-reference is not an edge.
 */
function dependencyEdges(table: TomlTable, names: LockedNames, self: string): LockEdge[] {
  const edges: LockEdge[] = [];
  for (const text of asArray(table.dependencies)) {
    const requirement = typeof text === 'string' ? parseRequirement(text) : undefined;
    if (!requirement || pep503(requirement.name) === self) continue;
    for (const target of names.resolve(pep503(requirement.name), [specifierText(requirement)])) edges.push({ target });
  }
  return edges;
}

/**
 * `default` among the groups is runtime. Otherwise the groups are extras or dev groups: optional when
 * pyproject.toml declares one of them as an extra, development when not (or when it cannot be read).
 */
function scopeOf(table: TomlTable, declared: DeclaredDependencies | undefined): DependencyScope {
  const groups = asArray(table.groups).filter((group): group is string => typeof group === 'string');
  if (groups.length === 0 || groups.includes('default')) return 'runtime';
  return groups.some((group) => declared?.optional.has(group)) ? 'optional' : 'development';
}
