import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExtractResult } from '../component.js';
import { ExtractError } from '../extractor.js';
import { inputFromFile, inputFromText, SHARED_DATA } from '../test-input.js';
import { composerLockExtractor } from './composer-lock.js';

const FIXTURES = join(SHARED_DATA, 'lockfile-fixtures/php/composerlock/testdata');
const COMPOSER = join(SHARED_DATA, 'lockfiles/Packagist/composer');

function extractFixture(name: string) {
  return composerLockExtractor.extract(inputFromFile(join(FIXTURES, name), 'composer.lock'));
}

function extractText(text: string, siblings: Record<string, string> = {}) {
  return composerLockExtractor.extract(inputFromText('composer.lock', text, siblings));
}

function summary(result: ExtractResult) {
  return result.components.map((c) => [c.name, c.version, c.scope, c.direct, c.location.line]);
}

function lock(packages: object[], packagesDev: object[] = []): string {
  return JSON.stringify({ packages, 'packages-dev': packagesDev }, null, 4);
}

describe('composerLockExtractor.matches', () => {
  it('reads composer.lock only', () => {
    expect(composerLockExtractor.matches('web/composer.lock')).toBe(true);
    expect(composerLockExtractor.matches('web/composer.json')).toBe(false);
  });
});

describe.skipIf(!existsSync(FIXTURES))('composer.lock fixtures', () => {
  it('parses every fixture, and rejects those that are not a JSON object', () => {
    for (const name of readdirSync(FIXTURES)) {
      if (name === 'not-json.txt' || name === 'null.jsontest') {
        expect(() => extractFixture(name), name).toThrow(ExtractError);
      } else expect(() => extractFixture(name), name).not.toThrow();
    }
    expect(() => extractFixture('not-json.txt')).toThrow(expect.objectContaining({ line: 1 }));
    // One line, though JSON.parse quotes the text's start, newline included.
    expect(() => extractFixture('not-json.txt')).toThrow(/^not valid JSON: [^\n]+$/);
  });

  it('gives nothing for empty package lists', () => {
    expect(extractFixture('empty.json')).toEqual({ components: [], skipped: [] });
  });

  it('reads a package with its license; an empty shasum gives no hash', () => {
    expect(extractFixture('one-package.json').components).toEqual([
      {
        ecosystem: 'Packagist',
        name: 'sentry/sdk',
        version: '2.0.4',
        purl: 'pkg:composer/sentry/sdk@2.0.4',
        scope: 'runtime',
        direct: true,
        // Its requirements are not locked in this fixture: no edges are invented.
        dependencies: [],
        location: { path: 'composer.lock', line: 10 },
        licenses: ['MIT'],
      },
    ]);
  });

  it('marks packages-dev as development', () => {
    expect(summary(extractFixture('one-package-dev.json'))).toEqual([['sentry/sdk', '2.0.4', 'development', true, 11]]);
  });

  it('reads two packages, leaving platform requirements (php, ext-*) out', () => {
    const result = extractFixture('two-packages.json');
    expect(summary(result)).toEqual([
      ['sentry/sdk', '2.0.4', 'runtime', true, 10],
      ['theseer/tokenizer', '1.1.3', 'development', true, 43],
    ]);
    expect(result.components[1]?.dependencies).toEqual([]);
    expect(summary(extractFixture('two-packages-alt.json'))).toHaveLength(2);
  });

  it('keeps every version of a package locked more than once', () => {
    expect(summary(extractFixture('duplicate-packages.json'))).toEqual([
      ['sentry/sdk', '2.0.4', 'runtime', true, 10],
      ['sentry/sdk', '2.0.5', 'runtime', true, 17],
      ['sentry/sdk', '3.0.0-dev', 'development', true, 26],
    ]);
  });

  it('reads edges, sha1 dist hashes and direct dependencies without a composer.json', () => {
    const result = extractFixture('drupal-packages.json');
    expect(summary(result)).toEqual([
      ['drupal/core', '10.4.5', 'runtime', false, 10],
      ['drupal/tfa', '2.0.0-alpha4', 'runtime', true, 174],
      ['theseer/tokenizer', '1.1.3', 'runtime', true, 261],
      ['drupal/field_time', '1.0.0-beta5', 'development', true, 299],
    ]);
    expect(result.components[1]).toMatchObject({
      dependencies: ['pkg:composer/drupal/core@10.4.5'],
      hashes: [{ algorithm: 'SHA-1', value: '70b03b6c7868ced71ed0b3ca596ad83e76c2adc0' }],
      licenses: ['GPL-2.0-or-later'],
    });
  });
});

