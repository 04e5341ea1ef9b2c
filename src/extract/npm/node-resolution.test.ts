import { describe, expect, it } from 'vitest';
import { InstalledTree, installedName, isInstalledPath } from './node-resolution.js';

describe('InstalledTree', () => {
  const tree = new InstalledTree<string>();
  for (const path of [
    'node_modules/a',
    'node_modules/b',
    'node_modules/a/node_modules/b',
    'node_modules/a/node_modules/@s/c',
    'node_modules/@s/c',
    'packages/app/node_modules/b',
  ]) {
    tree.add(path, path);
  }

  it('looks in the package own node_modules first, then in each folder above', () => {
    expect(tree.resolve('node_modules/a', 'b')).toBe('node_modules/a/node_modules/b');
    expect(tree.resolve('node_modules/a/node_modules/b', 'b')).toBe('node_modules/a/node_modules/b');
    expect(tree.resolve('node_modules/a/node_modules/b', '@s/c')).toBe('node_modules/a/node_modules/@s/c');
    expect(tree.resolve('node_modules/b', '@s/c')).toBe('node_modules/@s/c');
    expect(tree.resolve('', 'b')).toBe('node_modules/b');
    expect(tree.resolve('node_modules/b', 'missing')).toBeUndefined();
  });

  it('resolves from workspace folders through their own node_modules, then the root', () => {
    expect(tree.resolve('packages/app', 'b')).toBe('packages/app/node_modules/b');
    expect(tree.resolve('packages/app', 'a')).toBe('node_modules/a');
    expect(tree.resolve('packages/other', 'b')).toBe('node_modules/b');
  });

  it('names installed paths and tells them from project folders', () => {
    expect(installedName('node_modules/a/node_modules/@s/c')).toBe('@s/c');
    expect(isInstalledPath('packages/app/node_modules/b')).toBe(true);
    expect(isInstalledPath('packages/app')).toBe(false);
  });
});
