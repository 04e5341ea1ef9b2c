import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExtractError } from '../extractor.js';
import { component, FIXTURES, fileInput, memoryInput, qualifiers, REAL_LOCKFILES, tally } from './test-input.js';
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

  it('classic: git packages are components with their repository and commit, never credentials', () => {
    const commits = fixture('commits.v1.lock');
    // 18 entries, each with a version and a git source (git+ssh, git://, ssh://, https .git or
    // repository URLs, codeload.github.com and gitlab.com archives of a commit): 18 distinct purls.
    expect(commits.skipped).toEqual([]);
    expect(commits.components).toHaveLength(18);
    expect(component(commits, 'mine1', '1.0.0-alpha.37')).toMatchObject({
      purl: 'pkg:npm/mine1@1.0.0-alpha.37?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2FG-Rath%2Fnpm-git-repo-2%400a2d2506c1fe299691fc5db53a2097db3bd615bc',
      direct: true,
      location: { path: 'yarn.lock', line: 5 },
      dependencies: [],
    });
    // The same repository written four ways, and a host's archive of a commit.
    expect(
      [
        ['mine2', '0.0.1'],
        ['@bower_components/angular-animate', '1.4.14'],
        ['minimist', '0.0.8'],
        ['bats-assert', '2.0.0'],
        ['kit', '1.0.0'],
        ['babel-preset-php', '1.1.1'],
        ['is-number', '5.0.0'],
      ].map(([name, version]) => qualifiers(component(commits, name as string, version as string)).vcs_url),
    ).toEqual([
      'git+https://github.com/G-Rath/npm-git-repo-2@0a2d2506c1fe299691fc5db53a2097db3bd615bc',
      'git+https://github.com/angular/bower-angular-animate@e7f778fc054a086ba3326d898a00fa1bc78650a8',
      'git+https://github.com/substack/minimist@3754568bfd43a841d2d72d7fb54598635aea8fa4',
      'git+https://github.com/bats-core/bats-assert@4bdd58d3fbcdce3209033d44d884e87add1d8405',
      'git+https://bitbucket.org/kettlelogic/kit@5b6830c0252eb73c6024d40a8ff5106d3023a2a6',
      'git+https://gitlab.com/kornelski/babel-preset-php@c5a7ba5e0ad98b8db1cb8ce105403dd4b768cced',
      'git+https://github.com/jonschlinkert/is-number@af885e2e890b9ef0875edd2b117305119ee5bdc5',
    ]);
    expect(JSON.stringify(commits)).not.toContain('dummy-token');
    // The commit after `#` in a git URL is not a SHA-1 of a tarball.
    expect(commits.components.every((found) => found.hashes === undefined)).toBe(true);
  });

  it('berry: git packages are components at the commit of their resolution', () => {
    const commits = fixture('commits.v2.lock');
    expect(commits.skipped).toEqual([]);
    expect(
      commits.components.map((found) => [found.name, found.version, qualifiers(found).vcs_url, found.location.line]),
    ).toEqual([
      [
        '@my-scope/my-first-package',
        '0.0.6',
        'git+https://github.com/my-org/my-first-package@0b824c650d3a03444dbcf2b27a5f3566f6e41358',
        8,
      ],
      [
        'my-second-package',
        '0.2.2',
        'git+https://github.com/my-org/my-second-package@59e2127b9f9d4fda5f928c4204213b3502cd5bb0',
        12,
      ],
      [
        '@typegoose/typegoose',
        '7.2.0',
        'git+https://github.com/typegoose/typegoose@3ed06e5097ab929f69755676fee419318aaec73a',
        21,
      ],
      ['vuejs', '2.5.0', 'git+https://github.com/vuejs/vue@0948d999f2fddf9f90991956493f976273c5da1f', 37],
      [
        'my-third-package',
        '0.16.1-dev',
        'git+https://github.com/my-org/my-third-package@5675a0aed98e067ff6ecccc5ac674fe8995960e0',
        45,
      ],
      [
        'my-node-sdk',
        '1.1.0',
        'git+https://github.com/my-org/my-node-sdk@053dea9e0b8af442d8f867c8e690d2fb0ceb1bf5',
        50,
      ],
      [
        'is-really-great',
        '1.0.0',
        'git+https://github.com/my-org/is-really-great@191eeef50c584714e1fb8927d17ee72b3b8c97c4',
        58,
      ],
    ]);
  });

  it('skips file and link packages with their source', () => {
    const files = fixture('files.v1.lock');
    expect(files.components.map((found) => `${found.name}@${found.version}`)).toEqual(['etag@1.8.1', 'lodash@1.3.1']);
    expect(files.skipped.map((skipped) => [skipped.name, skipped.location.line])).toEqual([
      ['filedep', 9],
      ['other_package', 16],
      ['sprintf-js', 24],
      ['etag', 27],
    ]);
    expect(fixture('files.v2.lock').skipped.map((skipped) => skipped.reason)).toEqual([
      expect.stringMatching(/^a local path \(file:\.\.\/\.\.\/deps\/my-local-package/),
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

  it('classic: edges run to and from git and URL packages like registry ones', () => {
    const lock = [
      '# yarn lockfile v1',
      '',
      'app-lib@^1.0.0:',
      '  version "1.0.0"',
      '  resolved "https://registry.yarnpkg.com/app-lib/-/app-lib-1.0.0.tgz"',
      '  dependencies:',
      '    forked "github:someone/forked#v2"',
      '',
      'forked@github:someone/forked#v2:',
      '  version "2.0.1"',
      '  resolved "https://codeload.github.com/someone/forked/tar.gz/0123456789abcdef0123456789abcdef01234567"',
      '  dependencies:',
      '    shared "^2.0.0"',
      '    vendored "https://cdn.example.com/vendored-3.1.0.tgz"',
      '',
      'shared@^2.0.0:',
      '  version "2.1.0"',
      '',
      '"vendored@https://cdn.example.com/vendored-3.1.0.tgz":',
      '  version "3.1.0"',
      '  resolved "https://user:pass@cdn.example.com/vendored-3.1.0.tgz#89abcdef0123456789abcdef0123456789abcdef"',
      '',
      '"nameless@git+https://git.example.com/nameless.git":',
      '  resolved "git+https://git.example.com/nameless.git#89abcdef0123456789abcdef0123456789abcdef"',
      '',
    ].join('\n');
    const manifest = JSON.stringify({ dependencies: { 'app-lib': '^1.0.0' } });
    const result = extractYarnLock(memoryInput('yarn.lock', lock, { 'package.json': manifest }));
    expect(result.components.map((found) => [found.name, found.version, found.direct, qualifiers(found)])).toEqual([
      ['app-lib', '1.0.0', true, {}],
      [
        'forked',
        '2.0.1',
        false,
        { vcs_url: 'git+https://github.com/someone/forked@0123456789abcdef0123456789abcdef01234567' },
      ],
      ['shared', '2.1.0', false, {}],
      ['vendored', '3.1.0', false, { download_url: 'https://cdn.example.com/vendored-3.1.0.tgz' }],
    ]);
    const forked = component(result, 'forked', '2.0.1');
    expect(component(result, 'app-lib', '1.0.0').dependencies).toEqual([forked.purl]);
    expect(forked.dependencies).toEqual(['pkg:npm/shared@2.1.0', component(result, 'vendored', '3.1.0').purl]);
    // A tarball URL's `#<40 hex>` is its SHA-1, as for registry tarballs.
    expect(component(result, 'vendored', '3.1.0').hashes).toEqual([
      { algorithm: 'SHA-1', value: '89abcdef0123456789abcdef0123456789abcdef' },
    ]);
    expect(JSON.stringify(result)).not.toContain('pass@');
    expect(result.skipped).toEqual([
      {
        name: 'nameless',
        reason:
          'a git repository (git+https://git.example.com/nameless.git#89abcdef0123456789abcdef0123456789abcdef) with no version recorded in the lockfile',
        location: { path: 'yarn.lock', line: 23 },
      },
    ]);
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
    // Counted with a separate script: 890 entries; 2 are not from the registry: a link: workspace tool
    // (skipped) and parse-srcset 1.0.2 from a codeload.github.com archive of a commit (a component);
    // the 889 components are distinct name@version. Scopes by reachability from package.json
    // (dependencies vs devDependencies); direct = 111 declarations, all but the link: one components.
    expect(tally(result)).toEqual({ components: 889, runtime: 196, development: 693, direct: 110, skipped: 1 });
    expect(result.skipped.map((skipped) => [skipped.name, skipped.location.line])).toEqual([
      ['eslint-plugin-prettier-internal-rules', 2966],
    ]);
    expect(component(result, 'parse-srcset', '1.0.2')).toMatchObject({
      purl: 'pkg:npm/parse-srcset@1.0.2?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fikatyang%2Fparse-srcset%4054eb9c1cb21db5c62b4d0e275d7249516df6f0ee',
      // Declared in package.json's dependencies.
      scope: 'runtime',
      direct: true,
      location: { line: 5142 },
      dependencies: [],
    });
    expect(qualifiers(component(result, 'parse-srcset', '1.0.2'))).toEqual({
      vcs_url: 'git+https://github.com/ikatyang/parse-srcset@54eb9c1cb21db5c62b4d0e275d7249516df6f0ee',
    });
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
