import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExtractError } from '../extractor.js';
import { extractPnpmLock, pnpmLockExtractor } from './pnpm-lock.js';
import { component, FIXTURES, fileInput, memoryInput, qualifiers, REAL_LOCKFILES, tally } from './test-input.js';

const TESTDATA = join(FIXTURES, 'pnpmlock/testdata');
const fixture = (name: string) => extractPnpmLock(fileInput(join(TESTDATA, name), 'pnpm-lock.yaml'));
const summary = (name: string) =>
  fixture(name).components.map((found) => [`${found.name}@${found.version}`, found.scope, found.direct]);

describe('pnpmLockExtractor.matches', () => {
  it('reads pnpm-lock.yaml only', () => {
    expect(pnpmLockExtractor.matches('a/pnpm-lock.yaml')).toBe(true);
    expect(pnpmLockExtractor.matches('a/pnpm-workspace.yaml')).toBe(false);
  });
});

describe.skipIf(!existsSync(TESTDATA))('pnpm-lock.yaml fixtures', () => {
  it.each(readdirSync(TESTDATA).filter((name) => name.endsWith('.yaml')))('%s parses', (name) => {
    expect(() => fixture(name)).not.toThrow();
  });

  it('rejects a file that is not a lockfile mapping', () => {
    expect(() => fixture('not-yaml.txt')).toThrow(ExtractError);
  });

  it('finds nothing in empty lockfiles', () => {
    for (const name of ['empty.yaml', 'no-packages.yaml', 'no-packages.v9.yaml', 'missing-packages.yaml']) {
      expect(fixture(name)).toEqual({ components: [], skipped: [] });
    }
  });

  it('reads dev and optional the same way in 5.x and 6.x (flags) and 9.x (importers)', () => {
    const expected = (ansi: string, uuid: string) => [
      [`ansi-regex@${ansi}`, 'runtime', true],
      ['is-number@7.0.0', 'development', true],
      [`uuid@${uuid}`, 'optional', true],
    ];
    expect(summary('mixed-groups.v53.yaml')).toEqual(expected('5.0.1', '8.3.2'));
    expect(summary('mixed-groups.v54.yaml')).toEqual(expected('5.0.1', '8.3.2'));
    expect(summary('mixed-groups.v6.yaml')).toEqual(expected('5.0.0', '8.0.0'));
    expect(summary('mixed-groups.v9.yaml')).toEqual(expected('5.0.1', '8.3.2'));
    expect(summary('one-package-dev.v9.yaml')).toEqual([['acorn@8.11.3', 'development', true]]);
  });

  it('reads keys of each version, scoped names and peer suffixes, at the line of the key', () => {
    expect(component(fixture('scoped-packages.yaml'), '@typescript-eslint/types', '5.13.0').location.line).toBe(11);
    expect(
      component(fixture('scoped-packages-v6-lockfile.yaml'), '@typescript-eslint/types', '5.57.1').location.line,
    ).toBe(10);
    const v9 = fixture('scoped-packages.v9.yaml');
    expect(component(v9, '@typescript-eslint/types', '5.62.0')).toMatchObject({
      purl: 'pkg:npm/%40typescript-eslint/types@5.62.0',
      direct: true,
      location: { line: 17 },
      hashes: [{ algorithm: 'SHA-512' }],
    });
    const peers = fixture('peer-dependencies-advanced.yaml');
    expect(component(peers, '@typescript-eslint/eslint-plugin', '5.13.0')).toMatchObject({
      direct: true,
      location: { line: 17 },
    });
    expect(component(peers, '@typescript-eslint/eslint-plugin', '5.13.0').dependencies).toContain(
      'pkg:npm/%40typescript-eslint/parser@5.13.0',
    );
  });

  it('9.x: snapshots give the edges, packages the line and integrity', () => {
    const result = fixture('peer-dependencies-advanced.v9.yaml');
    // 13 packages entries; snapshots name more packages that the trimmed fixture does not list.
    expect(result.components).toHaveLength(13);
    expect(component(result, '@typescript-eslint/parser', '5.62.0')).toMatchObject({
      direct: true,
      location: { line: 47 },
      dependencies: [
        'pkg:npm/%40typescript-eslint/typescript-estree@5.62.0',
        'pkg:npm/debug@4.3.4',
        'pkg:npm/eslint@8.57.0',
        'pkg:npm/typescript@4.9.5',
      ],
    });
    expect(summary('multiple-versions.v9.yaml')).toEqual([
      ['uuid@8.0.0', 'runtime', false],
      ['uuid@8.3.2', 'runtime', true],
      ['xmlbuilder@11.0.1', 'runtime', false],
    ]);
  });

  it('git and git host archive packages are components at their commit', () => {
    const v5 = fixture('commits.yaml');
    expect(v5.skipped).toEqual([]);
    expect(v5.components.map((found) => [found.name, found.version, found.direct, found.location.line])).toEqual([
      // The importer names another key (my-bitbucket-package, not -project): not found, not direct.
      ['my-bitbucket-package', '1.0.0', false, 14],
      ['@my-scope/my-package', '1.0.0', true, 20],
      ['@my-scope/my-other-package', '1.0.0', false, 28],
      ['faker-parser', '0.0.1', false, 34],
      ['mocks', '20.0.1', true, 42],
    ]);
    // An scp-style repository (git@bitbucket.org:...) is the https one.
    expect(qualifiers(component(v5, 'my-bitbucket-package', '1.0.0'))).toEqual({
      vcs_url: 'git+https://bitbucket.org/my-org/my-bitbucket-project@6104ae42cd32c3d724036d3964678f197b2c9cdb',
    });
    // mocks depends on faker-parser by its full key.
    expect(component(v5, 'mocks', '20.0.1').dependencies).toEqual([component(v5, 'faker-parser', '0.0.1').purl]);
    expect(qualifiers(component(v5, 'faker-parser', '0.0.1'))).toEqual({
      vcs_url: 'git+https://github.com/my-org/faker-parser@d2dc42a9351d4d89ec48c525e34f612b6d77993f',
    });

    const v9 = fixture('commits.v9.yaml');
    expect(v9.skipped).toEqual([]);
    expect(v9.components.map((found) => [found.purl, found.direct, found.location.line])).toEqual([
      [
        'pkg:npm/ansi-regex@6.0.1?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fchalk%2Fansi-regex%4002fa893d619d3da85411acc8fd4e2eea0e95a9d9',
        true,
        20,
      ],
      [
        'pkg:npm/is-number@7.0.0?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fjonschlinkert%2Fis-number%4098e8ff1da1a89f93d1397a24d7413ed15421c139',
        true,
        25,
      ],
    ]);
  });

  it('skips local folders, local tarballs and unreadable keys with their source', () => {
    expect(fixture('files.yaml').components).toEqual([]);
    expect(fixture('files.yaml').skipped.map((skipped) => skipped.reason)).toEqual([
      'a local path (file:projects/package-a.tgz), not a registry package',
      'a local path (file:../local-package), not a registry package',
      'a local path (file:../a-local-package/nested), not a registry package',
      'a local path (file:..), not a registry package',
      'a local path (file:..), not a registry package',
      'a local path (file:../nameless-package), not a registry package',
    ]);
    expect(fixture('invalid-paths.yaml').skipped.map((skipped) => skipped.name)).toEqual([
      'invalidpath1',
      'invalidpath2',
    ]);
    expect(summary('invalid-paths.yaml')).toEqual([['acorn@8.7.0', 'runtime', false]]);
  });

  it('5.x keys with a registry host and a peer hash', () => {
    expect(fixture('exotic.yaml').components.map((found) => `${found.name}@${found.version}`)).toEqual([
      'foo@1.0.0',
      '@foo/bar@1.0.0',
      'foo@1.1.0',
      '@foo/bar@1.1.0',
      'foo@1.2.0',
      'foo@1.3.0',
      'foo@1.4.0',
    ]);
  });

  it('a tarball from a registry layout (here GitLab) keeps the name and version of its entry', () => {
    expect(summary('tarball.yaml')).toEqual([['@my-org/my-package@3.2.3', 'development', true]]);
  });
});

