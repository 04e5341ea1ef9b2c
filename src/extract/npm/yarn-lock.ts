import type { DependencyScope, ExtractResult } from '../component.js';
import { ExtractError, type ExtractInput, type Extractor, fileName } from '../extractor.js';
import type { ScopedEdge } from '../scope.js';
import { NpmComponents } from './component-set.js';
import { addGraphPackages, type GraphPackage } from './graph-packages.js';
import { hashesFromIntegrity, sha1FromResolvedUrl, uniqueHashes } from './hashes.js';
import { parseLockYaml } from './lock-yaml.js';
import { expandWorkspaces, isRecord, readManifest } from './manifest.js';
import { packageFromSource } from './sources.js';
import {
  describeSource,
  isExactVersion,
  isLocalSpec,
  isRegistryRange,
  isRegistryTarball,
  npmAlias,
  splitNameAndSpec,
} from './specs.js';
import { parseYarnV1 } from './yarn-v1-parser.js';

/**
 * yarn.lock, classic (v1) and berry (v2+, YAML with `__metadata`). Entries are keyed by the
 * descriptors (`name@range`) that resolved to them, so dependencies are found by descriptor. Neither
 * format records dev or optional: scopes come from the project's package.json (and its workspaces'),
 * by reachability from runtime, optional and dev declarations.
 */
export const yarnLockExtractor: Extractor = {
  id: 'npm/yarn-lock',
  ecosystem: 'npm',
  matches: (path) => fileName(path) === 'yarn.lock',
  extract: extractYarnLock,
};

/** One resolved package, whichever yarn wrote it. */
interface YarnPackage extends GraphPackage {
  /** The folder of a berry workspace (`.` is the project itself). */
  workspace?: string;
  dependencies: YarnDependency[];
}

interface YarnDependency {
  name: string;
  range: string;
  scope: DependencyScope;
}

interface YarnLock {
  berry: boolean;
  packages: YarnPackage[];
  byDescriptor: Map<string, YarnPackage>;
  /** Packages by the name their descriptors use (for package.json ranges written differently). */
  byName: Map<string, YarnPackage[]>;
}

const BERRY_MARKER = /^__metadata:/m;

export function extractYarnLock(input: ExtractInput): ExtractResult {
  const lock = BERRY_MARKER.test(input.text) ? readBerry(input.text) : readClassic(input.text);
  const roots = lock.berry ? berryRoots(lock, input) : classicRoots(lock, input);
  return collectComponents(input.path, lock, roots);
}

function newLock(berry: boolean): YarnLock {
  return { berry, packages: [], byDescriptor: new Map(), byName: new Map() };
}

function register(lock: YarnLock, descriptors: string[], yarnPackage: YarnPackage): void {
  lock.packages.push(yarnPackage);
  for (const descriptor of descriptors) {
    lock.byDescriptor.set(descriptor, yarnPackage);
    const { name } = splitNameAndSpec(descriptor);
    const named = lock.byName.get(name);
    if (!named) lock.byName.set(name, [yarnPackage]);
    else if (!named.includes(yarnPackage)) named.push(yarnPackage);
  }
}

