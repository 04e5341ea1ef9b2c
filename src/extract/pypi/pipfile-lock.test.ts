import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExtractResult } from '../component.js';
import { ExtractError } from '../extractor.js';
import { pipfileLockExtractor } from './pipfile-lock.js';
import { component, FIXTURES, inputFromFile, inputFromText, qualifiers, REAL } from './test-input.js';

const DIR = join(FIXTURES, 'pipfilelock/testdata');
const PIPENV = join(REAL, 'pipenv/Pipfile.lock');
const read = (name: string): ExtractResult =>
  pipfileLockExtractor.extract(inputFromFile(join(DIR, name), 'Pipfile.lock'));
const summary = (result: ExtractResult) => result.components.map((c) => [c.name, c.version, c.scope, c.location.line]);
const SHA = (n: number) => String(n).repeat(64);

describe('Pipfile.lock matching', () => {
  it('reads Pipfile.lock only', () => {
    expect(pipfileLockExtractor.matches('api/Pipfile.lock')).toBe(true);
    expect(pipfileLockExtractor.matches('api/Pipfile')).toBe(false);
    expect(pipfileLockExtractor.matches('api/pipfile.lock.json')).toBe(false);
  });
});

describe.skipIf(!existsSync(DIR))('Pipfile.lock fixtures', () => {
  it('reads every fixture, and refuses the empty and non-JSON ones', () => {
    for (const name of readdirSync(DIR)) {
      if (name === 'empty-file' || name === 'not-json.txt') continue;
      expect(() => read(name), name).not.toThrow();
    }
    expect(() => read('empty-file')).toThrow(ExtractError);
    expect(() => read('not-json.txt')).toThrow(expect.objectContaining({ name: 'ExtractError', line: 1 }));
  });

  it('gives nothing for empty sections', () => {
    expect(read('empty.json')).toEqual({ components: [], skipped: [] });
  });

  it('reads a minified lock', () => {
    expect(read('minified.json').components).toEqual([
      {
        ecosystem: 'PyPI',
        name: 'markupsafe',
        version: '2.1.1',
        purl: 'pkg:pypi/markupsafe@2.1.1',
        scope: 'runtime',
        // No Pipfile beside it: every package counts as direct.
        direct: true,
        dependencies: [],
        location: { path: 'Pipfile.lock', line: 1 },
        hashes: [{ algorithm: 'SHA-256', value: '0212a68688482dc52b2d45013df70d169f542b7394fc744c02a57374a4207003' }],
      },
    ]);
  });

  it('makes develop development, and a package in both sections runtime', () => {
    expect(summary(read('one-package-dev.json'))).toEqual([['markupsafe', '2.1.1', 'development', 20]]);
    expect(summary(read('two-packages.json'))).toEqual([
      ['itsdangerous', '2.1.2', 'runtime', 19],
      ['markupsafe', '2.1.1', 'development', 29],
    ]);
    expect(summary(read('multiple-packages.json'))).toEqual([
      ['itsdangerous', '2.1.2', 'runtime', 19],
      ['pluggy', '1.0.1', 'runtime', 27],
      ['markupsafe', '2.1.1', 'runtime', 32],
      ['pluggy', '1.0.0', 'development', 88],
    ]);
    expect(component(read('multiple-packages.json'), 'markupsafe').hashes).toHaveLength(40);
  });

  it('skips editable git packages', () => {
    expect(read('no-version.json')).toEqual({
      components: [],
      skipped: [
        {
          name: 'markupsafe',
          reason:
            'editable install from git (https://github.com/pallets/markupsafe), not a released version from the index',
          location: { path: 'Pipfile.lock', line: 19 },
        },
        {
          name: 'itsdangerous',
          reason:
            'editable install from git (https://github.com/pallets/itsdangerous), not a released version from the index',
          location: { path: 'Pipfile.lock', line: 26 },
        },
      ],
    });
  });
});

