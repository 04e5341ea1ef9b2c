import { maskUrlCredentials } from '../../core/redact.js';
import type { DependencyScope, ExtractResult } from '../component.js';
import { ExtractError, type ExtractInput, type Extractor, fileName } from '../extractor.js';
import type { ScopedEdge } from '../scope.js';
import { NpmComponents } from './component-set.js';
import { addGraphPackages, type GraphPackage } from './graph-packages.js';
import { hashesFromIntegrity } from './hashes.js';
import { parseLockYaml, type YamlDocument } from './lock-yaml.js';
import { isRecord } from './manifest.js';
import { type PnpmKeyStyle, parsePackageKey, stripPeerSuffix } from './pnpm-keys.js';
import { packageFromRepository, packageFromSource } from './sources.js';
import { describeSource, isExactVersion, isRegistryTarball } from './specs.js';

/**
 * pnpm-lock.yaml, lockfile versions 5.x, 6.x and 9.x. Importers (the project and its workspaces) name
 * their dependencies by a version reference; `packages` (and in 9.x `snapshots`, one per peer set)
 * are keyed by `/name/1.0.0` (5.x), `/name@1.0.0(peer@2.0.0)` (6.x) or `name@1.0.0(peer@2.0.0)` (9.x).
 * 5.x and 6.x flag dev and optional packages; 9.x does not, so scopes come from the importers.
 */
export const pnpmLockExtractor: Extractor = {
  id: 'npm/pnpm-lock',
  ecosystem: 'npm',
  matches: (path) => fileName(path) === 'pnpm-lock.yaml',
  extract: extractPnpmLock,
};

/** Importer fields and the scope they give; the last two are pnpm's own tooling (pnpm 11+). */
const IMPORTER_FIELDS = [
  ['dependencies', 'runtime'],
  ['optionalDependencies', 'optional'],
  ['devDependencies', 'development'],
  ['configDependencies', 'development'],
  ['packageManagerDependencies', 'development'],
] as const satisfies ReadonlyArray<readonly [string, DependencyScope]>;

/** One installed package (a snapshot in 9.x, a `packages` entry before); 5.x/6.x record its scope. */
interface PnpmNode extends GraphPackage {
  dependencies: Array<{ name: string; ref: string; scope: DependencyScope }>;
}

/** Line numbers are needed for the keys of top-level sections and of importers' dependency lists. */
const wantLines = (parents: readonly string[]) =>
  parents.length === 1 || (parents.length === 3 && parents[0] === 'importers');

export function extractPnpmLock(input: ExtractInput): ExtractResult {
  const components = new NpmComponents(input.path);
  // pnpm 11+ may write an environment document (its own tooling) before the project's lockfile.
  for (const document of parseLockYaml(input.text, wantLines)) {
    if (document.value === null) continue;
    if (!isRecord(document.value)) throw new ExtractError('expected a YAML mapping with lockfileVersion', 1);
    readDocument(document, document.value, components);
  }
  return components.result();
}

function readDocument(document: YamlDocument, lock: Record<string, unknown>, components: NpmComponents): void {
  const version = Number.parseFloat(String(lock.lockfileVersion));
  if (!Number.isFinite(version)) {
    throw new ExtractError('no lockfileVersion: not a pnpm lockfile', document.lineOf(['lockfileVersion']) ?? 1);
  }
  const style: PnpmKeyStyle = version >= 9 ? 'v9' : version >= 6 ? 'v6' : 'v5';
  const nodes = style === 'v9' ? readSnapshots(document, lock) : readPackages(document, lock, style);

  const resolve = (name: string, ref: string): PnpmNode | undefined => {
    if (ref.startsWith('link:')) return undefined;
    const keyed = style === 'v9' ? `${name}@${ref}` : style === 'v6' ? `/${name}@${ref}` : `/${name}/${ref}`;
    // An alias or a non-registry package is referenced by its full key.
    return nodes.get(keyed) ?? nodes.get(ref);
  };

  const roots = importerRoots(document, lock, resolve, components);
  const edges = new Map<PnpmNode, ScopedEdge<PnpmNode>[]>();
  for (const node of nodes.values()) {
    const targets: ScopedEdge<PnpmNode>[] = [];
    for (const dependency of node.dependencies) {
      const target = resolve(dependency.name, dependency.ref);
      if (target) targets.push({ to: target, scope: dependency.scope });
    }
    edges.set(node, targets);
  }
  addGraphPackages(components, nodes.values(), roots, edges);
}

/** The importers' (project and workspaces') declarations; links to other workspaces are skipped. */
function importerRoots(
  document: YamlDocument,
  lock: Record<string, unknown>,
  resolve: (name: string, ref: string) => PnpmNode | undefined,
  components: NpmComponents,
): ScopedEdge<PnpmNode>[] {
  const roots: ScopedEdge<PnpmNode>[] = [];
  // Lockfiles before 9.x without workspaces keep the project's declarations at the top level.
  const importers = isRecord(lock.importers) ? lock.importers : { '.': lock };
  for (const [importerPath, importer] of Object.entries(importers)) {
    if (!isRecord(importer)) continue;
    for (const [field, scope] of IMPORTER_FIELDS) {
      const section = importer[field];
      if (!isRecord(section)) continue;
      for (const [name, value] of Object.entries(section)) {
        const ref = typeof value === 'string' ? value : isRecord(value) ? String(value.version) : '';
        if (ref.startsWith('link:')) {
          const path = isRecord(lock.importers) ? ['importers', importerPath, field, name] : [field, name];
          components.skip(name, describeSource(ref), document.lineOf(path) ?? 1);
          continue;
        }
        const target = resolve(name, ref);
        if (target) roots.push({ to: target, scope });
      }
    }
  }
  return roots;
}

