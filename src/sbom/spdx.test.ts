import { PackageURL } from 'packageurl-js';
import parseSpdxExpression from 'spdx-expression-parse';
import { describe, expect, it } from 'vitest';
import { renderSbom } from './sbom.js';
import { buildSpdx, REPRODUCIBLE_CREATED, type SpdxDocument, type SpdxPackage, type SpdxRelationship } from './spdx.js';
import { component, sbomInput } from './test-inventory.js';

/**
 * What the SPDX 2.3 specification makes mandatory or constrains, checked field by field (the official JSON
 * schema is not available offline from an allowed source). Returns one line per problem; none is valid.
 */
function spdxProblems(document: SpdxDocument): string[] {
  const problems: string[] = [];
  const doc = document as unknown as Record<string, unknown>;
  const check = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };
  // 6.1-6.10 document creation information.
  check(doc.spdxVersion === 'SPDX-2.3', 'spdxVersion must be SPDX-2.3');
  check(doc.dataLicense === 'CC0-1.0', 'dataLicense must be CC0-1.0');
  check(doc.SPDXID === 'SPDXRef-DOCUMENT', 'document SPDXID must be SPDXRef-DOCUMENT');
  check(typeof doc.name === 'string' && doc.name !== '', 'document name is required');
  const namespace = doc.documentNamespace;
  check(
    typeof namespace === 'string' && /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/.test(namespace) && !namespace.includes('#'),
    'documentNamespace must be an absolute URI without #',
  );
  const info = document.creationInfo;
  check(
    typeof info?.created === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(info.created),
    'created must be YYYY-MM-DDThh:mm:ssZ',
  );
  check(Array.isArray(info?.creators) && info.creators.length > 0, 'at least one creator is required');
  for (const creator of info?.creators ?? []) {
    check(
      /^(Tool|Organization|Person): \S/.test(creator),
      `creator "${creator}" must start with Tool:, Organization: or Person:`,
    );
  }

  // 7 packages.
  const ids = new Set<string>(['SPDXRef-DOCUMENT']);
  for (const pkg of document.packages ?? []) problems.push(...packageProblems(pkg, ids));

  // 11 relationships: known types, both ends defined in the document.
  const describes = (document.relationships ?? []).filter(
    (r) => r.spdxElementId === 'SPDXRef-DOCUMENT' && r.relationshipType === 'DESCRIBES',
  );
  check(describes.length > 0, 'the document must DESCRIBE at least one element');
  for (const relationship of document.relationships ?? []) problems.push(...relationshipProblems(relationship, ids));
  for (const id of document.documentDescribes ?? []) check(ids.has(id), `documentDescribes names unknown ${id}`);
  return problems;
}

