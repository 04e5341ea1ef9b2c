import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExtractResult } from '../component.js';
import { ExtractError } from '../extractor.js';
import { component, FIXTURES, inputFromFile, inputFromText, qualifiers, REAL } from './test-input.js';
import { uvLockExtractor } from './uv-lock.js';

const DIR = join(FIXTURES, 'uvlock/testdata');
const PYDANTIC = join(REAL, 'pydantic/uv.lock');
const read = (name: string): ExtractResult => uvLockExtractor.extract(inputFromFile(join(DIR, name), 'uv.lock'));
const summary = (result: ExtractResult) => result.components.map((c) => [c.name, c.scope, c.direct]);

describe('uv.lock matching', () => {
  it('reads uv.lock only', () => {
    expect(uvLockExtractor.matches('svc/uv.lock')).toBe(true);
    expect(uvLockExtractor.matches('svc/poetry.lock')).toBe(false);
  });
});

describe.skipIf(!existsSync(DIR))('uv.lock fixtures', () => {
  it('reads every fixture, and refuses the one that is not TOML', () => {
    for (const name of readdirSync(DIR)) {
      if (name === 'not-toml.txt') continue;
      expect(() => read(name), name).not.toThrow();
    }
    expect(() => read('not-toml.txt')).toThrow(ExtractError);
  });

  it('gives nothing when only the project itself is locked', () => {
    for (const name of ['empty.lock', 'no-packages.lock', 'no-dependencies.lock']) {
      expect(read(name), name).toEqual({ components: [], skipped: [] });
    }
  });

  it('reads a registry package with its sdist and wheel hashes; the project is not a component', () => {
    expect(read('one-package.lock').components).toEqual([
      {
        ecosystem: 'PyPI',
        name: 'emoji',
        version: '2.14.0',
        purl: 'pkg:pypi/emoji@2.14.0',
        scope: 'runtime',
        direct: true,
        dependencies: [],
        location: { path: 'uv.lock', line: 4 },
        hashes: [
          { algorithm: 'SHA-256', value: 'f68ac28915a2221667cddb3e6c589303c3c6954c6c5af6fefaec7f9bdf72fdca' },
          { algorithm: 'SHA-256', value: 'fcc936bf374b1aec67dda5303ae99710ba88cc9cdce2d1a71c5f2204e6d78799' },
        ],
      },
    ]);
    expect(component(read('two-packages.lock'), 'protobuf')).toMatchObject({ direct: true, location: { line: 13 } });
    expect(component(read('two-packages.lock'), 'protobuf').hashes).toHaveLength(7);
  });

  it('keeps a git package as a component, with the repository and commit in its purl', () => {
    const result = read('source-git.lock');
    expect(result.skipped).toEqual([]);
    expect(result.components).toEqual([
      {
        ecosystem: 'PyPI',
        name: 'ruff',
        version: '0.8.1',
        purl: 'pkg:pypi/ruff@0.8.1?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fastral-sh%2Fruff%4084748be16341b76e073d117329f7f5f4ee2941ad',
        scope: 'runtime',
        direct: true,
        dependencies: [],
        location: { path: 'uv.lock', line: 4 },
      },
    ]);
    expect(qualifiers(component(result, 'ruff'))).toEqual({
      vcs_url: 'git+https://github.com/astral-sh/ruff@84748be16341b76e073d117329f7f5f4ee2941ad',
    });
  });

  it("scopes by reachability: the project's dependencies runtime, its extras optional", () => {
    const result = read('grouped-packages.lock');
    expect(summary(result)).toEqual([
      ['black', 'optional', true],
      ['click', 'optional', true],
      ['colorama', 'optional', false],
      ['emoji', 'runtime', true],
      ['flake8', 'optional', true],
      ['mccabe', 'optional', false],
      ['mypy-extensions', 'optional', false],
      ['packaging', 'optional', false],
      ['pathspec', 'optional', false],
      ['platformdirs', 'optional', false],
      ['pycodestyle', 'optional', false],
      ['pyflakes', 'optional', false],
      ['tomli', 'optional', false],
      ['typing-extensions', 'optional', false],
    ]);
    expect(component(result, 'black').dependencies).toEqual([
      'pkg:pypi/click@8.1.7',
      'pkg:pypi/mypy-extensions@1.0.0',
      'pkg:pypi/packaging@24.2',
      'pkg:pypi/pathspec@0.12.1',
      'pkg:pypi/platformdirs@4.3.6',
      'pkg:pypi/tomli@2.2.1',
      'pkg:pypi/typing-extensions@4.12.2',
    ]);
  });

  it('finds each [[package]] line; without a project entry every package counts as runtime', () => {
    expect(
      read('names-outside-package-block.lock').components.map((c) => [c.name, c.location.line, c.scope, c.direct]),
    ).toEqual([
      ['first-pkg', 3, 'runtime', true],
      ['second-pkg', 15, 'runtime', true],
    ]);
  });
});

