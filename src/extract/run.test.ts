import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../core/model.js';
import type { Component } from './component.js';
import { ExtractError, type Extractor, fileName } from './extractor.js';
import { mergeByPurl } from './merge.js';
import { downloadQualifiers, gitQualifiers, purlOf } from './purl.js';
import { extractDependencies } from './run.js';

/** A toy format: one `name version` per line; `!` on a line is a syntax error there. */
const toy: Extractor = {
  id: 'toy/list',
  ecosystem: 'npm',
  matches: (path) => fileName(path) === 'toy.lock',
  extract: (input) => {
    const lines = input.text.split('\n');
    const components: Component[] = [];
    lines.forEach((line, index) => {
      if (line.includes('!')) throw new ExtractError('unexpected "!"', index + 1);
      const [name, version] = line.trim().split(' ');
      if (!name || !version) return;
      components.push({
        ecosystem: 'npm',
        name,
        version,
        purl: purlOf('npm', name, version),
        scope: 'runtime',
        direct: true,
        dependencies: [],
        location: { path: input.path, line: index + 1 },
      });
    });
    const sibling = input.readRelative('extra.txt');
    return {
      components,
      skipped: sibling
        ? [{ name: sibling.trim(), reason: 'from a sibling', location: { path: input.path, line: 1 } }]
        : [],
    };
  },
};

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'paved-extract-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('extractDependencies', () => {
  it('reads matching files, gives sibling access, and keeps going past a broken lockfile', () => {
    const root = tree({ 'a/toy.lock': 'left-pad 1.3.0\n', 'a/extra.txt': 'hello\n', 'b/toy.lock': 'ok 1.0.0\n!\n' });
    const diagnostics: Diagnostic[] = [];
    const refs = ['a/toy.lock', 'b/toy.lock', 'a/extra.txt'].map((path) => ({ path, absolutePath: join(root, path) }));
    const inventory = extractDependencies(refs, [toy], diagnostics);
    expect(inventory.components.map((c) => c.purl)).toEqual(['pkg:npm/left-pad@1.3.0']);
    expect(inventory.skipped).toEqual([
      { name: 'hello', reason: 'from a sibling', location: { path: 'a/toy.lock', line: 1 } },
    ]);
    expect(inventory.lockfiles).toEqual([{ path: 'a/toy.lock', extractor: 'toy/list', components: 1 }]);
    expect(diagnostics).toEqual([
      expect.objectContaining({ level: 'error', code: 'lockfile-unparseable', path: 'b/toy.lock', line: 2 }),
    ]);
    expect(diagnostics[0]?.message).toContain('unexpected "!"');
  });

  it('reports an unreadable lockfile and goes on', () => {
    const diagnostics: Diagnostic[] = [];
    const inventory = extractDependencies(
      [{ path: 'gone/toy.lock', absolutePath: '/nonexistent/toy.lock' }],
      [toy],
      diagnostics,
    );
    expect(inventory.components).toEqual([]);
    expect(diagnostics).toEqual([
      expect.objectContaining({ level: 'error', code: 'unreadable', path: 'gone/toy.lock' }),
    ]);
  });
});