const RELATIONSHIP_TYPES = new Set(
  'DESCRIBES DESCRIBED_BY CONTAINS CONTAINED_BY DEPENDS_ON DEPENDENCY_OF DEPENDENCY_MANIFEST_OF BUILD_DEPENDENCY_OF DEV_DEPENDENCY_OF OPTIONAL_DEPENDENCY_OF PROVIDED_DEPENDENCY_OF TEST_DEPENDENCY_OF RUNTIME_DEPENDENCY_OF EXAMPLE_OF GENERATES GENERATED_FROM ANCESTOR_OF DESCENDANT_OF VARIANT_OF DISTRIBUTION_ARTIFACT PATCH_FOR PATCH_APPLIED COPY_OF FILE_ADDED FILE_DELETED FILE_MODIFIED EXPANDED_FROM_ARCHIVE DYNAMIC_LINK STATIC_LINK DATA_FILE_OF TEST_CASE_OF BUILD_TOOL_OF DEV_TOOL_OF TEST_OF TEST_TOOL_OF DOCUMENTATION_OF OPTIONAL_COMPONENT_OF METAFILE_OF PACKAGE_OF AMENDS PREREQUISITE_FOR HAS_PREREQUISITE REQUIREMENT_DESCRIPTION_FOR SPECIFICATION_FOR OTHER'.split(
    ' ',
  ),
);
/** SPDX 2.3 checksum algorithms and, for the ones paved writes, the hex length of a digest. */
const CHECKSUM_LENGTH: Record<string, number | undefined> = {
  SHA1: 40,
  SHA224: 56,
  SHA256: 64,
  SHA384: 96,
  SHA512: 128,
  MD5: 32,
  MD2: 32,
  MD4: 32,
  MD6: undefined,
  'SHA3-256': 64,
  'SHA3-384': 96,
  'SHA3-512': 128,
  'BLAKE2b-256': 64,
  'BLAKE2b-384': 96,
  'BLAKE2b-512': 128,
  BLAKE3: undefined,
  ADLER32: 8,
};
const PURPOSES = new Set([
  'APPLICATION',
  'FRAMEWORK',
  'LIBRARY',
  'CONTAINER',
  'OPERATING-SYSTEM',
  'DEVICE',
  'FIRMWARE',
  'SOURCE',
  'ARCHIVE',
  'FILE',
  'INSTALL',
  'OTHER',
]);
const REFERENCE_CATEGORIES = new Set(['SECURITY', 'PACKAGE-MANAGER', 'PERSISTENT-ID', 'OTHER']);

function packageProblems(pkg: SpdxPackage, ids: Set<string>): string[] {
  const problems: string[] = [];
  const where = `package ${pkg.SPDXID}`;
  if (typeof pkg.name !== 'string' || pkg.name === '') problems.push(`${where}: name is required`);
  if (!/^SPDXRef-[A-Za-z0-9.-]+$/.test(pkg.SPDXID ?? ''))
    problems.push(`${where}: SPDXID is not SPDXRef-[A-Za-z0-9.-]+`);
  if (ids.has(pkg.SPDXID)) problems.push(`${where}: SPDXID is not unique`);
  ids.add(pkg.SPDXID);
  if (typeof pkg.downloadLocation !== 'string' || pkg.downloadLocation === '') {
    problems.push(`${where}: downloadLocation is required`);
  }
  // filesAnalyzed defaults to true, and then a package verification code is mandatory.
  if (pkg.filesAnalyzed !== false && !('packageVerificationCode' in pkg)) {
    problems.push(`${where}: filesAnalyzed is not false but there is no packageVerificationCode`);
  }
  for (const field of ['licenseConcluded', 'licenseDeclared'] as const) {
    const value = pkg[field];
    if (value === undefined || value === 'NOASSERTION' || value === 'NONE') continue;
    try {
      parseSpdxExpression(value);
      if (/LicenseRef-/.test(value)) problems.push(`${where}: ${field} uses a LicenseRef the document does not define`);
    } catch {
      problems.push(`${where}: ${field} "${value}" is not an SPDX license expression`);
    }
  }
  for (const checksum of pkg.checksums ?? []) {
    if (!(checksum.algorithm in CHECKSUM_LENGTH)) problems.push(`${where}: checksum algorithm ${checksum.algorithm}`);
    const length = CHECKSUM_LENGTH[checksum.algorithm];
    if (!/^[0-9a-f]+$/.test(checksum.checksumValue) || (length && checksum.checksumValue.length !== length)) {
      problems.push(`${where}: ${checksum.algorithm} value is not ${length ?? ''} lower-case hex digits`);
    }
  }
  for (const ref of pkg.externalRefs ?? []) {
    if (!REFERENCE_CATEGORIES.has(ref.referenceCategory)) problems.push(`${where}: category ${ref.referenceCategory}`);
    if (!ref.referenceType || !ref.referenceLocator || /\s/.test(ref.referenceLocator)) {
      problems.push(`${where}: external reference needs a type and a locator without spaces`);
    }
    if (ref.referenceType === 'purl') {
      if (ref.referenceCategory !== 'PACKAGE-MANAGER') problems.push(`${where}: a purl is a PACKAGE-MANAGER reference`);
      try {
        PackageURL.fromString(ref.referenceLocator);
      } catch {
        problems.push(`${where}: ${ref.referenceLocator} is not a package URL`);
      }
    }
  }
  if (pkg.primaryPackagePurpose !== undefined && !PURPOSES.has(pkg.primaryPackagePurpose)) {
    problems.push(`${where}: primaryPackagePurpose ${pkg.primaryPackagePurpose}`);
  }
  return problems;
}

