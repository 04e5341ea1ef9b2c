import { describe, expect, it } from 'vitest';
import { type LockEdge, LockedNames, notDependedOn, scopesByReachability } from './lock-graph.js';

describe('LockedNames', () => {
  const names = new LockedNames();
  names.add('urllib3', '1.24.3', 0);
  names.add('urllib3', '1.25.7', 1);
  names.add('six', '1.16.0', 2);

  it('resolves a single locked version whatever the constraint says', () => {
    expect(names.resolve('six', ['>=99'])).toEqual([2]);
    expect(names.resolve('absent')).toEqual([]);
  });

  it('picks among several versions by the constraint, or an exact version', () => {
    expect(names.resolve('urllib3', ['>=1.21.1,<1.25'])).toEqual([0]);
    expect(names.resolve('urllib3', ['<1.25', '>=1.25'])).toEqual([0, 1]);
    expect(names.resolve('urllib3', [], '1.25.7')).toEqual([1]);
  });

  it('keeps every version when no constraint picks one', () => {
    expect(names.resolve('urllib3', ['*'])).toEqual([0, 1]);
    expect(names.resolve('urllib3', ['>=9'])).toEqual([0, 1]);
    expect(names.resolve('urllib3', ['not a specifier'])).toEqual([0, 1]);
  });
});

describe('scopesByReachability', () => {
  // 0 -> 1 -> 2; 3 -> 2; 3[extra] -> 4; 5 alone.
  const edges: Record<number, LockEdge[]> = { 0: [{ target: 1 }], 1: [{ target: 2 }], 3: [{ target: 2 }] };
  const extras: Record<string, LockEdge[]> = { '3[extra]': [{ target: 4 }] };
  const edgesOf = (index: number, extra?: string) => (extra ? extras[`${index}[${extra}]`] : edges[index]) ?? [];

  it('gives runtime over optional over development, following extras only when asked for', () => {
    const scopes = scopesByReachability(
      [
        { scope: 'development', edges: [{ target: 3, extras: ['extra'] }] },
        { scope: 'runtime', edges: [{ target: 0 }] },
        { scope: 'optional', edges: [{ target: 3 }] },
      ],
      edgesOf,
    );
    expect(Object.fromEntries(scopes)).toEqual({
      0: 'runtime',
      1: 'runtime',
      2: 'runtime',
      3: 'optional',
      4: 'development',
    });
  });

  it('finds the packages nothing depends on', () => {
    expect([...notDependedOn(6, (index) => edges[index] ?? [])]).toEqual([0, 3, 4, 5]);
  });
});
