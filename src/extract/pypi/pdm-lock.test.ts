import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExtractResult } from '../component.js';
import { ExtractError } from '../extractor.js';
import { pdmLockExtractor } from './pdm-lock.js';
import { component, FIXTURES, ids, inputFromFile, inputFromText, qualifiers } from './test-input.js';

const DIR = join(FIXTURES, 'pdmlock/testdata');
const read = (name: string): ExtractResult => pdmLockExtractor.extract(inputFromFile(join(DIR, name), 'pdm.lock'));
const summary = (result: ExtractResult) => result.components.map((c) => [c.name, c.scope, c.direct, c.location.line]);

describe('pdm.lock matching', () => {
  it('reads pdm.lock only', () => {
    expect(pdmLockExtractor.matches('pdm.lock')).toBe(true);
    expect(pdmLockExtractor.matches('uv.lock')).toBe(false);
  });
});

describe.skipIf(!existsSync(DIR))('pdm.lock fixtures', () => {
  it('reads every fixture, and refuses the one that is not TOML', () => {
    for (const name of readdirSync(DIR)) {
      if (name === 'not-toml.txt') continue;
      expect(() => read(name), name).not.toThrow();
    }
    expect(() => read('not-toml.txt')).toThrow(ExtractError);
    expect(read('empty-file.toml')).toEqual({ components: [], skipped: [] });
    expect(read('empty.toml')).toEqual({ components: [], skipped: [] });
  });

  it('reads a package with its file hashes', () => {
    expect(read('single-package.toml').components).toEqual([
      {
        ecosystem: 'PyPI',
        name: 'toml',
        version: '0.10.2',
        purl: 'pkg:pypi/toml@0.10.2',
        scope: 'runtime',
        direct: true,
        dependencies: [],
        location: { path: 'pdm.lock', line: 10 },
        hashes: [
          { algorithm: 'SHA-256', value: '806143ae5bfb6a3c6e736a764057db0e6a0e05e338b5630894a5f779cabb4f9b' },
          { algorithm: 'SHA-256', value: 'b3bda1d108d5dd99f4a20d24d9c348e91c4db7ab1b749200bded2f839ccbe68f' },
        ],
      },
    ]);
    expect(ids(read('two-packages.toml'))).toEqual(['six@1.16.0', 'toml@0.10.2']);
  });

  it('makes groups other than default development, and links dependencies with markers', () => {
    const result = read('dev-dependency.toml');
    expect(summary(result)).toEqual([
      ['pyroute2', 'development', true, 10],
      ['toml', 'runtime', true, 22],
      ['win-inet-pton', 'development', false, 33],
    ]);
    expect(component(result, 'pyroute2').dependencies).toEqual(['pkg:pypi/win-inet-pton@1.1.0']);
    // Without pyproject.toml, a group cannot be told to be an extra: development.
    expect(summary(read('optional-dependency.toml'))).toEqual(summary(result));
  });

  it('keeps a git package as a component, at the locked revision', () => {
    const result = read('git-dependency.toml');
    expect(result.skipped).toEqual([]);
    expect(result.components.map((c) => [c.name, c.version, c.scope, c.direct, c.location.line])).toEqual([
      ['toml', '0.10.2', 'runtime', true, 10],
    ]);
    expect(qualifiers(component(result, 'toml'))).toEqual({
      vcs_url: 'git+https://github.com/uiri/toml@65bab7582ce14c55cdeec2244c65ea23039c9e6f',
    });
  });

  it('finds each [[package]] line, not a name inside a string or a sub-table', () => {
    expect(
      read('names-outside-package-block.toml').components.map((c) => `${c.name}@${c.version}:${c.location.line}`),
    ).toEqual(['first-pkg@1.0.0:10', 'second-pkg@2.0.0:23']);
  });
});

describe('pdm.lock edge cases', () => {
  const lock = `[metadata]
groups = ["default", "socks", "test"]
lock_version = "4.4.1"

[[package]]
name = "requests"
version = "2.32.3"
groups = ["default"]
dependencies = ["idna<4,>=2.5", "urllib3<3,>=1.21.1"]

[[package]]
name = "requests"
version = "2.32.3"
extras = ["socks"]
groups = ["socks"]
dependencies = ["PySocks!=1.5.7,>=1.5.6", "requests==2.32.3"]

[[package]]
name = "idna"
version = "3.7"
groups = ["default"]

[[package]]
name = "urllib3"
version = "2.2.2"
groups = ["default", "test"]

[[package]]
name = "pysocks"
version = "1.7.1"
groups = ["socks"]

[[package]]
name = "pytest"
version = "8.2.2"
groups = ["test"]
`;
  const pyproject = `[project]
dependencies = ["requests>=2"]

[project.optional-dependencies]
socks = ["requests[socks]"]

[tool.pdm.dev-dependencies]
test = ["pytest"]
`;

  it('uses pyproject.toml for direct dependencies and to tell extras (optional) from dev groups', () => {
    const result = pdmLockExtractor.extract(inputFromText('pdm.lock', lock, { 'pyproject.toml': pyproject }));
    expect(result.components.map((c) => [c.name, c.scope, c.direct, c.location.line])).toEqual([
      // The `requests[socks]` entry merges into the base one: its first line, the union of its edges.
      ['requests', 'runtime', true, 5],
      ['idna', 'runtime', false, 18],
      ['urllib3', 'runtime', false, 23],
      ['pysocks', 'optional', false, 28],
      ['pytest', 'development', true, 33],
    ]);
    expect(component(result, 'requests').dependencies).toEqual([
      'pkg:pypi/idna@3.7',
      'pkg:pypi/urllib3@2.2.2',
      'pkg:pypi/pysocks@1.7.1',
    ]);
  });

  it('without pyproject.toml, takes as direct the packages nothing depends on', () => {
    const result = pdmLockExtractor.extract(inputFromText('pdm.lock', lock));
    expect(result.components.filter((c) => c.direct).map((c) => c.name)).toEqual(['requests', 'pytest']);
  });
});

describe('pdm.lock URL, editable and local sources', () => {
  const lock = `[[package]]
name = "archived"
version = "1.0.0"
url = "https://downloads.example.com/archived-1.0.0.zip"
groups = ["default"]

[[package]]
name = "checkout"
version = "2.0.0"
git = "https://github.com/o/checkout.git"
revision = "0123456789abcdef0123456789abcdef01234567"
editable = true
groups = ["default"]

[[package]]
name = "local"
version = "3.0.0"
path = "./vendor/local"
groups = ["default"]
`;

  it('gives an archive URL package its download_url; skips editable git and local paths', () => {
    const result = pdmLockExtractor.extract(inputFromText('pdm.lock', lock));
    expect(result.components.map((c) => [c.name, c.version, qualifiers(c)])).toEqual([
      ['archived', '1.0.0', { download_url: 'https://downloads.example.com/archived-1.0.0.zip' }],
    ]);
    expect(result.skipped.map((s) => [s.name, s.reason, s.location.line])).toEqual([
      [
        'checkout',
        'installed from an editable git checkout (https://github.com/o/checkout.git), not a released version from the index',
        7,
      ],
      ['local', 'installed from a local path (./vendor/local), not a released version from the index', 15],
    ]);
  });
});