describe('composer.lock edge cases', () => {
  const packages = [
    { name: 'Acme/Web', version: 'v1.2.0', require: { php: '>=8.1', 'ext-json': '*', 'acme/util': '^2.0' } },
    { name: 'acme/util', version: '2.1.0' },
  ];

  it('takes direct dependencies from the sibling composer.json, lower-cases names, drops a leading v', () => {
    const composerJson = JSON.stringify({ require: { 'acme/util': '^2' }, 'require-dev': { 'acme/test': '^1' } });
    const result = extractText(lock(packages, [{ name: 'acme/test', version: '1.0.0' }]), {
      'composer.json': composerJson,
    });
    expect(summary(result)).toEqual([
      ['acme/web', '1.2.0', 'runtime', false, 4],
      ['acme/util', '2.1.0', 'runtime', true, 13],
      ['acme/test', '1.0.0', 'development', true, 19],
    ]);
    expect(result.components[0]?.purl).toBe('pkg:composer/acme/web@1.2.0');
    expect(result.components[0]?.dependencies).toEqual(['pkg:composer/acme/util@2.1.0']);
  });

  it('falls back to "not required by another package" when composer.json cannot be read', () => {
    const result = extractText(lock(packages), { 'composer.json': '{ not json' });
    expect(result.components.map((c) => c.direct)).toEqual([true, false]);
  });

  it('keeps dev branch versions as written', () => {
    const [component] = extractText(lock([{ name: 'acme/x', version: 'dev-main' }])).components;
    expect(component?.version).toBe('dev-main');
  });

  it('skips a package installed from a local path', () => {
    const result = extractText(
      lock([{ name: 'acme/local', version: 'dev-main', dist: { type: 'path', url: '../local' } }]),
    );
    expect(result.components).toEqual([]);
    expect(result.skipped).toEqual([
      {
        name: 'acme/local',
        reason: 'installed from the local path ../local',
        location: { path: 'composer.lock', line: 4 },
      },
    ]);
  });

  it('reports broken JSON and a package without a version at their lines', () => {
    expect(() => extractText('{\n  "packages": [\n    {"name": "a/b",}\n  ]\n}')).toThrow(
      expect.objectContaining({ name: 'ExtractError', line: 3 }),
    );
    expect(() => extractText(lock([{ name: 'a/b' }]))).toThrow(
      expect.objectContaining({ message: 'a package in `packages` has no name or version', line: 4 }),
    );
  });

  it('reads 20,000 packages quickly', () => {
    const many = Array.from({ length: 20_000 }, (_, i) => ({
      name: `v/p${i}`,
      version: `1.0.${i}`,
      require: { php: '>=8', [`v/p${i + 1}`]: '*' },
      license: ['MIT'],
    }));
    const { components } = extractText(lock(many));
    expect(components).toHaveLength(20_000);
    expect(components[0]?.dependencies).toEqual(['pkg:composer/v/p1@1.0.1']);
  });
});

describe.skipIf(!existsSync(COMPOSER))('composer composer.lock (real)', () => {
  // Counted independently with a one-off script: 18 packages and 8 packages-dev; 10 versions carry a
  // leading v (symfony/*, react/promise, phpspec/prophecy); 13 non-platform requirements, all locked.
  // No composer.json beside it, so direct = required by no other package: 15 of the 26 (psr/log,
  // composer/pcre, symfony/debug, the polyfills and the sebastian/* and doctrine/phpdocumentor
  // packages are required by others). Every dist shasum is empty.
  const { components, skipped } = composerLockExtractor.extract(
    inputFromFile(join(COMPOSER, 'composer.lock'), 'Packagist/composer/composer.lock'),
  );

  it('gives 26 packages, 8 of them development and 15 direct', () => {
    expect(components).toHaveLength(26);
    expect(skipped).toEqual([]);
    expect(components.filter((c) => c.scope === 'development')).toHaveLength(8);
    expect(components.filter((c) => c.direct)).toHaveLength(15);
    expect(components.reduce((sum, c) => sum + c.dependencies.length, 0)).toBe(13);
    expect(components.some((c) => c.version.startsWith('v') || c.hashes)).toBe(false);
  });

  it('records symfony/console without its v, with its edges and line', () => {
    expect(components.find((c) => c.name === 'symfony/console')).toMatchObject({
      version: '2.8.52',
      purl: 'pkg:composer/symfony/console@2.8.52',
      direct: true,
      dependencies: ['pkg:composer/symfony/debug@2.8.52', 'pkg:composer/symfony/polyfill-mbstring@1.19.0'],
      location: { line: 733 },
      licenses: ['MIT'],
    });
  });
});
