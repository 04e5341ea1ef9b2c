import { describe, expect, it } from 'vitest';
import type { ExtractResult } from '../extract/component.js';
import { ExtractError } from '../extract/extractor.js';
import { spdxExtractor } from './read-spdx.js';
import { inputOf } from './test-inventory.js';

const extract = (text: string): ExtractResult => spdxExtractor.extract(inputOf('sbom/app.spdx.json', text));

function errorOf(text: string): ExtractError {
  try {
    extract(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ExtractError);
    return error as ExtractError;
  }
  throw new Error('expected an ExtractError');
}

const purlRef = (purl: string) =>
  `"externalRefs": [{ "referenceCategory": "PACKAGE_MANAGER", "referenceType": "purl", "referenceLocator": "${purl}" }]`;

/**
 * An SPDX 2.3 document as another tool might write it. The root (app) depends on web (runtime) and has
 * lint as a DEV dependency and fsevents as an OPTIONAL one; web depends on util (by DEPENDENCY_OF, the
 * other direction); lint depends on util and chalk. So util is runtime (through web), chalk development.
 * Each package's SPDXID is on the line given in its id: SPDXRef-web is on line 13.
 */
const DOCUMENT = `{
  "spdxVersion": "SPDX-2.3",
  "SPDXID": "SPDXRef-DOCUMENT",
  "name": "app",
  "packages": [
    {
      "SPDXID": "SPDXRef-app",
      "name": "app",
      ${purlRef('pkg:npm/app@1.0.0')}
    },
    {
      "name": "web",
      "versionInfo": "4.18.2",
      "SPDXID": "SPDXRef-web",
      ${purlRef('pkg:npm/express@4.18.2')},
      "checksums": [{ "algorithm": "SHA1", "checksumValue": "${'A'.repeat(40)}" }, { "algorithm": "SHA256", "checksumValue": "${'b'.repeat(64)}" }, { "algorithm": "ADLER32", "checksumValue": "01020304" }],
      "licenseDeclared": "MIT",
      "licenseConcluded": "NOASSERTION"
    },
    {
      "SPDXID": "SPDXRef-util",
      "name": "util", "licenseDeclared": "NOASSERTION", "licenseConcluded": "Apache-2.0",
      ${purlRef('pkg:cargo/util@0.1.0')}
    },
    {
      "SPDXID": "SPDXRef-lint",
      ${purlRef('pkg:npm/eslint@8.57.0')}
    },
    {
      "SPDXID": "SPDXRef-chalk",
      ${purlRef('pkg:npm/chalk@4.1.2')}
    },
    {
      "SPDXID": "SPDXRef-fsevents",
      ${purlRef('pkg:npm/fsevents@2.3.3')}
    },
    {
      "SPDXID": "SPDXRef-os",
      "name": "debian",
      "versionInfo": "12"
    },
    {
      "SPDXID": "SPDXRef-zlib",
      "name": "zlib",
      ${purlRef('pkg:deb/debian/zlib1g@1.2.13')}
    }
  ],
  "relationships": [
    { "spdxElementId": "SPDXRef-DOCUMENT", "relationshipType": "DESCRIBES", "relatedSpdxElement": "SPDXRef-app" },
    { "spdxElementId": "SPDXRef-app", "relationshipType": "DEPENDS_ON", "relatedSpdxElement": "SPDXRef-web" },
    { "spdxElementId": "SPDXRef-lint", "relationshipType": "DEV_DEPENDENCY_OF", "relatedSpdxElement": "SPDXRef-app" },
    { "spdxElementId": "SPDXRef-fsevents", "relationshipType": "OPTIONAL_DEPENDENCY_OF", "relatedSpdxElement": "SPDXRef-app" },
    { "spdxElementId": "SPDXRef-util", "relationshipType": "DEPENDENCY_OF", "relatedSpdxElement": "SPDXRef-web" },
    { "spdxElementId": "SPDXRef-lint", "relationshipType": "DEPENDS_ON", "relatedSpdxElement": "SPDXRef-util" },
    { "spdxElementId": "SPDXRef-lint", "relationshipType": "DEPENDS_ON", "relatedSpdxElement": "SPDXRef-chalk" },
    { "spdxElementId": "SPDXRef-lint", "relationshipType": "CONTAINS", "relatedSpdxElement": "SPDXRef-fsevents" },
    { "spdxElementId": "SPDXRef-web", "relationshipType": "DEPENDS_ON", "relatedSpdxElement": "SPDXRef-zlib" }
  ]
}
`;

describe('sbom/spdx matches', () => {
  it('reads *.spdx.json only', () => {
    expect(spdxExtractor.matches('app.spdx.json')).toBe(true);
    expect(spdxExtractor.matches('sbom/SBOM.SPDX.JSON')).toBe(true);
    expect(spdxExtractor.matches('bom.json')).toBe(false);
    expect(spdxExtractor.matches('app.spdx')).toBe(false);
    expect(spdxExtractor.matches('app.spdx.yaml')).toBe(false);
  });
});