function relationshipProblems(relationship: SpdxRelationship, ids: Set<string>): string[] {
  const problems: string[] = [];
  const { spdxElementId: from, relationshipType: type, relatedSpdxElement: to } = relationship;
  if (!RELATIONSHIP_TYPES.has(type)) problems.push(`relationship type ${type}`);
  if (!ids.has(from)) problems.push(`relationship from unknown element ${from}`);
  if (!ids.has(to) && to !== 'NONE' && to !== 'NOASSERTION') problems.push(`relationship to unknown element ${to}`);
  return problems;
}

const document = buildSpdx(sbomInput());
const idOf = (name: string) => document.packages.find((pkg) => pkg.name === name)?.SPDXID as string;

describe('SPDX 2.3 validity', () => {
  it('the sample document, reproducible or not, has no problems', () => {
    expect(spdxProblems(document)).toEqual([]);
    expect(spdxProblems(buildSpdx(sbomInput({ reproducible: false, now: new Date('2024-05-01T12:00:00Z') })))).toEqual(
      [],
    );
  });

  it('an empty inventory, a project without version and odd names give valid documents', () => {
    expect(spdxProblems(buildSpdx(sbomInput({ components: [], subject: { name: '@@@' } })))).toEqual([]);
    const odd = [
      component('npm', 'a_b', '1.0.0'),
      component('npm', 'a-b', '1.0.0'),
      component('npm', 'a.b', '1.0.0'),
      component('Maven', 'g:a', '1.0+build~1'),
    ];
    const oddDocument = buildSpdx(sbomInput({ components: odd, subject: { name: 'my app (test)#1', version: '2/3' } }));
    expect(spdxProblems(oddDocument)).toEqual([]);
    expect(oddDocument.packages.map((pkg) => pkg.SPDXID)).toEqual([
      'SPDXRef-Project-my-app-test-1',
      'SPDXRef-Package-maven-g-a-1.0-build-1',
      'SPDXRef-Package-npm-a-b-1.0.0',
      'SPDXRef-Package-npm-a.b-1.0.0',
      'SPDXRef-Package-npm-a-b-1.0.0-2',
    ]);
  });

  it('the checks find malformed documents (so the test can fail)', () => {
    const broken = (mutate: (doc: SpdxDocument) => void): string[] => {
      const copy = structuredClone(document);
      mutate(copy);
      return spdxProblems(copy);
    };
    expect(broken((doc) => Reflect.deleteProperty(doc.packages[1] as SpdxPackage, 'downloadLocation'))).toHaveLength(1);
    expect(
      broken((doc) => Object.assign(doc.packages[2] as SpdxPackage, { SPDXID: doc.packages[1]?.SPDXID })),
    ).not.toEqual([]);
    expect(broken((doc) => Object.assign(doc.packages[1] as SpdxPackage, { SPDXID: 'SPDXRef-a/b' }))).not.toEqual([]);
    expect(
      broken((doc) =>
        doc.relationships.push({ ...(doc.relationships[1] as SpdxRelationship), relatedSpdxElement: 'SPDXRef-x' }),
      ),
    ).toEqual(['relationship to unknown element SPDXRef-x']);
    const withChecksums = (doc: SpdxDocument) => doc.packages.find((pkg) => pkg.checksums) as SpdxPackage;
    expect(
      broken((doc) => withChecksums(doc).checksums?.push({ algorithm: 'SHA-256', checksumValue: 'ab' })),
    ).toHaveLength(1);
    expect(
      broken((doc) => withChecksums(doc).checksums?.push({ algorithm: 'SHA256', checksumValue: 'AB'.repeat(32) })),
    ).toHaveLength(1);
    expect(broken((doc) => Object.assign(doc.packages[1] as SpdxPackage, { filesAnalyzed: true }))).toHaveLength(1);
    expect(
      broken((doc) => Object.assign(doc.packages[1] as SpdxPackage, { licenseDeclared: 'Apache 2' })),
    ).toHaveLength(1);
    expect(broken((doc) => Object.assign(doc.creationInfo, { created: '2024-05-01T12:00:00.000Z' }))).toHaveLength(1);
    expect(broken((doc) => Object.assign(doc, { documentNamespace: 'https://example.com/doc#1' }))).toHaveLength(1);
    expect(broken((doc) => Object.assign(doc, { relationships: doc.relationships.slice(1) }))).toHaveLength(1);
  });
});

