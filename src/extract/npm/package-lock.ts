import type { ComponentHash, DependencyScope, ExtractResult } from '../component.js';
import { ExtractError, type ExtractInput, type Extractor, fileName } from '../extractor.js';
import { parseJson } from '../json.js';
import { LineIndex } from '../lines.js';
import { NpmComponents } from './component-set.js';
import { hashesFromIntegrity } from './hashes.js';
import { scanJsonKeys } from './json-keys.js';
import { declaredDependencies, isRecord, readManifest } from './manifest.js';
import { InstalledTree, installedName, isInstalledPath } from './node-resolution.js';
import { type PackageIdentity, packageFromSource } from './sources.js';
import { describeSource, isExactVersion, isRegistryTarball, npmAlias } from './specs.js';

/**
 * package-lock.json and npm-shrinkwrap.json. Version 2 and 3 list every installed package under
 * `packages`, keyed by its path (`node_modules/a/node_modules/b`); version 1 nests them under
 * `dependencies`. Both become the same tree of installed paths, and dependencies are resolved the way
 * node resolves them: the package's own node_modules first, then each folder above.
 */
export const packageLockExtractor: Extractor = {
  id: 'npm/package-lock',
  ecosystem: 'npm',
  matches: (path) => LOCKFILE_NAMES.has(fileName(path)),
  extract: extractPackageLock,
};

const LOCKFILE_NAMES = new Set(['package-lock.json', 'npm-shrinkwrap.json']);

/** One installed path of the lockfile. */
interface InstalledNode {
  path: string;
  line: number;
  /** Set when this is a component (from the registry, git or a URL); otherwise `skipped` says what it is. */
  identity?: PackageIdentity;
  skipped?: { name: string; reason: string };
  /** The folder a workspace link points to. */
  linkTarget?: string;
  scope: DependencyScope;
  /** Names of the packages it requires (dependencies, optional and peer dependencies). */
  requires: string[];
  hashes: ComponentHash[];
  licenses?: string[];
}

/** A project folder (the root, or a workspace) and the names it declares. */
interface Importer {
  path: string;
  declared: string[];
}

export function extractPackageLock(input: ExtractInput): ExtractResult {
  // npm ignores package-lock.json when npm-shrinkwrap.json is beside it; reading both would count twice.
  if (fileName(input.path) === 'package-lock.json' && input.listRelative('.').includes('npm-shrinkwrap.json')) {
    return { components: [], skipped: [] };
  }
  const lock = parseLockJson(input.text);
  const keyLines = indexKeyLines(input.text);
  const { nodes, importers } = isRecord(lock.packages)
    ? readPackagesSection(lock.packages, keyLines, input)
    : readDependenciesSection(lock.dependencies, keyLines, input);
  return collectComponents(input.path, nodes, importers);
}

function parseLockJson(text: string): Record<string, unknown> {
  const lock = parseJson(text);
  if (!isRecord(lock)) throw new ExtractError('expected a JSON object with "packages" or "dependencies"', 1);
  return lock;
}

/** Lines of the `packages` keys (v2/v3) and of the nested `dependencies` keys (v1), by installed path. */
interface KeyLines {
  packages: Map<string, number>;
  dependencies: Map<string, number>;
}

function indexKeyLines(text: string): KeyLines {
  const lineIndex = new LineIndex(text);
  const packages = new Map<string, number>();
  const dependencies = new Map<string, number>();
  scanJsonKeys(text, (parents, key, offset) => {
    if (parents.length === 2 && parents[1] === 'packages') packages.set(key, lineIndex.lineAt(offset));
    else if (isNestedDependenciesKey(parents)) dependencies.set(v1Path(parents, key), lineIndex.lineAt(offset));
  });
  return { packages, dependencies };
}

/** `['', 'dependencies', 'a', 'dependencies']`: the keys of v1's (nested) dependencies objects. */
function isNestedDependenciesKey(parents: readonly string[]): boolean {
  if (parents.length < 2 || parents.length % 2 !== 0) return false;
  for (let at = 1; at < parents.length; at += 2) if (parents[at] !== 'dependencies') return false;
  return true;
}