/** 5.x and 6.x: `packages` holds everything about each installed package. */
function readPackages(document: YamlDocument, lock: Record<string, unknown>, style: PnpmKeyStyle) {
  const nodes = new Map<string, PnpmNode>();
  const packages = isRecord(lock.packages) ? lock.packages : {};
  for (const [key, value] of Object.entries(packages)) {
    const entry = isRecord(value) ? value : {};
    const node = describePackage(key, entry, style, document.lineOf(['packages', key]) ?? 1);
    node.dependencies = dependenciesOf(entry);
    if (typeof entry.dev === 'boolean') {
      node.recordedScope = entry.dev ? 'development' : entry.optional === true ? 'optional' : 'runtime';
    }
    nodes.set(key, node);
  }
  return nodes;
}

/**
 * 9.x: `snapshots` are the installed packages (one per peer set) with their dependencies; `packages`
 * (keyed without the peer suffix) holds their resolution.
 */
function readSnapshots(document: YamlDocument, lock: Record<string, unknown>) {
  const nodes = new Map<string, PnpmNode>();
  const packages = isRecord(lock.packages) ? lock.packages : {};
  const snapshots = isRecord(lock.snapshots) ? lock.snapshots : {};
  const described = new Map<string, PnpmNode>();
  // The line of the `packages` entry, or of the snapshot when the package has none.
  const describe = (baseKey: string, snapshotKey?: string) => {
    const entry = packages[baseKey];
    const line = isRecord(entry)
      ? document.lineOf(['packages', baseKey])
      : snapshotKey === undefined
        ? undefined
        : document.lineOf(['snapshots', snapshotKey]);
    return describePackage(baseKey, isRecord(entry) ? entry : {}, 'v9', line ?? 1);
  };
  for (const [key, value] of Object.entries(snapshots)) {
    const snapshot = isRecord(value) ? value : {};
    const baseKey = stripPeerSuffix(key);
    const node = describe(baseKey, key);
    node.dependencies = dependenciesOf(snapshot);
    // Peer variants of one package are reported once (skips too).
    if (described.has(baseKey)) node.skipped = undefined;
    described.set(baseKey, node);
    nodes.set(key, node);
  }
  // A package without a snapshot is still installed (lockfiles written by hand or trimmed).
  for (const baseKey of Object.keys(packages)) {
    if (!described.has(baseKey)) nodes.set(baseKey, describe(baseKey));
  }
  return nodes;
}

function dependenciesOf(entry: Record<string, unknown>): PnpmNode['dependencies'] {
  const dependencies: PnpmNode['dependencies'] = [];
  for (const [field, scope] of [
    ['dependencies', 'runtime'],
    ['optionalDependencies', 'optional'],
  ] as const) {
    const section = entry[field];
    if (!isRecord(section)) continue;
    for (const [name, ref] of Object.entries(section)) dependencies.push({ name, ref: String(ref), scope });
  }
  return dependencies;
}

/**
 * Name, version and source of a package entry: a registry package, a package from git or a URL (a
 * component with the version its entry records), or a local folder or unreadable key (skipped). A
 * `file:` tarball is local too.
 */
function describePackage(key: string, entry: Record<string, unknown>, style: PnpmKeyStyle, line: number): PnpmNode {
  const resolution = resolutionOf(entry);
  const node: PnpmNode = { line, dependencies: [], hashes: hashesFromIntegrity(resolution.integrity) };
  // Entries for git, tarball and local packages carry `name` and `version`; registry entries are read from the key.
  const parsed = parsePackageKey(key, style);
  const name = typeof entry.name === 'string' && entry.name !== '' ? entry.name : parsed.name;
  const version = typeof entry.version === 'string' ? entry.version : parsed.version;
  if (typeof resolution.directory === 'string') {
    node.skipped = { name: name ?? key, reason: describeSource(`file:${resolution.directory}`) };
  } else if (!name) {
    node.skipped = { name: key, reason: `no registry name and version in "${maskUrlCredentials(key)}"` };
  } else if (typeof resolution.commit === 'string' || resolution.type === 'git') {
    const commit = typeof resolution.commit === 'string' ? resolution.commit : undefined;
    Object.assign(node, packageFromRepository(name, version, String(resolution.repo ?? ''), commit));
  } else if (typeof resolution.tarball === 'string' && !isRegistryTarball(resolution.tarball)) {
    Object.assign(node, packageFromSource(name, version, resolution.tarball));
  } else if (isExactVersion(version)) {
    node.identity = { name, version };
  } else {
    node.skipped = { name, reason: `no registry name and version in "${maskUrlCredentials(key)}"` };
  }
  return node;
}

function resolutionOf(entry: Record<string, unknown>): Record<string, unknown> {
  return isRecord(entry.resolution) ? entry.resolution : {};
}
