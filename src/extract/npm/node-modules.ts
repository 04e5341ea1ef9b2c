import type { ExtractResult } from '../component.js';
import { ExtractError, type ExtractInput, type Extractor, fileName } from '../extractor.js';
import { parseJson } from '../json.js';
import { LineIndex } from '../lines.js';
import type { ScopedEdge } from '../scope.js';
import { NpmComponents } from './component-set.js';
import { addGraphPackages, type GraphPackage } from './graph-packages.js';
import { scanJsonKeys } from './json-keys.js';
import { DEPENDENCY_FIELDS, expandWorkspaces, isRecord, manifestOf, readManifest } from './manifest.js';
import { InstalledTree, installedName } from './node-resolution.js';
import { isExactVersion } from './specs.js';

/**
 * Installed packages, for projects without a lockfile: a package.json (outside node_modules) with a
 * node_modules folder beside it. Every `node_modules/**\/package.json` gives an installed name and
 * version; dependencies are resolved the way node loads them. A lockfile beside the package.json (or in a
 * folder above it, for workspaces) is authoritative, and a package.json without node_modules declares
 * ranges, not versions: both give nothing here.
 */
export const nodeModulesExtractor: Extractor = {
  id: 'npm/node-modules',
  ecosystem: 'npm',
  matches: (path) => fileName(path) === 'package.json' && !path.split('/').includes('node_modules'),
  extract: extractNodeModules,
};

const LOCKFILES = ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock', 'bun.lockb'];

/** node_modules nested deeper than this is a symlink loop, not an install. */
const MAX_NESTING = 32;

interface InstalledPackage extends GraphPackage {
  path: string;
  requires: Array<{ name: string; scope: 'runtime' | 'optional' }>;
}

export function extractNodeModules(input: ExtractInput): ExtractResult {
  const empty = { components: [], skipped: [] };
  if (lockfileGoverns(input) || input.listRelative('node_modules').length === 0) return empty;
  const root = parseRootManifest(input.text);
  const manifest = manifestOf(root);
  const workspaceNames = new Set(
    expandWorkspaces(input, manifest.workspaces).map((folder) => readManifest(input, folder)?.name),
  );

  const installed: InstalledPackage[] = [];
  readNodeModules(input, 'node_modules', 0, workspaceNames, installed);
  // Components point at the package.json that was read: a top-level package at the line declaring it.
  const declaredLines = declarationLines(input.text);
  for (const found of installed) {
    if (found.path.lastIndexOf('node_modules/') === 0) found.line = declaredLines.get(installedName(found.path)) ?? 1;
  }
  const tree = new InstalledTree<InstalledPackage>();
  for (const found of installed) tree.add(found.path, found);

  const roots: ScopedEdge<InstalledPackage>[] = [];
  for (const [name, declared] of manifest.declared) {
    const target = tree.resolve('', name);
    if (target) roots.push({ to: target, scope: declared.scope });
  }
  const edges = new Map<InstalledPackage, ScopedEdge<InstalledPackage>[]>();
  for (const found of installed) {
    const targets: ScopedEdge<InstalledPackage>[] = [];
    for (const dependency of found.requires) {
      const target = tree.resolve(found.path, dependency.name);
      if (target) targets.push({ to: target, scope: dependency.scope });
    }
    edges.set(found, targets);
  }
  const components = new NpmComponents(input.path);
  addGraphPackages(components, installed, roots, edges);
  return components.result();
}

/** A lockfile beside this package.json, or in a folder above it within the scan (a workspace's root). */
function lockfileGoverns(input: ExtractInput): boolean {
  const depth = input.path.split('/').length - 1;
  for (let up = 0; up <= depth; up++) {
    const folder = up === 0 ? '.' : Array(up).fill('..').join('/');
    if (input.listRelative(folder).some((name) => LOCKFILES.includes(name))) return true;
  }
  return false;
}

function parseRootManifest(text: string): Record<string, unknown> {
  const json = parseJson(text);
  if (!isRecord(json)) throw new ExtractError('expected a JSON object', 1);
  return json;
}

/** Reads every package in a node_modules folder (scoped packages one level down) and their own node_modules. */
function readNodeModules(
  input: ExtractInput,
  folder: string,
  nesting: number,
  workspaceNames: Set<string | undefined>,
  installed: InstalledPackage[],
): void {
  for (const entry of input.listRelative(folder).sort()) {
    // .bin, .package-lock.json, .pnpm, .cache...: npm's and other tools' bookkeeping.
    if (entry.startsWith('.')) continue;
    const paths = entry.startsWith('@')
      ? input
          .listRelative(`${folder}/${entry}`)
          .sort()
          .map((name) => `${folder}/${entry}/${name}`)
      : [`${folder}/${entry}`];
    for (const path of paths) {
      const text = input.readRelative(`${path}/package.json`);
      if (text === undefined) continue;
      const found = installedPackage(path, text);
      // A workspace is linked into node_modules: it is the project's own code.
      if (found.identity && workspaceNames.has(found.identity.name)) continue;
      installed.push(found);
      if (nesting < MAX_NESTING) readNodeModules(input, `${path}/node_modules`, nesting + 1, workspaceNames, installed);
    }
  }
}

function installedPackage(path: string, text: string): InstalledPackage {
  const found: InstalledPackage = { path, line: 1, requires: [] };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (!isRecord(json)) {
    found.skipped = { name: installedName(path), reason: `${path}/package.json is not a JSON object` };
    return found;
  }
  const name = typeof json.name === 'string' && json.name !== '' ? json.name : installedName(path);
  if (isExactVersion(json.version)) found.identity = { name, version: json.version };
  else found.skipped = { name, reason: `${path}/package.json has no exact version` };
  for (const [field, scope] of DEPENDENCY_FIELDS) {
    // An installed package's devDependencies were never installed for it.
    if (scope === 'development' || !isRecord(json[field])) continue;
    for (const dependency of Object.keys(json[field])) found.requires.push({ name: dependency, scope });
  }
  found.licenses = licensesOf(json);
  return found;
}

/** `license` (an SPDX expression, or a legacy `{ type }` object) or the legacy `licenses` array. */
export function licensesOf(json: Record<string, unknown>): string[] | undefined {
  const typeOf = (value: unknown) =>
    typeof value === 'string' ? value : isRecord(value) && typeof value.type === 'string' ? value.type : undefined;
  const license = typeOf(json.license);
  if (license) return [license];
  if (!Array.isArray(json.licenses)) return undefined;
  const licenses = json.licenses.map(typeOf).filter((type): type is string => Boolean(type));
  return licenses.length > 0 ? licenses : undefined;
}

/** Lines of the root package.json's dependency declarations, by package name (the first wins). */
function declarationLines(text: string): Map<string, number> {
  const fields = new Set<string>(DEPENDENCY_FIELDS.map(([field]) => field));
  const lineIndex = new LineIndex(text);
  const lines = new Map<string, number>();
  scanJsonKeys(text, (parents, key, offset) => {
    if (parents.length === 2 && fields.has(parents[1] as string) && !lines.has(key))
      lines.set(key, lineIndex.lineAt(offset));
  });
  return lines;
}
