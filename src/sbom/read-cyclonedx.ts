import type { ComponentHash } from '../extract/component.js';
import { ExtractError, type Extractor, fileName } from '../extract/extractor.js';
import { directOfProperty, PROPERTY_DIRECT, scopeOfCycloneDx } from './cyclonedx.js';
import { isObject, JsonEntryLines, parseJson } from './json-lines.js';
import { componentsFromSbom, hexDigest, type SbomEdge, type SbomPackage, type SbomReading } from './read.js';
import { readCycloneDxXml } from './read-cyclonedx-xml.js';

/** CycloneDX BOMs (JSON, and XML when the text is XML) from other tools as a component source. */
export const cycloneDxExtractor: Extractor = {
  id: 'sbom/cyclonedx',
  ecosystem: 'any',
  matches(path) {
    const name = fileName(path).toLowerCase();
    return (
      name === 'bom.json' ||
      name === 'bom.xml' ||
      name.endsWith('.cdx.json') ||
      name.endsWith('.cdx.xml') ||
      name.endsWith('.bom.json') ||
      name.endsWith('.bom.xml')
    );
  },
  extract(input) {
    // Decided by the content, not the name: a `bom.json` is sometimes XML and the other way round.
    const reading = input.text.trimStart().startsWith('<')
      ? readCycloneDxXml(input.text)
      : readCycloneDxJson(input.text);
    return componentsFromSbom(input.path, reading);
  },
};

export function readCycloneDxJson(text: string): SbomReading {
  const root = parseJson(text);
  const lines = new JsonEntryLines(text, ['bom-ref', 'purl']);
  if (!isObject(root) || root.bomFormat !== 'CycloneDX') {
    const line = isObject(root) && 'bomFormat' in root ? lines.keyLine('bomFormat') : 1;
    throw new ExtractError('not a CycloneDX BOM: "bomFormat" is not "CycloneDX"', line);
  }

  const subject = isObject(root.metadata) && isObject(root.metadata.component) ? root.metadata.component : undefined;
  const subjectRef = subject ? stringOf(subject['bom-ref']) : undefined;
  // The tools' and the subject's refs and purls come first in the file; use them up so that a component
  // with the same ref or purl (paved scanning paved) does not land on their lines.
  const tools = isObject(root.metadata) && isObject(root.metadata.tools) ? root.metadata.tools.components : undefined;
  for (const entry of [...(Array.isArray(tools) ? tools : []), subject]) {
    if (!isObject(entry)) continue;
    const ref = stringOf(entry['bom-ref']);
    const purl = stringOf(entry.purl);
    if (ref !== undefined) lines.next('bom-ref', ref);
    if (purl !== undefined) lines.next('purl', purl);
  }

  const packages: SbomPackage[] = [];
  let lastLine = lines.keyLine('components');
  const walk = (list: unknown): void => {
    if (list === undefined) return;
    if (!Array.isArray(list)) throw new ExtractError('"components" is not a list', lines.keyLine('components'));
    for (const entry of list) {
      if (!isObject(entry)) throw new ExtractError('a component is not an object', lastLine);
      const ref = stringOf(entry['bom-ref']);
      const purl = stringOf(entry.purl);
      const refLine = ref === undefined ? undefined : lines.next('bom-ref', ref);
      const purlLine = purl === undefined ? undefined : lines.next('purl', purl);
      const line = Math.min(refLine ?? Number.POSITIVE_INFINITY, purlLine ?? Number.POSITIVE_INFINITY);
      if (Number.isFinite(line)) lastLine = line;
      packages.push({
        ref: ref ?? purl ?? `#${packages.length}`,
        label: purl ?? displayName(entry),
        ...(purl === undefined ? {} : { purl }),
        scope: scopeOfCycloneDx(stringOf(entry.scope)),
        ...directOf(entry.properties),
        hashes: hashesOf(entry.hashes),
        licenses: licensesOf(entry.licenses),
        line: lastLine,
      });
      walk(entry.components);
    }
  };
  walk(root.components);

  return { packages, ...(subjectRef === undefined ? {} : { subjectRef }), edges: edgesOf(root.dependencies, lines) };
}

function edgesOf(dependencies: unknown, lines: JsonEntryLines): SbomEdge[] {
  if (dependencies === undefined) return [];
  const line = lines.keyLine('dependencies');
  if (!Array.isArray(dependencies)) throw new ExtractError('"dependencies" is not a list', line);
  const edges: SbomEdge[] = [];
  for (const entry of dependencies) {
    if (!isObject(entry) || typeof entry.ref !== 'string') {
      throw new ExtractError('a "dependencies" entry has no "ref"', line);
    }
    const dependsOn = entry.dependsOn ?? [];
    if (!Array.isArray(dependsOn)) throw new ExtractError(`"dependsOn" of ${entry.ref} is not a list`, line);
    for (const to of dependsOn) {
      if (typeof to === 'string') edges.push({ from: entry.ref, to, scope: 'runtime' });
    }
  }
  return edges;
}

function directOf(properties: unknown): { direct?: boolean } {
  if (!Array.isArray(properties)) return {};
  const property = properties.find((item) => isObject(item) && item.name === PROPERTY_DIRECT) as
    | Record<string, unknown>
    | undefined;
  const direct = directOfProperty(stringOf(property?.value));
  return direct === undefined ? {} : { direct };
}

function hashesOf(hashes: unknown): ComponentHash[] {
  if (!Array.isArray(hashes)) return [];
  const result: ComponentHash[] = [];
  for (const hash of hashes) {
    if (!isObject(hash) || typeof hash.alg !== 'string' || typeof hash.content !== 'string') continue;
    const digest = hexDigest(hash.alg, hash.content);
    if (digest) result.push(digest);
  }
  return result;
}

/** SPDX ids, expressions and license names, each as written. */
function licensesOf(licenses: unknown): string[] {
  if (!Array.isArray(licenses)) return [];
  const result: string[] = [];
  for (const choice of licenses) {
    if (!isObject(choice)) continue;
    if (typeof choice.expression === 'string') result.push(choice.expression);
    else if (isObject(choice.license)) {
      const text = stringOf(choice.license.id) ?? stringOf(choice.license.name);
      if (text) result.push(text);
    }
  }
  return result;
}

function displayName(component: Record<string, unknown>): string {
  const name = stringOf(component.name) ?? '(unnamed component)';
  const group = stringOf(component.group);
  const version = stringOf(component.version);
  return `${group ? `${group}/` : ''}${name}${version ? `@${version}` : ''}`;
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
