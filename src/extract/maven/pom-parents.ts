import { posix } from 'node:path';
import { ExtractError } from '../extractor.js';
import { type PomModel, parsePom, type RawParent } from './pom-model.js';

/** The local parent POMs of a project, nearest first, and why the chain stops early when it does. */
export interface ParentChain {
  ancestors: PomModel[];
  /** The first parent that could not be read locally: its coordinates and what went wrong. */
  unavailable?: { coordinates: string; reason: string };
}

const DEFAULT_RELATIVE_PATH = '../pom.xml';
/** Deeper than any real hierarchy; stops chains that the path check cannot see (a folder linked into itself). */
const MAX_DEPTH = 32;

/**
 * Follows `<parent>` through `<relativePath>` (Maven's default `../pom.xml`) as long as the POM found there
 * is the declared parent (Maven checks the coordinates too, and otherwise goes to a repository, which we
 * cannot). Paths are relative to the folder of the file being extracted; a chain that comes back to a
 * file already read stops.
 */
export function loadLocalParents(
  child: PomModel,
  childPath: string,
  readRelative: (relativePath: string) => string | undefined,
): ParentChain {
  const ancestors: PomModel[] = [];
  const visited = new Set([posix.normalize(childPath)]);
  let current = child;
  let currentFolder = '.';
  while (current.parent && ancestors.length < MAX_DEPTH) {
    const declared = current.parent;
    const coordinates = coordinatesOf(declared.groupId, declared.artifactId, declared.version);
    const relativePath = declared.relativePath ?? DEFAULT_RELATIVE_PATH;
    if (relativePath === '') {
      return {
        ancestors,
        unavailable: { coordinates, reason: 'its <relativePath> is empty: it comes from a repository' },
      };
    }
    const found = readParent(posix.join(currentFolder, relativePath), readRelative);
    if (!found) return { ancestors, unavailable: { coordinates, reason: `no POM at ${relativePath}` } };
    if (visited.has(found.path)) {
      return { ancestors, unavailable: { coordinates, reason: `the parents form a cycle at ${found.path}` } };
    }
    visited.add(found.path);
    let parent: PomModel;
    try {
      parent = parsePom(found.text);
    } catch (error) {
      if (!(error instanceof ExtractError)) throw error;
      return { ancestors, unavailable: { coordinates, reason: `${found.path} cannot be parsed (${error.message})` } };
    }
    const mismatch = coordinateMismatch(declared, parent);
    if (mismatch) return { ancestors, unavailable: { coordinates, reason: `${found.path} is ${mismatch}` } };
    ancestors.push(parent);
    current = parent;
    currentFolder = posix.dirname(found.path);
  }
  return { ancestors };
}

/** `<relativePath>` may name the POM or its folder. */
function readParent(
  path: string,
  readRelative: (relativePath: string) => string | undefined,
): { path: string; text: string } | undefined {
  const normalized = posix.normalize(path);
  const candidates = normalized.endsWith('.xml') ? [normalized] : [posix.join(normalized, 'pom.xml'), normalized];
  for (const candidate of candidates) {
    const text = readRelative(candidate);
    if (text !== undefined) return { path: candidate, text };
  }
  return undefined;
}

/** Undefined when `found` is the declared parent; otherwise its own coordinates, for the reason. */
function coordinateMismatch(declared: RawParent, found: PomModel): string | undefined {
  const groupId = found.groupId ?? found.parent?.groupId;
  const version = found.version ?? found.parent?.version;
  const sameVersion =
    declared.version === undefined ||
    version === undefined ||
    declared.version === version ||
    // A CI-friendly `${revision}` cannot be compared without the build's properties.
    declared.version.includes('${') ||
    version.includes('${');
  if (groupId === declared.groupId && found.artifactId === declared.artifactId && sameVersion) return undefined;
  return coordinatesOf(groupId, found.artifactId, version);
}

export function coordinatesOf(groupId?: string, artifactId?: string, version?: string): string {
  return [groupId ?? '?', artifactId ?? '?', version].filter((part) => part !== undefined).join(':');
}
