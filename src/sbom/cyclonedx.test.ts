import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { buildCycloneDx, type CdxBom, groupAndName, licenseChoice, renderCycloneDxJson } from './cyclonedx.js';
import { renderSbom } from './sbom.js';
import { component, SCHEMA_DIR, sampleComponents, sbomInput } from './test-inventory.js';

/**
 * The official CycloneDX 1.6 JSON schema, loaded from @cyclonedx/cyclonedx-library at test time. Its
 * references name the sibling files by their SNAPSHOT names, while those files declare other $ids: they
 * are registered under the names the references use.
 */
function cycloneDxValidator() {
  const load = (name: string) => JSON.parse(readFileSync(join(SCHEMA_DIR, name), 'utf8')) as Record<string, unknown>;
  // ajv is CommonJS; under NodeNext its class (and ajv-formats' function) are reachable as `.default`.
  const ajv = new Ajv.default({ strict: false, allErrors: true });
  addFormats.default(ajv);
  // Formats ajv-formats does not define; paved writes no field that uses them.
  ajv.addFormat('iri-reference', true);
  ajv.addFormat('idn-email', true);
  ajv.addSchema({ ...load('spdx.SNAPSHOT.schema.json'), $id: 'http://cyclonedx.org/schema/spdx.SNAPSHOT.schema.json' });
  ajv.addSchema({
    ...load('jsf-0.82.SNAPSHOT.schema.json'),
    $id: 'http://cyclonedx.org/schema/jsf-0.82.SNAPSHOT.schema.json',
  });
  return ajv.compile(load('bom-1.6.SNAPSHOT.schema.json'));
}

const validate = cycloneDxValidator();

function expectValid(json: string): CdxBom {
  const bom = JSON.parse(json) as CdxBom;
  const valid = validate(bom);
  expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
  expect(valid).toBe(true);
  return bom;
}

describe('CycloneDX JSON', () => {
  it('validates against the official 1.6 schema', () => {
    expectValid(renderSbom('cyclonedx-json', sbomInput()));
    expectValid(
      renderSbom('cyclonedx-json', sbomInput({ reproducible: false, now: new Date('2024-05-01T12:00:00Z') })),
    );
  });

  it('validates when the inventory is empty and the project has no version', () => {
    const bom = expectValid(renderSbom('cyclonedx-json', sbomInput({ components: [], subject: { name: 'empty' } })));
    expect(bom.components).toEqual([]);
    expect(bom.dependencies).toEqual([{ ref: 'empty', dependsOn: [] }]);
  });

  it('the schema check fails on a malformed BOM (it can catch mistakes)', () => {
    const bom = buildCycloneDx(sbomInput());
    (bom.components[0] as { scope: string }).scope = 'development';
    expect(validate(bom)).toBe(false);
    const badHash = buildCycloneDx(sbomInput());
    const withHashes = badHash.components.find((c) => c.hashes);
    withHashes?.hashes?.push({ alg: 'SHA256', content: 'xyz' });
    expect(withHashes).toBeDefined();
    expect(validate(badHash)).toBe(false);
  });

  it('has the header, the paved tool and the subject as an application', () => {
    const bom = buildCycloneDx(sbomInput({ reproducible: false, now: new Date('2024-05-01T12:00:00.123Z') }));
    expect(bom.bomFormat).toBe('CycloneDX');
    expect(bom.specVersion).toBe('1.6');
    expect(bom.version).toBe(1);
    expect(bom.serialNumber).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(bom.metadata.timestamp).toBe('2024-05-01T12:00:00Z');
    expect(bom.metadata.tools.components).toEqual([{ type: 'application', name: 'paved', version: '0.1.0' }]);
    expect(bom.metadata.component).toEqual({
      type: 'application',
      'bom-ref': 'demo-app@1.2.0',
      name: 'demo-app',
      version: '1.2.0',
    });
  });

  it('lists components sorted by purl, whatever the input order, with bom-ref = purl', () => {
    const components = sampleComponents();
    const forward = buildCycloneDx(sbomInput({ components }));
    const backward = buildCycloneDx(sbomInput({ components: [...components].reverse() }));
    const purls = forward.components.map((c) => c.purl);
    expect(purls).toEqual([...purls].sort());
    expect(forward.components.map((c) => c['bom-ref'])).toEqual(purls);
    expect(backward).toEqual(forward);
  });

  it('maps scopes: runtime -> required, optional -> optional, development -> excluded', () => {
    const scopes = Object.fromEntries(buildCycloneDx(sbomInput()).components.map((c) => [c.name, c.scope]));
    expect(scopes.core).toBe('required');
    expect(scopes.fsevents).toBe('optional');
    expect(scopes.eslint).toBe('excluded');
    expect(scopes.chalk).toBe('excluded');
  });

  it('records direct, the declaring file and line, and hashes with CycloneDX algorithm names', () => {
    const bom = buildCycloneDx(sbomInput());
    const spring = bom.components.find((c) => c.name === 'spring-core');
    expect(spring?.properties).toEqual([{ name: 'paved:direct', value: 'true' }]);
    expect(spring?.evidence).toEqual({ occurrences: [{ location: 'pom.xml', line: 20 }] });
    expect(spring?.hashes).toEqual([
      { alg: 'SHA-1', content: '0123456789abcdef0123456789abcdef01234567' },
      { alg: 'SHA-256', content: 'ef'.repeat(32) },
    ]);
    expect(bom.components.find((c) => c.name === 'ms')?.properties).toEqual([{ name: 'paved:direct', value: 'false' }]);
    expect(bom.components.find((c) => c.name === 'ms')?.hashes).toBeUndefined();
  });
});

