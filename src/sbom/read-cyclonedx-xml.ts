import type { ComponentHash } from '../extract/component.js';
import { ExtractError } from '../extract/extractor.js';
import { directOfProperty, PROPERTY_DIRECT, scopeOfCycloneDx } from './cyclonedx.js';
import { hexDigest, type SbomEdge, type SbomPackage, type SbomReading } from './read.js';
import { parseXml, type XmlNode } from './xml-reader.js';

/** Every CycloneDX XML namespace starts with this; the version follows (1.0 to 1.7 so far). */
const NAMESPACE_PREFIX = 'http://cyclonedx.org/schema/bom/';

/** CycloneDX XML (any 1.x namespace): the same reading as the JSON, lines from the start tags. */
export function readCycloneDxXml(text: string): SbomReading {
  const root = parseXml(text);
  if (root.name !== 'bom' || !(root.namespace ?? '').startsWith(NAMESPACE_PREFIX)) {
    throw new ExtractError(
      `not a CycloneDX BOM: the root element is not <bom> in the ${NAMESPACE_PREFIX}... namespace`,
      1,
    );
  }
  const subject = child(child(root, 'metadata'), 'component');
  const subjectRef = attribute(subject, 'bom-ref');

  const packages: SbomPackage[] = [];
  const walk = (list: XmlNode | undefined): void => {
    for (const component of children(list, 'component')) {
      const ref = attribute(component, 'bom-ref');
      const purl = textOf(child(component, 'purl'));
      packages.push({
        ref: ref ?? purl ?? `#${packages.length}`,
        label: purl ?? displayName(component),
        ...(purl === undefined ? {} : { purl }),
        scope: scopeOfCycloneDx(textOf(child(component, 'scope'))),
        ...directOf(component),
        hashes: hashesOf(component),
        licenses: licensesOf(component),
        line: component.line,
      });
      walk(child(component, 'components'));
    }
  };
  walk(child(root, 'components'));

  const edges: SbomEdge[] = [];
  for (const dependency of children(child(root, 'dependencies'), 'dependency')) {
    const from = attribute(dependency, 'ref');
    if (from === undefined) throw new ExtractError('a <dependency> has no ref attribute', dependency.line);
    for (const target of children(dependency, 'dependency')) {
      const to = attribute(target, 'ref');
      if (to !== undefined) edges.push({ from, to, scope: 'runtime' });
    }
  }
  return { packages, ...(subjectRef === undefined ? {} : { subjectRef }), edges };
}

function directOf(component: XmlNode): { direct?: boolean } {
  const property = children(child(component, 'properties'), 'property').find(
    (item) => attribute(item, 'name') === PROPERTY_DIRECT,
  );
  const direct = directOfProperty(textOf(property));
  return direct === undefined ? {} : { direct };
}

function hashesOf(component: XmlNode): ComponentHash[] {
  const result: ComponentHash[] = [];
  for (const hash of children(child(component, 'hashes'), 'hash')) {
    const digest = hexDigest(attribute(hash, 'alg') ?? '', textOf(hash) ?? '');
    if (digest) result.push(digest);
  }
  return result;
}

function licensesOf(component: XmlNode): string[] {
  const licenses = child(component, 'licenses');
  const result: string[] = [];
  for (const expression of children(licenses, 'expression')) {
    const text = textOf(expression);
    if (text) result.push(text);
  }
  for (const license of children(licenses, 'license')) {
    const text = textOf(child(license, 'id')) ?? textOf(child(license, 'name'));
    if (text) result.push(text);
  }
  return result;
}

function displayName(component: XmlNode): string {
  const name = textOf(child(component, 'name')) ?? '(unnamed component)';
  const group = textOf(child(component, 'group'));
  const version = textOf(child(component, 'version'));
  return `${group ? `${group}/` : ''}${name}${version ? `@${version}` : ''}`;
}

/** Child elements with this local name (CycloneDX elements are all in the BOM's namespace). */
function children(parent: XmlNode | undefined, name: string): XmlNode[] {
  return parent ? parent.children.filter((node) => node.name === name) : [];
}

function child(parent: XmlNode | undefined, name: string): XmlNode | undefined {
  return parent?.children.find((node) => node.name === name);
}

function attribute(element: XmlNode | undefined, name: string): string | undefined {
  const value = element?.attributes.get(name);
  return value ? value : undefined;
}

function textOf(element: XmlNode | undefined): string | undefined {
  const text = element?.text.trim();
  return text ? text : undefined;
}
