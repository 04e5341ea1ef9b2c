import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { paved, ROOT, tempDir, writeFiles } from './helpers.js';

const PACKAGE_LOCK = JSON.stringify(
  {
    name: 'shop',
    version: '2.0.0',
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': { name: 'shop', version: '2.0.0', dependencies: { express: '^4.0.0' }, devDependencies: { jest: '^29.0.0' } },
      'node_modules/express': { version: '4.18.2', dependencies: { 'body-parser': '1.20.1' } },
      'node_modules/body-parser': { version: '1.20.1' },
      'node_modules/jest': { version: '29.7.0', dev: true },
    },
  },
  null,
  2,
);

function project(): string {
  const root = tempDir('paved-deps-');
  writeFiles(root, {
    'package.json': JSON.stringify({ name: 'shop', version: '2.0.0' }),
    'package-lock.json': PACKAGE_LOCK,
    'api/requirements.txt': 'Django==4.2.7\nrequests>=2\n-e ./local-lib\n',
    'broken/Cargo.lock': '[[package]]\nname = "serde"\nversion = \n',
  });
  return root;
}

describe('paved scan --scanners deps', () => {
  it('lists components of every lockfile, reports what it cannot list, and goes past a broken file', () => {
    const root = project();
    const result = paved(['scan', '.', '--scanners', 'deps', '--format', 'json'], { cwd: root });
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout);
    const components = report.inventory.components.map(
      (c: { purl: string; direct: boolean; scope: string }) =>
        `${c.purl} ${c.direct ? 'direct' : 'transitive'} ${c.scope}`,
    );
    expect(components).toEqual(
      expect.arrayContaining([
        'pkg:npm/express@4.18.2 direct runtime',
        'pkg:npm/body-parser@1.20.1 transitive runtime',
        'pkg:npm/jest@29.7.0 direct development',
        'pkg:pypi/django@4.2.7 direct runtime',
      ]),
    );
    expect(report.inventory.skipped.map((s: { name: string }) => s.name)).toEqual(expect.arrayContaining(['requests']));
    expect(report.diagnostics).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'lockfile-unparseable', path: 'broken/Cargo.lock' })]),
    );
    expect(result.stderr).toContain('broken/Cargo.lock');
  });

  it('groups components by ecosystem and lockfile in the table', () => {
    const result = paved(['scan', '.', '--scanners', 'deps'], { cwd: project() });
    expect(result.stdout).toMatch(/npm {2}package-lock\.json {2}\(3\)/);
    expect(result.stdout).toMatch(/PyPI {2}api\/requirements\.txt {2}\(1\)/);
    expect(result.stdout).toMatch(/jest 29\.7\.0 +direct, development/);
    expect(result.stdout).toContain('4 components (3 direct) in 2 lockfiles');
  });

  it('reads an SBOM made by another tool as a component source', () => {
    const root = project();
    const sbom = paved(['sbom', '.', '--reproducible'], { cwd: root });
    expect(sbom.status).toBe(0);
    writeFiles(root, { 'elsewhere/app.cdx.json': sbom.stdout });
    const result = paved(['scan', 'elsewhere/app.cdx.json', '--scanners', 'deps', '--format', 'json'], { cwd: root });
    const purls = JSON.parse(result.stdout).inventory.components.map((c: { purl: string }) => c.purl);
    expect(purls).toEqual(expect.arrayContaining(['pkg:npm/express@4.18.2', 'pkg:pypi/django@4.2.7']));
  });
});

describe('paved sbom', () => {
  it('writes a reproducible CycloneDX SBOM with the dependency graph and the project as subject', () => {
    const root = project();
    const first = paved(['sbom', '.', '--reproducible', '-o', 'bom.json'], { cwd: root });
    expect(first.status).toBe(0);
    const bytes = readFileSync(join(root, 'bom.json'), 'utf8');
    expect(paved(['sbom', '.', '--reproducible'], { cwd: root }).stdout).toBe(bytes);
    const bom = JSON.parse(bytes);
    expect(bom).toMatchObject({ bomFormat: 'CycloneDX', specVersion: '1.6' });
    expect(bom.metadata.component).toMatchObject({ name: 'shop', version: '2.0.0' });
    const express = bom.dependencies.find((d: { ref: string }) => d.ref === 'pkg:npm/express@4.18.2');
    expect(express.dependsOn).toEqual(['pkg:npm/body-parser@1.20.1']);
  });

  it('writes SPDX 2.3 and CycloneDX XML', () => {
    const root = project();
    const spdx = JSON.parse(paved(['sbom', '.', '--format', 'spdx-json'], { cwd: root }).stdout);
    expect(spdx.spdxVersion).toBe('SPDX-2.3');
    expect(spdx.packages.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['express', 'jest']));
    const xml = paved(['sbom', '.', '--format', 'cyclonedx-xml'], { cwd: root }).stdout;
    expect(xml).toContain('<bom xmlns="http://cyclonedx.org/schema/bom/1.6"');
    expect(xml).toContain('pkg:npm/express@4.18.2');
  });

  it('says which lockfile is broken and still writes the rest', () => {
    const result = paved(['sbom', '.'], { cwd: project() });
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/broken\/Cargo\.lock.*cannot read/);
    expect(JSON.parse(result.stdout).components.length).toBe(4);
  });
});

const REAL = join(ROOT, '..', 'shared', 'data', 'lockfiles');

describe.skipIf(!existsSync(REAL))('paved sbom on real lockfiles (../shared/data/lockfiles)', () => {
  it('lists every package of the vscode package-lock.json once', () => {
    const result = paved(['scan', join(REAL, 'npm', 'vscode'), '--scanners', 'deps', '--format', 'json'], {
      cwd: ROOT,
    });
    const lock = JSON.parse(readFileSync(join(REAL, 'npm', 'vscode', 'package-lock.json'), 'utf8'));
    // Installed packages (not the root, not workspace links) by name@version: several install paths can
    // hold the same version, and the inventory has it once.
    const expected = new Set<string>();
    for (const [path, entry] of Object.entries(
      lock.packages as Record<string, { link?: boolean; name?: string; version: string }>,
    )) {
      if (!path.includes('node_modules/') || entry.link) continue;
      expected.add(`${entry.name ?? path.split('node_modules/').pop()}@${entry.version}`);
    }
    const components = JSON.parse(result.stdout).inventory.components as { name: string; version: string }[];
    expect(new Set(components.map((c) => `${c.name}@${c.version}`))).toEqual(expected);
    expect(components).toHaveLength(expected.size);
  });
});
