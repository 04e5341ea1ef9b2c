import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { PavedError } from '../core/errors.js';
import { forEachZipEntry } from './zip-entries.js';

export type RecordFormat = 'json' | 'yaml';

/** One advisory file as read from a source, not yet parsed. */
export interface RawRecord {
  /** Where it came from: the file, or `archive.zip:entry.json`. */
  origin: string;
  format: RecordFormat;
  data: Uint8Array | string;
}

const FORMAT_OF_EXTENSION: Record<string, RecordFormat | 'zip'> = {
  '.json': 'json',
  '.yaml': 'yaml',
  '.yml': 'yaml',
  '.zip': 'zip',
};

/**
 * Calls `visit` with every advisory file of a source: a JSON or YAML file, an osv.dev export zip, or a
 * folder (walked recursively, in name order, for .json, .yaml, .yml and .zip files; hidden folders are
 * skipped). A file named on its own is read whatever its extension.
 */
export function forEachRecordIn(source: string, visit: (record: RawRecord) => void): void {
  const stats = statOrUndefined(source);
  if (!stats) {
    throw new PavedError('INPUT', `cannot read ${source}: no such file or folder`, {
      path: source,
      hint: 'give OSV JSON or YAML files, folders of them, or osv.dev export zips (<ECOSYSTEM>/all.zip)',
    });
  }
  if (stats.isDirectory()) {
    walkFolder(source, visit);
    return;
  }
  readFile(source, formatOfFile(source), visit);
}

function walkFolder(folder: string, visit: (record: RawRecord) => void): void {
  const entries = readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) walkFolder(path, visit);
    else {
      const format = FORMAT_OF_EXTENSION[extname(entry.name).toLowerCase()];
      if (format && statOrUndefined(path)?.isFile()) readFile(path, format, visit);
    }
  }
}

function readFile(path: string, format: RecordFormat | 'zip', visit: (record: RawRecord) => void): void {
  if (format !== 'zip') {
    visit({ origin: path, format, data: readFileSync(path) });
    return;
  }
  if (!startsLikeZip(path)) {
    throw new PavedError('INPUT', `${path} is not a zip archive`, { path });
  }
  forEachZipEntry(path, (name, data) => {
    const entryFormat = FORMAT_OF_EXTENSION[extname(name).toLowerCase()];
    if (entryFormat === 'json' || entryFormat === 'yaml')
      visit({ origin: `${path}:${name}`, format: entryFormat, data });
  });
}

/** By extension, else by content: a zip signature, JSON's `{` or `[`, YAML otherwise. */
function formatOfFile(path: string): RecordFormat | 'zip' {
  const byExtension = FORMAT_OF_EXTENSION[extname(path).toLowerCase()];
  if (byExtension) return byExtension;
  if (startsLikeZip(path)) return 'zip';
  const start = firstBytes(path, 64).toString('utf8').trimStart();
  return start.startsWith('{') || start.startsWith('[') ? 'json' : 'yaml';
}

function startsLikeZip(path: string): boolean {
  const signature = firstBytes(path, 4);
  // A local file header, or the end record of an empty archive.
  return signature.equals(Buffer.from('PK\x03\x04', 'latin1')) || signature.equals(Buffer.from('PK\x05\x06', 'latin1'));
}

function firstBytes(path: string, count: number): Buffer {
  const buffer = Buffer.alloc(count);
  const fd = openSync(path, 'r');
  try {
    return buffer.subarray(0, readSync(fd, buffer, 0, count, 0));
  } finally {
    closeSync(fd);
  }
}

function statOrUndefined(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
