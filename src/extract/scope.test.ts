import { describe, expect, it } from 'vitest';
import { type ScopedEdge, scopesFromRoots, strongerScope, weakerScope } from './scope.js';

describe('scopes', () => {
  it('orders runtime over optional over development', () => {
    expect(strongerScope('development', 'optional')).toBe('optional');
    expect(strongerScope('runtime', 'optional')).toBe('runtime');
    expect(weakerScope('runtime', 'development')).toBe('development');
  });

  it('gives each node the strongest scope over all paths, a path being as weak as its weakest edge', () => {
    const graph: Record<string, ScopedEdge<string>[]> = {
      app: [{ to: 'lib', scope: 'runtime' }],
      lib: [
        { to: 'native', scope: 'optional' },
        { to: 'shared', scope: 'runtime' },
      ],
      test: [
        { to: 'shared', scope: 'runtime' },
        { to: 'mock', scope: 'runtime' },
      ],
      native: [{ to: 'prebuilt', scope: 'runtime' }],
      mock: [{ to: 'app', scope: 'runtime' }],
    };
    const scopes = scopesFromRoots<string>(
      [
        { to: 'app', scope: 'runtime' },
        { to: 'test', scope: 'development' },
      ],
      (node) => graph[node] ?? [],
    );
    expect(Object.fromEntries(scopes)).toEqual({
      app: 'runtime',
      lib: 'runtime',
      shared: 'runtime',
      native: 'optional',
      prebuilt: 'optional',
      test: 'development',
      mock: 'development',
    });
    expect(scopes.has('unreached')).toBe(false);
  });
});
