import { closeSync, openSync, readSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { type FlateError, Unzip, type UnzipDecoder } from 'fflate';

// fflate finds the entries of a pushed chunk recursively, one stack frame per entry: a chunk of small
// entries must stay small (1 MiB of 400-byte entries overflowed the stack).
const CHUNK_BYTES = 64 * 1024;

/**
 * Calls `visit` with each file of a zip archive, in archive order, reading the archive from disk a chunk
 * at a time: memory holds one chunk and one inflated entry, never the whole archive (osv.dev's exports
 * of the larger ecosystems are hundreds of MB). Synchronous, so that the caller can write each batch to
 * SQLite as it fills.
 */
export function forEachZipEntry(path: string, visit: (name: string, data: Uint8Array) => void): void {
  let failure: unknown;
  const unzip = new Unzip((file) => {
    const chunks: Uint8Array[] = [];
    file.ondata = (error, chunk, final) => {
      if (error) {
        failure ??= new Error(`${file.name}: ${error.message}`);
        return;
      }
      if (chunk.length > 0) chunks.push(chunk);
      if (final && !file.name.endsWith('/')) visit(file.name, join(chunks));
    };
    // Every entry is started, also the ones the caller will ignore: fflate keeps the data of entries
    // that are never started until the end of the archive.
    file.start();
    // fflate keeps a list with the chunks of every entry seen so far and adds each new one at its front
    // (Array#unshift): quadratic, 115 s for the 500,000 entries of the benchmark corpus. Only the current
    // entry's list (index 0) and the one before are ever used again, so the rest is dropped.
    const seen = (unzip as unknown as { k?: unknown[] }).k;
    if (Array.isArray(seen) && seen.length > 2) seen.length = 2;
  });
  unzip.register(NativeInflate);

  const fd = openSync(path, 'r');
  try {
    for (;;) {
      // A new buffer per read: fflate keeps views of pushed chunks.
      const chunk = new Uint8Array(CHUNK_BYTES);
      const read = readSync(fd, chunk, 0, CHUNK_BYTES, null);
      unzip.push(chunk.subarray(0, read), read === 0);
      if (failure) throw failure;
      if (read === 0) break;
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * fflate finds the entries; Node's zlib inflates them. fflate's own streaming inflate grows its output
 * buffer step by step, which took half of an import's time; an entry is small (an advisory), so it is
 * gathered whole and inflated in one call.
 */
class NativeInflate implements UnzipDecoder {
  static readonly compression = 8;
  ondata: UnzipDecoder['ondata'] = () => {};
  private readonly chunks: Uint8Array[] = [];

  push(chunk: Uint8Array, final: boolean): void {
    if (chunk.length > 0) this.chunks.push(chunk);
    if (!final) return;
    let inflated: Uint8Array<ArrayBuffer>;
    try {
      inflated = inflateRawSync(join(this.chunks)) as Uint8Array<ArrayBuffer>;
    } catch (error) {
      this.ondata(
        Object.assign(new Error((error as Error).message), { code: 0 }) as FlateError,
        new Uint8Array(0),
        true,
      );
      return;
    }
    this.ondata(null, inflated, true);
  }
}

function join(chunks: Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const total = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  const joined = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.length;
  }
  return joined;
}
