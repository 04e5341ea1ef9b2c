import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExtractError } from '../extractor.js';
import { extractNodeModules, licensesOf, nodeModulesExtractor } from './node-modules.js';
import { component, FIXTURES, fileInput, memoryInput } from './test-input.js';

const TESTDATA = join(FIXTURES, 'packagejson/testdata');
const fixtureText = (path: string) => readFileSync(join(TESTDATA, path), 'utf8');

describe('nodeModulesExtractor.matches', () => {
  it('reads package.json files outside node_modules', () => {
    expect(nodeModulesExtractor.matches('package.json')).toBe(true);
    expect(nodeModulesExtractor.matches('apps/web/package.json')).toBe(true);
    expect(nodeModulesExtractor.matches('node_modules/a/package.json')).toBe(false);
    expect(nodeModulesExtractor.matches('apps/web/package-lock.json')).toBe(false);
  });
});

describe.skipIf(!existsSync(TESTDATA))('package.json fixtures', () => {
  const files = readdirSync(TESTDATA).filter((name) => statSync(join(TESTDATA, name)).isFile());

  it.each(files)('%s without node_modules gives nothing (ranges are not versions)', (name) => {
    expect(extractNodeModules(fileInput(join(TESTDATA, name), 'package.json'))).toEqual({
      components: [],
      skipped: [],
    });
  });

  it('reads installed packages: names, versions, licenses, nested copies and edges', () => {
    const root = JSON.stringify(
      {
        name: 'app',
        dependencies: { accepts: '^1.3.8', 'acorn-globals': '^1.0.0' },
        devDependencies: { 'window-size': '*', '@scope/tool': '^1.0.0' },
      },
      null,
      2,
    );
    const input = memoryInput('package.json', root, {
      'node_modules/.package-lock.json': '{}',
      'node_modules/.bin/acorn': '#!/bin/sh',
      'node_modules/accepts/package.json': fixtureText('deps/accepts/package.json'),
      // version "": not an installed version.
      'node_modules/acorn-globals/package.json': fixtureText('deps/acorn-globals/package.json'),
      'node_modules/acorn-globals/node_modules/acorn/package.json': fixtureText('deps/with/deps/acorn/package.json'),
      // name "": the folder gives it.
      'node_modules/acorn/package.json': fixtureText('deps/acorn/package.json'),
      // no version at all, and the legacy `licenses` array.
      'node_modules/window-size/package.json': fixtureText('deps/window-size/package.json'),
      'node_modules/@scope/tool/package.json': JSON.stringify({
        name: '@scope/tool',
        version: '1.0.0',
        licenses: [{ type: 'MIT' }, 'Apache-2.0'],
        dependencies: { acorn: '^2.0.0' },
      }),
    });
    const result = extractNodeModules(input);
    expect(result.components.map((found) => [found.purl, found.scope, found.direct, found.location.line])).toEqual([
      ['pkg:npm/%40scope/tool@1.0.0', 'development', true, 9],
      ['pkg:npm/accepts@1.3.8', 'runtime', true, 4],
      ['pkg:npm/acorn@2.7.0', 'development', false, 1],
      // Required by acorn-globals, which is installed though its version is unreadable.
      ['pkg:npm/acorn@1.2.2', 'runtime', false, 1],
    ]);
    expect(component(result, 'accepts', '1.3.8').licenses).toEqual(['MIT']);
    expect(component(result, '@scope/tool', '1.0.0')).toMatchObject({
      licenses: ['MIT', 'Apache-2.0'],
      dependencies: ['pkg:npm/acorn@2.7.0'],
    });
    expect(result.skipped.map((skipped) => [skipped.name, skipped.reason, skipped.location.line])).toEqual([
      ['acorn-globals', 'node_modules/acorn-globals/package.json has no exact version', 5],
      ['window-size', 'node_modules/window-size/package.json has no exact version', 8],
    ]);
  });
});

describe('node_modules edge cases', () => {
  const installed = { 'node_modules/a/package.json': '{"name":"a","version":"1.0.0"}' };
  const root = '{"dependencies":{"a":"^1.0.0"}}';

  it('gives nothing when a lockfile is beside the package.json, or in a folder above it', () => {
    expect(extractNodeModules(memoryInput('package.json', root, installed)).components).toHaveLength(1);
    for (const lockfile of [
      'package-lock.json',
      'yarn.lock',
      'pnpm-lock.yaml',
      'bun.lock',
      'bun.lockb',
      'npm-shrinkwrap.json',
    ]) {
      expect(
        extractNodeModules(memoryInput('package.json', root, { ...installed, [lockfile]: '' })).components,
      ).toEqual([]);
    }
    const nested = memoryInput('packages/app/package.json', root, installed);
    const withRootLockfile = {
      ...nested,
      listRelative: (folder: string) =>
        folder === '../..' ? ['yarn.lock', 'package.json'] : nested.listRelative(folder),
    };
    expect(extractNodeModules(withRootLockfile).components).toEqual([]);
  });

  it('throws an ExtractError for an invalid package.json only when there is something installed to read', () => {
    const broken = '{\n  "dependencies": {\n    "a": \n}';
    expect(extractNodeModules(memoryInput('package.json', broken))).toEqual({ components: [], skipped: [] });
    try {
      extractNodeModules(memoryInput('package.json', broken, installed));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ExtractError);
      expect((error as ExtractError).line).toBe(4);
    }
  });

  it('leaves out workspace packages linked into node_modules', () => {
    const input = memoryInput('package.json', '{"workspaces":["packages/*"],"dependencies":{"a":"1.0.0"}}', {
      ...installed,
      'packages/web/package.json': '{"name":"@me/web","version":"0.1.0"}',
      'node_modules/@me/web/package.json': '{"name":"@me/web","version":"0.1.0"}',
    });
    expect(extractNodeModules(input).components.map((found) => found.name)).toEqual(['a']);
  });

  it('reads licenses in their three spellings', () => {
    expect(licensesOf({ license: 'MIT OR Apache-2.0' })).toEqual(['MIT OR Apache-2.0']);
    expect(licensesOf({ license: { type: 'BSD-3-Clause', url: 'x' } })).toEqual(['BSD-3-Clause']);
    expect(licensesOf({ licenses: [{ type: 'MIT' }, { url: 'no type' }] })).toEqual(['MIT']);
    expect(licensesOf({ licenses: [] })).toBeUndefined();
  });
});
