import { describe, expect, it } from 'vitest';
import { maskUrlCredentials } from '../../core/redact.js';
import {
  describeSource,
  describeUnversioned,
  isExactVersion,
  isLocalSpec,
  isRegistryRange,
  isRegistryTarball,
  npmAlias,
  splitNameAndSpec,
} from './specs.js';

describe('package specs', () => {
  it('splits descriptors after the name, scoped or not', () => {
    expect(splitNameAndSpec('@babel/core@^7.0.0')).toEqual({ name: '@babel/core', spec: '^7.0.0' });
    expect(splitNameAndSpec('lodash@npm:4.17.21')).toEqual({ name: 'lodash', spec: 'npm:4.17.21' });
    expect(splitNameAndSpec('balanced-match')).toEqual({ name: 'balanced-match', spec: '' });
  });

  it('reads npm: aliases', () => {
    expect(npmAlias('npm:@babel/code-frame@7.0.0')).toEqual({ name: '@babel/code-frame', spec: '7.0.0' });
    expect(npmAlias('^7.0.0')).toBeUndefined();
  });

  it('tells exact versions and registry ranges from other sources', () => {
    expect(['1.2.3', '1.0.0-alpha.37', '5.1.6-vscode', '2.6.2+build.1'].every(isExactVersion)).toBe(true);
    expect(['^1.2.3', '1.2', 'latest', 'file:../x', undefined].some(isExactVersion)).toBe(false);
    expect(['^1.2.3', '>=1 <2', 'latest', '', 'npm:string-width@^4.2.0'].every(isRegistryRange)).toBe(true);
    expect(
      ['file:./a', 'link:../b', 'user/repo#main', 'git+https://h/r.git', 'npm:x@file:../y'].some(isRegistryRange),
    ).toBe(false);
  });

  it('recognises registry tarball URLs, private and scoped ones included', () => {
    expect(isRegistryTarball('https://registry.npmjs.org/@babel/core/-/core-7.0.0.tgz')).toBe(true);
    expect(
      isRegistryTarball('https://registry.yarnpkg.com/etag/-/etag-1.8.1.tgz#41ae2eeb65efa62268aebfea83ac7d79299b0887'),
    ).toBe(true);
    expect(isRegistryTarball('https://gitlab.example/api/v4/packages/npm/@o/p/-/@o/p-3.2.3.tgz')).toBe(true);
    expect(isRegistryTarball('https://codeload.github.com/u/r/tar.gz/02fa893d')).toBe(false);
    expect(isRegistryTarball('git+ssh://git@github.com/u/r.git#abc')).toBe(false);
  });

  it('masks credentials in URLs it shows', () => {
    expect(maskUrlCredentials('git+https://token123@github.com/u/r.git')).toBe('git+https://***@github.com/u/r.git');
    expect(maskUrlCredentials('https://user:secret@host/x.tgz')).toBe('https://***@host/x.tgz');
    expect(maskUrlCredentials('git+ssh://git@github.com/u/r.git')).toBe('git+ssh://git@github.com/u/r.git');
    expect(describeSource('https://tok@github.com/u/r.git#main')).not.toContain('tok');
  });

  it('says in words where a non-registry spec points', () => {
    expect(describeSource('file:../a')).toMatch(/^a local path/);
    expect(describeSource('link:../a')).toMatch(/^a workspace or local link/);
    expect(describeSource('github:user/repo#v1')).toMatch(/^a git repository/);
    expect(describeSource('user/repo#v1')).toMatch(/^a git repository/);
    expect(describeSource('https://codeload.github.com/u/r/tar.gz/abc')).toMatch(/^a git repository archive/);
    expect(describeSource('https://example.com/pkg.tgz')).toMatch(/^a URL/);
    expect(describeUnversioned('github:user/repo#v1')).toBe(
      'a git repository (github:user/repo#v1) with no version recorded in the lockfile',
    );
  });

  it('tells local folders, archives and links from other sources', () => {
    expect(
      ['file:../a', 'file:a.tgz', 'link:../b', 'portal:c', 'workspace:*', 'exec:./gen', './d', '../e'].every(
        isLocalSpec,
      ),
    ).toBe(true);
    expect(
      ['github:u/r', 'u/r#main', 'https://example.com/x.tgz', '^1.0.0', 'git+ssh://git@h:u/r'].some(isLocalSpec),
    ).toBe(false);
  });
});