describe('pnpm-lock.yaml edge cases', () => {
  it('9.x workspaces: links between importers are skipped, aliases resolve to the real package', () => {
    const text = [
      "lockfileVersion: '9.0'",
      'importers:',
      '  .:',
      '    devDependencies:',
      '      tool: {specifier: ^1.0.0, version: 1.0.0}',
      '  packages/app:',
      '    dependencies:',
      '      lib: {specifier: workspace:*, version: link:../lib}',
      '      string-width-cjs: {specifier: npm:string-width@^4.2.0, version: string-width@4.2.3}',
      'packages:',
      "  string-width@4.2.3: {resolution: {integrity: 'sha1-2jmj7l5rSw0yVb/vlWAYkK/YBwk='}}",
      '  tool@1.0.0: {resolution: {integrity: sha1-2jmj7l5rSw0yVb/vlWAYkK/YBwk=}}',
      'snapshots:',
      '  string-width@4.2.3: {}',
      '  tool@1.0.0:',
      '    dependencies:',
      '      string-width: 4.2.3',
    ].join('\n');
    const result = extractPnpmLock(memoryInput('pnpm-lock.yaml', text));
    expect(result.components.map((found) => [found.purl, found.scope, found.direct, found.location.line])).toEqual([
      ['pkg:npm/string-width@4.2.3', 'runtime', true, 11],
      ['pkg:npm/tool@1.0.0', 'development', true, 12],
    ]);
    expect(component(result, 'tool', '1.0.0').dependencies).toEqual(['pkg:npm/string-width@4.2.3']);
    expect(result.skipped).toEqual([
      {
        name: 'lib',
        reason: 'a workspace or local link (link:../lib), not a registry package',
        location: { path: 'pnpm-lock.yaml', line: 8 },
      },
    ]);
  });

  it('9.x: git and tarball URL packages are components; edges reach them by their full key', () => {
    const text = [
      "lockfileVersion: '9.0'",
      'importers:',
      '  .:',
      '    dependencies:',
      '      tool: {specifier: ^1.0.0, version: 1.0.0}',
      'packages:',
      '  tool@1.0.0: {resolution: {integrity: sha1-2jmj7l5rSw0yVb/vlWAYkK/YBwk=}}',
      '  forked@git+https://git.example.com/team/forked.git#0123456789abcdef0123456789abcdef01234567:',
      '    resolution: {type: git, repo: https://ci-token@git.example.com/team/forked.git, commit: 0123456789abcdef0123456789abcdef01234567}',
      '    version: 2.0.0',
      '  vendored@https://cdn.example.com/vendored-3.1.0.tgz:',
      '    resolution: {tarball: https://cdn.example.com/vendored-3.1.0.tgz}',
      '    version: 3.1.0',
      '  nameless@https://cdn.example.com/nameless.tgz:',
      '    resolution: {tarball: https://cdn.example.com/nameless.tgz}',
      'snapshots:',
      '  tool@1.0.0:',
      '    dependencies:',
      '      forked: git+https://git.example.com/team/forked.git#0123456789abcdef0123456789abcdef01234567',
      '  forked@git+https://git.example.com/team/forked.git#0123456789abcdef0123456789abcdef01234567:',
      '    dependencies:',
      '      vendored: https://cdn.example.com/vendored-3.1.0.tgz',
      '  vendored@https://cdn.example.com/vendored-3.1.0.tgz: {}',
      '  nameless@https://cdn.example.com/nameless.tgz: {}',
    ].join('\n');
    const result = extractPnpmLock(memoryInput('pnpm-lock.yaml', text));
    expect(result.components.map((found) => [found.name, found.version, found.direct, qualifiers(found)])).toEqual([
      ['tool', '1.0.0', true, {}],
      [
        'forked',
        '2.0.0',
        false,
        { vcs_url: 'git+https://git.example.com/team/forked.git@0123456789abcdef0123456789abcdef01234567' },
      ],
      ['vendored', '3.1.0', false, { download_url: 'https://cdn.example.com/vendored-3.1.0.tgz' }],
    ]);
    const forked = component(result, 'forked', '2.0.0');
    expect(component(result, 'tool', '1.0.0').dependencies).toEqual([forked.purl]);
    expect(forked.dependencies).toEqual([component(result, 'vendored', '3.1.0').purl]);
    expect(JSON.stringify(result)).not.toContain('ci-token');
    expect(result.skipped).toEqual([
      {
        name: 'nameless',
        reason: 'a URL (https://cdn.example.com/nameless.tgz) with no version recorded in the lockfile',
        location: { path: 'pnpm-lock.yaml', line: 14 },
      },
    ]);
  });

  it('pnpm 11+: reads the environment document too (pnpm itself, as a development tool)', () => {
    const text = [
      '---',
      "lockfileVersion: '9.0'",
      'importers:',
      '  .:',
      '    packageManagerDependencies:',
      '      pnpm: {specifier: 11.0.3, version: 11.0.3}',
      'packages:',
      '  pnpm@11.0.3: {resolution: {integrity: sha1-2jmj7l5rSw0yVb/vlWAYkK/YBwk=}}',
      'snapshots:',
      '  pnpm@11.0.3: {}',
      '---',
      "lockfileVersion: '9.0'",
      'importers:',
      '  .:',
      '    dependencies:',
      '      a: {specifier: ^1.0.0, version: 1.0.0}',
      'packages:',
      '  a@1.0.0: {resolution: {integrity: sha1-2jmj7l5rSw0yVb/vlWAYkK/YBwk=}}',
      'snapshots:',
      '  a@1.0.0: {}',
    ].join('\n');
    const result = extractPnpmLock(memoryInput('pnpm-lock.yaml', text));
    expect(result.components.map((found) => [found.purl, found.scope, found.direct, found.location.line])).toEqual([
      ['pkg:npm/pnpm@11.0.3', 'development', true, 8],
      ['pkg:npm/a@1.0.0', 'runtime', true, 18],
    ]);
  });

  it('reports invalid YAML with its line, and a mapping without lockfileVersion', () => {
    try {
      extractPnpmLock(memoryInput('pnpm-lock.yaml', "lockfileVersion: '9.0'\npackages:\n  a@1.0.0: {resolution: [\n"));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ExtractError);
      expect((error as ExtractError).line).toBeGreaterThanOrEqual(3);
    }
    expect(() => extractPnpmLock(memoryInput('pnpm-lock.yaml', 'packages: {}\n'))).toThrow(/no lockfileVersion/);
  });
});

