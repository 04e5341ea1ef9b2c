import { describe, expect, it } from 'vitest';
import type { ScopedEdge } from '../scope.js';
import { NpmComponents } from './component-set.js';
import { addGraphPackages, type GraphPackage } from './graph-packages.js';

describe('addGraphPackages', () => {
  it('scopes by reachability unless the lockfile records a scope, and links registry packages only', () => {
    const app: GraphPackage = { line: 1, identity: { name: 'app-lib', version: '1.0.0' } };
    const local: GraphPackage = {
      line: 2,
      skipped: { name: 'local', reason: 'a local path (file:../local), not a registry package' },
    };
    const recorded: GraphPackage = {
      line: 3,
      identity: { name: 'flagged', version: '2.0.0' },
      recordedScope: 'development',
    };
    const stale: GraphPackage = { line: 4, identity: { name: 'stale', version: '3.0.0' } };
    const edges = new Map<GraphPackage, ScopedEdge<GraphPackage>[]>([
      [
        app,
        [
          { to: local, scope: 'runtime' },
          { to: recorded, scope: 'runtime' },
        ],
      ],
    ]);
    const components = new NpmComponents('yarn.lock');
    addGraphPackages(components, [app, local, recorded, stale], [{ to: app, scope: 'runtime' }], edges);
    const result = components.result();
    expect(result.components.map((found) => [found.name, found.scope, found.direct, found.dependencies])).toEqual([
      ['app-lib', 'runtime', true, ['pkg:npm/flagged@2.0.0']],
      ['flagged', 'development', false, []],
      ['stale', 'runtime', false, []],
    ]);
    expect(result.skipped).toEqual([
      {
        name: 'local',
        reason: 'a local path (file:../local), not a registry package',
        location: { path: 'yarn.lock', line: 2 },
      },
    ]);
  });
});
