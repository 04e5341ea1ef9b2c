import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { PavedError } from './errors.js';

/**
 * Writes a file so that readers see either the old content or the whole new content, never a part:
 * write a temporary file in the same directory, flush it to disk, then rename it over the target.
 */
export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const fd = openSync(temporary, 'w', 0o644);
    try {
      writeSync(fd, typeof content === 'string' ? Buffer.from(content) : content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new PavedError('OUTPUT', `cannot write ${path}: ${(error as Error).message}`, {
      path,
      hint: 'check that the directory exists and is writable',
    });
  }
}