describe.skipIf(!existsSync(REAL_LOCKFILES))('real pnpm-lock.yaml', () => {
  it('prometheus web UI (9.0, four importers)', () => {
    const result = extractPnpmLock(fileInput(join(REAL_LOCKFILES, 'prometheus-web-ui-pnpm/pnpm-lock.yaml')));
    // Counted with a separate script: 746 packages and 746 snapshots, all registry, 746 distinct
    // name@version. Scopes by reachability from the importers' dependencies / optionalDependencies /
    // devDependencies over snapshot edges; direct = importer dependencies other than the 2 workspace links.
    expect(tally(result)).toEqual({
      components: 746,
      runtime: 132,
      development: 612,
      optional: 2,
      direct: 72,
      skipped: 2,
    });
    expect(result.skipped.map((skipped) => [skipped.name, skipped.location.line])).toEqual([
      ['@prometheus-io/codemirror-promql', 92],
      ['@prometheus-io/lezer-promql', 219],
    ]);
    expect(component(result, '@reduxjs/toolkit', '2.12.0')).toMatchObject({
      scope: 'runtime',
      direct: true,
      location: { line: 1023 },
      dependencies: [
        'pkg:npm/%40standard-schema/spec@1.1.0',
        'pkg:npm/%40standard-schema/utils@0.3.0',
        'pkg:npm/immer@11.1.8',
        'pkg:npm/react-redux@9.3.0',
        'pkg:npm/react@19.2.8',
        'pkg:npm/redux-thunk@3.1.0',
        'pkg:npm/redux@5.0.1',
        'pkg:npm/reselect@5.2.0',
      ],
    });
    expect(component(result, 'typescript', '5.9.3')).toMatchObject({ scope: 'development', direct: true });
  });
});
