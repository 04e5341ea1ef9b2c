import { statSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { isDirectory } from '../core/fs.js';
import type { Diagnostic } from '../core/model.js';
import { type FileRef, unreadable, walkTree } from './walker.js';

export interface TreeTarget {
  /** Absolute path of a file or directory. */
  absolutePath: string;
  /** Path prefix for display ('' to show paths relative to a directory target). */
  displayPrefix: string;
}

/** Where each target's findings are shown: relative to the single directory scanned, else to `cwd`. */
export function treeTargets(paths: string[], cwd: string): TreeTarget[] {
  return paths.map((path) => {
    const absolutePath = resolve(cwd, path);
    const shown = relative(cwd, absolutePath).split(sep).join('/');
    const single = paths.length === 1 && isDirectory(absolutePath);
    return { absolutePath, displayPrefix: single ? '' : shown || '.' };
  });
}

/** The files of one tree target: the target itself when it is a file, else the walk of the folder. */
export function* filesOf(
  target: TreeTarget,
  walk: { maxFileSize: number; gitignore: boolean },
  diagnostics: Diagnostic[],
): Generator<FileRef> {
  let stats: ReturnType<typeof statSync>;
  const shown = target.displayPrefix || '.';
  try {
    stats = statSync(target.absolutePath);
  } catch (error) {
    const diagnostic = unreadable(shown, error);
    diagnostics.push({
      ...diagnostic,
      level: 'error',
      hint: diagnostic.hint ?? 'check the path you passed to paved scan',
    });
    return;
  }
  if (stats.isFile()) {
    yield { path: shown, absolutePath: target.absolutePath };
    return;
  }
  for (const file of walkTree(target.absolutePath, walk, diagnostics)) {
    yield target.displayPrefix ? { ...file, path: `${target.displayPrefix}/${file.path}` } : file;
  }
}