describe('SPDX 2.3 JSON', () => {
  const result = extract(DOCUMENT);
  const byName = new Map(result.components.map((c) => [c.name, c]));

  it('makes components of packages with a supported purl; the described package is the project, not one', () => {
    expect(result.components.map((c) => c.purl)).toEqual([
      'pkg:npm/express@4.18.2',
      'pkg:cargo/util@0.1.0',
      'pkg:npm/eslint@8.57.0',
      'pkg:npm/chalk@4.1.2',
      'pkg:npm/fsevents@2.3.3',
    ]);
  });

  it('reads a package fully: SPDX checksum names, declared license, line of its SPDXID', () => {
    expect(byName.get('express')).toEqual({
      ecosystem: 'npm',
      name: 'express',
      version: '4.18.2',
      purl: 'pkg:npm/express@4.18.2',
      scope: 'runtime',
      direct: true,
      dependencies: ['pkg:cargo/util@0.1.0'],
      location: { path: 'sbom/app.spdx.json', line: 14 },
      hashes: [
        { algorithm: 'SHA-1', value: 'a'.repeat(40) },
        { algorithm: 'SHA-256', value: 'b'.repeat(64) },
      ],
      licenses: ['MIT'],
    });
    expect(byName.get('util')?.licenses).toEqual(['Apache-2.0']);
    expect(result.components.map((c) => c.location.line)).toEqual([14, 21, 26, 30, 34]);
  });

  it('direct and scope from the relationships: DEV_ and OPTIONAL_DEPENDENCY_OF, and along the graph', () => {
    const flags = result.components.map((c) => [c.name, c.direct, c.scope]);
    expect(flags).toEqual([
      ['express', true, 'runtime'],
      ['util', false, 'runtime'],
      ['eslint', true, 'development'],
      ['chalk', false, 'development'],
      ['fsevents', true, 'optional'],
    ]);
    expect(byName.get('eslint')?.dependencies).toEqual(['pkg:cargo/util@0.1.0', 'pkg:npm/chalk@4.1.2']);
  });

  it('skips packages without purl or of other ecosystems, with the line', () => {
    expect(result.skipped).toEqual([
      { name: 'debian@12', reason: 'no package URL (purl)', location: { path: 'sbom/app.spdx.json', line: 38 } },
      {
        name: 'pkg:deb/debian/zlib1g@1.2.13',
        reason: 'ecosystem not supported yet',
        location: { path: 'sbom/app.spdx.json', line: 43 },
      },
    ]);
  });

  it('reads SPDX 2.2 documents that name the described package in documentDescribes', () => {
    const doc = JSON.parse(DOCUMENT) as { spdxVersion: string; documentDescribes?: string[]; relationships: unknown[] };
    doc.spdxVersion = 'SPDX-2.2';
    doc.documentDescribes = ['SPDXRef-app'];
    doc.relationships = doc.relationships.slice(1);
    const components = extract(JSON.stringify(doc)).components;
    expect(components.filter((c) => c.direct).map((c) => c.name)).toEqual(['express', 'eslint', 'fsevents']);
  });

  it('with several described packages there is no one project: all are components, the roots direct', () => {
    const doc = JSON.parse(DOCUMENT) as { documentDescribes?: string[] };
    doc.documentDescribes = ['SPDXRef-app', 'SPDXRef-web'];
    const components = extract(JSON.stringify(doc)).components;
    expect(components.map((c) => c.name)).toContain('app');
    expect(components.filter((c) => c.direct).map((c) => c.name)).toEqual(['app']);
  });

  it('rejects malformed documents with the line', () => {
    expect(errorOf('{\n  "spdxVersion": "SPDX-2.3",\n  "packages": [}\n')).toMatchObject({ line: 3 });
    expect(errorOf('{\n  "spdxVersion": "SPDX-1.2"\n}')).toMatchObject({
      message: 'not an SPDX 2 document: "spdxVersion" is not SPDX-2.x',
      line: 2,
    });
    expect(errorOf('{"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", "@graph": []}').message).toBe(
      'SPDX 3 documents are not supported yet (SPDX 2.2 and 2.3 JSON are)',
    );
    expect(errorOf('"SPDX-2.3"').message).toMatch(/not an SPDX document/);
    expect(errorOf('{"spdxVersion": "SPDX-2.3",\n"packages": {}}')).toMatchObject({
      message: '"packages" is not a list',
      line: 2,
    });
    expect(errorOf('{"spdxVersion": "SPDX-2.3",\n"packages": [{"name": "x"}]}').message).toBe(
      'a package has no "SPDXID"',
    );
  });

  it('reads a document with no packages as nothing', () => {
    expect(extract('{"spdxVersion": "SPDX-2.3", "SPDXID": "SPDXRef-DOCUMENT"}')).toEqual({
      components: [],
      skipped: [],
    });
  });
});
