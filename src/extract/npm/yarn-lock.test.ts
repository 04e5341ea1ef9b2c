import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExtractError } from '../extractor.js';
import { component, FIXTURES, fileInput, memoryInput, REAL_LOCKFILES, tally } from './test-input.js';
import { extractYarnLock, yarnLockExtractor } from './yarn-lock.js';

const TESTDATA = join(FIXTURES, 'yarnlock/testdata');
const fixture = (name: string) => extractYarnLock(fileInput(join(TESTDATA, name), 'yarn.lock'));
const identities = (name: string) => fixture(name).components.map((found) => `${found.name}@${found.version}`);

describe('yarnLockExtractor.matches', () => {
  it('reads yarn.lock files only', () => {
    expect(yarnLockExtractor.matches('app/yarn.lock')).toBe(true);
    expect(yarnLockExtractor.matches('app/yarn.lock.bak')).toBe(false);
  });
});

describe.skipIf(!existsSync(TESTDATA))('yarn.lock fixtures', () => {
  it.each(readdirSync(TESTDATA))('%s parses', (name) => {
    expect(() => fixture(name)).not.toThrow();
  });

  it('finds nothing in empty lockfiles, classic or berry', () => {
    for (const name of ['empty.v1.lock', 'empty.v2.lock', 'metadata-only.v2.lock']) {
      expect(fixture(name)).toEqual({ components: [], skipped: [] });
    }
  });

  it('reads one entry per resolution whatever the number of descriptors', () => {
    expect(identities('multiple-constraints.v1.lock')).toEqual(['domelementtype@1.3.1', '@babel/code-frame@7.12.13']);
    expect(identities('multiple-versions.v2.lock')).toEqual(['debug@4.3.3', 'debug@2.6.9', 'debug@3.2.7']);
    expect(identities('no-version.v1.lock')).toEqual(['balanced-match@1.0.2']);
    expect(identities('with-quotes.v1.lock')).toEqual(['concat-map@0.0.1', 'concat-stream@1.6.2']);
  });

  it('classic: hashes from integrity and from the SHA-1 in the resolved URL, line of the header', () => {
    const found = component(fixture('one-package.v1.lock'), 'balanced-match', '1.0.2');
    expect(found.location.line).toBe(5);
    expect(found.hashes).toEqual([
      {
        // The integrity's base64 decoded with Python's base64 module.
        algorithm: 'SHA-512',
        value:
          'de849e50ed13315ebb84dd4099b5ec2b8c9aa94eed8e21e56f144364ea47d0a5bdf82797e1b440697d009f1b74b71d8cae94695b041a3f02252121098585393f',
      },
      { algorithm: 'SHA-1', value: 'e83e3a7e3f300b34cb9d87f615fa0cbf357690ee' },
    ]);
  });

  it('berry: checksums are yarn cache hashes, not reported', () => {
    expect(component(fixture('one-package.v2.lock'), 'balanced-match', '1.0.2').hashes).toBeUndefined();
  });

  it('uses the real package of npm: aliases', () => {
    for (const name of ['with-aliases.v1.lock', 'with-aliases.v2.lock']) {
      expect(identities(name)).toEqual([
        'ansi-regex@5.0.1',
        'ansi-regex@6.0.1',
        '@babel/helper-validator-identifier@7.22.20',
      ]);
    }
    // The berry fixture has the root workspace: its three dependencies are direct.
    expect(fixture('with-aliases.v2.lock').components.every((found) => found.direct)).toBe(true);
  });

  it('skips git, file and link packages with their source, and masks credentials', () => {
    const commits = fixture('commits.v1.lock');
    expect(commits.components).toEqual([]);
    expect(commits.skipped).toHaveLength(18);
    expect(commits.skipped[0]).toEqual({
      name: 'mine1',
      reason: 'a git repository (git+ssh://git@github.com:G-Rath/npm-git-repo-2#0a2d2506c1), not a registry package',
      location: { path: 'yarn.lock', line: 5 },
    });
    expect(JSON.stringify(commits.skipped)).not.toContain('dummy-token');
    expect(fixture('commits.v2.lock').skipped).toHaveLength(7);

    const files = fixture('files.v1.lock');
    expect(files.components.map((found) => `${found.name}@${found.version}`)).toEqual(['etag@1.8.1', 'lodash@1.3.1']);
    expect(files.skipped.map((skipped) => [skipped.name, skipped.location.line])).toEqual([
      ['filedep', 9],
      ['other_package', 16],
      ['sprintf-js', 24],
      ['etag', 27],
    ]);
  });

  it('berry: the root workspace is the project; other workspaces are skipped, their dependencies direct', () => {
    const result = fixture('exclude-root.v2.lock');
    expect(result.components.map((found) => [found.purl, found.direct, found.location.line])).toEqual([
      ['pkg:npm/ansi-regex@6.1.0', true, 16],
    ]);
    expect(result.skipped).toEqual([
      {
        name: '@ws/ansi-regex',
        reason: 'a workspace or local link (workspace:ansi-regex), not a registry package',
        location: { path: 'yarn.lock', line: 8 },
      },
    ]);
  });
});