describe('SPDX document', () => {
  it('has the document header and paved as the creating tool', () => {
    expect(document).toMatchObject({
      spdxVersion: 'SPDX-2.3',
      dataLicense: 'CC0-1.0',
      SPDXID: 'SPDXRef-DOCUMENT',
      name: 'demo-app-1.2.0',
      creationInfo: { creators: ['Tool: paved-0.1.0'], created: REPRODUCIBLE_CREATED },
      documentDescribes: ['SPDXRef-Project-demo-app'],
    });
    expect(document.documentNamespace).toMatch(
      /^https:\/\/spdx\.org\/spdxdocs\/demo-app-1\.2\.0-[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('has the subject as APPLICATION, then one LIBRARY package per component in purl order', () => {
    expect(document.packages).toHaveLength(14);
    expect(document.packages[0]).toEqual({
      SPDXID: 'SPDXRef-Project-demo-app',
      name: 'demo-app',
      versionInfo: '1.2.0',
      downloadLocation: 'NOASSERTION',
      filesAnalyzed: false,
      licenseConcluded: 'NOASSERTION',
      licenseDeclared: 'NOASSERTION',
      copyrightText: 'NOASSERTION',
      primaryPackagePurpose: 'APPLICATION',
    });
    const purls = document.packages.slice(1).map((pkg) => pkg.externalRefs?.[0]?.referenceLocator as string);
    expect(purls).toEqual([...purls].sort());
    expect(document.packages.slice(1).every((pkg) => pkg.primaryPackagePurpose === 'LIBRARY')).toBe(true);
  });

  it('writes a package with its purl, checksums in SPDX names and the declared license', () => {
    expect(document.packages.find((pkg) => pkg.name === 'org.springframework:spring-core')).toEqual({
      SPDXID: 'SPDXRef-Package-maven-org.springframework-spring-core-6.1.0',
      name: 'org.springframework:spring-core',
      versionInfo: '6.1.0',
      downloadLocation: 'NOASSERTION',
      filesAnalyzed: false,
      checksums: [
        { algorithm: 'SHA1', checksumValue: '0123456789abcdef0123456789abcdef01234567' },
        { algorithm: 'SHA256', checksumValue: 'ef'.repeat(32) },
      ],
      licenseConcluded: 'NOASSERTION',
      licenseDeclared: 'Apache-2.0',
      copyrightText: 'NOASSERTION',
      externalRefs: [
        {
          referenceCategory: 'PACKAGE-MANAGER',
          referenceType: 'purl',
          referenceLocator: 'pkg:maven/org.springframework/spring-core@6.1.0',
        },
      ],
      primaryPackagePurpose: 'LIBRARY',
    });
    const requests = document.packages.find((pkg) => pkg.name === 'requests');
    expect(requests?.checksums).toEqual([{ algorithm: 'MD5', checksumValue: '0123456789abcdef0123456789abcdef' }]);
  });

  it('declares valid SPDX expressions; free text becomes NOASSERTION with the text kept in licenseComments', () => {
    const declared = (name: string) => document.packages.find((pkg) => pkg.name === name);
    expect(declared('fsevents')?.licenseDeclared).toBe('MIT OR Apache-2.0');
    expect(declared('laravel/framework')?.licenseDeclared).toBe('MIT AND (GPL-2.0-or-later OR MIT)');
    expect(declared('ms')?.licenseDeclared).toBe('NOASSERTION');
    expect(declared('ms')).not.toHaveProperty('licenseComments');
    expect(declared('requests')?.licenseDeclared).toBe('NOASSERTION');
    expect(declared('requests')?.licenseComments).toBe('Declared by the package as: Apache Software License; MIT');
  });

  it('relates: document DESCRIBES subject; subject DEPENDS_ON direct runtime; dev and optional direct by their types', () => {
    const subject = 'SPDXRef-Project-demo-app';
    const has = (from: string, type: string, to: string) =>
      document.relationships.some(
        (r) => r.spdxElementId === from && r.relationshipType === type && r.relatedSpdxElement === to,
      );
    expect(document.relationships[0]).toEqual({
      spdxElementId: 'SPDXRef-DOCUMENT',
      relationshipType: 'DESCRIBES',
      relatedSpdxElement: subject,
    });
    expect(has(subject, 'DEPENDS_ON', idOf('@babel/core'))).toBe(true);
    expect(has(subject, 'DEPENDS_ON', idOf('requests'))).toBe(true);
    expect(has(idOf('typescript'), 'DEV_DEPENDENCY_OF', subject)).toBe(true);
    expect(has(idOf('eslint'), 'DEV_DEPENDENCY_OF', subject)).toBe(true);
    expect(has(idOf('fsevents'), 'OPTIONAL_DEPENDENCY_OF', subject)).toBe(true);
    expect(has(subject, 'DEPENDS_ON', idOf('typescript'))).toBe(false);
    expect(has(subject, 'DEPENDS_ON', idOf('debug'))).toBe(false);
  });

  it('relates each component to its recorded dependencies that are in the document', () => {
    const dependsOn = (name: string) =>
      document.relationships
        .filter((r) => r.spdxElementId === idOf(name) && r.relationshipType === 'DEPENDS_ON')
        .map((r) => r.relatedSpdxElement);
    expect(dependsOn('@babel/core')).toEqual([idOf('@babel/parser'), idOf('debug')]);
    expect(dependsOn('eslint')).toEqual([idOf('chalk'), idOf('debug')]);
    expect(dependsOn('github.com/prometheus/common')).toEqual([idOf('golang.org/x/net')]);
    expect(dependsOn('ms')).toEqual([]);
    // 1 DESCRIBES + 8 direct + 6 component edges.
    expect(document.relationships).toHaveLength(15);
  });
});

describe('SPDX reproducibility', () => {
  it('reproducible output is byte-identical across runs, created at the epoch, namespace from the content', () => {
    const first = renderSbom('spdx-json', sbomInput({ now: new Date('2024-01-01T00:00:00Z') }));
    const second = renderSbom('spdx-json', sbomInput({ now: new Date('2031-01-01T00:00:00Z') }));
    expect(second).toBe(first);
    expect(first).toContain('"created": "1970-01-01T00:00:00Z"');
    const other = buildSpdx(sbomInput({ components: [component('npm', 'left-pad', '1.3.0')] }));
    expect(other.documentNamespace).not.toBe(document.documentNamespace);
  });

  it('without reproducible: created is the injected clock and every document gets a new namespace', () => {
    const now = new Date('2024-05-01T12:00:00.999Z');
    const first = buildSpdx(sbomInput({ reproducible: false, now }));
    const second = buildSpdx(sbomInput({ reproducible: false, now }));
    expect(first.creationInfo.created).toBe('2024-05-01T12:00:00Z');
    expect(second.documentNamespace).not.toBe(first.documentNamespace);
    expect(first.documentNamespace).toMatch(/-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
