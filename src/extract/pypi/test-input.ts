import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Component, ExtractResult } from '../component.js';
import type { ExtractInput } from '../extractor.js';

/** shared/data beside the project checkout (real lockfiles and fixtures, never copied into the project). */
export const SHARED_DATA = fileURLToPath(new URL('../../../../shared/data/', import.meta.url));
export const FIXTURES = join(SHARED_DATA, 'lockfile-fixtures/python');
export const REAL = join(SHARED_DATA, 'lockfiles/PyPI');

/** An ExtractInput for a real file: its siblings are read from the same folder, as the scanner does. */
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

/** An ExtractInput for inline text, with sibling files by path relative to its folder. */
export function inputFromText(path: string, text: string, siblings: Record<string, string> = {}): ExtractInput {
  return {
    path,
    text,
    readRelative: (relativePath) => siblings[relativePath],
    listRelative: () => [],
  };
}

/** The component with this name (and version, when several are locked); fails the test when absent. */
export function component(result: ExtractResult, name: string, version?: string): Component {
  const found = result.components.find((c) => c.name === name && (version === undefined || c.version === version));
  if (!found) throw new Error(`no component ${name}${version ? `@${version}` : ''}`);
  return found;
}

/** `name@version` of each component, in the order extracted. */
export function ids(result: ExtractResult): string[] {
  return result.components.map((c) => `${c.name}@${c.version}`);
}
