import type { Component, DependencyScope, ExtractResult, SkippedDependency } from '../component.js';
import { type ExtractInput, type Extractor, fileName } from '../extractor.js';
import { mergeByPurl } from '../merge.js';
import { purlOf } from '../purl.js';
import {
  activeParts,
  displayCoordinates,
  type EffectiveModel,
  effectiveModel,
  identityKey,
  isBomImport,
} from './pom-effective.js';
import type { Interpolated } from './pom-interpolation.js';
import { type PomModel, parsePom, type RawDependency } from './pom-model.js';
import { loadLocalParents } from './pom-parents.js';

/**
 * pom.xml: the dependencies the project declares (all direct). A POM is not a lockfile: there are no
 * transitive components and no edges, and a version Maven would take from a repository (a parent or BOM
 * that is not local, a range) is reported as skipped, never guessed.
 *
 * Dependencies a local parent declares are not repeated here: the parent's own pom.xml lists them.
 * Profiles marked `activeByDefault` are applied, as in a default build; other profiles depend on the
 * build's environment or command line, so their dependencies are skipped with the profile named.
 */
export const pomXmlExtractor: Extractor = {
  id: 'maven/pom-xml',
  ecosystem: 'Maven',
  matches: (path) => fileName(path) === 'pom.xml',
  extract: extractPom,
};

function extractPom(input: ExtractInput): ExtractResult {
  const pom = parsePom(input.text);
  const model = effectiveModel(pom, loadLocalParents(pom, fileName(input.path), input.readRelative));
  const skipped: SkippedDependency[] = [];
  const skip = (name: string, reason: string, line: number) =>
    skipped.push({ name, reason, location: { path: input.path, line } });

  const active = activeParts(pom);
  for (const entry of active.managed) {
    if (isBomImport(entry, model.interpolator)) {
      skip(
        displayCoordinates(entry, model.interpolator),
        'BOM import: it manages versions, it is not a dependency of the product',
        entry.line,
      );
    }
  }
  skipInactiveProfiles(pom, model, skip);

  const components: Component[] = [];
  for (const declaration of lastDeclarations(active.dependencies, model, skip)) {
    const resolved = resolveDeclaration(declaration, model);
    if ('reason' in resolved) {
      skip(displayCoordinates(declaration, model.interpolator), resolved.reason, declaration.line);
      continue;
    }
    components.push({
      ecosystem: 'Maven',
      name: resolved.name,
      version: resolved.version,
      purl: purlOf('Maven', resolved.name, resolved.version),
      scope: resolved.scope,
      direct: true,
      dependencies: [],
      location: { path: input.path, line: declaration.line },
    });
  }
  skipped.sort((a, b) => a.location.line - b.location.line);
  return { components: mergeByPurl(components), skipped };
}

type Skip = (name: string, reason: string, line: number) => void;

function skipInactiveProfiles(pom: PomModel, model: EffectiveModel, skip: Skip): void {
  for (const profile of pom.profiles) {
    if (profile.activeByDefault) continue;
    for (const dependency of profile.dependencies) {
      skip(
        displayCoordinates(dependency, model.interpolator),
        `declared in profile ${profile.id}, which is not active by default`,
        dependency.line,
      );
    }
  }
}

/**
 * The declarations Maven keeps: when two share `groupId:artifactId:type:classifier`, Maven warns and uses
 * the last one (its scope too). Declarations without a usable groupId or artifactId are skipped here.
 */
function lastDeclarations(declarations: RawDependency[], model: EffectiveModel, skip: Skip): RawDependency[] {
  const byKey = new Map<string, RawDependency>();
  for (const declaration of declarations) {
    const missing = missingIdentity(declaration, model);
    if (missing) {
      skip(displayCoordinates(declaration, model.interpolator), missing, declaration.line);
      continue;
    }
    const key = identityKey(declaration, model.interpolator) as string;
    const earlier = byKey.get(key);
    // The same version declared twice gives the same component: only a different version is worth a note.
    if (earlier && versionAsWritten(earlier, model) !== versionAsWritten(declaration, model)) {
      skip(
        displayCoordinates(earlier, model.interpolator, true),
        `declared again at line ${declaration.line} with another version; Maven uses the last declaration`,
        earlier.line,
      );
    }
    byKey.set(key, declaration);
  }
  return [...byKey.values()].sort((a, b) => a.line - b.line);
}

