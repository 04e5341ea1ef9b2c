import type { DependencyScope } from '../component.js';
import type { ExtractInput } from '../extractor.js';
import { strongerScope } from '../scope.js';

/** package.json dependency fields and the scope each gives (peers are needed at run time). */
export const DEPENDENCY_FIELDS = [
  ['dependencies', 'runtime'],
  ['optionalDependencies', 'optional'],
  ['peerDependencies', 'runtime'],
  ['devDependencies', 'development'],
] as const satisfies ReadonlyArray<readonly [string, DependencyScope]>;

export interface DeclaredDependency {
  /** The range or spec as written (`^1.2.0`, `npm:other@^1`, `workspace:*`). */
  spec: string;
  scope: DependencyScope;
}

/** What the extractors need from a package.json. */
export interface Manifest {
  name?: string;
  version?: string;
  /** Every dependency the manifest declares, by name; a name in several fields keeps the strongest scope. */
  declared: Map<string, DeclaredDependency>;
  /** The `workspaces` globs (array form or `{ packages: [...] }`). */
  workspaces: string[];
}

/** The declared dependencies of a package.json-shaped object (also a lockfile's root or workspace entry). */
export function declaredDependencies(json: Record<string, unknown>): Map<string, DeclaredDependency> {
  const declared = new Map<string, DeclaredDependency>();
  for (const [field, scope] of DEPENDENCY_FIELDS) {
    const section = json[field];
    if (!isRecord(section)) continue;
    for (const [name, spec] of Object.entries(section)) {
      const known = declared.get(name);
      if (!known) declared.set(name, { spec: String(spec), scope });
      else if (strongerScope(known.scope, scope) !== known.scope) declared.set(name, { spec: String(spec), scope });
    }
  }
  return declared;
}

/** A parsed package.json, or undefined when the text is not a JSON object. */
export function parseManifest(text: string): Manifest | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  return isRecord(json) ? manifestOf(json) : undefined;
}

export function manifestOf(json: Record<string, unknown>): Manifest {
  const rawWorkspaces = Array.isArray(json.workspaces)
    ? json.workspaces
    : isRecord(json.workspaces) && Array.isArray(json.workspaces.packages)
      ? json.workspaces.packages
      : [];
  return {
    name: typeof json.name === 'string' && json.name !== '' ? json.name : undefined,
    version: typeof json.version === 'string' && json.version !== '' ? json.version : undefined,
    declared: declaredDependencies(json),
    workspaces: rawWorkspaces.filter((pattern): pattern is string => typeof pattern === 'string'),
  };
}

/** The package.json in `folder` (relative to the lockfile's folder; '' for that folder itself). */
export function readManifest(input: ExtractInput, folder: string): Manifest | undefined {
  const text = input.readRelative(folder === '' ? 'package.json' : `${folder}/package.json`);
  return text === undefined ? undefined : parseManifest(text);
}

/** How deep `**` looks for workspace folders: monorepos nest packages a few levels at most. */
const MAX_GLOBSTAR_DEPTH = 4;

/**
 * The workspace folders (relative, `/`-separated) that `patterns` name: folders holding a package.json
 * that match the globs (`*`, `?`, `**`); `!pattern` excludes. node_modules and dot folders are never entered.
 */
export function expandWorkspaces(input: ExtractInput, patterns: readonly string[]): string[] {
  const included = new Set<string>();
  const excluded = new Set<string>();
  for (const raw of patterns) {
    const negated = raw.startsWith('!');
    const segments = (negated ? raw.slice(1) : raw).split('/').filter((segment) => segment !== '' && segment !== '.');
    const found = negated ? excluded : included;
    for (const folder of matchFolders(input, '', segments, 0)) found.add(folder);
  }
  return [...included].filter((folder) => folder !== '' && !excluded.has(folder)).sort();
}

function matchFolders(input: ExtractInput, base: string, segments: string[], depth: number): string[] {
  const [segment, ...rest] = segments;
  if (segment === undefined) return input.readRelative(join(base, 'package.json')) === undefined ? [] : [base];
  if (segment === '**') {
    const here = matchFolders(input, base, rest, depth);
    if (depth >= MAX_GLOBSTAR_DEPTH) return here;
    return here.concat(
      ...children(input, base).map((child) => matchFolders(input, join(base, child), segments, depth + 1)),
    );
  }
  if (!/[*?[]/.test(segment)) return matchFolders(input, join(base, segment), rest, depth);
  const pattern = globSegment(segment);
  return children(input, base)
    .filter((child) => pattern.test(child))
    .flatMap((child) => matchFolders(input, join(base, child), rest, depth));
}

function children(input: ExtractInput, folder: string): string[] {
  return input
    .listRelative(folder === '' ? '.' : folder)
    .filter((name) => !name.startsWith('.') && name !== 'node_modules')
    .sort();
}

function globSegment(segment: string): RegExp {
  const body = segment
    .replace(/[.+^${}()|\\]/g, '\\$&')
    .replace(/\*/g, '[^/]*')
    .replace(/\?/g, '[^/]');
  return new RegExp(`^${body}$`);
}

function join(base: string, name: string): string {
  return base === '' ? name : `${base}/${name}`;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
