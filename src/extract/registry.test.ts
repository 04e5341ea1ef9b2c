import { existsSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cargoExtractors } from './cargo/index.js';
import { ExtractError, type Extractor } from './extractor.js';
import { goExtractors } from './go/index.js';
import { hexExtractors } from './hex/index.js';
import { mavenExtractors } from './maven/index.js';
import { npmExtractors } from './npm/index.js';
import { nugetExtractors } from './nuget/index.js';
import { packagistExtractors } from './packagist/index.js';
import { pubExtractors } from './pub/index.js';
import { pypiExtractors } from './pypi/index.js';
import { allExtractors, EXTRACTOR_MODULES } from './registry.js';
import { rubygemsExtractors } from './rubygems/index.js';
import { extractorFor } from './run.js';
import { inputFromFile, SHARED_DATA } from './test-input.js';

const FOLDER_INDEXES = [
  cargoExtractors,
  goExtractors,
  hexExtractors,
  mavenExtractors,
  npmExtractors,
  nugetExtractors,
  packagistExtractors,
  pubExtractors,
  pypiExtractors,
  rubygemsExtractors,
];

let extractors: Extractor[];
/** The extractor ids each registry entry loads. */
const loadedBy = new Map<unknown, string[]>();
beforeAll(async () => {
  extractors = await allExtractors();
  for (const module of EXTRACTOR_MODULES)
    loadedBy.set(
      module,
      (await module.load()).map((extractor) => extractor.id),
    );
});

/** Every file path under a folder, relative to it. */
function filesUnder(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join('/'));
}

const KNOWN: [string, string][] = [
  ['web/package-lock.json', 'npm/package-lock'],
  ['npm-shrinkwrap.json', 'npm/package-lock'],
  ['yarn.lock', 'npm/yarn-lock'],
  ['pnpm-lock.yaml', 'npm/pnpm-lock'],
  ['bun.lock', 'npm/bun-lock'],
  ['package.json', 'npm/node-modules'],
  ['requirements.txt', 'pypi/requirements'],
  ['requirements-dev.txt', 'pypi/requirements'],
  ['requirements/base.txt', 'pypi/requirements'],
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
  ['gradle/dependency-locks/compileClasspath.lockfile', 'maven/gradle-lockfile'],
  ['bom.json', 'sbom/cyclonedx'],
  ['app.cdx.json', 'sbom/cyclonedx'],
  ['dist/app.cdx.xml', 'sbom/cyclonedx'],
  ['app.spdx.json', 'sbom/spdx'],
];

describe('extractor registry', () => {
  it('has unique ids named after their folder, and lists every extractor folder', () => {
    const ids = extractors.map((extractor) => extractor.id);
    expect(new Set(ids).size).toBe(ids.length);
    const folders = readdirSync(new URL('.', import.meta.url), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(new URL(`./${entry.name}/index.ts`, import.meta.url)))
      .map((entry) => entry.name);
    const modules = [...new Set(EXTRACTOR_MODULES.map((module) => module.folder))];
    expect(modules.filter((folder) => folder !== 'sbom').sort()).toEqual(folders.sort());
    for (const id of ids) expect(modules).toContain(id.split('/')[0]);
  });

  it("lists the same extractors as each folder's index", () => {
    const listed = FOLDER_INDEXES.flat().map((extractor) => extractor.id);
    const registered = extractors.map((extractor) => extractor.id).filter((id) => !id.startsWith('sbom/'));
    expect(registered.sort()).toEqual(listed.sort());
  });

  it.each(KNOWN)('reads %s with %s', (path, id) => {
    expect(extractorFor(path, extractors)?.id).toBe(id);
  });

  it.each(['README.md', 'src/index.ts', 'go.sum', 'Cargo.toml', 'node_modules/x/package-lock.json.bak'])(
    'leaves %s alone',
    (path) => {
      expect(extractorFor(path, extractors)).toBeUndefined();
    },
  );

  it('loads a folder for every file one of its extractors reads (the cheap name test never misses)', () => {
    const paths = [
      ...KNOWN.map(([path]) => path),
      ...filesUnder(join(SHARED_DATA, 'lockfile-fixtures')),
      ...filesUnder(join(SHARED_DATA, 'lockfiles')),
    ];
    const missed = paths.filter((path) => {
      const extractor = extractorFor(path, extractors);
      if (!extractor) return false;
      // The entry whose load gives this extractor must accept the path.
      return !EXTRACTOR_MODULES.some((module) => loadedBy.get(module)?.includes(extractor.id) && module.mayRead(path));
    });
    expect(missed).toEqual([]);
  });
});

describe.skipIf(!existsSync(join(SHARED_DATA, 'lockfile-fixtures')))('every shared fixture', () => {
  it('under a standard lockfile name parses, or is refused with an ExtractError (never another exception)', () => {
    const root = join(SHARED_DATA, 'lockfile-fixtures');
    const outcomes = { parsed: 0, refused: 0 };
    for (const path of filesUnder(root)) {
      const extractor = extractorFor(path, extractors);
      if (!extractor) continue;
      try {
        extractor.extract(inputFromFile(join(root, path), path));
        outcomes.parsed++;
      } catch (error) {
        expect(error, `${path}: ${(error as Error).message}`).toBeInstanceOf(ExtractError);
        outcomes.refused++;
      }
    }
    // Fixtures under standard lockfile names (the extractors' own tests feed the rest directly).
    expect(outcomes.parsed + outcomes.refused).toBeGreaterThanOrEqual(14);
  });
});