function v1Path(parents: readonly string[], key: string): string {
  let path = '';
  for (let at = 2; at < parents.length; at += 2) path = childPath(path, parents[at] as string);
  return childPath(path, key);
}

function childPath(parent: string, name: string): string {
  return parent === '' ? `node_modules/${name}` : `${parent}/node_modules/${name}`;
}

/** Version 2 and 3: `packages` keyed by path; '' is the project, other folders are workspaces. */
function readPackagesSection(
  packages: Record<string, unknown>,
  keyLines: KeyLines,
  input: ExtractInput,
): { nodes: Map<string, InstalledNode>; importers: Importer[] } {
  const nodes = new Map<string, InstalledNode>();
  const importers: Importer[] = [];
  for (const [path, entry] of Object.entries(packages)) {
    if (!isRecord(entry)) continue;
    if (!isInstalledPath(path)) {
      importers.push({ path, declared: [...declaredDependencies(entry).keys()] });
      if (path !== '') nodes.set(path, folderNode(path, entry, keyLines.packages.get(path) ?? 1));
      continue;
    }
    nodes.set(path, installedNode(path, entry, keyLines.packages.get(path) ?? 1));
  }
  // Without the root entry (hand-trimmed lockfiles), the package.json beside it says what the project declares.
  if (!isRecord(packages[''])) importers.push(...packageJsonImporter(input));
  return { nodes, importers };
}

function packageJsonImporter(input: ExtractInput): Importer[] {
  const manifest = readManifest(input, '');
  return manifest ? [{ path: '', declared: [...manifest.declared.keys()] }] : [];
}

/** A workspace (or other local folder) package: not from the registry, reported unless a link shows it. */
function folderNode(path: string, entry: Record<string, unknown>, line: number): InstalledNode {
  const name = typeof entry.name === 'string' && entry.name !== '' ? entry.name : path;
  return {
    path,
    line,
    skipped: { name, reason: `a local folder (${path}), not a registry package` },
    scope: 'runtime',
    requires: [],
    hashes: [],
  };
}

function installedNode(path: string, entry: Record<string, unknown>, line: number): InstalledNode {
  const node: InstalledNode = {
    path,
    line,
    scope: scopeOf(entry),
    requires: requiredNames(entry),
    hashes: hashesFromIntegrity(entry.integrity),
  };
  if (entry.link === true) {
    node.linkTarget = typeof entry.resolved === 'string' ? entry.resolved : '';
    node.skipped = { name: installedName(path), reason: describeSource(`link:${node.linkTarget}`) };
    return node;
  }
  if (typeof entry.license === 'string' && entry.license !== '') node.licenses = [entry.license];
  const name = typeof entry.name === 'string' && entry.name !== '' ? entry.name : installedName(path);
  classify(node, name, entry.version, entry.resolved);
  return node;
}

/** Version 1: `dependencies` nested by install location; the project's own declarations are in package.json. */
function readDependenciesSection(
  dependencies: unknown,
  keyLines: KeyLines,
  input: ExtractInput,
): { nodes: Map<string, InstalledNode>; importers: Importer[] } {
  const nodes = new Map<string, InstalledNode>();
  const walk = (section: Record<string, unknown>, parent: string) => {
    for (const [name, entry] of Object.entries(section)) {
      if (!isRecord(entry)) continue;
      const path = childPath(parent, name);
      const node: InstalledNode = {
        path,
        line: keyLines.dependencies.get(path) ?? 1,
        scope: scopeOf(entry),
        requires: Object.keys(isRecord(entry.requires) ? entry.requires : {}),
        hashes: hashesFromIntegrity(entry.integrity),
      };
      const alias = typeof entry.version === 'string' ? npmAlias(entry.version) : undefined;
      if (alias) classify(node, alias.name, alias.spec, entry.resolved);
      else classify(node, name, entry.version, entry.resolved);
      nodes.set(path, node);
      if (isRecord(entry.dependencies)) walk(entry.dependencies, path);
    }
  };
  if (isRecord(dependencies)) walk(dependencies, '');
  return { nodes, importers: packageJsonImporter(input) };
}

