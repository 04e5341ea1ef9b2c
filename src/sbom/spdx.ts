import type { Component, ComponentHash } from '../extract/component.js';
import { contentUuid, randomUuid, timestamp } from './ids.js';
import { orderInventory } from './inventory.js';
import { spdxExpressionOf } from './licenses.js';
import type { SbomInput } from './sbom.js';

/** SPDX 2.3 JSON (https://spdx.github.io/spdx-spec/v2.3/). */

export const SPDX_VERSION = 'SPDX-2.3';
export const DOCUMENT_ID = 'SPDXRef-DOCUMENT';

/** When the document must be reproducible: SPDX requires `created`, so it gets the Unix epoch, never "now". */
export const REPRODUCIBLE_CREATED = '1970-01-01T00:00:00Z';

/** SPDX's checksum algorithm names for the digests paved records. */
export const SPDX_CHECKSUM_ALGORITHM: Record<ComponentHash['algorithm'], string> = {
  MD5: 'MD5',
  'SHA-1': 'SHA1',
  'SHA-256': 'SHA256',
  'SHA-384': 'SHA384',
  'SHA-512': 'SHA512',
};

export interface SpdxPackage {
  SPDXID: string;
  name: string;
  versionInfo?: string;
  downloadLocation: string;
  filesAnalyzed: boolean;
  checksums?: { algorithm: string; checksumValue: string }[];
  licenseConcluded: string;
  licenseDeclared: string;
  licenseComments?: string;
  copyrightText: string;
  externalRefs?: { referenceCategory: string; referenceType: string; referenceLocator: string }[];
  primaryPackagePurpose: 'APPLICATION' | 'LIBRARY';
}

export interface SpdxRelationship {
  spdxElementId: string;
  relationshipType: string;
  relatedSpdxElement: string;
}

export interface SpdxDocument {
  spdxVersion: string;
  dataLicense: 'CC0-1.0';
  SPDXID: string;
  name: string;
  documentNamespace: string;
  creationInfo: { creators: string[]; created: string };
  documentDescribes: string[];
  packages: SpdxPackage[];
  relationships: SpdxRelationship[];
}

const NOASSERTION = 'NOASSERTION';

export function buildSpdx(input: SbomInput): SpdxDocument {
  const inventory = orderInventory(input.components);
  const ids = new SpdxIds();
  const subjectId = ids.claim('Project', input.subject.name);
  const idOf = new Map<string, string>();
  for (const component of inventory.components)
    idOf.set(component.purl, ids.claim('Package', component.purl.replace(/^pkg:/, '')));

  const relationships: SpdxRelationship[] = [relationship(DOCUMENT_ID, 'DESCRIBES', subjectId)];
  for (const component of inventory.direct) {
    const id = idOf.get(component.purl) as string;
    // SPDX 2.3 has a relationship for each scope of a direct dependency; DEPENDS_ON reads "requires at runtime".
    if (component.scope === 'development') relationships.push(relationship(id, 'DEV_DEPENDENCY_OF', subjectId));
    else if (component.scope === 'optional') relationships.push(relationship(id, 'OPTIONAL_DEPENDENCY_OF', subjectId));
    else relationships.push(relationship(subjectId, 'DEPENDS_ON', id));
  }
  for (const component of inventory.components) {
    const id = idOf.get(component.purl) as string;
    for (const dependency of inventory.dependenciesOf(component)) {
      relationships.push(relationship(id, 'DEPENDS_ON', idOf.get(dependency) as string));
    }
  }

  const created = input.reproducible ? REPRODUCIBLE_CREATED : timestamp(input.now ?? new Date());
  const document: SpdxDocument = {
    spdxVersion: SPDX_VERSION,
    dataLicense: 'CC0-1.0',
    SPDXID: DOCUMENT_ID,
    name: input.subject.version ? `${input.subject.name}-${input.subject.version}` : input.subject.name,
    documentNamespace: '',
    creationInfo: { creators: [`Tool: ${input.tool.name}-${input.tool.version}`], created },
    // Deprecated in 2.3 in favour of the DESCRIBES relationship (also written); older readers look here.
    documentDescribes: [subjectId],
    packages: [
      subjectPackage(subjectId, input.subject),
      ...inventory.components.map((component) => componentPackage(idOf.get(component.purl) as string, component)),
    ],
    relationships,
  };
  // The namespace must be a unique URI per document; when reproducible, its UUID is derived from the
  // content (a version 5 UUID), so identical inventories give identical documents.
  const uuid = input.reproducible ? contentUuid(JSON.stringify(document)) : randomUuid();
  document.documentNamespace = `https://spdx.org/spdxdocs/${safeIdString(document.name) || 'sbom'}-${uuid}`;
  return document;
}

export function renderSpdxJson(input: SbomInput): string {
  return `${JSON.stringify(buildSpdx(input), null, 2)}\n`;
}

function subjectPackage(id: string, subject: SbomInput['subject']): SpdxPackage {
  return {
    SPDXID: id,
    name: subject.name,
    ...(subject.version ? { versionInfo: subject.version } : {}),
    downloadLocation: NOASSERTION,
    filesAnalyzed: false,
    licenseConcluded: NOASSERTION,
    licenseDeclared: NOASSERTION,
    copyrightText: NOASSERTION,
    primaryPackagePurpose: 'APPLICATION',
  };
}

function componentPackage(id: string, component: Component): SpdxPackage {
  const licenses = component.licenses ?? [];
  const declared = spdxExpressionOf(licenses);
  return {
    SPDXID: id,
    name: component.name,
    versionInfo: component.version,
    downloadLocation: NOASSERTION,
    // No files are listed: with filesAnalyzed true SPDX would require a package verification code.
    filesAnalyzed: false,
    ...(component.hashes?.length
      ? {
          checksums: component.hashes.map((hash) => ({
            algorithm: SPDX_CHECKSUM_ALGORITHM[hash.algorithm],
            checksumValue: hash.value,
          })),
        }
      : {}),
    licenseConcluded: NOASSERTION,
    licenseDeclared: declared ?? NOASSERTION,
    // Licenses that are not SPDX expressions cannot be declared without inventing LicenseRefs; keep the text.
    ...(declared === undefined && licenses.length > 0
      ? { licenseComments: `Declared by the package as: ${licenses.join('; ')}` }
      : {}),
    copyrightText: NOASSERTION,
    externalRefs: [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: component.purl }],
    primaryPackagePurpose: 'LIBRARY',
  };
}

function relationship(from: string, type: string, to: string): SpdxRelationship {
  return { spdxElementId: from, relationshipType: type, relatedSpdxElement: to };
}

/** SPDX identifiers: `SPDXRef-` + letters, digits, `.` and `-` only; a clash gets `-2`, `-3`... */
class SpdxIds {
  private readonly taken = new Set<string>([DOCUMENT_ID]);

  claim(kind: string, label: string): string {
    const safe = safeIdString(label);
    const base = safe ? `SPDXRef-${kind}-${safe}` : `SPDXRef-${kind}`;
    let id = base;
    for (let n = 2; this.taken.has(id); n++) id = `${base}-${n}`;
    this.taken.add(id);
    return id;
  }
}

/** Runs of characters SPDX ids and namespace tails cannot hold become one `-`. */
function safeIdString(text: string): string {
  return text.replace(/[^A-Za-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '');
}
