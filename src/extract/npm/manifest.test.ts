import { describe, expect, it } from 'vitest';
import { declaredDependencies, expandWorkspaces, parseManifest } from './manifest.js';
import { memoryInput } from './test-input.js';

describe('package.json reading', () => {
  it('keeps the strongest scope for a name declared in several fields', () => {
    const declared = declaredDependencies({
      dependencies: { a: '^1.0.0' },
      devDependencies: { a: '^1.1.0', b: '^2.0.0', c: '1.0.0' },
      optionalDependencies: { c: '^3.0.0' },
      peerDependencies: { d: '*' },
    });
    expect(Object.fromEntries(declared)).toEqual({
      a: { spec: '^1.0.0', scope: 'runtime' },
      b: { spec: '^2.0.0', scope: 'development' },
      c: { spec: '^3.0.0', scope: 'optional' },
      d: { spec: '*', scope: 'runtime' },
    });
  });

  it('reads workspaces in both forms and gives undefined for what is not a JSON object', () => {
    expect(parseManifest('{"name":"x","workspaces":["a/*"]}')?.workspaces).toEqual(['a/*']);
    expect(parseManifest('{"workspaces":{"packages":["b"],"nohoist":["c"]}}')?.workspaces).toEqual(['b']);
    expect(parseManifest('[1]')).toBeUndefined();
    expect(parseManifest('{')).toBeUndefined();
  });

  it('expands workspace globs to the folders that hold a package.json', () => {
    const input = memoryInput('yarn.lock', '', {
      'packages/a/package.json': '{}',
      'packages/b/package.json': '{}',
      'packages/notes/README.md': '',
      'packages/b/node_modules/x/package.json': '{}',
      'tools/deep/cli/package.json': '{}',
      'apps/web-app/package.json': '{}',
      'apps/docs/package.json': '{}',
    });
    expect(expandWorkspaces(input, ['packages/*', './apps/web-*', 'tools/**', '!packages/b'])).toEqual([
      'apps/web-app',
      'packages/a',
      'tools/deep/cli',
    ]);
    expect(expandWorkspaces(input, ['missing/*'])).toEqual([]);
  });
});
