import type { Component, DependencyScope } from '../extract/component.js';
import { contentUuid, randomUuid, timestamp } from './ids.js';
import { orderInventory } from './inventory.js';
import { andExpression, classifyLicense } from './licenses.js';
import type { SbomInput } from './sbom.js';

/**
 * CycloneDX 1.6 (https://cyclonedx.org/docs/1.6/json/). The BOM is built once as the JSON object; the
 * XML writer (cyclonedx-xml.ts) maps that same object, so both formats always carry the same facts.
 */

export const CYCLONEDX_SPEC_VERSION = '1.6';

export interface CdxHash {
  alg: string;
  content: string;
}
export type CdxLicense = { id: string } | { name: string };
export type CdxLicenseChoice = { license: CdxLicense } | { expression: string };
export interface CdxProperty {
  name: string;
  value: string;
}
export interface CdxComponent {
  type: 'library' | 'application';
  'bom-ref'?: string;
  group?: string;
  name: string;
  version?: string;
  scope?: 'required' | 'optional' | 'excluded';
  hashes?: CdxHash[];
  licenses?: CdxLicenseChoice[];
  purl?: string;
  properties?: CdxProperty[];
  evidence?: { occurrences: { location: string; line: number }[] };
}
export interface CdxDependency {
  ref: string;
  dependsOn: string[];
}
export interface CdxBom {
  $schema: string;
  bomFormat: 'CycloneDX';
  specVersion: string;
  serialNumber?: string;
  version: number;
  metadata: {
    timestamp?: string;
    tools: { components: CdxComponent[] };
    component: CdxComponent;
  };
  components: CdxComponent[];
  dependencies: CdxDependency[];
}

/**
 * CycloneDX has three scopes. `excluded` is the one for development dependencies: the 1.6 specification
 * describes it as "component usage for test and other non-runtime purposes ... not reachable within a call
 * graph at runtime", which is what a dev/test/build-only dependency is. Leaving them `required` would make
 * every dev tool look shipped.
 */
const SCOPE: Record<DependencyScope, CdxComponent['scope']> = {
  runtime: 'required',
  optional: 'optional',
  development: 'excluded',
};

/** CycloneDX scope to paved's; absent means required (the specification's default). */
export function scopeOfCycloneDx(scope: string | undefined): DependencyScope {
  if (scope === 'optional') return 'optional';
  if (scope === 'excluded') return 'development';
  return 'runtime';
}

/** paved's own `paved:direct` property, when the BOM is one paved wrote. */
export function directOfProperty(value: string | undefined): boolean | undefined {
  return value === 'true' ? true : value === 'false' ? false : undefined;
}

/** Property names are namespaced (CycloneDX property taxonomy convention) so they never clash with others'. */
export const PROPERTY_DIRECT = 'paved:direct';

export function buildCycloneDx(input: SbomInput): CdxBom {
  const inventory = orderInventory(input.components);
  const subject = subjectComponent(input.subject);
  const subjectRef = subject['bom-ref'] as string;
  const bom: CdxBom = {
    $schema: 'http://cyclonedx.org/schema/bom-1.6.schema.json',
    bomFormat: 'CycloneDX',
    specVersion: CYCLONEDX_SPEC_VERSION,
    version: 1,
    metadata: {
      ...(input.reproducible ? {} : { timestamp: timestamp(input.now ?? new Date()) }),
      tools: { components: [{ type: 'application', name: input.tool.name, version: input.tool.version }] },
      component: subject,
    },
    components: inventory.components.map(libraryComponent),
    dependencies: [
      { ref: subjectRef, dependsOn: inventory.direct.map((component) => component.purl) },
      ...inventory.components.map((component) => ({
        ref: component.purl,
        dependsOn: [...inventory.dependenciesOf(component)],
      })),
    ],
  };
  // Reproducible: the serial is derived from the content (a version 5 UUID), so the same inventory always
  // gets the same serial and a changed one a different serial; otherwise a fresh random one per BOM.
  const serial = input.reproducible ? contentUuid(JSON.stringify(bom)) : randomUuid();
  return withSerial(bom, `urn:uuid:${serial}`);
}

export function renderCycloneDxJson(input: SbomInput): string {
  return `${JSON.stringify(buildCycloneDx(input), null, 2)}\n`;
}

/** Puts serialNumber in its usual place (after specVersion) so the JSON reads like other tools' BOMs. */
function withSerial(bom: CdxBom, serialNumber: string): CdxBom {
  const { $schema, bomFormat, specVersion, ...rest } = bom;
  return { $schema, bomFormat, specVersion, serialNumber, ...rest };
}

function subjectComponent(subject: SbomInput['subject']): CdxComponent {
  const label = subject.version ? `${subject.name}@${subject.version}` : subject.name;
  // Components' refs are purls (`pkg:...`); the subject's must not look like one, nor be empty.
  const ref = label === '' || label.startsWith('pkg:') ? `project:${label}` : label;
  return {
    type: 'application',
    'bom-ref': ref,
    name: subject.name,
    ...(subject.version ? { version: subject.version } : {}),
  };
}

function libraryComponent(component: Component): CdxComponent {
  const { group, name } = groupAndName(component);
  const licenses = licenseChoice(component.licenses ?? []);
  return {
    type: 'library',
    'bom-ref': component.purl,
    ...(group ? { group } : {}),
    name,
    version: component.version,
    scope: SCOPE[component.scope],
    ...(component.hashes?.length
      ? { hashes: component.hashes.map((hash) => ({ alg: hash.algorithm, content: hash.value })) }
      : {}),
    ...(licenses ? { licenses } : {}),
    purl: component.purl,
    properties: [{ name: PROPERTY_DIRECT, value: String(component.direct) }],
    // 1.6 evidence occurrences carry exactly what paved knows: the file and line the component is declared at.
    evidence: { occurrences: [{ location: component.location.path, line: component.location.line }] },
  };
}

/**
 * CycloneDX's group is the namespace part the ecosystem itself has: the npm scope, the Maven groupId, the
 * Packagist vendor. A Go module path is one name (its slashes are not a vendor), as are all others.
 */
export function groupAndName(component: Pick<Component, 'ecosystem' | 'name'>): { group?: string; name: string } {
  const { ecosystem, name } = component;
  let cut = -1;
  if (ecosystem === 'Maven') cut = name.indexOf(':');
  else if (ecosystem === 'npm' && name.startsWith('@')) cut = name.indexOf('/');
  else if (ecosystem === 'Packagist') cut = name.indexOf('/');
  if (cut <= 0) return { name };
  return { group: name.slice(0, cut), name: name.slice(cut + 1) };
}

/**
 * CycloneDX takes either a list of licenses (SPDX ids and named licenses) or exactly one SPDX expression.
 * A lone expression is written as one; several licenses of which some are expressions become one AND
 * expression when all are SPDX, and otherwise a list where the expressions are kept as names (text intact).
 */
export function licenseChoice(licenses: readonly string[]): CdxLicenseChoice[] | undefined {
  if (licenses.length === 0) return undefined;
  const kinds = licenses.map(classifyLicense);
  if (kinds.some((kind) => kind.kind === 'expression') && kinds.every((kind) => kind.kind !== 'name')) {
    return [{ expression: andExpression(licenses) }];
  }
  return kinds.map((kind) =>
    kind.kind === 'id'
      ? { license: { id: kind.id } }
      : { license: { name: kind.kind === 'name' ? kind.name : kind.expression } },
  );
}
