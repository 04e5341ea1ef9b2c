import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { Diagnostic, Finding } from '../core/model.js';
import type { CommitInfo } from '../scan/diff-parser.js';
import { tooLarge, unreadable } from '../scan/walker.js';
import type { SecretEngine } from './engine.js';
import { scanBytes } from './scan-bytes.js';

/** A unit of work for a scan thread: files to read, or diff blocks already in memory. */
export type SecretTask =
  | { type: 'files'; files: { path: string; absolutePath: string }[]; maxFileSize: number }
  | {
      type: 'blocks';
      blocks: { path: string; text: Uint8Array; lineNumbers?: number[]; commit?: CommitInfo }[];
    };

export interface SecretTaskResult {
  findings: Finding[];
  diagnostics: Diagnostic[];
  bytes: number;
  scanned: number;
  binaryPaths: string[];
  /**
   * For diff blocks: the git-log position of the commit of each finding (parallel to `findings`), so a
   * secret seen in many commits can be attributed to the one that introduced it.
   */
  commitOrdinals: number[];
}

export function emptyResult(): SecretTaskResult {
  return { findings: [], diagnostics: [], bytes: 0, scanned: 0, binaryPaths: [], commitOrdinals: [] };
}

/** Runs one task with an engine. The same function runs inline and inside worker threads. */
export function runSecretTask(engine: SecretEngine, task: SecretTask): SecretTaskResult {
  const result = emptyResult();
  if (task.type === 'files') {
    for (const file of task.files) {
      let bytes: Buffer | number;
      try {
        bytes = readIntoScratch(file.absolutePath, task.maxFileSize);
      } catch (error) {
        result.diagnostics.push(unreadable(file.path, error));
        continue;
      }
      if (typeof bytes === 'number') {
        result.diagnostics.push(tooLarge(file.path, bytes, task.maxFileSize));
        continue;
      }
      collect(result, file.path, bytes.length, scanBytes(engine, bytes, file.path));
    }
  } else {
    for (const block of task.blocks) {
      const bytes = Buffer.from(block.text.buffer, block.text.byteOffset, block.text.byteLength);
      const scanned = scanBytes(engine, bytes, block.path, { commit: block.commit, lineNumbers: block.lineNumbers });
      collect(result, block.path, bytes.length, scanned);
      for (const _ of scanned.findings) result.commitOrdinals.push(block.commit?.ordinal ?? 0);
    }
  }
  return result;
}

/**
 * Files are read into one reused buffer per thread: scanning copies out what it keeps (strings), so
 * reusing the memory saves allocating and collecting ~the whole tree's size in Buffers.
 */
let scratch = Buffer.allocUnsafe(1 << 20);

/** The file's bytes, or its size when that is over `maxFileSize` (then nothing is read). */
function readIntoScratch(path: string, maxFileSize: number): Buffer | number {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size > maxFileSize) return size;
    if (size > scratch.length) scratch = Buffer.allocUnsafe(Math.max(size, scratch.length * 2));
    // Read the size fstat reported (one read call for most files); a file that shrinks meanwhile ends
    // early at EOF. Bytes appended during the scan are not read, as with any snapshot.
    let length = 0;
    while (length < size) {
      const n = readSync(fd, scratch, length, size - length, null);
      if (n === 0) break;
      length += n;
    }
    return scratch.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

function collect(result: SecretTaskResult, path: string, size: number, scanned: ReturnType<typeof scanBytes>): void {
  if (scanned.binary) {
    result.binaryPaths.push(path);
    return;
  }
  result.scanned++;
  result.bytes += size;
  result.findings.push(...scanned.findings);
  result.diagnostics.push(...scanned.diagnostics);
}

export function mergeResults(into: SecretTaskResult, from: SecretTaskResult): void {
  into.findings.push(...from.findings);
  into.diagnostics.push(...from.diagnostics);
  into.bytes += from.bytes;
  into.scanned += from.scanned;
  into.binaryPaths.push(...from.binaryPaths);
  into.commitOrdinals.push(...from.commitOrdinals);
}
