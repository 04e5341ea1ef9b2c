import { parse as parseToml, TomlError } from 'smol-toml';
import type { Component, ExtractResult } from '../component.js';
import { ExtractError, type ExtractInput, type Extractor, fileName } from '../extractor.js';
import { LineIndex } from '../lines.js';
import { mergeByPurl } from '../merge.js';
import { purlOf } from '../purl.js';

/** One `[[package]]` table, with the line its `name` is written on. */
interface LockedPackage {
  name: string;
  version: string;
  source?: string;
  checksum?: string;
  dependencies: string[];
  line: number;
}

/**
 * Cargo.lock (format versions 1 to 4). A package without `source` is a crate of the project's own
 * workspace (Cargo writes path dependencies the same way, and never with a `path+` source), so it is
 * not a component; the crates those depend on are the direct ones. Git sources are kept: the crate
 * version is still what advisories name. Cargo.lock does not say which dependencies are dev- or
 * build-only (one lock serves every profile), so every component is runtime.
 */
export const cargoLockExtractor: Extractor = {
  id: 'cargo/cargo-lock',
  ecosystem: 'crates.io',
  matches: (path) => fileName(path) === 'Cargo.lock',
  extract(input: ExtractInput): ExtractResult {
    const document = parseLock(input.text);
    const packages = readPackages(document, packageLines(input.text));
    const legacyChecksums = metadataChecksums(document);
    const resolve = dependencyResolver(packages);
    const targets = new Map(packages.map((pkg) => [pkg, resolveAll(pkg.dependencies, resolve)]));
    const hasLocalCrate = packages.some((pkg) => pkg.source === undefined);

    const directPackages = new Set<LockedPackage>();
    const dependedOn = new Set<LockedPackage>();
    for (const [pkg, dependencies] of targets) {
      for (const target of dependencies) {
        dependedOn.add(target);
        if (pkg.source === undefined) directPackages.add(target);
      }
    }
    // A lock without any local crate (a fragment, a test file): its roots are what the project asked for.
    const isDirect = (pkg: LockedPackage) => (hasLocalCrate ? directPackages.has(pkg) : !dependedOn.has(pkg));
    const purls = new Map(packages.map((pkg) => [pkg, purlOf('crates.io', pkg.name, pkg.version)]));

    const components: Component[] = [];
    for (const [pkg, dependencies] of targets) {
      if (pkg.source === undefined) continue;
      const checksum = pkg.checksum ?? legacyChecksums.get(`${pkg.name} ${pkg.version} (${pkg.source})`);
      components.push({
        ecosystem: 'crates.io',
        name: pkg.name,
        version: pkg.version,
        purl: purls.get(pkg) as string,
        scope: 'runtime',
        direct: isDirect(pkg),
        dependencies: dependencies
          .filter((target) => target.source !== undefined)
          .map((target) => purls.get(target) as string),
        location: { path: input.path, line: pkg.line },
        ...(checksum && SHA256_HEX.test(checksum)
          ? { hashes: [{ algorithm: 'SHA-256' as const, value: checksum.toLowerCase() }] }
          : {}),
      });
    }
    return { components: mergeByPurl(components), skipped: [] };
  },
};

const SHA256_HEX = /^[0-9a-f]{64}$/i;

/** The locked packages a package's dependency strings name; strings that match none are left out. */
function resolveAll(specs: readonly string[], resolve: (spec: string) => LockedPackage | undefined): LockedPackage[] {
  const resolved: LockedPackage[] = [];
  for (const spec of specs) {
    const target = resolve(spec);
    if (target) resolved.push(target);
  }
  return resolved;
}

function parseLock(text: string): Record<string, unknown> {
  try {
    return parseToml(text) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof TomlError) throw new ExtractError(`not valid TOML: ${firstLine(error.message)}`, error.line);
    throw error;
  }
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

function readPackages(document: Record<string, unknown>, lines: number[]): LockedPackage[] {
  const tables = document.package ?? [];
  if (!Array.isArray(tables)) throw new ExtractError('`package` must be an array of [[package]] tables');
  return tables.map((table: Record<string, unknown>, index) => {
    const line = lines[index] ?? 1;
    const { name, version, source, checksum, dependencies = [] } = table;
    if (typeof name !== 'string' || typeof version !== 'string') {
      throw new ExtractError('a [[package]] has no name or version', line);
    }
    if (!Array.isArray(dependencies) || dependencies.some((d) => typeof d !== 'string')) {
      throw new ExtractError(`the dependencies of ${name} must be a list of strings`, line);
    }
    return {
      name,
      version,
      source: typeof source === 'string' ? source : undefined,
      checksum: typeof checksum === 'string' ? checksum : undefined,
      dependencies: dependencies as string[],
      line,
    };
  });
}

/**
 * Line of each `[[package]]`'s `name = ` key, in file order (the order the TOML parser gives the
 * tables in); the header's line when the table has no name line.
 */
function packageLines(text: string): number[] {
  const lineIndex = new LineIndex(text);
  const lines: number[] = [];
  let inPackage = false;
  for (const match of text.matchAll(TABLE_OR_NAME)) {
    const line = lineIndex.lineAt(match.index);
    if (match[1] === undefined) {
      if (inPackage) lines[lines.length - 1] = line;
      inPackage = false;
    } else {
      inPackage = /^\[\[\s*package\s*\]\]/.test(match[1]);
      if (inPackage) lines.push(line);
    }
  }
  return lines;
}

/** A table header (group 1) or a `name =` key, at the start of a line. */
const TABLE_OR_NAME = /^[ \t]*(?:(\[[^\n]*)|name[ \t]*=)/gm;

/** Format version 1 kept checksums apart: `[metadata]` keys `checksum <name> <version> (<source>)`. */
function metadataChecksums(document: Record<string, unknown>): Map<string, string> {
  const checksums = new Map<string, string>();
  const metadata = document.metadata;
  if (typeof metadata !== 'object' || metadata === null) return checksums;
  for (const [key, value] of Object.entries(metadata)) {
    if (key.startsWith('checksum ') && typeof value === 'string') checksums.set(key.slice('checksum '.length), value);
  }
  return checksums;
}

/**
 * Resolves a dependency string to its locked package. Cargo writes `name` when only one version of the
 * crate is locked, `name version` when several are, and `name version (source)` when that still is
 * ambiguous (format 1 always wrote the long form).
 */
function dependencyResolver(packages: readonly LockedPackage[]): (spec: string) => LockedPackage | undefined {
  const byName = new Map<string, LockedPackage[]>();
  const byNameVersion = new Map<string, LockedPackage[]>();
  const byFullId = new Map<string, LockedPackage>();
  for (const pkg of packages) {
    push(byName, pkg.name, pkg);
    push(byNameVersion, `${pkg.name} ${pkg.version}`, pkg);
    if (pkg.source !== undefined) byFullId.set(`${pkg.name} ${pkg.version} (${pkg.source})`, pkg);
  }
  return (spec) => {
    const [name, version] = spec.split(' ');
    if (spec.endsWith(')')) {
      const full = byFullId.get(spec);
      if (full) return full;
    }
    const candidates = version === undefined ? byName.get(spec) : byNameVersion.get(`${name} ${version}`);
    return candidates?.length === 1 ? candidates[0] : undefined;
  };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