describe('mergeByPurl', () => {
  const base: Component = {
    ecosystem: 'npm',
    name: 'a',
    version: '1.0.0',
    purl: 'pkg:npm/a@1.0.0',
    scope: 'development',
    direct: false,
    dependencies: ['pkg:npm/b@1.0.0'],
    location: { path: 'x/package-lock.json', line: 3 },
    hashes: [{ algorithm: 'SHA-512', value: 'ab' }],
  };

  it('keeps one component per purl: strongest scope, direct if any, edges and hashes united', () => {
    const other: Component = {
      ...base,
      scope: 'runtime',
      direct: true,
      dependencies: ['pkg:npm/c@1.0.0'],
      location: { path: 'y/package-lock.json', line: 9 },
      hashes: [
        { algorithm: 'SHA-512', value: 'ab' },
        { algorithm: 'SHA-1', value: 'cd' },
      ],
      licenses: ['MIT'],
    };
    const [merged, ...rest] = mergeByPurl([base, other, { ...base, purl: 'pkg:npm/z@1.0.0', name: 'z' }]);
    expect(rest.map((c) => c.purl)).toEqual(['pkg:npm/z@1.0.0']);
    expect(merged).toMatchObject({
      scope: 'runtime',
      direct: true,
      dependencies: ['pkg:npm/b@1.0.0', 'pkg:npm/c@1.0.0'],
      location: { path: 'x/package-lock.json', line: 3 },
      licenses: ['MIT'],
    });
    expect(merged?.hashes).toHaveLength(2);
    expect(base.dependencies).toEqual(['pkg:npm/b@1.0.0']); // inputs untouched
  });
});

describe('purlOf', () => {
  it('splits namespaces the way each ecosystem names packages', () => {
    expect(purlOf('npm', '@babel/core', '7.0.0')).toBe('pkg:npm/%40babel/core@7.0.0');
    expect(purlOf('Maven', 'org.slf4j:slf4j-api', '2.0.9')).toBe('pkg:maven/org.slf4j/slf4j-api@2.0.9');
    expect(purlOf('Go', 'github.com/pkg/errors', 'v0.9.1')).toBe('pkg:golang/github.com/pkg/errors@v0.9.1');
    expect(purlOf('Packagist', 'symfony/console', '6.0.0')).toBe('pkg:composer/symfony/console@6.0.0');
    expect(purlOf('PyPI', 'Django_Rest', '3.0')).toBe('pkg:pypi/django-rest@3.0');
    expect(purlOf('crates.io', 'serde', '1.0.0')).toBe('pkg:cargo/serde@1.0.0');
  });

  it('adds qualifiers saying where a package from git or a URL comes from, percent-encoded', () => {
    const commit = '54eb9c1cb21db5c62b4d0e275d7249516df6f0ee';
    expect(
      purlOf('npm', 'parse-srcset', '1.0.2', { vcs_url: `git+https://github.com/ikatyang/parse-srcset@${commit}` }),
    ).toBe(`pkg:npm/parse-srcset@1.0.2?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fikatyang%2Fparse-srcset%40${commit}`);
    expect(purlOf('PyPI', 'Archived', '2.0', { download_url: 'https://example.com/archived-2.0.tar.gz' })).toBe(
      'pkg:pypi/archived@2.0?download_url=https%3A%2F%2Fexample.com%2Farchived-2.0.tar.gz',
    );
    // No qualifiers (or none given): the plain registry purl.
    expect(purlOf('npm', 'a', '1.0.0', {})).toBe('pkg:npm/a@1.0.0');
  });

  it('builds vcs_url and download_url without credentials', () => {
    // ssh, scp-style and https spellings of a GitHub repository are one https URL, without `.git`.
    for (const repository of [
      'git+ssh://git@github.com/ikatyang/parse-srcset.git',
      'git@github.com:ikatyang/parse-srcset.git',
      'https://token@github.com/ikatyang/parse-srcset.git?rev=main',
    ]) {
      expect(gitQualifiers(repository, '54EB9C1')).toEqual({
        vcs_url: 'git+https://github.com/ikatyang/parse-srcset@54eb9c1',
      });
    }
    // Another host keeps its scheme, port and path; a branch name is not a commit.
    expect(gitQualifiers('ssh://deploy:pw@git.example.com:2222/team/repo.git', 'main')).toEqual({
      vcs_url: 'git+ssh://git.example.com:2222/team/repo.git',
    });
    expect(downloadQualifiers('https://user:pass@example.com/a.tgz?X-Amz-Signature=s&v=1#sha1')).toEqual({
      download_url: 'https://example.com/a.tgz?v=1',
    });
  });
});
