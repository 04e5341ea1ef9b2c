import { describe, expect, it } from 'vitest';
import { NpmComponents } from './component-set.js';

describe('NpmComponents', () => {
  it('merges copies of a purl: strongest scope, direct if any, union of dependencies, first line', () => {
    const components = new NpmComponents('package-lock.json');
    const base = { name: '@s/a', version: '1.0.0', line: 10, direct: false };
    components.add({ ...base, scope: 'development', dependencies: ['pkg:npm/b@1.0.0'] });
    components.add({ ...base, scope: 'optional', line: 20, direct: true, dependencies: ['pkg:npm/c@1.0.0'] });
    components.add({
      ...base,
      scope: 'development',
      line: 30,
      dependencies: ['pkg:npm/b@1.0.0', 'pkg:npm/%40s/a@1.0.0'],
    });
    const [merged, ...others] = components.result().components;
    expect(others).toEqual([]);
    expect(merged).toEqual({
      ecosystem: 'npm',
      name: '@s/a',
      version: '1.0.0',
      purl: 'pkg:npm/%40s/a@1.0.0',
      scope: 'optional',
      direct: true,
      // Its dependency on another copy of itself is dropped.
      dependencies: ['pkg:npm/b@1.0.0', 'pkg:npm/c@1.0.0'],
      location: { path: 'package-lock.json', line: 10 },
    });
  });
});