describe('yarn.lock scopes and edges', () => {
  const classic = [
    '# yarn lockfile v1',
    '',
    'app-lib@^1.0.0:',
    '  version "1.0.0"',
    '  resolved "https://registry.yarnpkg.com/app-lib/-/app-lib-1.0.0.tgz"',
    '  dependencies:',
    '    shared "^2.0.0"',
    '  optionalDependencies:',
    '    native "^1.0.0"',
    '',
    'test-tool@^3.0.0:',
    '  version "3.0.0"',
    '  dependencies:',
    '    shared "^2.0.0"',
    '    helper "^1.0.0"',
    '',
    'shared@^2.0.0:',
    '  version "2.1.0"',
    '',
    'native@^1.0.0:',
    '  version "1.2.0"',
    '',
    'helper@^1.0.0:',
    '  version "1.0.1"',
    '',
    'stray@^9.0.0:',
    '  version "9.0.0"',
    '',
  ].join('\n');
  const manifest = JSON.stringify({
    dependencies: { 'app-lib': '^1.0.0' },
    devDependencies: { 'test-tool': '^3.0.0' },
  });

  it('classic: dev is what only devDependencies reach; optional what only optional edges reach', () => {
    const result = extractYarnLock(memoryInput('yarn.lock', classic, { 'package.json': manifest }));
    expect(result.components.map((found) => [found.name, found.scope, found.direct])).toEqual([
      ['app-lib', 'runtime', true],
      ['test-tool', 'development', true],
      ['shared', 'runtime', false],
      ['native', 'optional', false],
      ['helper', 'development', false],
      // Reached from nothing: a stale entry, kept as runtime rather than hidden.
      ['stray', 'runtime', false],
    ]);
    expect(component(result, 'app-lib', '1.0.0').dependencies).toEqual([
      'pkg:npm/native@1.2.0',
      'pkg:npm/shared@2.1.0',
    ]);
  });

  it('classic without package.json: the entries nothing depends on are taken as direct', () => {
    const result = extractYarnLock(memoryInput('yarn.lock', classic));
    expect(result.components.filter((found) => found.direct).map((found) => found.name)).toEqual([
      'app-lib',
      'test-tool',
      'stray',
    ]);
    expect(result.components.every((found) => found.scope !== 'development')).toBe(true);
  });

  it('classic: workspaces listed in package.json declare direct dependencies too', () => {
    const result = extractYarnLock(
      memoryInput('yarn.lock', classic, {
        'package.json': JSON.stringify({ private: true, workspaces: ['packages/*'] }),
        'packages/web/package.json': JSON.stringify({ devDependencies: { 'test-tool': '^3.0.0' } }),
        'packages/api/package.json': JSON.stringify({ dependencies: { helper: '^1.0.0' } }),
      }),
    );
    expect(result.components.filter((found) => found.direct).map((found) => [found.name, found.scope])).toEqual([
      ['test-tool', 'development'],
      ['helper', 'runtime'],
    ]);
  });

  it('berry: dependenciesMeta optional, dev from the workspace package.json, old ranges without npm:', () => {
    const berry = [
      '__metadata:',
      '  version: 4',
      '',
      '"app@workspace:.":',
      '  version: 0.0.0-use.local',
      '  resolution: "app@workspace:."',
      '  dependencies:',
      '    lib: ^1.0.0',
      '    jest: ^29.0.0',
      '',
      '"lib@npm:^1.0.0":',
      '  version: 1.0.0',
      '  resolution: "lib@npm:1.0.0"',
      '  dependencies:',
      '    fsevents: ^2.0.0',
      '  dependenciesMeta:',
      '    fsevents:',
      '      optional: true',
      '',
      '"jest@npm:^29.0.0":',
      '  version: 29.0.0',
      '  resolution: "jest@npm:29.0.0"',
      '',
      '"fsevents@npm:^2.0.0":',
      '  version: 2.3.3',
      '  resolution: "fsevents@npm:2.3.3"',
      '',
    ].join('\n');
    const result = extractYarnLock(
      memoryInput('yarn.lock', berry, {
        'package.json': JSON.stringify({ dependencies: { lib: '^1.0.0' }, devDependencies: { jest: '^29.0.0' } }),
      }),
    );
    expect(result.components.map((found) => [found.name, found.scope, found.direct, found.location.line])).toEqual([
      ['lib', 'runtime', true, 11],
      ['jest', 'development', true, 20],
      ['fsevents', 'optional', false, 24],
    ]);
    expect(result.skipped).toEqual([]);
  });

  it('reports a malformed classic lockfile with its line', () => {
    try {
      extractYarnLock(memoryInput('yarn.lock', 'a@^1:\n  version "1.0.0\n'));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ExtractError);
      expect((error as ExtractError).line).toBe(2);
    }
    expect(() => extractYarnLock(memoryInput('yarn.lock', '__metadata:\n  version: 6\n"a@npm:1": [\n'))).toThrow(
      ExtractError,
    );
  });
});