describe('CycloneDX names', () => {
  it('puts the npm scope, the Maven groupId and the Packagist vendor in group', () => {
    const byPurl = new Map(buildCycloneDx(sbomInput()).components.map((c) => [c.purl, c]));
    expect(byPurl.get('pkg:npm/%40babel/core@7.24.0')).toMatchObject({ group: '@babel', name: 'core' });
    expect(byPurl.get('pkg:maven/org.springframework/spring-core@6.1.0')).toMatchObject({
      group: 'org.springframework',
      name: 'spring-core',
    });
    expect(byPurl.get('pkg:composer/laravel/framework@v10.0.0')).toMatchObject({ group: 'laravel', name: 'framework' });
  });

  it('keeps a Go module path whole as the name, and unscoped names without group', () => {
    const byPurl = new Map(buildCycloneDx(sbomInput()).components.map((c) => [c.purl, c]));
    const go = byPurl.get('pkg:golang/github.com/prometheus/common@v0.48.0');
    expect(go?.name).toBe('github.com/prometheus/common');
    expect(go && 'group' in go).toBe(false);
    expect(byPurl.get('pkg:npm/debug@4.3.4')).not.toHaveProperty('group');
    expect(byPurl.get('pkg:pypi/requests@2.31.0')?.name).toBe('requests');
  });

  it('splits names exactly once', () => {
    expect(groupAndName({ ecosystem: 'Maven', name: 'a.b:c' })).toEqual({ group: 'a.b', name: 'c' });
    expect(groupAndName({ ecosystem: 'npm', name: 'no-scope' })).toEqual({ name: 'no-scope' });
    expect(groupAndName({ ecosystem: 'Go', name: 'k8s.io/api' })).toEqual({ name: 'k8s.io/api' });
    expect(groupAndName({ ecosystem: 'crates.io', name: 'serde' })).toEqual({ name: 'serde' });
  });
});

describe('CycloneDX licenses', () => {
  it('writes an SPDX id as license.id, an expression as expression, anything else as license.name', () => {
    expect(licenseChoice(['MIT'])).toEqual([{ license: { id: 'MIT' } }]);
    expect(licenseChoice(['MIT OR Apache-2.0'])).toEqual([{ expression: 'MIT OR Apache-2.0' }]);
    expect(licenseChoice(['GPL-2.0+'])).toEqual([{ expression: 'GPL-2.0+' }]);
    expect(licenseChoice(['LicenseRef-acme'])).toEqual([{ expression: 'LicenseRef-acme' }]);
    expect(licenseChoice(['Apache Software License'])).toEqual([{ license: { name: 'Apache Software License' } }]);
    expect(licenseChoice(['mit'])).toEqual([{ license: { name: 'mit' } }]);
    expect(licenseChoice([])).toBeUndefined();
  });

  it('lists several ids and names; joins SPDX parts into one expression when one is compound', () => {
    expect(licenseChoice(['MIT', 'Apache-2.0'])).toEqual([
      { license: { id: 'MIT' } },
      { license: { id: 'Apache-2.0' } },
    ]);
    expect(licenseChoice(['MIT', 'Custom EULA'])).toEqual([
      { license: { id: 'MIT' } },
      { license: { name: 'Custom EULA' } },
    ]);
    expect(licenseChoice(['MIT', 'GPL-2.0-or-later OR MIT'])).toEqual([
      { expression: 'MIT AND (GPL-2.0-or-later OR MIT)' },
    ]);
    // An expression beside free text cannot be combined: it is kept, as text, in the list.
    expect(licenseChoice(['Custom EULA', 'MIT OR Apache-2.0'])).toEqual([
      { license: { name: 'Custom EULA' } },
      { license: { name: 'MIT OR Apache-2.0' } },
    ]);
  });

  it('every license form validates against the schema', () => {
    const licenses = [
      ['MIT'],
      ['MIT OR Apache-2.0'],
      ['Apache Software License'],
      ['MIT', 'Custom'],
      ['MIT', 'X OR Y'],
    ];
    const components = licenses.map((list, index) => component('npm', `pkg-${index}`, '1.0.0', { licenses: list }));
    expectValid(renderCycloneDxJson(sbomInput({ components })));
  });
});

