import type { Component, DependencyScope, ExtractResult, SkippedDependency } from '../component.js';
import { ExtractError, type ExtractInput, type Extractor, fileName } from '../extractor.js';
import { LineIndex } from '../lines.js';
import { mergeByPurl } from '../merge.js';
import { purlOf } from '../purl.js';
import { parseElixirTerm, type Term } from './elixir-term.js';
import { type DeclaredDependency, declaredDependencies } from './mix-exs.js';

/** A `:hex` entry of the lock, under its app name (the map key). */
interface HexPackage {
  app: string;
  name: string;
  version: string;
  /** App names of its dependencies (the lock's keys), optional ones included. */
  dependencies: string[];
  outerChecksum?: string;
  line: number;
}

/**
 * mix.lock: a map from app name to `{:hex, :package, "version", "inner checksum", managers, deps,
 * "repo", "outer checksum"}` (older locks stop after deps or repo) or `{:git, "url", "ref", opts}`.
 * Git dependencies have no version to match advisories against: skipped. The outer checksum is the
 * SHA-256 of the package tarball. mix.lock does not record which dependencies the project declared:
 * with a sibling mix.exs, its `{:name, ...}` tuples are the direct ones (and `only:` without `:prod`
 * makes them, and what only they pull in, development); without it, direct ones are those no other
 * locked package depends on, and every component is runtime.
 */
export const mixLockExtractor: Extractor = {
  id: 'hex/mix-lock',
  ecosystem: 'Hex',
  matches: (path) => fileName(path) === 'mix.lock',
  extract(input: ExtractInput): ExtractResult {
    const lines = new LineIndex(input.text);
    const root = parseElixirTerm(input.text, lines);
    if (root.kind !== 'map') throw new ExtractError('mix.lock must hold a map (%{...}) of dependencies', 1);

    const packages = new Map<string, HexPackage>();
    const skipped: SkippedDependency[] = [];
    for (const [key, value] of root.entries) {
      const line = lines.lineAt(key.offset);
      const app = key.kind === 'atom' || key.kind === 'string' ? key.value : undefined;
      if (app === undefined || value.kind !== 'tuple') {
        throw new ExtractError(`the entry on line ${line} is not "app": {...}`, line);
      }
      const source = value.items[0];
      if (source?.kind === 'atom' && source.value === 'hex') {
        packages.set(app, readHexEntry(app, value.items, line));
        continue;
      }
      const location = { path: input.path, line };
      const kind = source?.kind === 'atom' ? source.value : '?';
      skipped.push({
        name: app,
        reason: kind === 'git' ? gitReason(value.items) : `unknown source :${kind}`,
        location,
      });
    }

    const mixExs = input.readRelative('mix.exs');
    const declared = mixExs === undefined ? undefined : declaredDependencies(mixExs);
    const direct = directApps(packages, declared);
    const scopes = scopesOf(packages, direct, declared);
    const purls = new Map([...packages.values()].map((pkg) => [pkg.app, purlOf('Hex', pkg.name, pkg.version)]));

    const components: Component[] = [...packages.values()].map((pkg) => ({
      ecosystem: 'Hex',
      name: pkg.name,
      version: pkg.version,
      purl: purls.get(pkg.app) as string,
      scope: scopes.get(pkg.app) ?? 'runtime',
      direct: direct.has(pkg.app),
      dependencies: lockedPurls(pkg.dependencies, purls),
      location: { path: input.path, line: pkg.line },
      ...(pkg.outerChecksum ? { hashes: [{ algorithm: 'SHA-256' as const, value: pkg.outerChecksum }] } : {}),
    }));
    return { components: mergeByPurl(components), skipped };
  },
};

/** The purls of the locked hex packages among `apps` (git dependencies have none). */
function lockedPurls(apps: readonly string[], purls: Map<string, string>): string[] {
  const found: string[] = [];
  for (const app of apps) {
    const purl = purls.get(app);
    if (purl) found.push(purl);
  }
  return found;
}

function readHexEntry(app: string, items: Term[], line: number): HexPackage {
  const name = items[1];
  const version = items[2];
  const deps = items[5];
  const outer = items[7];
  if (name?.kind !== 'atom' || version?.kind !== 'string') {
    throw new ExtractError(`${app}: a :hex entry needs the package name and version (line ${line})`, line);
  }
  const checksum = outer?.kind === 'string' ? outer.value.toLowerCase() : undefined;
  return {
    app,
    name: name.value,
    version: version.value,
    dependencies: deps?.kind === 'list' ? dependencyApps(deps.items) : [],
    ...(checksum && /^[0-9a-f]{64}$/.test(checksum) ? { outerChecksum: checksum } : {}),
    line,
  };
}

/** `{:app, "requirement", [hex: :package, repo: "hexpm", optional: false]}` -> app (optional ones too). */
function dependencyApps(dependencies: Term[]): string[] {
  const apps: string[] = [];
  for (const dependency of dependencies) {
    const app = dependency.kind === 'tuple' ? dependency.items[0] : undefined;
    if (app?.kind === 'atom') apps.push(app.value);
  }
  return apps;
}

function gitReason(items: Term[]): string {
  const [, url, ref] = items;
  const where = url?.kind === 'string' ? ` (${url.value}${ref?.kind === 'string' ? ` at ${ref.value}` : ''})` : '';
  return `git dependency without a version${where}`;
}

/** Declared in mix.exs when it was read; else locked packages that no other locked package depends on. */
function directApps(
  packages: Map<string, HexPackage>,
  declared: Map<string, DeclaredDependency> | undefined,
): Set<string> {
  if (declared) return new Set([...packages.keys()].filter((app) => declared.has(app)));
  const dependedOn = new Set<string>();
  for (const pkg of packages.values()) for (const app of pkg.dependencies) dependedOn.add(app);
  return new Set([...packages.keys()].filter((app) => !dependedOn.has(app)));
}

/**
 * Runtime for what a runtime dependency pulls in, development for what only dev/test-only declarations
 * pull in. Without mix.exs nothing is known to be dev-only: every package is runtime.
 */
function scopesOf(
  packages: Map<string, HexPackage>,
  direct: Set<string>,
  declared: Map<string, DeclaredDependency> | undefined,
): Map<string, DependencyScope> {
  const scopes = new Map<string, DependencyScope>();
  if (!declared) return scopes;
  const visit = (roots: string[], scope: DependencyScope) => {
    const queue = roots.filter((app) => !scopes.has(app));
    for (const app of queue) scopes.set(app, scope);
    for (let index = 0; index < queue.length; index++) {
      for (const next of packages.get(queue[index] as string)?.dependencies ?? []) {
        if (!scopes.has(next) && packages.has(next)) {
          scopes.set(next, scope);
          queue.push(next);
        }
      }
    }
  };
  visit(
    [...direct].filter((app) => !declared.get(app)?.devOnly),
    'runtime',
  );
  visit(
    [...direct].filter((app) => declared.get(app)?.devOnly),
    'development',
  );
  return scopes;
}
