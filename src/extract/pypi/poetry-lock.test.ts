import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExtractResult } from '../component.js';
import { ExtractError } from '../extractor.js';
import { poetryLockExtractor } from './poetry-lock.js';
import { component, FIXTURES, ids, inputFromFile, inputFromText, qualifiers, REAL } from './test-input.js';

const DIR = join(FIXTURES, 'poetrylock/testdata');
const POETRY = join(REAL, 'poetry/poetry.lock');
const read = (name: string): ExtractResult =>
  poetryLockExtractor.extract(inputFromFile(join(DIR, name), 'poetry.lock'));

describe('poetry.lock matching', () => {
  it('reads poetry.lock only', () => {
    expect(poetryLockExtractor.matches('app/poetry.lock')).toBe(true);
    expect(poetryLockExtractor.matches('app/poetry.lock.bak')).toBe(false);
    expect(poetryLockExtractor.matches('pdm.lock')).toBe(false);
  });
});

describe.skipIf(!existsSync(DIR))('poetry.lock fixtures', () => {
  it('reads every fixture, and refuses the one that is not TOML with its line', () => {
    for (const name of readdirSync(DIR)) {
      if (name === 'not-toml.txt') continue;
      expect(() => read(name), name).not.toThrow();
    }
    expect(() => read('not-toml.txt')).toThrow(ExtractError);
    expect(() => read('not-toml.txt')).toThrow(expect.objectContaining({ line: 1 }));
  });

  it('gives nothing for empty locks', () => {
    expect(read('empty-file.lock')).toEqual({ components: [], skipped: [] });
    expect(read('empty.lock')).toEqual({ components: [], skipped: [] });
  });

  it('reads one package of an old lock, with hashes from [metadata.files]', () => {
    expect(read('one-package.lock').components).toEqual([
      {
        ecosystem: 'PyPI',
        name: 'numpy',
        version: '1.23.3',
        purl: 'pkg:pypi/numpy@1.23.3',
        scope: 'runtime',
        direct: true,
        dependencies: [],
        location: { path: 'poetry.lock', line: 1 },
      },
    ]);
    expect(component(read('one-package-with-metadata.lock'), 'emoji').hashes).toEqual([
      { algorithm: 'SHA-256', value: '297fac7ec9e86f7b602792c28eb6f04819ba67ab88a34c56afcde52243a9a105' },
    ]);
  });

  it('makes optional = true optional', () => {
    expect(component(read('optional-package.lock'), 'numpy').scope).toBe('optional');
  });

  it('links dependencies and takes the package nothing depends on as direct (no pyproject.toml)', () => {
    const result = read('two-packages.lock');
    expect(component(result, 'proto-plus')).toMatchObject({ direct: true, dependencies: ['pkg:pypi/protobuf@4.21.5'] });
    expect(component(result, 'protobuf')).toMatchObject({ direct: false, location: { line: 15 } });
  });

  it('reads Poetry 2 groups, optional packages, and two versions of one name', () => {
    const result = read('multiple-packages.v2.lock');
    expect(result.components.map((c) => [c.name, c.version, c.scope, c.direct, c.location.line])).toEqual([
      ['async-timeout', '5.0.1', 'optional', false, 3],
      ['factory-boy', '3.3.1', 'development', true, 16],
      ['faker', '33.3.0', 'development', false, 35],
      ['proto-plus', '1.22.0', 'runtime', true, 51],
      ['proto-plus', '1.23.0', 'runtime', true, 70],
      ['protobuf', '4.25.5', 'runtime', false, 89],
      ['python-dateutil', '2.9.0.post0', 'development', false, 110],
      ['redis', '5.2.1', 'optional', true, 125],
      // groups ["main", "dev", "test"]: main makes it runtime.
      ['six', '1.17.0', 'runtime', false, 145],
      ['typing-extensions', '4.12.2', 'development', false, 157],
      ['urllib3', '2.3.0', 'development', true, 169],
    ]);
    // `Faker = ">=0.7.0"` is written with another case: names are compared normalised.
    expect(component(result, 'factory-boy').dependencies).toEqual(['pkg:pypi/faker@33.3.0']);
    expect(component(result, 'protobuf').hashes).toHaveLength(11);
  });

  it('finds each [[package]] line, not a name inside a string or a sub-table', () => {
    expect(
      read('names-outside-package-block.lock').components.map((c) => `${c.name}@${c.version}:${c.location.line}`),
    ).toEqual(['first-pkg@1.0.0:3', 'second-pkg@2.0.0:15']);
  });

  it('keeps git sources as components with the commit in their purl, and packages from another index', () => {
    const result = read('source-git.lock');
    expect(result.skipped).toEqual([]);
    expect(result.components).toEqual([
      {
        ecosystem: 'PyPI',
        name: 'ike',
        version: '0.2.0',
        purl: 'pkg:pypi/ike@0.2.0?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fdzshn%2Fike%40cd66602cd29f61a2d2e7fb995fef1e61708c034d',
        scope: 'runtime',
        direct: true,
        dependencies: [],
        location: { path: 'poetry.lock', line: 1 },
      },
    ]);
    // `reference` is the branch asked for; `resolved_reference` the commit installed.
    expect(qualifiers(component(result, 'ike'))).toEqual({
      vcs_url: 'git+https://github.com/dzshn/ike@cd66602cd29f61a2d2e7fb995fef1e61708c034d',
    });
    expect(ids(read('source-legacy.lock'))).toEqual(['appdirs@1.4.4']);
  });
});

