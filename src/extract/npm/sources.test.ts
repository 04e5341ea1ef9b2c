import { describe, expect, it } from 'vitest';
import { originQualifiers, packageFromRepository, packageFromSource } from './sources.js';

const SHA = '0123456789abcdef0123456789abcdef01234567';

describe('originQualifiers', () => {
  it('reads git sources as npm, yarn and pnpm write them, into one https vcs_url per repository', () => {
    const vcsUrl = `git+https://github.com/o/r@${SHA}`;
    for (const source of [
      `git+ssh://git@github.com/o/r.git#${SHA}`,
      `git+ssh://git@github.com:o/r#${SHA}`,
      `git+https://token@github.com/o/r.git#${SHA}`,
      `git://github.com/o/r.git#${SHA}`,
      `ssh://github.com/o/r.git#${SHA}`,
      `git@github.com:o/r.git#${SHA}`,
      `github:o/r#${SHA}`,
      `o/r#${SHA}`,
      `https://github.com/o/r#${SHA}`,
      `https://github.com/o/r.git#commit=${SHA}`,
      `https://github.com/o/r.git#commit:${SHA}`,
    ]) {
      expect(originQualifiers(source), source).toEqual({ vcs_url: vcsUrl });
    }
  });

  it('keeps other hosts as written, without credentials; a branch name is not a commit', () => {
    expect(originQualifiers(`git+https://user:secret@git.example.com/team/r.git#${SHA}`)).toEqual({
      vcs_url: `git+https://git.example.com/team/r.git@${SHA}`,
    });
    expect(originQualifiers('git+ssh://git@git.example.com:2222/team/r.git#main')).toEqual({
      vcs_url: 'git+ssh://git.example.com:2222/team/r.git',
    });
    expect(originQualifiers('https://example.com/r.git#head=main&workspace=x')).toEqual({
      vcs_url: 'git+https://example.com/r.git',
    });
  });

  it('reads git host archives of a commit as the repository at that commit', () => {
    expect(originQualifiers(`https://codeload.github.com/o/r/tar.gz/${SHA}`)).toEqual({
      vcs_url: `git+https://github.com/o/r@${SHA}`,
    });
    expect(originQualifiers(`https://github.com/o/r/archive/${SHA}.tar.gz`)).toEqual({
      vcs_url: `git+https://github.com/o/r@${SHA}`,
    });
    expect(originQualifiers(`https://gitlab.com/g/sub/r/repository/archive.tar.gz?ref=${SHA}`)).toEqual({
      vcs_url: `git+https://gitlab.com/g/sub/r@${SHA}`,
    });
    expect(originQualifiers(`https://gitlab.com/g/r/-/archive/${SHA}/r-${SHA}.tar.gz`)).toEqual({
      vcs_url: `git+https://gitlab.com/g/r@${SHA}`,
    });
    expect(originQualifiers(`https://bitbucket.org/o/r/get/${SHA}.tar.gz`)).toEqual({
      vcs_url: `git+https://bitbucket.org/o/r@${SHA}`,
    });
    // An archive of a branch: only the URL is known.
    expect(originQualifiers('https://codeload.github.com/o/r/tar.gz/main')).toEqual({
      download_url: 'https://codeload.github.com/o/r/tar.gz/main',
    });
  });

  it('gives other tarball URLs a download_url without credentials or hash fragment', () => {
    expect(originQualifiers(`https://user:secret@cdn.example.com/pkg-1.0.0.tgz#${SHA}`)).toEqual({
      download_url: 'https://cdn.example.com/pkg-1.0.0.tgz',
    });
    expect(originQualifiers('https://cdn.example.com/pkg.tgz?access_token=abc&v=2')).toEqual({
      download_url: 'https://cdn.example.com/pkg.tgz?v=2',
    });
  });

  it('gives nothing for local paths, links and what it cannot read', () => {
    for (const source of ['file:../a', 'file:a.tgz', 'link:../b', 'portal:../c', 'workspace:*', './d', 'latest']) {
      expect(originQualifiers(source), source).toBeUndefined();
    }
  });
});

describe('packageFromSource and packageFromRepository', () => {
  it('make a component of a versioned git or URL package, and skip the others with the reason', () => {
    expect(packageFromSource('r', '1.0.0', `github:o/r#${SHA}`)).toEqual({
      identity: { name: 'r', version: '1.0.0', qualifiers: { vcs_url: `git+https://github.com/o/r@${SHA}` } },
    });
    expect(packageFromSource('r', undefined, 'https://tok@github.com/o/r.git#main')).toEqual({
      skipped: {
        name: 'r',
        reason: 'a git repository (https://***@github.com/o/r.git#main) with no version recorded in the lockfile',
      },
    });
    expect(packageFromSource('a', '1.0.0', 'file:../a')).toEqual({
      skipped: { name: 'a', reason: 'a local path (file:../a), not a registry package' },
    });
    expect(packageFromRepository('r', '2.0.0', 'git@bitbucket.org:o/r.git', SHA)).toEqual({
      identity: { name: 'r', version: '2.0.0', qualifiers: { vcs_url: `git+https://bitbucket.org/o/r@${SHA}` } },
    });
    expect(packageFromRepository('r', 'v2', 'https://tok@git.example.com/r.git', SHA)).toEqual({
      skipped: {
        name: 'r',
        reason: `a git repository (https://***@git.example.com/r.git#${SHA}) with no version recorded in the lockfile`,
      },
    });
  });
});