describe.skipIf(!existsSync(PIPENV))('pipenv (real lock, develop only, no Pipfile)', () => {
  const result = pipfileLockExtractor.extract(inputFromFile(PIPENV));

  it('has every pinned package as a development component', () => {
    // Counted with Python's json: "default" is empty, "develop" has 90 entries, 86 of them with a
    // `version: "==..."`; the other 4 are editable git or path installs.
    expect(result.components).toHaveLength(86);
    expect(result.components.every((c) => c.scope === 'development' && c.direct)).toBe(true);
    expect(component(result, 'black')).toMatchObject({ version: '18.9b0', location: { line: 75 } });
    expect(component(result, 'tap-py').version).toBe('2.5');
    expect(component(result, 'cffi').hashes).toHaveLength(32);
  });

  it('skips the editable installs, the project itself among them', () => {
    expect(result.skipped.map((s) => [s.name, s.location.line])).toEqual([
      ['passa', 398],
      ['pipenv', 417],
      ['pytest-pypy', 498],
      ['towncrier', 634],
    ]);
    expect(result.skipped[1]?.reason).toBe('editable install from ., not a released version from the index');
  });
});

describe('Pipfile.lock edge cases', () => {
  const lock = JSON.stringify(
    {
      _meta: { 'pipfile-spec': 6 },
      default: {
        requests: { version: '==2.32.3', hashes: [`sha256:${SHA(1)}`] },
        idna: { version: '==3.7' },
        local: { path: './local', version: '*' },
      },
      develop: { pytest: { version: '==8.2.0' } },
      docs: { sphinx: { version: '==7.3.7' } },
    },
    null,
    2,
  );

  it('takes direct dependencies from the Pipfile, and custom categories as development', () => {
    const pipfile =
      '[[source]]\nurl = "https://pypi.org/simple"\n\n[packages]\nRequests = "*"\n\n[dev-packages]\npytest = "*"\n\n[docs]\nsphinx = "*"\n';
    const result = pipfileLockExtractor.extract(inputFromText('Pipfile.lock', lock, { Pipfile: pipfile }));
    expect(result.components.map((c) => [c.name, c.scope, c.direct])).toEqual([
      ['requests', 'runtime', true],
      ['idna', 'runtime', false],
      ['pytest', 'development', true],
      ['sphinx', 'development', true],
    ]);
    expect(result.skipped).toEqual([
      {
        name: 'local',
        reason: 'install from ./local, not a released version from the index',
        location: { path: 'Pipfile.lock', line: 15 },
      },
    ]);
  });

  it('keeps pinned git and archive URL installs with their source; skips them unpinned', () => {
    const sources = JSON.stringify(
      {
        default: {
          pinned: {
            git: 'https://github.com/o/pinned.git',
            ref: '0123456789abcdef0123456789abcdef01234567',
            version: '==1.0.0',
          },
          archived: { file: 'https://downloads.example.com/archived-2.0.tar.gz', version: '==2.0' },
          floating: { git: 'https://github.com/o/floating.git', ref: '89abcdef0123456789abcdef0123456789abcdef' },
          wheel: { file: './wheels/wheel-1.0-py3-none-any.whl', version: '==1.0' },
        },
      },
      null,
      2,
    );
    const result = pipfileLockExtractor.extract(inputFromText('Pipfile.lock', sources));
    expect(result.components.map((c) => [c.name, c.version, qualifiers(c)])).toEqual([
      ['pinned', '1.0.0', { vcs_url: 'git+https://github.com/o/pinned@0123456789abcdef0123456789abcdef01234567' }],
      ['archived', '2.0', { download_url: 'https://downloads.example.com/archived-2.0.tar.gz' }],
    ]);
    expect(result.skipped.map((s) => [s.name, s.reason])).toEqual([
      ['floating', 'install from git (https://github.com/o/floating.git) with no pinned version (==) in the lockfile'],
      ['wheel', 'install from ./wheels/wheel-1.0-py3-none-any.whl, not a released version from the index'],
    ]);
  });

  it('reports where the JSON breaks', () => {
    const input = inputFromText('Pipfile.lock', '{\n  "_meta": {},\n  "default": {,}\n}');
    expect(() => pipfileLockExtractor.extract(input)).toThrow(
      expect.objectContaining({ name: 'ExtractError', line: 3 }),
    );
  });
});
