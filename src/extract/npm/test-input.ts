import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PackageURL } from 'packageurl-js';
import type { Component, ExtractResult } from '../component.js';
import type { ExtractInput } from '../extractor.js';

/** The shared test data (/work/shared/data), beside the project checkout. */
export const SHARED_DATA = fileURLToPath(new URL('../../../../shared/data/', import.meta.url));
export const FIXTURES = join(SHARED_DATA, 'lockfile-fixtures/javascript');
export const REAL_LOCKFILES = join(SHARED_DATA, 'lockfiles/npm');

/** An ExtractInput for a real file: relative reads and listings look beside it, as the scanner does. */
export function fileInput(absolutePath: string, shownPath = basename(absolutePath)): ExtractInput {
  const folder = dirname(absolutePath);
  return {
    path: shownPath,
    text: readFileSync(absolutePath, 'utf8'),
    readRelative: (relative) => {
      try {
        return readFileSync(join(folder, relative), 'utf8');
      } catch {
        return undefined;
      }
    },
    listRelative: (relative) => {
      try {
        return readdirSync(join(folder, relative));
      } catch {
        return [];
      }
    },
  };
}

/**
 * An ExtractInput over files held in memory: `files` maps paths relative to the input's folder to
 * their text; folders exist when some file is inside them.
 */
export function memoryInput(path: string, text: string, files: Record<string, string> = {}): ExtractInput {
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

/** The component `name@version` of a result (throws when absent, so a test fails with the name). */
export function component(result: ExtractResult, name: string, version: string): Component {
  const found = result.components.find((candidate) => candidate.name === name && candidate.version === version);
  if (!found) throw new Error(`no component ${name}@${version}`);
  return found;
}

/** How many components have each scope, and how many are direct: what a summary of a lockfile shows. */
export function tally(result: ExtractResult): Record<string, number> {
  const counts: Record<string, number> = {
    components: result.components.length,
    direct: 0,
    skipped: result.skipped.length,
  };
  for (const found of result.components) {
    counts[found.scope] = (counts[found.scope] ?? 0) + 1;
    if (found.direct) counts.direct = (counts.direct ?? 0) + 1;
  }
  return counts;
}

/** The decoded qualifiers of a component's purl (`vcs_url`, `download_url`); {} for a registry package. */
export function qualifiers(found: Component): Record<string, string> {
  return { ...PackageURL.fromString(found.purl).qualifiers };
}