describe.skipIf(!existsSync(POETRY))('poetry (real lock, category main/dev, with pyproject.toml)', () => {
  const result = poetryLockExtractor.extract(inputFromFile(POETRY));

  it('has every package, scoped by category', () => {
    // Counted with Python's tomllib: 106 [[package]] entries, 106 distinct name@version (14 names are
    // locked at two or three versions), category main 54 and dev 52, none optional.
    expect(result.components).toHaveLength(106);
    expect(result.skipped).toEqual([]);
    expect(result.components.filter((c) => c.scope === 'runtime')).toHaveLength(54);
    expect(result.components.filter((c) => c.scope === 'development')).toHaveLength(52);
  });

  it('takes direct dependencies from pyproject.toml', () => {
    // 22 [tool.poetry.dependencies] names (python left out) and 13 dev-dependencies name 41 locked
    // packages (keyring, pygments, pre-commit... at several versions); 24 of them have category main.
    const direct = result.components.filter((c) => c.direct);
    expect(direct).toHaveLength(41);
    expect(direct.filter((c) => c.scope === 'runtime')).toHaveLength(24);
    expect(component(result, 'cachecontrol').direct).toBe(true);
    expect(component(result, 'pytest').direct).toBe(true);
    expect(component(result, 'certifi').direct).toBe(false);
  });

  it('resolves a dependency to the locked versions its constraint accepts', () => {
    // requests 2.21.0 wants urllib3 ">=1.21.1,<1.25"; requests 2.22.0 accepts both locked urllib3.
    expect(component(result, 'requests', '2.21.0').dependencies).toContain('pkg:pypi/urllib3@1.24.3');
    expect(component(result, 'requests', '2.21.0').dependencies).not.toContain('pkg:pypi/urllib3@1.25.7');
    expect(component(result, 'requests', '2.22.0').dependencies).toEqual(
      expect.arrayContaining(['pkg:pypi/urllib3@1.24.3', 'pkg:pypi/urllib3@1.25.7']),
    );
    // keyring 18.0.1: secretstorage = { version = "<3", python = "<3.5" } (a sub-table).
    expect(component(result, 'keyring', '18.0.1').dependencies).toEqual([
      'pkg:pypi/entrypoints@0.3',
      'pkg:pypi/pywin32-ctypes@0.2.0',
      'pkg:pypi/secretstorage@2.3.1',
    ]);
  });

  it('gives each version of a name its own hashes from [metadata.files]', () => {
    expect(component(result, 'urllib3', '1.24.3')).toMatchObject({
      location: { line: 1274 },
      hashes: [
        { algorithm: 'SHA-256', value: 'a637e5fae88995b256e3409dc4d52c2e2e0ba32c42a6365fee8bbd2238de3cfb' },
        { algorithm: 'SHA-256', value: '2393a695cd12afedd0dcb26fe5d50d0cf248e5a66f75dbd89a3d4eb333a61af4' },
      ],
    });
    expect(component(result, 'aspy-yaml').hashes).toHaveLength(2);
  });

  it('without pyproject.toml, takes as direct the packages nothing depends on', () => {
    const alone = poetryLockExtractor.extract(inputFromText('poetry.lock', readFileSync(POETRY, 'utf8')));
    // 28 name@version entries whose name no [package.dependencies] of the lock mentions (tomllib).
    expect(alone.components.filter((c) => c.direct)).toHaveLength(28);
    expect(component(alone, 'black').direct).toBe(true);
    expect(component(alone, 'six').direct).toBe(false);
  });
});

