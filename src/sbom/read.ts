import { PackageURL } from 'packageurl-js';
import type {
  Component,
  ComponentHash,
  DependencyScope,
  Ecosystem,
  ExtractResult,
  SkippedDependency,
} from '../extract/component.js';
import { pep503, purlOf } from '../extract/purl.js';
import { scopesFromRoots, strongerScope } from '../extract/scope.js';

/**
 * SBOMs made by other tools as a component source. Each format's reader (read-cyclonedx.ts, read-spdx.ts)
 * turns its document into an SbomReading; this module turns that into paved components: identity from the
 * purl, edges from the document's dependency graph, direct and scope from the graph where the format does
 * not state them.
 */

/** One package as the SBOM lists it. */
export interface SbomPackage {
  /** The document's own id for it (CycloneDX bom-ref, SPDXID): what the graph refers to. */
  ref: string;
  /** What a person would recognise it by, for the skipped list: its purl, else its name. */
  label: string;
  purl?: string;
  /** When the format states it (CycloneDX does, SPDX does not: then the graph decides). */
  scope?: DependencyScope;
  /** When the document says so outright (paved's own `paved:direct` property). */
  direct?: boolean;
  hashes: ComponentHash[];
  licenses: string[];
  line: number;
}

/** `from` depends on `to`; the scope the relationship gives it (SPDX's DEV_DEPENDENCY_OF and the like). */
export interface SbomEdge {
  from: string;
  to: string;
  scope: DependencyScope;
}

export interface SbomReading {
  /** Every package except the subject (the document's own product). */
  packages: SbomPackage[];
  /** The ref of the product the SBOM describes, when the document names exactly one. */
  subjectRef?: string;
  edges: SbomEdge[];
}

/** purl types paved has an ecosystem for. */
const ECOSYSTEM_OF_PURL_TYPE: Record<string, Ecosystem> = {
  npm: 'npm',
  pypi: 'PyPI',
  golang: 'Go',
  cargo: 'crates.io',
  gem: 'RubyGems',
  composer: 'Packagist',
  nuget: 'NuGet',
  pub: 'Pub',
  hex: 'Hex',
  maven: 'Maven',
};

type Identity = { ecosystem: Ecosystem; name: string; version: string; purl: string } | { skip: string };

/** The paved identity of a purl: its ecosystem, the ecosystem's full name, and the canonical purl. */
export function identityOfPurl(text: string): Identity {
  let purl: PackageURL;
  try {
    purl = PackageURL.fromString(text);
  } catch (error) {
    return { skip: `invalid package URL: ${(error as Error).message}` };
  }
  const ecosystem = ECOSYSTEM_OF_PURL_TYPE[purl.type.toLowerCase()];
  if (!ecosystem) return { skip: 'ecosystem not supported yet' };
  if (!purl.version) return { skip: 'the package URL has no version' };
  const name = fullName(ecosystem, purl.namespace ?? undefined, purl.name);
  return { ecosystem, name, version: purl.version, purl: purlOf(ecosystem, name, purl.version) };
}

/** The inverse of purlOf's split: namespace and name back into the ecosystem's own spelling. */
function fullName(ecosystem: Ecosystem, namespace: string | undefined, name: string): string {
  if (ecosystem === 'PyPI') return pep503(name);
  if (!namespace) return name;
  if (ecosystem === 'Maven') return `${namespace}:${name}`;
  if (ecosystem === 'npm' || ecosystem === 'Packagist' || ecosystem === 'Go') return `${namespace}/${name}`;
  return name;
}

