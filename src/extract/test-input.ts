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

/**
 * Test support: an ExtractInput for inline text, with other files held in memory: `files` maps paths
 * relative to the input's folder to their text; folders exist when some file is inside them.
 */
export function inputFromText(path: string, text: string, files: Record<string, string> = {}): ExtractInput {
  const normal = (relative: string) =>
    relative
      .split('/')
      .filter((part) => part !== '' && part !== '.')
      .join('/');
  const contents = new Map(Object.entries(files).map(([file, content]) => [normal(file), content]));
  contents.set(normal(basename(path)), text);
  return {
    path,
    text,
    readRelative: (relative) => contents.get(normal(relative)),
    listRelative: (relative) => {
      const prefix = normal(relative) === '' ? '' : `${normal(relative)}/`;
      const names = new Set<string>();
      for (const file of contents.keys()) {
        if (file.startsWith(prefix)) names.add(file.slice(prefix.length).split('/')[0] as string);
      }
      return [...names];
    },
  };
}
