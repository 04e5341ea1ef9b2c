import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Diagnostic } from '../core/model.js';
import { maskUrlCredentials } from '../core/redact.js';
import { formatBytes } from '../scan/walker.js';
import type { Component, SkippedDependency } from './component.js';
import { ExtractError, type Extractor } from './extractor.js';

/** Lockfiles larger than this are reported and skipped (the largest real ones are tens of megabytes). */
export const MAX_LOCKFILE_SIZE = 256 * 1024 * 1024;

/** A lockfile that was read, and what it gave. */
export interface LockfileSummary {
  path: string;
  extractor: string;
  components: number;
}

export interface DependencyInventory {
  components: Component[];
  skipped: SkippedDependency[];
  lockfiles: LockfileSummary[];
}

export interface LockfileRef {
  /** Shown path (relative, `/`-separated). */
  path: string;
  absolutePath: string;
}

/** The extractor that reads `path`, if any (the first in registry order: more specific formats first). */
export function extractorFor(path: string, extractors: readonly Extractor[]): Extractor | undefined {
  return extractors.find((extractor) => extractor.matches(path));
}

/**
 * Reads every lockfile among `files` with its extractor. A file that cannot be read or parsed becomes an
 * error diagnostic naming the file and line; the other files still give their components.
 */
export function extractDependencies(
  files: Iterable<LockfileRef>,
  extractors: readonly Extractor[],
  diagnostics: Diagnostic[],
): DependencyInventory {
  const inventory: DependencyInventory = { components: [], skipped: [], lockfiles: [] };
  for (const file of files) {
    const extractor = extractorFor(file.path, extractors);
    if (!extractor) continue;
    const text = readLockfile(file, diagnostics);
    if (text === undefined) continue;
    try {
      const result = extractor.extract({
        path: file.path,
        text,
        readRelative: (relativePath) => readOptional(join(dirname(file.absolutePath), relativePath)),
        listRelative: (relativePath) => listOptional(join(dirname(file.absolutePath), relativePath)),
      });
      inventory.components.push(...result.components);
      // Skip reasons quote sources (URLs): whatever an extractor wrote, no credential leaves here.
      inventory.skipped.push(
        ...result.skipped.map((skip) => ({
          ...skip,
          name: maskUrlCredentials(skip.name),
          reason: maskUrlCredentials(skip.reason),
        })),
      );
      if (result.components.length > 0 || result.skipped.length > 0) {
        inventory.lockfiles.push({ path: file.path, extractor: extractor.id, components: result.components.length });
      }
    } catch (error) {
      diagnostics.push(unparseable(file.path, extractor, error));
    }
  }
  return inventory;
}

function unparseable(path: string, extractor: Extractor, error: unknown): Diagnostic {
  const known = error instanceof ExtractError;
  return {
    level: 'error',
    code: 'lockfile-unparseable',
    path,
    line: known ? error.line : undefined,
    message: known
      ? `cannot read ${path} as ${extractor.id}: ${error.message}`
      : `${extractor.id} failed on ${path}: ${(error as Error).message ?? String(error)}`,
    hint: known
      ? 'fix the file, or regenerate it with its package manager; the other lockfiles were read'
      : 'this is a bug in paved: please report it with the file if you can; the other lockfiles were read',
  };
}

function readLockfile(file: LockfileRef, diagnostics: Diagnostic[]): string | undefined {
  try {
    const { size } = statSync(file.absolutePath);
    if (size > MAX_LOCKFILE_SIZE) {
      diagnostics.push({
        level: 'warning',
        code: 'lockfile-too-large',
        path: file.path,
        message: `skipped ${file.path}: ${formatBytes(size)} is over the ${formatBytes(MAX_LOCKFILE_SIZE)} limit for lockfiles`,
      });
      return undefined;
    }
    return readFileSync(file.absolutePath, 'utf8');
  } catch (error) {
    diagnostics.push({
      level: 'error',
      code: 'unreadable',
      path: file.path,
      message: `cannot read ${file.path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      hint: 'check the file permissions',
    });
    return undefined;
  }
}

function readOptional(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function listOptional(path: string): string[] {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}