describe.skipIf(!existsSync(PYDANTIC))('pydantic (real uv.lock)', () => {
  const result = uvLockExtractor.extract(inputFromFile(PYDANTIC));

  it('has every locked package but the editable project; the git one carries its source', () => {
    // Counted with Python's tomllib: 112 [[package]] entries, 110 from the registry, plus pydantic
    // itself (editable ".") and pydantic-extra-types (git, version 2.10.0 at commit f27a132).
    expect(result.components).toHaveLength(111);
    expect(result.skipped).toEqual([]);
    expect(component(result, 'pydantic-extra-types')).toMatchObject({
      version: '2.10.0',
      // A dev dependency (groups "all" and "docs") of the project.
      scope: 'development',
      direct: true,
      location: { line: 1632 },
      // It also depends on pydantic, the project itself: not a component.
      dependencies: ['pkg:pypi/typing-extensions@4.12.2'],
    });
    expect(qualifiers(component(result, 'pydantic-extra-types'))).toEqual({
      vcs_url: 'git+https://github.com/pydantic/pydantic-extra-types@f27a1325de5112ccd86b192645bfbb6b633ffcae',
    });
  });

  it('scopes by what the dependencies, extras and dev groups of pydantic reach', () => {
    // Walked independently in Python (dependencies, then extras asked for with `extra = [...]`):
    // 3 runtime, 4 optional (the email and timezone extras), 104 development; 39 direct.
    const names = (scope: string) => result.components.filter((c) => c.scope === scope).map((c) => c.name);
    expect(names('runtime')).toEqual(['annotated-types', 'pydantic-core', 'typing-extensions']);
    expect(names('optional')).toEqual(['dnspython', 'email-validator', 'idna', 'tzdata']);
    expect(names('development')).toHaveLength(104);
    expect(result.components.filter((c) => c.direct)).toHaveLength(39);
    expect(component(result, 'email-validator')).toMatchObject({ direct: true, location: { line: 513 } });
    expect(component(result, 'idna').direct).toBe(false);
  });

  it("follows an extra's dependencies (mkdocs-material[imaging] needs cairosvg and pillow)", () => {
    expect(component(result, 'mkdocs-material').dependencies).toEqual(
      expect.arrayContaining(['pkg:pypi/cairosvg@2.7.1', 'pkg:pypi/pillow@10.4.0']),
    );
    expect(component(result, 'cairosvg').scope).toBe('development');
  });
});

describe('uv.lock edge cases', () => {
  const lock = `version = 1
requires-python = ">=3.9"

[manifest]
members = ["app", "helper"]

[[package]]
name = "app"
version = "0.1.0"
source = { editable = "." }
dependencies = [{ name = "helper" }, { name = "numpy", version = "1.26.4", source = { registry = "https://pypi.org/simple" } }]

[package.dev-dependencies]
test = [{ name = "pytest" }]

[[package]]
name = "helper"
version = "0.2.0"
source = { editable = "packages/helper" }
dependencies = [{ name = "six" }]

[[package]]
name = "numpy"
version = "1.26.4"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "numpy"
version = "2.1.0"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "six"
version = "1.16.0"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "pytest"
version = "8.3.0"
source = { registry = "https://pypi.org/simple" }
dependencies = [{ name = "vendored" }]

[[package]]
name = "vendored"
version = "1.0"
source = { path = "wheels/vendored-1.0-py3-none-any.whl" }
dependencies = [{ name = "pluggy" }]

[[package]]
name = "pluggy"
version = "1.5.0"
source = { registry = "https://pypi.org/simple" }
`;

  it('treats workspace members as the project and walks through skipped packages', () => {
    const result = uvLockExtractor.extract(inputFromText('uv.lock', lock));
    expect(result.components.map((c) => [c.name, c.version, c.scope, c.direct])).toEqual([
      ['numpy', '1.26.4', 'runtime', true],
      // Locked but not needed by the project's packages.
      ['numpy', '2.1.0', 'runtime', false],
      // A dependency of the member `helper`: the project declares it.
      ['six', '1.16.0', 'runtime', true],
      ['pytest', '8.3.0', 'development', true],
      // Reached through the local wheel `vendored`, which is not a component.
      ['pluggy', '1.5.0', 'development', false],
    ]);
    expect(result.skipped).toEqual([
      {
        name: 'vendored',
        reason:
          'installed from a local path (wheels/vendored-1.0-py3-none-any.whl), not a released version from the index',
        location: { path: 'uv.lock', line: 43 },
      },
    ]);
    expect(component(result, 'pytest').dependencies).toEqual([]);
  });
});

describe('uv.lock git and URL sources', () => {
  const lock = `version = 1

[[package]]
name = "app"
version = "0.1.0"
source = { virtual = "." }
dependencies = [{ name = "tool" }, { name = "archived" }, { name = "unversioned" }]

[[package]]
name = "tool"
version = "1.2.0"
source = { git = "https://user:secret@git.example.com/team/tool.git?branch=main#0123456789abcdef0123456789abcdef01234567" }
dependencies = [{ name = "archived" }]

[[package]]
name = "archived"
version = "3.0.0"
source = { url = "https://files.example.com/archived-3.0.0.tar.gz" }

[[package]]
name = "unversioned"
source = { git = "https://github.com/o/unversioned?rev=main#89abcdef0123456789abcdef0123456789abcdef" }
`;

  it('gives git and archive URL packages their source, without credentials; edges reach them', () => {
    const result = uvLockExtractor.extract(inputFromText('uv.lock', lock));
    expect(result.components.map((c) => [c.name, c.version, c.direct, qualifiers(c)])).toEqual([
      [
        'tool',
        '1.2.0',
        true,
        { vcs_url: 'git+https://git.example.com/team/tool.git@0123456789abcdef0123456789abcdef01234567' },
      ],
      ['archived', '3.0.0', true, { download_url: 'https://files.example.com/archived-3.0.0.tar.gz' }],
    ]);
    expect(JSON.stringify(result)).not.toContain('secret');
    expect(component(result, 'tool').dependencies).toEqual([component(result, 'archived').purl]);
    expect(result.skipped).toEqual([
      {
        name: 'unversioned',
        reason:
          'installed from git (https://github.com/o/unversioned?rev=main#89abcdef0123456789abcdef0123456789abcdef) with no version in the lockfile',
        location: { path: 'uv.lock', line: 20 },
      },
    ]);
  });
});
