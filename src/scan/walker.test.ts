import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../core/model.js';
import { unreadable, walkTree } from './walker.js';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'paved-walk-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

function walk(root: string, options = {}) {
  const diagnostics: Diagnostic[] = [];
  const files = [...walkTree(root, { gitignore: true, ...options }, diagnostics)].map((f) => f.path);
  return { files, diagnostics };
}

describe('walkTree', () => {
  it('honours nested .gitignore files relative to their directory, and .pavedignore', () => {
    const root = tree({
      '.gitignore': 'dist/\n*.log\n',
      'a.ts': '',
      'app.log': '',
      'dist/out.js': '',
      'pkg/.gitignore': 'local.txt\n/only-here.txt\n',
      'pkg/local.txt': '',
      'pkg/only-here.txt': '',
      'pkg/sub/only-here.txt': '',
      '.pavedignore': 'fixtures/\n',
      'fixtures/key.pem': '',
      '.git/config': '',
    });
    expect(walk(root).files).toEqual(['.gitignore', '.pavedignore', 'a.ts', 'pkg/.gitignore', 'pkg/sub/only-here.txt']);
    expect(walk(root, { gitignore: false }).files).toContain('dist/out.js');
    expect(walk(root, { gitignore: false }).files).not.toContain('fixtures/key.pem');
  });

  it('follows no symlinks and reports broken ones and ones leaving the tree', () => {
    const outside = tree({ 'secret.txt': 'outside' });
    const root = tree({ 'real.txt': 'inside' });
    symlinkSync(join(outside, 'secret.txt'), join(root, 'out-link'));
    symlinkSync(join(root, 'real.txt'), join(root, 'in-link'));
    symlinkSync(join(root, 'missing.txt'), join(root, 'broken-link'));
    symlinkSync(outside, join(root, 'dir-link'));
    const { files, diagnostics } = walk(root);
    expect(files).toEqual(['real.txt']);
    expect(diagnostics.map((d) => [d.code, d.path])).toEqual([
      ['broken-symlink', 'broken-link'],
      ['symlink-outside-tree', 'dir-link'],
      ['symlink-outside-tree', 'out-link'],
    ]);
  });

  it('describes permission errors with a hint', () => {
    const error = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    expect(unreadable('secret.env', error)).toMatchObject({
      path: 'secret.env',
      message: 'skipped: cannot read (permission denied)',
      hint: expect.stringContaining('permission'),
    });
  });
});