describe.skipIf(!existsSync(REAL_LOCKFILES))('real yarn.lock files', () => {
  it('prettier (classic)', () => {
    const result = extractYarnLock(fileInput(join(REAL_LOCKFILES, 'prettier/yarn.lock')));
    // Counted with a separate script: 890 entries; 2 are not from the registry (a link: workspace tool
    // and a GitHub shorthand); the other 888 are distinct name@version. Scopes by reachability from
    // package.json (dependencies vs devDependencies); direct = 111 declarations, 109 of them registry packages.
    expect(tally(result)).toEqual({ components: 888, runtime: 195, development: 693, direct: 109, skipped: 2 });
    expect(component(result, '@angular/compiler', '12.0.5')).toMatchObject({
      scope: 'runtime',
      direct: true,
      location: { line: 5 },
      dependencies: ['pkg:npm/tslib@2.3.0'],
    });
    expect(component(result, '@angular/compiler', '12.0.5').hashes?.map((hash) => hash.algorithm)).toEqual([
      'SHA-512',
      'SHA-1',
    ]);
    expect(component(result, 'eslint', '7.30.0')).toMatchObject({ scope: 'development', direct: true });
  });

  it('docusaurus blog (classic, older yarn)', () => {
    const result = extractYarnLock(fileInput(join(REAL_LOCKFILES, 'docusaurus/yarn.lock')));
    // Counted with a separate script: 208 entries, all registry, all distinct; 3 dependencies and 7 dev
    // dependencies declared; 9 packages reachable from the 3 runtime ones.
    expect(tally(result)).toEqual({ components: 208, runtime: 9, development: 199, direct: 10, skipped: 0 });
    expect(component(result, 'chalk', '2.4.1')).toMatchObject({
      scope: 'runtime',
      direct: true,
      location: { line: 145 },
    });
    expect(component(result, 'eslint', '4.19.1')).toMatchObject({ scope: 'development', direct: true });
  });

  it('prettier (berry)', () => {
    const result = extractYarnLock(fileInput(join(REAL_LOCKFILES, 'prettier-yarn-berry/yarn.lock')));
    // Counted with a separate script: 1,052 entries = the root workspace + 1,051 packages, of which the
    // patched fsevents and typescript share name@version with their unpatched entries: 1,049. Scopes by
    // reachability from the root workspace's dependencies, dev from package.json, optional from
    // dependenciesMeta; direct = the root workspace's 149 dependencies.
    expect(tally(result)).toEqual({
      components: 1049,
      runtime: 305,
      development: 708,
      optional: 36,
      direct: 149,
      skipped: 0,
    });
    expect(component(result, '@babel/code-frame', '7.29.7')).toMatchObject({
      direct: false,
      location: { line: 27 },
      dependencies: [
        'pkg:npm/%40babel/helper-validator-identifier@7.29.7',
        'pkg:npm/js-tokens@4.0.0',
        'pkg:npm/picocolors@1.1.1',
      ],
    });
    expect(component(result, '@babel/code-frame', '8.0.0')).toMatchObject({ scope: 'runtime', direct: true });
    // The root depends on the patched typescript; it is the registry's typescript 6.0.3.
    expect(component(result, 'typescript', '6.0.3')).toMatchObject({ direct: true, location: { line: 9453 } });
  });
});