describe('CycloneDX dependency graph', () => {
  const bom = buildCycloneDx(sbomInput());
  const graph = new Map(bom.dependencies.map((d) => [d.ref, d.dependsOn]));

  it('the subject depends on the direct components, sorted', () => {
    expect(bom.dependencies[0]?.ref).toBe('demo-app@1.2.0');
    expect(graph.get('demo-app@1.2.0')).toEqual([
      'pkg:composer/laravel/framework@v10.0.0',
      'pkg:golang/github.com/prometheus/common@v0.48.0',
      'pkg:maven/org.springframework/spring-core@6.1.0',
      'pkg:npm/%40babel/core@7.24.0',
      'pkg:npm/eslint@8.57.0',
      'pkg:npm/fsevents@2.3.3',
      'pkg:npm/typescript@5.4.5',
      'pkg:pypi/requests@2.31.0',
    ]);
  });

  it('each component depends on its recorded dependencies; refs not in the BOM are left out', () => {
    expect(graph.get('pkg:npm/%40babel/core@7.24.0')).toEqual([
      'pkg:npm/%40babel/parser@7.24.1',
      'pkg:npm/debug@4.3.4',
    ]);
    expect(graph.get('pkg:npm/eslint@8.57.0')).toEqual(['pkg:npm/chalk@4.1.2', 'pkg:npm/debug@4.3.4']);
    expect(graph.get('pkg:golang/github.com/prometheus/common@v0.48.0')).toEqual([
      'pkg:golang/golang.org/x/net@v0.20.0',
    ]);
    expect(graph.get('pkg:npm/ms@2.1.2')).toEqual([]);
  });

  it('has one entry per component and the subject, and every ref names one of them', () => {
    const refs = new Set([bom.metadata.component['bom-ref'], ...bom.components.map((c) => c['bom-ref'])]);
    expect(bom.dependencies).toHaveLength(bom.components.length + 1);
    for (const dependency of bom.dependencies) {
      expect(refs.has(dependency.ref)).toBe(true);
      for (const ref of dependency.dependsOn) expect(refs.has(ref)).toBe(true);
    }
  });
});

describe('CycloneDX reproducibility', () => {
  it('reproducible output is byte-identical across runs and has no timestamp', () => {
    const first = renderCycloneDxJson(sbomInput({ now: new Date('2024-01-01T00:00:00Z') }));
    const second = renderCycloneDxJson(sbomInput({ now: new Date('2030-06-15T08:30:00Z') }));
    expect(second).toBe(first);
    expect(first).not.toContain('timestamp');
    expect(renderSbom('cyclonedx-xml', sbomInput())).toBe(renderSbom('cyclonedx-xml', sbomInput()));
  });

  it('the reproducible serial number is derived from the content: same inventory, same serial', () => {
    const bom = buildCycloneDx(sbomInput());
    expect(bom.serialNumber).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const fewer = buildCycloneDx(sbomInput({ components: sampleComponents().slice(1) }));
    expect(fewer.serialNumber).not.toBe(bom.serialNumber);
  });

  it('without reproducible: the injected clock is the timestamp and each run gets a new serial', () => {
    const now = new Date('2024-05-01T12:00:00Z');
    const first = buildCycloneDx(sbomInput({ reproducible: false, now }));
    const second = buildCycloneDx(sbomInput({ reproducible: false, now }));
    expect(first.metadata.timestamp).toBe('2024-05-01T12:00:00Z');
    expect(second.serialNumber).not.toBe(first.serialNumber);
    const later = buildCycloneDx(sbomInput({ reproducible: false, now: new Date('2024-05-02T00:00:00Z') }));
    expect(later.metadata.timestamp).toBe('2024-05-02T00:00:00Z');
  });
});
