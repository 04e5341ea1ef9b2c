import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCycloneDx } from './cyclonedx.js';
import { CYCLONEDX_XML_NAMESPACE, renderCycloneDxXml } from './cyclonedx-xml.js';
import { component, SCHEMA_DIR, sbomInput } from './test-inventory.js';
import { escapeAttribute, escapeText } from './xml-writer.js';

const hasXmllint = spawnSync('xmllint', ['--version']).status === 0;

/**
 * The official 1.6 XSD (and the SPDX XSD it imports), copied to a temporary folder at test time with any
 * import by URL pointed at the local copy, so xmllint never needs the network.
 */
const schemaDir = mkdtempSync(join(tmpdir(), 'paved-cdx-xsd-'));
afterAll(() => rmSync(schemaDir, { recursive: true, force: true }));
const bomXsd = join(schemaDir, 'bom-1.6.xsd');
writeFileSync(join(schemaDir, 'spdx.xsd'), readFileSync(join(SCHEMA_DIR, 'spdx.SNAPSHOT.xsd')));
writeFileSync(
  bomXsd,
  readFileSync(join(SCHEMA_DIR, 'bom-1.6.SNAPSHOT.xsd'), 'utf8').replace(
    /(<xs:import\s+namespace="http:\/\/cyclonedx\.org\/schema\/spdx"\s+schemaLocation=")[^"]*"/,
    '$1spdx.xsd"',
  ),
);

let documents = 0;
function xsdErrors(xml: string): string {
  const file = join(schemaDir, `bom-${documents++}.xml`);
  writeFileSync(file, xml);
  const result = spawnSync('xmllint', ['--noout', '--nonet', '--schema', bomXsd, file], { encoding: 'utf8' });
  return result.status === 0 ? '' : result.stderr;
}

const NASTY = 'a <b> & "c" \'d\' ]]> \u0001 \u{1F600}';

describe.skipIf(!hasXmllint)('CycloneDX XML against the official 1.6 XSD (xmllint)', () => {
  it('validates: sample inventory, reproducible and not', () => {
    expect(xsdErrors(renderCycloneDxXml(sbomInput()))).toBe('');
    expect(
      xsdErrors(renderCycloneDxXml(sbomInput({ reproducible: false, now: new Date('2024-05-01T12:00:00Z') }))),
    ).toBe('');
  });

  it('validates: empty inventory, project without version, text that needs escaping', () => {
    expect(xsdErrors(renderCycloneDxXml(sbomInput({ components: [], subject: { name: 'empty' } })))).toBe('');
    const odd = component('npm', 'odd', '1.0.0', {
      licenses: [NASTY],
      location: { path: `dir/${NASTY}/package-lock.json`, line: 3 },
    });
    expect(
      xsdErrors(renderCycloneDxXml(sbomInput({ components: [odd], subject: { name: NASTY, version: NASTY } }))),
    ).toBe('');
  });

  it('the XSD check fails on an invalid BOM (it can catch mistakes)', () => {
    const xml = renderCycloneDxXml(sbomInput()).replace('<scope>excluded</scope>', '<scope>development</scope>');
    expect(xsdErrors(xml)).toMatch(/scope/);
  });
});

if (!hasXmllint) {
  it.skip('CycloneDX XML schema validation needs xmllint (Debian package libxml2-utils): apt-get install -y libxml2-utils', () => {});
}

describe('CycloneDX XML content', () => {
  const xml = renderCycloneDxXml(sbomInput());
  const root = new DOMParser().parseFromString(xml, 'text/xml').documentElement;

  it('uses the 1.6 namespace and carries the same serial number as the JSON', () => {
    expect(root?.namespaceURI).toBe(CYCLONEDX_XML_NAMESPACE);
    expect(root?.getAttribute('serialNumber')).toBe(buildCycloneDx(sbomInput()).serialNumber);
    expect(root?.getAttribute('version')).toBe('1');
  });

  it('writes components in purl order with group, scope, hashes, licenses and evidence', () => {
    const components = Array.from(root?.getElementsByTagName('components')[1]?.childNodes ?? []).filter(
      (node) => node.nodeType === node.ELEMENT_NODE,
    );
    expect(components).toHaveLength(13);
    expect(xml).toContain(
      [
        '    <component type="library" bom-ref="pkg:npm/%40babel/core@7.24.0">',
        '      <group>@babel</group>',
        '      <name>core</name>',
        '      <version>7.24.0</version>',
        '      <scope>required</scope>',
        '      <hashes>',
        `        <hash alg="SHA-512">${'ab'.repeat(64)}</hash>`,
        '      </hashes>',
        '      <licenses>',
        '        <license>',
        '          <id>MIT</id>',
        '        </license>',
        '      </licenses>',
        '      <purl>pkg:npm/%40babel/core@7.24.0</purl>',
      ].join('\n'),
    );
    expect(xml).toContain('<expression>MIT OR Apache-2.0</expression>');
    expect(xml).toContain('<name>Apache Software License</name>');
  });

  it('writes the dependency graph as nested dependency elements', () => {
    expect(xml).toContain(
      [
        '    <dependency ref="pkg:golang/github.com/prometheus/common@v0.48.0">',
        '      <dependency ref="pkg:golang/golang.org/x/net@v0.20.0"/>',
        '    </dependency>',
      ].join('\n'),
    );
    expect(xml).toContain('    <dependency ref="pkg:npm/ms@2.1.2"/>');
  });

  it('escapes text so that a parser gives it back (characters XML cannot hold become U+FFFD)', () => {
    const odd = renderCycloneDxXml(sbomInput({ components: [], subject: { name: NASTY, version: '1' } }));
    const subject = new DOMParser().parseFromString(odd, 'text/xml').getElementsByTagName('component')[1];
    expect(subject?.getAttribute('bom-ref')).toBe(`${NASTY.replace('\u0001', '\uFFFD')}@1`);
    expect(subject?.getElementsByTagName('name')[0]?.textContent).toBe(NASTY.replace('\u0001', '\uFFFD'));
  });
});

describe('XML escaping', () => {
  it('escapes markup in text and quotes and line breaks in attributes', () => {
    expect(escapeText('a<b>&c')).toBe('a&lt;b&gt;&amp;c');
    expect(escapeText('x\r\ny')).toBe('x&#13;\ny');
    expect(escapeAttribute('say "hi"\tnow\n')).toBe('say &quot;hi&quot;&#9;now&#10;');
  });

  it('replaces characters XML 1.0 cannot carry, keeps valid surrogate pairs', () => {
    expect(escapeText('\u0000\u0008\u000B\uFFFE')).toBe('\uFFFD\uFFFD\uFFFD\uFFFD');
    expect(escapeText('\uD800x\uDC00')).toBe('\uFFFDx\uFFFD');
    expect(escapeText('\u{1F600}\t\n')).toBe('\u{1F600}\t\n');
  });
});