function versionAsWritten(declaration: RawDependency, model: EffectiveModel): string | undefined {
  if (declaration.version === undefined) return undefined;
  const interpolated = model.interpolator.interpolate(declaration.version);
  return 'value' in interpolated ? interpolated.value : declaration.version;
}

function missingIdentity(declaration: RawDependency, model: EffectiveModel): string | undefined {
  for (const field of ['groupId', 'artifactId', 'type', 'classifier'] as const) {
    const raw = declaration[field];
    if (raw === undefined) {
      if (field === 'groupId' || field === 'artifactId') return `no ${field}`;
      continue;
    }
    const interpolated = model.interpolator.interpolate(raw);
    if (!('value' in interpolated)) return unresolvedReason(field, interpolated, model);
    if (interpolated.value === '' && (field === 'groupId' || field === 'artifactId')) return `empty ${field}`;
  }
  return undefined;
}

type Resolution = { name: string; version: string; scope: DependencyScope } | { reason: string };

/** Name, version and scope of a kept declaration, with dependencyManagement filling what it leaves out. */
function resolveDeclaration(declaration: RawDependency, model: EffectiveModel): Resolution {
  const { interpolator } = model;
  const value = (raw: string) => {
    const interpolated = interpolator.interpolate(raw);
    return 'value' in interpolated ? interpolated.value : undefined;
  };
  const managed = model.managed.get(identityKey(declaration, interpolator) as string);
  const scope = value(declaration.scope ?? managed?.scope ?? 'compile') ?? 'compile';
  if (scope === 'import') return { reason: 'scope import belongs in dependencyManagement (a BOM import)' };

  const rawVersion = declaration.version ?? managed?.version;
  if (rawVersion === undefined || rawVersion === '') return { reason: noVersionReason(model) };
  const interpolated = interpolator.interpolate(rawVersion);
  if (!('value' in interpolated)) return { reason: unresolvedReason('version', interpolated, model) };
  const version = exactVersion(interpolated.value);
  if ('reason' in version) return version;

  const optional = value(declaration.optional ?? managed?.optional ?? 'false') === 'true';
  const name = `${value(declaration.groupId as string)}:${value(declaration.artifactId as string)}`;
  return { name, version: version.exact, scope: scopeOf(scope, optional) };
}

/** A version Maven uses as written; ranges and LATEST/RELEASE are chosen against a repository. */
function exactVersion(version: string): { exact: string } | { reason: string } {
  const pinned = /^\[([^,[\]()]+)\]$/.exec(version);
  if (pinned) return { exact: (pinned[1] as string).trim() };
  if (/^[[(]/.test(version) || /[\])]$/.test(version)) return { reason: 'a version range, resolved only by Maven' };
  if (version === 'LATEST' || version === 'RELEASE') {
    return { reason: `${version} is resolved only by Maven, against a repository` };
  }
  return { exact: version };
}

/**
 * test: build only. provided: the container (servlet engine, application server) supplies it at run time,
 * so the product runs with it and its vulnerabilities count as runtime ones. system: a local jar that is
 * still the named library.
 */
function scopeOf(mavenScope: string, optional: boolean): DependencyScope {
  if (mavenScope === 'test') return 'development';
  return optional ? 'optional' : 'runtime';
}

function unresolvedReason(
  field: string,
  interpolated: Extract<Interpolated, { unresolved: string }>,
  model: EffectiveModel,
): string {
  const property = `\${${interpolated.unresolved}}`;
  if (interpolated.cycle) return `${field} comes from ${property}, whose definition refers back to itself`;
  const parent = model.unavailableParent;
  const base = `${field} comes from ${property}, which is not defined in this file or its local parents`;
  return parent
    ? `${base}; parent ${parent.coordinates} may define it but is not available locally (${parent.reason})`
    : base;
}

function noVersionReason(model: EffectiveModel): string {
  const elsewhere: string[] = [];
  const parent = model.unavailableParent;
  if (parent) {
    elsewhere.push(`parent ${parent.coordinates} may manage it but is not available locally (${parent.reason})`);
  }
  if (model.importedBoms.length > 0) {
    const boms = model.importedBoms.join(', ');
    elsewhere.push(`the imported BOM ${boms} may manage it but BOMs are not read (they come from a repository)`);
  }
  return ['no version and none in dependencyManagement', ...elsewhere].join('; ');
}
