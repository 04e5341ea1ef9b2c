import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExtractError } from '../extractor.js';
import { extractPackageLock, packageLockExtractor } from './package-lock.js';
import { component, FIXTURES, fileInput, memoryInput, qualifiers, REAL_LOCKFILES, tally } from './test-input.js';

const TESTDATA = join(FIXTURES, 'packagelockjson/testdata');
const fixture = (name: string) => extractPackageLock(fileInput(join(TESTDATA, name), 'package-lock.json'));

describe('packageLockExtractor.matches', () => {
  it('reads package-lock.json and npm-shrinkwrap.json, not the hidden lockfile in node_modules', () => {
    expect(packageLockExtractor.matches('web/package-lock.json')).toBe(true);
    expect(packageLockExtractor.matches('npm-shrinkwrap.json')).toBe(true);
    expect(packageLockExtractor.matches('node_modules/.package-lock.json')).toBe(false);
    expect(packageLockExtractor.matches('package.json')).toBe(false);
  });
});

describe.skipIf(!existsSync(TESTDATA))('package-lock.json fixtures', () => {
  it.each(readdirSync(TESTDATA).filter((name) => name.endsWith('.json')))('%s parses', (name) => {
    expect(() => fixture(name)).not.toThrow();
  });

  it('rejects a file that is not JSON, or not an object, with an ExtractError', () => {
    expect(() => fixture('not-json.txt')).toThrow(ExtractError);
    expect(() => fixture('null.v2.jsontest')).toThrow(/expected a JSON object/);
  });

  it('finds nothing in empty lockfiles', () => {
    expect(fixture('empty.v1.json')).toEqual({ components: [], skipped: [] });
    expect(fixture('empty.v2.json')).toEqual({ components: [], skipped: [] });
  });

  it('uses the real name of npm: aliases, at the line of the key', () => {
    const result = fixture('alias.v2.json');
    expect(result.components.map((found) => `${found.name}@${found.version}`)).toEqual([
      '@babel/code-frame@7.0.0',
      'string-width@5.1.2',
      'string-width@4.2.0',
    ]);
    const aliased = component(result, 'string-width', '4.2.0');
    expect(aliased.purl).toBe('pkg:npm/string-width@4.2.0');
    expect(aliased.location).toEqual({ path: 'package-lock.json', line: 32 });
    expect(aliased.direct).toBe(true);
    expect(component(result, '@babel/code-frame', '7.0.0').purl).toBe('pkg:npm/%40babel/code-frame@7.0.0');
    expect(component(result, '@babel/code-frame', '7.0.0').hashes?.[0]?.algorithm).toBe('SHA-512');
    // Version 1 spells aliases in the version field: `npm:@babel/code-frame@7.0.0`.
    expect(fixture('alias.v1.json').components.map((found) => found.purl)).toEqual(
      result.components.map((found) => found.purl),
    );
  });

  it('resolves dependencies the way node does: nested node_modules first', () => {
    const result = fixture('nested-dependencies.v2.json');
    expect(component(result, 'postcss-calc', '7.0.1').dependencies).toEqual(['pkg:npm/postcss@7.0.16']);
    expect(component(result, 'postcss', '7.0.16').dependencies).toEqual(['pkg:npm/supports-color@6.1.0']);
    expect(component(result, 'postcss', '6.0.23').dependencies).toEqual(['pkg:npm/supports-color@5.5.0']);
    const v1 = fixture('nested-dependencies.v1.json');
    expect(component(v1, 'postcss-calc', '7.0.1').dependencies).toEqual(['pkg:npm/postcss@7.0.16']);
    expect(component(v1, 'postcss', '7.0.16').dependencies).toEqual(['pkg:npm/supports-color@6.1.0']);
  });

  it('counts a package installed in many places once', () => {
    // 36 installed paths, of two packages: the postcss plugins and one supports-color@6.1.0 nested under each.
    const result = fixture('nested-dependencies-dup.v2.json');
    expect(result.components).toHaveLength(2);
  });

  it('merges scopes of copies: runtime over optional over development', () => {
    const result = fixture('same-package-different-groups.v2.json');
    // ajv is dev at node_modules/ajv, but plain (runtime) under table.
    expect(component(result, 'ajv', '5.5.2')).toMatchObject({ scope: 'runtime', location: { line: 10 } });
    expect(component(result, 'eslint', '1.2.3').scope).toBe('development');
  });

  it('reads dev, optional and devOptional flags', () => {
    const v2 = fixture('optional-package.v2.json');
    expect(component(v2, 'wrappy', '1.0.2')).toMatchObject({ scope: 'optional', direct: true });
    expect(component(v2, 'supports-color', '5.5.0')).toMatchObject({ scope: 'optional', direct: false });
    // dev and optional together: an optional dev dependency.
    expect(component(fixture('optional-package.v1.json'), 'wrappy', '1.0.2').scope).toBe('development');
  });

  it('reads licenses and marks what the root entry declares as direct', () => {
    const result = fixture('bundled-dependencies.v3.json');
    expect(component(result, 'strip-ansi', '7.1.2')).toMatchObject({
      scope: 'runtime',
      direct: true,
      licenses: ['MIT'],
      dependencies: ['pkg:npm/ansi-regex@6.2.2'],
    });
    expect(component(result, 'semver', '7.7.2')).toMatchObject({
      scope: 'development',
      direct: true,
      licenses: ['ISC'],
    });
    expect(component(result, 'ansi-regex', '6.2.2').direct).toBe(false);
  });

  it('keeps git packages with a version as components, their repository and commit in the purl', () => {
    const result = fixture('commits.v2.json');
    // 14 installed paths: 2 registry packages, 11 git packages with a version (is-number-1/2/3 also
    // nested under postcss-calc, at other commits: other purls), raven-js from git without a version.
    expect(result.components.map((found) => `${found.name}@${found.version}`)).toEqual([
      '@segment/analytics.js-integration-facebook-pixel@2.4.1',
      'ansi-styles@1.0.0',
      'babel-preset-php@1.1.1',
      'is-number-1@3.0.0',
      'is-number-2@2.0.0',
      'is-number-3@2.0.0',
      'is-number-4@3.0.0',
      'is-number-5@3.0.0',
      'postcss-calc@7.0.1',
      'is-number-1@3.0.0',
      'is-number-2@2.0.0',
      'is-number-3@3.0.0',
      'slick-carousel@1.7.1',
    ]);
    expect(component(result, 'babel-preset-php', '1.1.1')).toMatchObject({
      purl: 'pkg:npm/babel-preset-php@1.1.1?vcs_url=git%2Bhttps%3A%2F%2Fgitlab.com%2Fkornelski%2Fbabel-preset-php%40c5a7ba5e0ad98b8db1cb8ce105403dd4b768cced',
      scope: 'development',
      direct: true,
      licenses: ['MIT'],
      location: { line: 50 },
    });
    // git+ssh, and an https URL with a token: the same https repository, no token.
    expect(qualifiers(component(result, 'is-number-5', '3.0.0'))).toEqual({
      vcs_url: 'git+https://github.com/jonschlinkert/is-number@af885e2e890b9ef0875edd2b117305119ee5bdc5',
    });
    expect(qualifiers(component(result, 'is-number-4', '3.0.0'))).toEqual(
      qualifiers(component(result, 'is-number-5', '3.0.0')),
    );
    expect(JSON.stringify(result)).not.toContain('dummy-token');
    expect(result.skipped).toEqual([
      {
        name: 'raven-js',
        reason:
          'a git repository (git+ssh://git@github.com/getsentry/raven-js.git#c2b377e7a254264fd4a1fe328e4e3cfc9e245570) with no version recorded in the lockfile',
        location: { path: 'package-lock.json', line: 163 },
      },
    ]);
  });

  it('version 1 writes a git source instead of the version: skipped, credentials masked', () => {
    const result = fixture('commits.v1.json');
    expect(result.components.map((found) => found.name)).toEqual(['ansi-styles', 'postcss-calc']);
    expect(result.skipped).toHaveLength(13);
    expect(result.skipped.find((skipped) => skipped.name === 'raven-js')).toMatchObject({
      reason: expect.stringMatching(
        /^a git repository \(git\+ssh:\/\/git@github\.com\/getsentry\/raven-js\.git#c2b3.* with no version/,
      ),
      location: { line: 93 },
    });
    expect(JSON.stringify(result.skipped)).not.toContain('dummy-token');
  });

  it('skips local folders and paths', () => {
    const files = fixture('files.v2.json');
    expect(files.skipped).toEqual([
      {
        name: 'deps/etag',
        reason: 'a local folder (deps/etag), not a registry package',
        location: { path: 'package-lock.json', line: 16 },
      },
    ]);
    expect(files.components.map((found) => `${found.name}@${found.version}`)).toEqual(['abbrev@1.0.9', 'abbrev@2.3.4']);
    expect(fixture('files.v1.json').skipped.map((skipped) => skipped.reason)).toEqual([
      'a local path (file:deps/other_package), not a registry package',
    ]);
  });

  it('ignores package-lock.json when npm-shrinkwrap.json is beside it (npm uses the shrinkwrap)', () => {
    const both = join(TESTDATA, 'both');
    expect(extractPackageLock(fileInput(join(both, 'package-lock.json'))).components).toEqual([]);
    expect(extractPackageLock(fileInput(join(both, 'npm-shrinkwrap.json'))).components).toHaveLength(2);
    const only = extractPackageLock(fileInput(join(TESTDATA, 'package-lock-only/package-lock.json')));
    expect(only.components.filter((found) => found.direct)).toHaveLength(2);
  });
});

describe('package-lock.json edge cases', () => {
  it('reports the line of a JSON syntax error', () => {
    try {
      extractPackageLock(memoryInput('package-lock.json', '{\n  "packages": {\n    "x": }\n}'));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ExtractError);
      expect((error as ExtractError).line).toBe(3);
    }
  });

  it('v1: direct dependencies come from the package.json beside the lockfile', () => {
    const lock = {
      lockfileVersion: 1,
      dependencies: {
        a: { version: '1.0.0', requires: { b: '^2.0.0' }, dependencies: { b: { version: '2.0.0' } } },
        b: { version: '1.0.0', dev: true },
      },
    };
    const input = memoryInput('package-lock.json', JSON.stringify(lock, null, 2), {
      'package.json': JSON.stringify({ dependencies: { a: '^1.0.0' }, devDependencies: { b: '^1.0.0' } }),
    });
    const result = extractPackageLock(input);
    // Lines of the keys: the nested "b" (line 10), not the "b" of a's requires (line 7).
    expect(result.components.map((found) => [found.purl, found.direct, found.scope, found.location.line])).toEqual([
      ['pkg:npm/a@1.0.0', true, 'runtime', 4],
      ['pkg:npm/b@2.0.0', false, 'runtime', 10],
      ['pkg:npm/b@1.0.0', true, 'development', 15],
    ]);
    expect(component(result, 'a', '1.0.0').dependencies).toEqual(['pkg:npm/b@2.0.0']);
  });

  it('workspaces: links are skipped once, and the workspace folders declare direct dependencies', () => {
    const lock = {
      lockfileVersion: 3,
      packages: {
        '': { name: 'root', workspaces: ['packages/*'], devDependencies: { tool: '^1.0.0' } },
        'packages/app': { name: 'app', version: '0.1.0', dependencies: { lib: '^2.0.0', shared: '*' } },
        'packages/app/node_modules/lib': { version: '2.0.0', dependencies: { tool: '*' } },
        'node_modules/lib': { version: '1.0.0' },
        'node_modules/shared': { resolved: 'packages/shared', link: true },
        'packages/shared': { name: 'shared', version: '0.1.0' },
        'node_modules/app': { resolved: 'packages/app', link: true },
        'node_modules/tool': { version: '1.0.0', dev: true },
      },
    };
    const result = extractPackageLock(memoryInput('package-lock.json', JSON.stringify(lock, null, 2)));
    expect(result.components.map((found) => [found.purl, found.direct])).toEqual([
      ['pkg:npm/lib@2.0.0', true],
      ['pkg:npm/lib@1.0.0', false],
      ['pkg:npm/tool@1.0.0', true],
    ]);
    expect(component(result, 'lib', '2.0.0').dependencies).toEqual(['pkg:npm/tool@1.0.0']);
    expect(result.skipped.map((skipped) => [skipped.name, skipped.reason])).toEqual([
      ['shared', 'a workspace or local link (link:packages/shared), not a registry package'],
      ['app', 'a workspace or local link (link:packages/app), not a registry package'],
    ]);
  });

  it('keeps tarballs from URLs that are not a registry layout, with their download URL', () => {
    const lock = {
      lockfileVersion: 3,
      packages: {
        '': { dependencies: { x: 'https://example.com/x.tgz' } },
        'node_modules/x': {
          version: '1.0.0',
          // Built at run time: no test source holds a literal credential (paved scans itself).
          resolved: `https://deploy:${['hun', 'ter2'].join('')}@example.com/x.tgz`,
          dependencies: { y: '^2.0.0' },
        },
        'node_modules/y': { version: '2.0.0', resolved: 'https://registry.npmjs.org/y/-/y-2.0.0.tgz' },
        'node_modules/z': { resolved: 'https://example.com/z.tgz' },
      },
    };
    const result = extractPackageLock(memoryInput('package-lock.json', JSON.stringify(lock, null, 2)));
    expect(result.components.map((found) => [found.purl, found.direct, found.dependencies])).toEqual([
      ['pkg:npm/x@1.0.0?download_url=https%3A%2F%2Fexample.com%2Fx.tgz', true, ['pkg:npm/y@2.0.0']],
      ['pkg:npm/y@2.0.0', false, []],
    ]);
    expect(JSON.stringify(result)).not.toContain('hunter2');
    expect(result.skipped.map((skipped) => [skipped.name, skipped.reason])).toEqual([
      ['z', 'a URL (https://example.com/z.tgz) with no version recorded in the lockfile'],
    ]);
  });
});

