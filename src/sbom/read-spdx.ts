import type { ComponentHash, DependencyScope } from '../extract/component.js';
import { ExtractError, type Extractor, fileName } from '../extract/extractor.js';
import { isObject, JsonEntryLines, parseJson } from './json-lines.js';
import { componentsFromSbom, hexDigest, type SbomEdge, type SbomPackage, type SbomReading } from './read.js';

/** SPDX 2.x JSON documents from other tools as a component source. */
export const spdxExtractor: Extractor = {
  id: 'sbom/spdx',
  ecosystem: 'any',
  matches: (path) => fileName(path).toLowerCase().endsWith('.spdx.json'),
  extract: (input) => componentsFromSbom(input.path, readSpdxJson(input.text)),
};

/**
 * Relationship types that make a dependency edge: `forward` ones read "A depends on B", the others
 * "A is a dependency of B" (so B depends on A). The scope is what the type says about the dependency.
 */
const DEPENDENCY_RELATIONSHIPS: Record<string, { forward: boolean; scope: DependencyScope }> = {
  DEPENDS_ON: { forward: true, scope: 'runtime' },
  DEPENDENCY_OF: { forward: false, scope: 'runtime' },
  RUNTIME_DEPENDENCY_OF: { forward: false, scope: 'runtime' },
  PROVIDED_DEPENDENCY_OF: { forward: false, scope: 'runtime' },
  OPTIONAL_DEPENDENCY_OF: { forward: false, scope: 'optional' },
  DEV_DEPENDENCY_OF: { forward: false, scope: 'development' },
  BUILD_DEPENDENCY_OF: { forward: false, scope: 'development' },
  TEST_DEPENDENCY_OF: { forward: false, scope: 'development' },
};

const NO_VALUE = new Set(['NOASSERTION', 'NONE']);

export function readSpdxJson(text: string): SbomReading {
  const root = parseJson(text);
  const lines = new JsonEntryLines(text, ['SPDXID']);
  if (!isObject(root)) throw new ExtractError('not an SPDX document: the top level is not an object', 1);
  if ('@context' in root || '@graph' in root) {
    throw new ExtractError('SPDX 3 documents are not supported yet (SPDX 2.2 and 2.3 JSON are)', 1);
  }
  if (typeof root.spdxVersion !== 'string' || !root.spdxVersion.startsWith('SPDX-2.')) {
    throw new ExtractError('not an SPDX 2 document: "spdxVersion" is not SPDX-2.x', lines.keyLine('spdxVersion'));
  }
  const documentId = typeof root.SPDXID === 'string' ? root.SPDXID : 'SPDXRef-DOCUMENT';
  if (typeof root.SPDXID === 'string') lines.next('SPDXID', root.SPDXID);

  const relationships = listOf(root, 'relationships', lines);
  const described = describedIds(root, documentId, relationships);
  // One described package is the document's product (the subject); with none or several, every package
  // is a component and the graph's roots are the direct ones.
  const subjectRef = described.size === 1 ? ([...described][0] as string) : undefined;

  const packages: SbomPackage[] = [];
  let lastLine = lines.keyLine('packages');
  for (const entry of listOf(root, 'packages', lines)) {
    if (!isObject(entry) || typeof entry.SPDXID !== 'string') {
      throw new ExtractError('a package has no "SPDXID"', lastLine);
    }
    lastLine = lines.next('SPDXID', entry.SPDXID) ?? lastLine;
    if (entry.SPDXID === subjectRef) continue;
    const purl = purlOf(entry.externalRefs);
    packages.push({
      ref: entry.SPDXID,
      label: purl ?? displayName(entry),
      ...(purl === undefined ? {} : { purl }),
      hashes: checksumsOf(entry.checksums),
      licenses: licensesOf(entry),
      line: lastLine,
    });
  }

  const edges: SbomEdge[] = [];
  for (const relationship of relationships) {
    if (!isObject(relationship)) continue;
    const kind = DEPENDENCY_RELATIONSHIPS[String(relationship.relationshipType)];
    const a = relationship.spdxElementId;
    const b = relationship.relatedSpdxElement;
    if (!kind || typeof a !== 'string' || typeof b !== 'string') continue;
    edges.push(kind.forward ? { from: a, to: b, scope: kind.scope } : { from: b, to: a, scope: kind.scope });
  }
  return { packages, ...(subjectRef === undefined ? {} : { subjectRef }), edges };
}

/** A top-level list (packages, relationships): missing is empty, anything but a list is an error. */
function listOf(root: Record<string, unknown>, key: string, lines: JsonEntryLines): unknown[] {
  const value = root[key];
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new ExtractError(`"${key}" is not a list`, lines.keyLine(key));
  return value;
}

/** What the document describes: DESCRIBES / DESCRIBED_BY relationships and the older documentDescribes. */
function describedIds(root: Record<string, unknown>, documentId: string, relationships: unknown[]): Set<string> {
  const described = new Set<string>();
  if (Array.isArray(root.documentDescribes)) {
    for (const id of root.documentDescribes) if (typeof id === 'string') described.add(id);
  }
  for (const relationship of relationships) {
    if (!isObject(relationship)) continue;
    const { spdxElementId: a, relationshipType: type, relatedSpdxElement: b } = relationship;
    if (type === 'DESCRIBES' && a === documentId && typeof b === 'string') described.add(b);
    if (type === 'DESCRIBED_BY' && b === documentId && typeof a === 'string') described.add(a);
  }
  return described;
}

function purlOf(externalRefs: unknown): string | undefined {
  if (!Array.isArray(externalRefs)) return undefined;
  for (const ref of externalRefs) {
    if (isObject(ref) && ref.referenceType === 'purl' && typeof ref.referenceLocator === 'string') {
      return ref.referenceLocator;
    }
  }
  return undefined;
}

function checksumsOf(checksums: unknown): ComponentHash[] {
  if (!Array.isArray(checksums)) return [];
  const result: ComponentHash[] = [];
  for (const checksum of checksums) {
    if (!isObject(checksum) || typeof checksum.algorithm !== 'string' || typeof checksum.checksumValue !== 'string') {
      continue;
    }
    const digest = hexDigest(checksum.algorithm, checksum.checksumValue);
    if (digest) result.push(digest);
  }
  return result;
}

/** The declared license (what the package says), else the concluded one; NOASSERTION and NONE say nothing. */
function licensesOf(pkg: Record<string, unknown>): string[] {
  for (const field of [pkg.licenseDeclared, pkg.licenseConcluded]) {
    if (typeof field === 'string' && field.trim() !== '' && !NO_VALUE.has(field.trim())) return [field.trim()];
  }
  return [];
}

function displayName(pkg: Record<string, unknown>): string {
  const name = typeof pkg.name === 'string' && pkg.name ? pkg.name : String(pkg.SPDXID);
  return typeof pkg.versionInfo === 'string' && pkg.versionInfo ? `${name}@${pkg.versionInfo}` : name;
}
