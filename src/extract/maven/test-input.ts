import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExtractInput } from '../extractor.js';

/** The shared data folder (fixtures and real lockfiles), beside the project checkout. */
export const SHARED_DATA = fileURLToPath(new URL('../../../../shared/data/', import.meta.url));

/** An ExtractInput for a real file: readRelative/listRelative read beside it, as the scanner does. */
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

/** An ExtractInput for inline text, with sibling files given by path relative to its folder. */
export function inlineInput(path: string, text: string, siblings: Record<string, string> = {}): ExtractInput {
  return {
    path,
    text,
    readRelative: (relativePath) => siblings[relativePath],
    listRelative: () => [],
  };
}
