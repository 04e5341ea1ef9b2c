import { type Dirent, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { Diagnostic } from '../core/model.js';

/**
 * A file to scan: display path (relative, `/`-separated) and where to read it. No size: the walk does
 * not stat files (a syscall per file is a large part of scanning many small files); the reader checks
 * the size limit with fstat on the open file.
 */
export interface FileRef {
  path: string;
  absolutePath: string;
}

export interface WalkOptions {
  /** Honour .gitignore files (on by default; .pavedignore is always honoured). */
  gitignore: boolean;
}

/** Files the walk never descends into: VCS metadata. */
const SKIPPED_DIRS = new Set(['.git', '.hg', '.svn']);
const IGNORE_FILES = ['.gitignore', '.pavedignore'];

interface IgnoreScope {
  /** Directory (relative to the root, '' for the root) whose ignore files these are. */
  dir: string;
  matcher: Ignore;
}

/**
 * Walks a directory tree depth-first, honouring .gitignore and .pavedignore at every level (patterns
 * are relative to the directory holding the file, as in git), never following symlinks out of the tree,
 * and reporting what it skips. Synchronous on purpose: directory reads are cheap next to scanning, and
 * a sync walk keeps file order deterministic.
 */
export function* walkTree(root: string, options: WalkOptions, diagnostics: Diagnostic[]): Generator<FileRef> {
  const rootReal = realpathSync(root);
  const stack: { dir: string; scopes: IgnoreScope[] }[] = [{ dir: '', scopes: [] }];
  const rootExclude = readIgnoreFile(join(root, '.git', 'info', 'exclude'));

  while (stack.length > 0) {
    const { dir, scopes: parentScopes } = stack.pop() as { dir: string; scopes: IgnoreScope[] };
    const absoluteDir = join(root, dir);
    let entries: Dirent[];
    try {
      entries = readdirSync(absoluteDir, { withFileTypes: true });
    } catch (error) {
      diagnostics.push(unreadable(dir || '.', error));
      continue;
    }
    const scopes = [...parentScopes];
    const matcher = ignore();
    let hasPatterns = false;
    if (dir === '' && options.gitignore && rootExclude) {
      matcher.add(rootExclude);
      hasPatterns = true;
    }
    for (const name of IGNORE_FILES) {
      if (name === '.gitignore' && !options.gitignore) continue;
      if (!entries.some((e) => e.name === name)) continue;
      const text = readIgnoreFile(join(absoluteDir, name));
      if (text) {
        matcher.add(text);
        hasPatterns = true;
      }
    }
    if (hasPatterns) scopes.push({ dir, matcher });

    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subdirs: string[] = [];
    for (const entry of entries) {
      const path = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (SKIPPED_DIRS.has(entry.name) || isIgnored(scopes, path, true)) continue;
        subdirs.push(path);
        continue;
      }
      if (isIgnored(scopes, path, false)) continue;
      if (entry.isSymbolicLink()) noteSymlink(root, rootReal, path, diagnostics);
      else if (entry.isFile()) yield { path, absolutePath: join(root, path) };
    }
    for (const subdir of subdirs.reverse()) stack.push({ dir: subdir, scopes });
  }
}

function isIgnored(scopes: IgnoreScope[], path: string, isDir: boolean): boolean {
  for (const { dir, matcher } of scopes) {
    const rel = dir ? path.slice(dir.length + 1) : path;
    if (matcher.ignores(isDir ? `${rel}/` : rel)) return true;
  }
  return false;
}

function readIgnoreFile(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * A symlink to a file inside the tree is skipped (its target is scanned under its own path); one that
 * points outside the tree is not followed; a broken one is reported.
 */
function noteSymlink(root: string, rootReal: string, path: string, diagnostics: Diagnostic[]): void {
  const absolutePath = join(root, path);
  let target: string;
  try {
    target = realpathSync(absolutePath);
  } catch {
    diagnostics.push({
      level: 'warning',
      code: 'broken-symlink',
      path,
      message: 'skipped: broken symbolic link',
      hint: 'remove the link or restore its target',
    });
    return;
  }
  const inside = target === rootReal || target.startsWith(rootReal + sep);
  if (!inside) {
    diagnostics.push({
      level: 'info',
      code: 'symlink-outside-tree',
      path,
      message: `not followed: symbolic link to ${relative(rootReal, target) || target} outside the scanned tree`,
    });
  }
}

export function unreadable(path: string, error: unknown): Diagnostic {
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    code === 'EACCES' || code === 'EPERM'
      ? 'permission denied'
      : code === 'ENOENT'
        ? 'no such file or directory'
        : (error as Error).message;
  return {
    level: 'warning',
    code: 'unreadable',
    path,
    message: `skipped: cannot read (${reason})`,
    hint: code === 'EACCES' || code === 'EPERM' ? 'check the file permissions, or add it to .pavedignore' : undefined,
  };
}

/** The note for a file skipped for its size. */
export function tooLarge(path: string, size: number, limit: number): Diagnostic {
  return {
    level: 'warning',
    code: 'file-too-large',
    path,
    message: `skipped: ${formatBytes(size)} is over the ${formatBytes(limit)} limit`,
    hint: 'raise the limit with --max-file-size, or add the file to .pavedignore',
  };
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} B`;
}