describe('poetry.lock edge cases', () => {
  const lock = [
    '[[package]]',
    'name = "app-lib"',
    'version = "1.0.0"',
    'optional = false',
    '',
    '[package.dependencies]',
    'shared = ">=1"',
    '',
    '[[package]]',
    'name = "pytest"',
    'version = "8.0.0"',
    'optional = false',
    '',
    '[package.dependencies]',
    'shared = "*"',
    'pluggy = "*"',
    '',
    '[[package]]',
    'name = "shared"',
    'version = "1.2.0"',
    'optional = false',
    '',
    '[[package]]',
    'name = "pluggy"',
    'version = "1.4.0"',
    'optional = false',
    '',
    '[[package]]',
    'name = "local-tool"',
    'version = "0.1.0"',
    'optional = false',
    '',
    '[package.source]',
    'type = "directory"',
    'url = "../tool"',
    '',
    '[metadata]',
    'lock-version = "2.0"',
  ].join('\n');
  const pyproject =
    '[tool.poetry.dependencies]\npython = "^3.11"\napp-lib = "^1"\n\n[tool.poetry.group.test.dependencies]\npytest = "^8"\n';

  it('scopes a lock without category or groups by what pyproject.toml groups reach', () => {
    const result = poetryLockExtractor.extract(inputFromText('poetry.lock', lock, { 'pyproject.toml': pyproject }));
    expect(result.components.map((c) => [c.name, c.scope, c.direct])).toEqual([
      ['app-lib', 'runtime', true],
      ['pytest', 'development', true],
      // needed by both: runtime wins.
      ['shared', 'runtime', false],
      ['pluggy', 'development', false],
    ]);
    expect(result.skipped).toEqual([
      {
        name: 'local-tool',
        reason: 'installed from a local path (../tool), not a released version from the index',
        location: { path: 'poetry.lock', line: 28 },
      },
    ]);
  });

  it('refuses a package without a name, at its line', () => {
    const input = inputFromText(
      'poetry.lock',
      '[[package]]\nname = "a"\nversion = "1"\n\n[[package]]\nversion = "2"\n',
    );
    expect(() => poetryLockExtractor.extract(input)).toThrow(
      expect.objectContaining({ name: 'ExtractError', line: 5 }),
    );
  });
});

describe('poetry.lock URL and editable git sources', () => {
  const lock = [
    '[[package]]',
    'name = "archived"',
    'version = "2.0.0"',
    '',
    '[package.source]',
    'type = "url"',
    'url = "https://downloads.example.com/archived-2.0.0.tar.gz?token=abc123"',
    '',
    '[[package]]',
    'name = "hacking"',
    'version = "0.3.0"',
    'develop = true',
    '',
    '[package.source]',
    'type = "git"',
    'url = "https://github.com/o/hacking.git"',
    'reference = "main"',
    'resolved_reference = "0123456789abcdef0123456789abcdef01234567"',
  ].join('\n');

  it('gives a URL source its download_url (no token) and skips an editable git checkout', () => {
    const result = poetryLockExtractor.extract(inputFromText('poetry.lock', lock));
    expect(result.components.map((c) => [c.name, c.version, qualifiers(c)])).toEqual([
      ['archived', '2.0.0', { download_url: 'https://downloads.example.com/archived-2.0.0.tar.gz' }],
    ]);
    expect(result.skipped).toEqual([
      {
        name: 'hacking',
        reason:
          'installed from an editable git checkout (https://github.com/o/hacking.git), not a released version from the index',
        location: { path: 'poetry.lock', line: 9 },
      },
    ]);
  });
});