describe.skipIf(!existsSync(REAL_LOCKFILES))('real package-lock.json files', () => {
  it('vscode (lockfile v3, 1,691 entries)', () => {
    const result = extractPackageLock(fileInput(join(REAL_LOCKFILES, 'vscode/package-lock.json')));
    // Counted with a separate script: 1,690 installed paths (all from the registry) are 1,392 distinct
    // name@version; scope is the strongest over copies (dev -> development, optional/devOptional ->
    // optional); direct = the root entry's 150 declarations resolved from the root, 149 distinct packages.
    expect(tally(result)).toEqual({
      components: 1392,
      runtime: 129,
      development: 1261,
      optional: 2,
      direct: 149,
      skipped: 0,
    });
    expect(component(result, '@vscode/sqlite3', '5.1.6-vscode')).toMatchObject({
      scope: 'runtime',
      direct: true,
      location: { line: 2941 },
    });
  });

  it('prometheus web UI (lockfile v3 with three workspaces)', () => {
    const result = extractPackageLock(fileInput(join(REAL_LOCKFILES, 'prometheus-web-ui/package-lock.json')));
    // Counted with a separate script: 694 installed paths, 3 of them workspace links; the other 691 are
    // 651 distinct name@version. Direct = declarations of the root and of the workspace folders
    // (mantine-ui, module/codemirror-promql, module/lezer-promql) resolved from each folder.
    expect(tally(result)).toEqual({
      components: 651,
      runtime: 133,
      development: 516,
      optional: 2,
      direct: 66,
      skipped: 3,
    });
    expect(result.skipped.map((skipped) => skipped.name)).toEqual([
      '@prometheus-io/codemirror-promql',
      '@prometheus-io/lezer-promql',
      '@prometheus-io/mantine-ui',
    ]);
    // Declared by the mantine-ui workspace; its optional peers react and react-redux are installed.
    expect(component(result, '@reduxjs/toolkit', '2.9.0')).toMatchObject({
      scope: 'runtime',
      direct: true,
      licenses: ['MIT'],
      location: { line: 2318 },
      dependencies: [
        'pkg:npm/%40standard-schema/spec@1.0.0',
        'pkg:npm/%40standard-schema/utils@0.3.0',
        'pkg:npm/immer@10.1.1',
        'pkg:npm/react-redux@9.2.0',
        'pkg:npm/react@19.1.1',
        'pkg:npm/redux-thunk@3.1.0',
        'pkg:npm/redux@5.0.1',
        'pkg:npm/reselect@5.1.1',
      ],
    });
    // @babel/core gets its own nested semver 6.3.1, not the hoisted 7.7.2.
    expect(component(result, '@babel/core', '7.28.4').dependencies).toContain('pkg:npm/semver@6.3.1');
    expect(component(result, '@babel/core', '7.28.4').dependencies).not.toContain('pkg:npm/semver@7.7.2');
  });
});

