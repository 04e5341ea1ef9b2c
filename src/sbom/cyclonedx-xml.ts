import { buildCycloneDx, type CdxComponent, type CdxLicenseChoice } from './cyclonedx.js';
import type { SbomInput } from './sbom.js';
import { leaf, renderXmlDocument, type XmlElement } from './xml-writer.js';

export const CYCLONEDX_XML_NAMESPACE = 'http://cyclonedx.org/schema/bom/1.6';

/**
 * CycloneDX 1.6 XML: the same BOM as the JSON, written in the XSD's element order (the schema's sequences
 * are ordered, so the order below is part of validity).
 */
export function renderCycloneDxXml(input: SbomInput): string {
  const bom = buildCycloneDx(input);
  const metadata: XmlElement[] = [];
  if (bom.metadata.timestamp) metadata.push(leaf('timestamp', bom.metadata.timestamp));
  metadata.push({
    name: 'tools',
    children: [{ name: 'components', children: bom.metadata.tools.components.map(componentElement) }],
  });
  metadata.push(componentElement(bom.metadata.component));
  return renderXmlDocument({
    name: 'bom',
    attributes: { xmlns: CYCLONEDX_XML_NAMESPACE, serialNumber: bom.serialNumber, version: String(bom.version) },
    children: [
      { name: 'metadata', children: metadata },
      { name: 'components', children: bom.components.map(componentElement) },
      {
        name: 'dependencies',
        children: bom.dependencies.map((dependency) => ({
          name: 'dependency',
          attributes: { ref: dependency.ref },
          children: dependency.dependsOn.map((ref) => ({ name: 'dependency', attributes: { ref } })),
        })),
      },
    ],
  });
}

function componentElement(component: CdxComponent): XmlElement {
  const children: XmlElement[] = [];
  if (component.group) children.push(leaf('group', component.group));
  children.push(leaf('name', component.name));
  if (component.version) children.push(leaf('version', component.version));
  if (component.scope) children.push(leaf('scope', component.scope));
  if (component.hashes) {
    children.push({
      name: 'hashes',
      children: component.hashes.map((hash) => leaf('hash', hash.content, { alg: hash.alg })),
    });
  }
  if (component.licenses) children.push({ name: 'licenses', children: component.licenses.map(licenseElement) });
  if (component.purl) children.push(leaf('purl', component.purl));
  if (component.properties) {
    children.push({
      name: 'properties',
      children: component.properties.map((property) => leaf('property', property.value, { name: property.name })),
    });
  }
  if (component.evidence) {
    const occurrences = component.evidence.occurrences.map((occurrence) => ({
      name: 'occurrence',
      children: [leaf('location', occurrence.location), leaf('line', String(occurrence.line))],
    }));
    children.push({ name: 'evidence', children: [{ name: 'occurrences', children: occurrences }] });
  }
  return { name: 'component', attributes: { type: component.type, 'bom-ref': component['bom-ref'] }, children };
}

function licenseElement(choice: CdxLicenseChoice): XmlElement {
  if ('expression' in choice) return leaf('expression', choice.expression);
  const license = choice.license;
  return { name: 'license', children: ['id' in license ? leaf('id', license.id) : leaf('name', license.name)] };
}