function readClassic(text: string): YarnLock {
  const lock = newLock(false);
  for (const entry of parseYarnV1(text)) {
    const specs = entry.descriptors.map((descriptor) => splitNameAndSpec(descriptor));
    const first = specs[0] as { name: string; spec: string };
    const alias = specs.map(({ spec }) => npmAlias(spec)).find((found) => found !== undefined);
    const name = alias?.name ?? first.name;
    const version = entry.fields.get('version');
    const resolved = entry.fields.get('resolved');
    const yarnPackage: YarnPackage = {
      line: entry.line,
      dependencies: [
        ...sectionDependencies(entry.sections.get('dependencies'), 'runtime'),
        ...sectionDependencies(entry.sections.get('optionalDependencies'), 'optional'),
      ],
    };
    const localSpec = specs.find(({ spec }) => isLocalSpec(spec));
    // Git and URL packages: what yarn resolved, or the descriptor when it resolved nothing.
    const source =
      resolved === undefined
        ? specs.find(({ spec }) => !isRegistryRange(spec))?.spec
        : isRegistryTarball(resolved)
          ? undefined
          : resolved;
    if (localSpec) yarnPackage.skipped = { name: first.name, reason: describeSource(localSpec.spec) };
    else if (source !== undefined) Object.assign(yarnPackage, packageFromSource(name, version, source));
    else if (!isExactVersion(version)) {
      yarnPackage.skipped = { name, reason: version ? describeSource(version) : 'no version recorded in the lockfile' };
    } else yarnPackage.identity = { name, version };
    // The `#<40 hex>` yarn appends to tarball URLs is their SHA-1; after a git URL it is the commit.
    const urlHash = yarnPackage.identity?.qualifiers?.vcs_url ? [] : sha1FromResolvedUrl(resolved);
    yarnPackage.hashes = uniqueHashes([...hashesFromIntegrity(entry.fields.get('integrity')), ...urlHash]);
    register(lock, entry.descriptors, yarnPackage);
  }
  return lock;
}

function sectionDependencies(section: Map<string, string> | undefined, scope: DependencyScope): YarnDependency[] {
  return section ? [...section].map(([name, range]) => ({ name, range, scope })) : [];
}

function readBerry(text: string): YarnLock {
  const [document, ...others] = parseLockYaml(text, (parents) => parents.length === 0);
  if (others.length > 0) throw new ExtractError('expected one YAML document, found several');
  const root = document?.value;
  if (!isRecord(root)) throw new ExtractError('expected a YAML mapping of package entries', 1);
  const lock = newLock(true);
  for (const [key, entry] of Object.entries(root)) {
    if (key === '__metadata' || !isRecord(entry)) continue;
    const line = document?.lineOf([key]) ?? 1;
    const descriptors = key.split(',').map((descriptor) => descriptor.trim());
    register(lock, descriptors, berryPackage(entry, descriptors[0] as string, line));
  }
  return lock;
}

function berryPackage(entry: Record<string, unknown>, firstDescriptor: string, line: number): YarnPackage {
  const meta = isRecord(entry.dependenciesMeta) ? entry.dependenciesMeta : {};
  const dependencies = Object.entries(isRecord(entry.dependencies) ? entry.dependencies : {}).map(([name, range]) => {
    const optional = isRecord(meta[name]) && meta[name].optional === true;
    return { name, range: String(range), scope: optional ? 'optional' : 'runtime' } satisfies YarnDependency;
  });
  const yarnPackage: YarnPackage = { line, dependencies };
  // `checksum` is yarn's hash of its own cache archive, not of the registry tarball: not reported.
  const resolution = typeof entry.resolution === 'string' ? entry.resolution : firstDescriptor;
  const { name, spec } = splitNameAndSpec(resolution);
  const locator = spec.startsWith('patch:') ? patchedLocator(spec) : { name, spec };
  if (spec.startsWith('workspace:')) {
    yarnPackage.workspace = spec.slice('workspace:'.length);
    if (yarnPackage.workspace !== '.') {
      yarnPackage.skipped = { name, reason: describeSource(`workspace:${yarnPackage.workspace}`) };
    }
  } else if (locator.spec.startsWith('npm:') && isExactVersion(locator.spec.slice(4))) {
    yarnPackage.identity = { name: locator.name, version: locator.spec.slice(4) };
  } else {
    // A git or URL package (patched or not) is a component with the version its entry records.
    Object.assign(yarnPackage, packageFromSource(locator.name || name, entry.version, locator.spec));
  }
  return yarnPackage;
}

