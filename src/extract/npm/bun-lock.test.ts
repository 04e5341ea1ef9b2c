import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExtractError } from '../extractor.js';
import { bunLockExtractor, extractBunLock } from './bun-lock.js';
import { component, FIXTURES, fileInput, memoryInput, REAL_LOCKFILES, tally } from './test-input.js';

const TESTDATA = join(FIXTURES, 'bunlock/testdata');
const fixture = (name: string) => extractBunLock(fileInput(join(TESTDATA, name), 'bun.lock'));
const summary = (name: string) =>
  fixture(name).components.map((found) => [`${found.name}@${found.version}`, found.scope, found.direct]);

describe('bunLockExtractor.matches', () => {
  it('reads the text bun.lock, not the binary bun.lockb', () => {
    expect(bunLockExtractor.matches('bun.lock')).toBe(true);
    expect(bunLockExtractor.matches('bun.lockb')).toBe(false);
  });
});

describe.skipIf(!existsSync(TESTDATA))('bun.lock fixtures', () => {
  it.each(readdirSync(TESTDATA).filter((name) => name.endsWith('.json5')))('%s parses', (name) => {
    expect(() => fixture(name)).not.toThrow();
  });

  it('rejects what is not JSON, with the line', () => {
    expect(() => fixture('not-json.txt')).toThrow(ExtractError);
    expect(fixture('empty.json5')).toEqual({ components: [], skipped: [] });
    expect(fixture('no-packages.json5')).toEqual({ components: [], skipped: [] });
  });

  it('resolves nested install paths like node_modules (chalk/supports-color, then the top level)', () => {
    const result = fixture('nested-dependencies.json5');
    expect(summary('nested-dependencies.json5')).toEqual([
      ['ansi-styles@4.3.0', 'development', false],
      ['chalk@4.1.2', 'development', true],
      ['color-convert@2.0.1', 'development', false],
      ['color-name@1.1.4', 'development', false],
      ['has-flag@2.0.0', 'runtime', true],
      ['supports-color@5.5.0', 'runtime', true],
      ['supports-color@7.2.0', 'development', false],
      ['has-flag@3.0.0', 'runtime', false],
      ['has-flag@4.0.0', 'development', false],
    ]);
    expect(component(result, 'chalk', '4.1.2').dependencies).toEqual([
      'pkg:npm/ansi-styles@4.3.0',
      'pkg:npm/supports-color@7.2.0',
    ]);
    expect(component(result, 'supports-color', '7.2.0').dependencies).toEqual(['pkg:npm/has-flag@4.0.0']);
    expect(component(result, 'supports-color', '5.5.0').dependencies).toEqual(['pkg:npm/has-flag@3.0.0']);
    expect(component(result, 'has-flag', '4.0.0').location.line).toBe(32);
  });

  it('uses the real name of aliases and keeps SRI hashes', () => {
    const result = fixture('alias.json5');
    expect(component(result, 'supports-color', '6.1.0')).toMatchObject({
      direct: true,
      dependencies: ['pkg:npm/has-flag@3.0.0'],
      hashes: [{ algorithm: 'SHA-512' }],
    });
  });

  it('optional dependencies, and peers resolved when installed', () => {
    expect(summary('optional-package.json5')).toEqual([
      ['acorn@8.14.0', 'runtime', true],
      ['fsevents@0.3.8', 'optional', true],
      ['nan@2.22.0', 'optional', false],
    ]);
    expect(component(fixture('peer-dependencies-implicit.json5'), 'acorn-jsx', '5.3.2').dependencies).toEqual([
      'pkg:npm/acorn@8.14.0',
    ]);
    expect(summary('same-package-different-groups.json5')).toEqual([
      ['has-flag@3.0.0', 'runtime', true],
      ['supports-color@5.5.0', 'runtime', true],
    ]);
  });

  it('skips git and file packages, and entries that are not [name@version, ...]', () => {
    const commits = fixture('commits.json5');
    expect(commits.skipped.map((skipped) => skipped.name)).toEqual([
      '@prettier/sync',
      'babel-preset-php',
      'is-number',
      'is-number',
      'is-number',
      'raven-js',
      'slick-carousel',
    ]);
    expect(commits.skipped[0]?.reason).toBe(
      'a git repository (github:prettier/prettier-synchronized#527e8ce), not a registry package',
    );
    expect(fixture('files.json5').skipped[0]).toMatchObject({ name: 'etag', location: { line: 15 } });
    expect(fixture('bad-tuple.json5').skipped.map((skipped) => [skipped.name, skipped.location.line])).toEqual([
      ['wrappy-bad1', 12],
      ['wrappy-bad2', 14],
    ]);
    expect(summary('bad-tuple.json5')).toEqual([['wrappy@1.0.2', 'runtime', true]]);
  });
});

describe('bun.lock edge cases', () => {
  it('reports a syntax error at its line', () => {
    try {
      extractBunLock(memoryInput('bun.lock', '{\n  "packages": {\n    "a": ["a@1.0.0" "" ],\n  }\n}'));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ExtractError);
      expect((error as ExtractError).line).toBe(3);
    }
  });
});

describe.skipIf(!existsSync(REAL_LOCKFILES))('real bun.lock', () => {
  it("bun's own repository (lockfileVersion 1, two workspaces)", () => {
    const result = extractBunLock(fileInput(join(REAL_LOCKFILES, 'bun/bun.lock')));
    // Counted with a separate script: 58 package entries, 2 of them the workspaces; 56 registry
    // packages. The root declares only devDependencies; the bun-types workspace's runtime dependency
    // @types/node (and its undici-types) are the 2 runtime ones; 11 distinct packages are declared.
    expect(tally(result)).toEqual({ components: 56, runtime: 2, development: 54, direct: 11, skipped: 2 });
    expect(result.skipped.map((skipped) => [skipped.name, skipped.location.line])).toEqual([
      ['@types/bun', 87],
      ['bun-types', 95],
    ]);
    expect(component(result, '@types/node', '22.15.18')).toMatchObject({
      scope: 'runtime',
      direct: true,
      location: { line: 89 },
      dependencies: ['pkg:npm/undici-types@6.21.0'],
    });
    expect(component(result, 'react-dom', '18.3.1').dependencies).toEqual([
      'pkg:npm/loose-envify@1.4.0',
      'pkg:npm/react@18.3.1',
      'pkg:npm/scheduler@0.23.2',
    ]);
  });
});