/**
 * Registry package, package from git or a URL (a component when its version is recorded), or the reason
 * it is not one (local path, no version). Version 1 writes a git package's source as its version.
 */
function classify(node: InstalledNode, name: string, version: unknown, resolved: unknown): void {
  if (typeof resolved === 'string' && !isRegistryTarball(resolved) && !isGitHubPackagesDownload(resolved)) {
    Object.assign(node, packageFromSource(name, version, resolved));
  } else if (version === undefined || version === '') {
    node.skipped = { name, reason: 'no version recorded in the lockfile' };
  } else if (!isExactVersion(version)) {
    Object.assign(node, packageFromSource(name, undefined, String(version)));
  } else {
    node.identity = { name, version };
  }
}

/** GitHub Packages serves registry tarballs from `/download/` URLs rather than `/-/name-version.tgz`. */
function isGitHubPackagesDownload(url: string): boolean {
  return url.startsWith('https://npm.pkg.github.com/download/');
}

function requiredNames(entry: Record<string, unknown>): string[] {
  const names: string[] = [];
  for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies']) {
    const section = entry[field];
    if (isRecord(section)) for (const name in section) names.push(name);
  }
  return names;
}

function scopeOf(entry: Record<string, unknown>): DependencyScope {
  if (entry.dev === true) return 'development';
  if (entry.optional === true || entry.devOptional === true) return 'optional';
  return 'runtime';
}

function collectComponents(path: string, nodes: Map<string, InstalledNode>, importers: Importer[]): ExtractResult {
  const components = new NpmComponents(path);
  const purls = new Map<InstalledNode, string>();
  for (const node of nodes.values()) {
    if (node.identity)
      purls.set(node, components.purl(node.identity.name, node.identity.version, node.identity.qualifiers));
  }
  const tree = new InstalledTree<InstalledNode>();
  for (const node of nodes.values()) if (isInstalledPath(node.path)) tree.add(node.path, node);
  const componentPurlAt = (from: string, name: string) => {
    const target = tree.resolve(from, name);
    return target && purls.get(target);
  };
  const dependenciesOf = new Map<InstalledNode, string[]>();
  for (const node of purls.keys()) {
    const targets: string[] = [];
    for (const name of node.requires) {
      const target = componentPurlAt(node.path, name);
      if (target !== undefined) targets.push(target);
    }
    dependenciesOf.set(node, targets);
  }

  const direct = new Set<string | undefined>();
  for (const importer of importers) {
    for (const name of importer.declared) direct.add(componentPurlAt(importer.path, name));
  }
  // Without the project's own declarations (v1 without package.json), the top-level packages nothing
  // else requires are the ones the project asked for.
  if (importers.length === 0) {
    const required = new Set([...dependenciesOf.values()].flat());
    for (const [node, purl] of purls) {
      if (!node.path.includes('/node_modules/') && !required.has(purl)) direct.add(purl);
    }
  }

  const linkTargets = new Set<string | undefined>([...nodes.values()].map((node) => node.linkTarget));
  for (const node of nodes.values()) {
    if (!node.identity) {
      // A workspace folder is reported once, through the link that installs it.
      if (node.skipped && !linkTargets.has(node.path))
        components.skip(node.skipped.name, node.skipped.reason, node.line);
      continue;
    }
    components.add({
      name: node.identity.name,
      version: node.identity.version,
      purl: purls.get(node),
      scope: node.scope,
      direct: direct.has(purls.get(node)),
      line: node.line,
      dependencies: dependenciesOf.get(node),
      hashes: node.hashes,
      licenses: node.licenses,
    });
  }
  return components.result();
}