/** `patch:typescript@npm%3A5.4.2#...`: the registry package the patch applies to (it keeps its identity). */
function patchedLocator(spec: string): { name: string; spec: string } {
  const patched = spec.slice('patch:'.length).split('#')[0] as string;
  try {
    return splitNameAndSpec(decodeURIComponent(patched));
  } catch {
    return { name: '', spec };
  }
}

function resolveDependency(lock: YarnLock, name: string, range: string): YarnPackage | undefined {
  const exact = lock.byDescriptor.get(`${name}@${range}`);
  if (exact || !lock.berry || range.includes(':')) return exact;
  // Berry before lockfile version 6 wrote dependency ranges without the `npm:` protocol of the keys.
  return lock.byDescriptor.get(`${name}@npm:${range}`);
}

/** Classic: the root package.json and its workspaces' package.json declare the project's dependencies. */
function classicRoots(lock: YarnLock, input: ExtractInput): ScopedEdge<YarnPackage>[] | undefined {
  const root = readManifest(input, '');
  if (!root) return undefined;
  const manifests = [root, ...expandWorkspaces(input, root.workspaces).map((folder) => readManifest(input, folder))];
  const roots: ScopedEdge<YarnPackage>[] = [];
  for (const manifest of manifests) {
    for (const [name, declared] of manifest?.declared ?? []) {
      const candidates = lock.byName.get(name);
      const target =
        resolveDependency(lock, name, declared.spec) ?? (candidates?.length === 1 ? candidates[0] : undefined);
      if (target) roots.push({ to: target, scope: declared.scope });
    }
  }
  return roots;
}

/** Berry: workspaces are entries of the lockfile; their package.json says which dependencies are dev. */
function berryRoots(lock: YarnLock, input: ExtractInput): ScopedEdge<YarnPackage>[] | undefined {
  const roots: ScopedEdge<YarnPackage>[] = [];
  for (const workspace of lock.packages) {
    if (workspace.workspace === undefined) continue;
    const manifest = readManifest(input, workspace.workspace === '.' ? '' : workspace.workspace);
    for (const dependency of workspace.dependencies) {
      const target = resolveDependency(lock, dependency.name, dependency.range);
      const declared = manifest?.declared.get(dependency.name);
      const scope = dependency.scope === 'optional' ? 'optional' : (declared?.scope ?? 'runtime');
      if (target && target.workspace === undefined) roots.push({ to: target, scope });
    }
  }
  // A lockfile without workspace entries (hand-made) falls back to the packages nothing depends on.
  return lock.packages.some((entry) => entry.workspace !== undefined) ? roots : undefined;
}

function collectComponents(
  path: string,
  lock: YarnLock,
  declaredRoots: ScopedEdge<YarnPackage>[] | undefined,
): ExtractResult {
  const edges = new Map<YarnPackage, ScopedEdge<YarnPackage>[]>();
  for (const yarnPackage of lock.packages) {
    const resolved: ScopedEdge<YarnPackage>[] = [];
    for (const dependency of yarnPackage.dependencies) {
      const target = resolveDependency(lock, dependency.name, dependency.range);
      if (target) resolved.push({ to: target, scope: dependency.scope });
    }
    edges.set(yarnPackage, resolved);
  }
  const components = new NpmComponents(path);
  // Without the project's declarations, the packages no other package depends on are its own.
  addGraphPackages(components, lock.packages, declaredRoots ?? undeclaredRoots(lock, edges), edges);
  return components.result();
}

function undeclaredRoots(
  lock: YarnLock,
  edges: Map<YarnPackage, ScopedEdge<YarnPackage>[]>,
): ScopedEdge<YarnPackage>[] {
  const required = new Set<YarnPackage>();
  for (const targets of edges.values()) for (const edge of targets) required.add(edge.to);
  return lock.packages
    .filter((yarnPackage) => yarnPackage.identity && !required.has(yarnPackage))
    .map((yarnPackage) => ({ to: yarnPackage, scope: 'runtime' }));
}