describe('a large package-lock.json', () => {
  /** Lockfile v3 with `count` packages: every tenth nested under the previous one, half of them dev. */
  function generateLockfile(count: number): string {
    const packages: Record<string, unknown> = {
      '': {
        name: 'big',
        version: '1.0.0',
        dependencies: { 'pkg-0': '^1.0.0' },
        devDependencies: { 'pkg-1': '^1.0.0' },
      },
    };
    for (let index = 0; index < count; index++) {
      const path =
        index % 10 === 9 ? `node_modules/pkg-${index - 1}/node_modules/pkg-${index}` : `node_modules/pkg-${index}`;
      packages[path] = {
        version: `1.0.${index}`,
        resolved: `https://registry.npmjs.org/pkg-${index}/-/pkg-${index}-1.0.${index}.tgz`,
        integrity: `sha512-${Buffer.alloc(64, index % 256).toString('base64')}`,
        license: 'MIT',
        dependencies: index + 1 < count ? { [`pkg-${index + 1}`]: '^1.0.0' } : {},
        ...(index % 2 === 1 ? { dev: true } : {}),
      };
    }
    return JSON.stringify({ name: 'big', lockfileVersion: 3, requires: true, packages }, null, 2);
  }

  it('extracts 20,000 packages with their edges', () => {
    const result = extractPackageLock(memoryInput('package-lock.json', generateLockfile(20_000)));
    expect(tally(result)).toEqual({ components: 20_000, runtime: 10_000, development: 10_000, direct: 2, skipped: 0 });
    // pkg-9 is nested under pkg-8, so pkg-8 finds it in its own node_modules; pkg-9 finds pkg-10 at the top.
    expect(component(result, 'pkg-8', '1.0.8').dependencies).toEqual(['pkg:npm/pkg-9@1.0.9']);
    expect(component(result, 'pkg-9', '1.0.9').dependencies).toEqual(['pkg:npm/pkg-10@1.0.10']);
    expect(result.components.filter((found) => found.dependencies.length === 1)).toHaveLength(19_999);
  });
});
