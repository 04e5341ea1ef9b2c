import { type ParseError, parse, printParseErrorCode } from 'jsonc-parser';
import type { DependencyScope, ExtractResult } from '../component.js';
import { ExtractError, type ExtractInput, type Extractor, fileName } from '../extractor.js';
import { LineIndex } from '../lines.js';
import type { ScopedEdge } from '../scope.js';
import { NpmComponents } from './component-set.js';
import { addGraphPackages, type GraphPackage } from './graph-packages.js';
import { hashesFromIntegrity } from './hashes.js';
import { scanJsonKeys } from './json-keys.js';
import { declaredDependencies, isRecord } from './manifest.js';
import { describeSource, isExactVersion, splitNameAndSpec } from './specs.js';

/**
 * bun.lock, bun's text lockfile (JSONC with trailing commas; lockfileVersion 0 and 1). `workspaces`
 * holds each workspace's declarations; `packages` maps an install path (`chalk/supports-color` is the
 * supports-color that chalk gets, nested like node_modules) to `[name@version, registry, info, integrity]`,
 * or `[name@source, info, ...]` for git, file and workspace packages. The binary bun.lockb is not read.
 */
export const bunLockExtractor: Extractor = {
  id: 'npm/bun-lock',
  ecosystem: 'npm',
  matches: (path) => fileName(path) === 'bun.lock',
  extract: extractBunLock,
};

interface BunPackage extends GraphPackage {
  /** The install path: the key of `packages`. */
  path: string;
  dependencies: Array<{ name: string; scope: DependencyScope }>;
}

export function extractBunLock(input: ExtractInput): ExtractResult {
  const lineIndex = new LineIndex(input.text);
  const lock = parseBunLock(input.text, lineIndex);
  const keyLines = new Map<string, number>();
  scanJsonKeys(input.text, (parents, key, offset) => {
    if (parents.length === 2 && parents[1] === 'packages') keyLines.set(key, lineIndex.lineAt(offset));
  });
  const packages = new Map<string, BunPackage>();
  for (const [path, entry] of Object.entries(isRecord(lock.packages) ? lock.packages : {})) {
    packages.set(path, readEntry(path, entry, keyLines.get(path) ?? 1));
  }

  const roots: ScopedEdge<BunPackage>[] = [];
  for (const [folder, workspace] of Object.entries(isRecord(lock.workspaces) ? lock.workspaces : {})) {
    if (!isRecord(workspace)) continue;
    // Packages installed for one workspace only are keyed under its name (`bun-types/@types/node`).
    const from = folder === '' || typeof workspace.name !== 'string' ? '' : workspace.name;
    for (const [name, declared] of declaredDependencies(workspace)) {
      const target = resolve(packages, from, name);
      if (target) roots.push({ to: target, scope: declared.scope });
    }
  }
  const edges = new Map<BunPackage, ScopedEdge<BunPackage>[]>();
  for (const bunPackage of packages.values()) {
    const targets: ScopedEdge<BunPackage>[] = [];
    for (const dependency of bunPackage.dependencies) {
      const target = resolve(packages, bunPackage.path, dependency.name);
      if (target) targets.push({ to: target, scope: dependency.scope });
    }
    edges.set(bunPackage, targets);
  }
  const components = new NpmComponents(input.path);
  addGraphPackages(components, packages.values(), roots, edges);
  return components.result();
}

function parseBunLock(text: string, lineIndex: LineIndex): Record<string, unknown> {
  const errors: ParseError[] = [];
  const lock: unknown = parse(text, errors, { allowTrailingComma: true });
  const [error] = errors;
  if (error) {
    // printParseErrorCode gives `InvalidSymbol`: shown as "invalid symbol".
    const problem = printParseErrorCode(error.error)
      .replace(/(?<=[a-z])(?=[A-Z])/g, ' ')
      .toLowerCase();
    throw new ExtractError(`not valid JSON: ${problem}`, lineIndex.lineAt(error.offset));
  }
  if (!isRecord(lock)) throw new ExtractError('expected a JSON object with "packages"', 1);
  return lock;
}

function readEntry(path: string, entry: unknown, line: number): BunPackage {
  const bunPackage: BunPackage = { path, line, dependencies: [] };
  if (!Array.isArray(entry) || typeof entry[0] !== 'string') {
    bunPackage.skipped = { name: path, reason: 'not a ["name@version", ...] entry' };
    return bunPackage;
  }
  const { name, spec } = splitNameAndSpec(entry[0]);
  const info = entry.find(isRecord) ?? {};
  bunPackage.dependencies = dependenciesOf(info);
  // Registry entries are [name@version, registry URL ('' for the default), info, integrity].
  if (isExactVersion(spec) && typeof entry[1] === 'string') {
    bunPackage.identity = { name, version: spec };
    bunPackage.hashes = hashesFromIntegrity(entry[3]);
  } else {
    bunPackage.skipped = { name, reason: describeSource(spec) };
  }
  return bunPackage;
}

function dependenciesOf(info: Record<string, unknown>): BunPackage['dependencies'] {
  const optionalPeers = new Set(Array.isArray(info.optionalPeers) ? info.optionalPeers : []);
  const dependencies: BunPackage['dependencies'] = [];
  const add = (section: unknown, scopeOf: (name: string) => DependencyScope) => {
    if (isRecord(section)) for (const name of Object.keys(section)) dependencies.push({ name, scope: scopeOf(name) });
  };
  add(info.dependencies, () => 'runtime');
  add(info.optionalDependencies, () => 'optional');
  add(info.peerDependencies, (name) => (optionalPeers.has(name) ? 'optional' : 'runtime'));
  return dependencies;
}

/** bun's lookup: `from/name`, then the same under each enclosing install path, then the top level. */
function resolve(packages: Map<string, BunPackage>, from: string, name: string): BunPackage | undefined {
  const names = packageNames(from);
  for (let depth = names.length; depth >= 0; depth--) {
    const prefix = names.slice(0, depth).join('/');
    const found = packages.get(prefix === '' ? name : `${prefix}/${name}`);
    if (found) return found;
  }
  return undefined;
}

/** `chalk/@babel/core/debug` is chalk, @babel/core, debug: a scoped name takes two segments. */
function packageNames(path: string): string[] {
  if (path === '') return [];
  const segments = path.split('/');
  const names: string[] = [];
  for (let at = 0; at < segments.length; at++) {
    const segment = segments[at] as string;
    if (segment.startsWith('@') && at + 1 < segments.length) names.push(`${segment}/${segments[++at]}`);
    else names.push(segment);
  }
  return names;
}
