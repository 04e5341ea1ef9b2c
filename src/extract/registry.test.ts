import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXTRACTORS } from './registry.js';
import { extractorFor } from './run.js';

describe('extractor registry', () => {
  it('has unique ids named after their folder, and lists every extractor folder', () => {
    const ids = EXTRACTORS.map((extractor) => extractor.id);
    expect(new Set(ids).size).toBe(ids.length);
    const folders = readdirSync(new URL('.', import.meta.url), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(new URL(`./${entry.name}/index.ts`, import.meta.url)))
      .map((entry) => entry.name);
    const listed = new Set(ids.map((id) => id.split('/')[0]));
    expect(folders.filter((folder) => !listed.has(folder))).toEqual([]);
    for (const id of ids) expect([...folders, 'sbom']).toContain(id.split('/')[0]);
  });

  it.each([
    ['web/package-lock.json', 'npm/package-lock'],
    ['npm-shrinkwrap.json', 'npm/package-lock'],
    ['yarn.lock', 'npm/yarn-lock'],
    ['pnpm-lock.yaml', 'npm/pnpm-lock'],
    ['bun.lock', 'npm/bun-lock'],
    ['requirements.txt', 'pypi/requirements'],
    ['requirements-dev.txt', 'pypi/requirements'],
    ['poetry.lock', 'pypi/poetry-lock'],
    ['Pipfile.lock', 'pypi/pipfile-lock'],
    ['uv.lock', 'pypi/uv-lock'],
    ['pdm.lock', 'pypi/pdm-lock'],
    ['go.mod', 'go/go-mod'],
    ['Cargo.lock', 'cargo/cargo-lock'],
    ['Gemfile.lock', 'rubygems/gemfile-lock'],
    ['composer.lock', 'packagist/composer-lock'],
    ['packages.lock.json', 'nuget/packages-lock'],
    ['pubspec.lock', 'pub/pubspec-lock'],
    ['mix.lock', 'hex/mix-lock'],
    ['pom.xml', 'maven/pom-xml'],
    ['gradle.lockfile', 'maven/gradle-lockfile'],
    ['bom.json', 'sbom/cyclonedx'],
    ['app.cdx.json', 'sbom/cyclonedx'],
    ['app.spdx.json', 'sbom/spdx'],
  ])('reads %s with %s', (path, id) => {
    expect(extractorFor(path, EXTRACTORS)?.id).toBe(id);
  });

  it.each(['README.md', 'src/index.ts', 'go.sum', 'Cargo.toml', 'node_modules/x/package-lock.json.bak'])(
    'leaves %s alone',
    (path) => {
      expect(extractorFor(path, EXTRACTORS)).toBeUndefined();
    },
  );
});
