import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExtractInput } from './extractor.js';

/** shared/data beside the project checkout (real lockfiles and fixtures, never copied into the project). */
export const SHARED_DATA = fileURLToPath(new URL('../../../shared/data/', import.meta.url));

/** Test support: an ExtractInput for a real file, its siblings read from the same folder as the scanner does. */
export function inputFromFile(absolutePath: string, shownPath = basename(absolutePath)): ExtractInput {
  const folder = dirname(absolutePath);
  return {
    path: shownPath,
    text: readFileSync(absolutePath, 'utf8'),
    readRelative: (relativePath) => {
      try {
        return readFileSync(join(folder, relativePath), 'utf8');
      } catch {
        return undefined;
      }
    },
    listRelative: (relativePath) => {
      try {
        return readdirSync(join(folder, relativePath));
      } catch {
        return [];
      }
    },
  };
}

/** Test support: an ExtractInput for inline text, with optional sibling files by relative path. */
export function inputFromText(path: string, text: string, siblings: Record<string, string> = {}): ExtractInput {
  return {
    path,
    text,
    readRelative: (relativePath) => siblings[relativePath],
    listRelative: () => [],
  };
}