export function componentsFromSbom(path: string, reading: SbomReading): ExtractResult {
  const skipped: SkippedDependency[] = [];
  const byPurl = new Map<string, Component>();
  const purlOfRef = new Map<string, string>();
  const statedDirect = new Map<string, boolean>();
  const statedScope = new Set<string>();

  for (const pkg of reading.packages) {
    const location = { path, line: pkg.line };
    if (!pkg.purl) {
      skipped.push({ name: pkg.label, reason: 'no package URL (purl)', location });
      continue;
    }
    const identity = identityOfPurl(pkg.purl);
    if ('skip' in identity) {
      skipped.push({ name: pkg.label, reason: identity.skip, location });
      continue;
    }
    purlOfRef.set(pkg.ref, identity.purl);
    if (pkg.direct !== undefined)
      statedDirect.set(identity.purl, (statedDirect.get(identity.purl) ?? false) || pkg.direct);
    if (pkg.scope) statedScope.add(identity.purl);
    const existing = byPurl.get(identity.purl);
    if (existing) mergeInto(existing, pkg);
    else
      byPurl.set(identity.purl, {
        ecosystem: identity.ecosystem,
        name: identity.name,
        version: identity.version,
        purl: identity.purl,
        scope: pkg.scope ?? 'runtime',
        direct: false,
        dependencies: [],
        location,
        ...(pkg.hashes.length ? { hashes: [...pkg.hashes] } : {}),
        ...(pkg.licenses.length ? { licenses: [...pkg.licenses] } : {}),
      });
  }

  const graph = purlGraph(reading, purlOfRef);
  for (const [from, edges] of graph.edges) {
    const component = byPurl.get(from) as Component;
    component.dependencies = [...new Set(edges.map((edge) => edge.to))];
  }

  // Where the format does not state a scope: the strongest over all paths from the subject, a path
  // being only as strong as its weakest link (a runtime dependency of a dev tool is development).
  const inferredScope = scopesFromRoots(
    [...graph.seeds].map(([to, scope]) => ({ to, scope })),
    (purl) => graph.edges.get(purl) ?? [],
  );
  for (const component of byPurl.values()) {
    component.direct = statedDirect.get(component.purl) ?? graph.direct.has(component.purl);
    if (!statedScope.has(component.purl)) component.scope = inferredScope.get(component.purl) ?? 'runtime';
  }
  return { components: [...byPurl.values()], skipped };
}

function mergeInto(component: Component, pkg: SbomPackage): void {
  if (pkg.scope) component.scope = strongerScope(component.scope, pkg.scope);
  const hashes = component.hashes ?? [];
  for (const hash of pkg.hashes) {
    if (!hashes.some((known) => known.algorithm === hash.algorithm && known.value === hash.value)) hashes.push(hash);
  }
  if (hashes.length > 0) component.hashes = hashes;
  const licenses = component.licenses ?? [];
  for (const license of pkg.licenses) if (!licenses.includes(license)) licenses.push(license);
  if (licenses.length > 0) component.licenses = licenses;
}

interface PurlGraph {
  /** Edges between components (by canonical purl), self-loops left out. */
  edges: Map<string, { to: string; scope: DependencyScope }[]>;
  /** Where scope inference starts: what the subject depends on, or (no subject edges) the graph's roots. */
  seeds: Map<string, DependencyScope>;
  direct: Set<string>;
}

/**
 * The document's graph in purls. Direct components are the subject's dependencies; when the document does
 * not say what the subject depends on, the components nothing else depends on are taken as the project's
 * own (something put them there).
 */
function purlGraph(reading: SbomReading, purlOfRef: Map<string, string>): PurlGraph {
  const edges = new Map<string, { to: string; scope: DependencyScope }[]>();
  const seeds = new Map<string, DependencyScope>();
  const hasIncoming = new Set<string>();
  for (const edge of reading.edges) {
    const to = purlOfRef.get(edge.to);
    if (!to) continue;
    if (reading.subjectRef !== undefined && edge.from === reading.subjectRef) {
      const known = seeds.get(to);
      seeds.set(to, known ? strongerScope(known, edge.scope) : edge.scope);
      continue;
    }
    // Depended on by anything but the subject (even a package paved skips): not the project's own choice.
    if (purlOfRef.get(edge.from) !== to) hasIncoming.add(to);
    const from = purlOfRef.get(edge.from);
    if (!from || from === to) continue;
    const list = edges.get(from);
    if (list) list.push({ to, scope: edge.scope });
    else edges.set(from, [{ to, scope: edge.scope }]);
  }
  if (seeds.size === 0) {
    for (const purl of new Set(purlOfRef.values())) if (!hasIncoming.has(purl)) seeds.set(purl, 'runtime');
  }
  return { edges, seeds, direct: new Set(seeds.keys()) };
}

/** CycloneDX hash algorithm names (the ones paved records) from the spellings SBOMs use. */
export function hashAlgorithm(name: string): ComponentHash['algorithm'] | undefined {
  const normalised = name.toUpperCase().replace(/[^A-Z0-9]/g, '');
  switch (normalised) {
    case 'MD5':
      return 'MD5';
    case 'SHA1':
      return 'SHA-1';
    case 'SHA256':
      return 'SHA-256';
    case 'SHA384':
      return 'SHA-384';
    case 'SHA512':
      return 'SHA-512';
    default:
      return undefined;
  }
}

/** A digest as paved stores it (lower-case hex), or undefined when the value is not hex. */
export function hexDigest(algorithm: string, value: string): ComponentHash | undefined {
  const alg = hashAlgorithm(algorithm);
  const hex = value.trim().toLowerCase();
  if (!alg || !/^[0-9a-f]+$/.test(hex)) return undefined;
  return { algorithm: alg, value: hex };
}
