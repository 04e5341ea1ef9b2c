import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { fileURLToPath } from 'node:url';
import { PavedError } from '../core/errors.js';

export const OSV_BASE_URL = 'https://osv-vulnerabilities.storage.googleapis.com';

/** A file of the mirror on local disk: the file itself, or a download removed by `release`. */
export interface LocalCopy {
  path: string;
  release(): void;
}

/**
 * An osv.dev export layout (`<Ecosystem>/modified_id.csv`, `<Ecosystem>/<id>.json`,
 * `<Ecosystem>/all.zip`), over HTTP(S) or in a local folder (`file://` URL or plain path, for offline
 * use and mirrors copied to disk).
 */
export interface Mirror {
  readonly local: boolean;
  /** Where a file is, for messages. */
  locate(segments: readonly string[]): string;
  /** The text of a file; undefined when it does not exist (HTTP 404). */
  readText(segments: readonly string[]): Promise<string | undefined>;
  /** The file on disk (downloaded to a temporary folder when remote); undefined when it does not exist. */
  localCopy(segments: readonly string[]): Promise<LocalCopy | undefined>;
}

const TEXT_TIMEOUT_MS = 60_000;
const DOWNLOAD_TIMEOUT_MS = 15 * 60_000;

export function openMirror(base: string, fetchImpl: typeof fetch = fetch): Mirror {
  if (/^https?:\/\//i.test(base)) return new HttpMirror(base.replace(/\/+$/, ''), fetchImpl);
  return new FolderMirror(base.startsWith('file:') ? fileURLToPath(base) : resolve(base));
}

class FolderMirror implements Mirror {
  readonly local = true;

  constructor(private readonly folder: string) {}

  locate(segments: readonly string[]): string {
    return join(this.folder, ...segments);
  }

  async readText(segments: readonly string[]): Promise<string | undefined> {
    const path = this.locate(segments);
    return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  }

  async localCopy(segments: readonly string[]): Promise<LocalCopy | undefined> {
    const path = this.locate(segments);
    return existsSync(path) ? { path, release: () => {} } : undefined;
  }
}

class HttpMirror implements Mirror {
  readonly local = false;

  constructor(
    private readonly baseUrl: string,
    private readonly fetchImpl: typeof fetch,
  ) {}

  locate(segments: readonly string[]): string {
    return `${this.baseUrl}/${segments.map(encodeURIComponent).join('/')}`;
  }

  async readText(segments: readonly string[]): Promise<string | undefined> {
    const response = await this.get(segments, TEXT_TIMEOUT_MS);
    return response ? response.text() : undefined;
  }

  async localCopy(segments: readonly string[]): Promise<LocalCopy | undefined> {
    const response = await this.get(segments, DOWNLOAD_TIMEOUT_MS);
    if (!response) return undefined;
    const folder = mkdtempSync(join(tmpdir(), 'paved-osv-'));
    const release = () => rmSync(folder, { recursive: true, force: true });
    const path = join(folder, segments.at(-1) ?? 'download');
    try {
      if (!response.body) throw new Error('empty response');
      // Streamed to disk: an export zip can be hundreds of MB.
      await pipeline(Readable.fromWeb(response.body as WebReadableStream), createWriteStream(path));
    } catch (error) {
      release();
      throw this.failure(segments, (error as Error).message);
    }
    return { path, release };
  }

  private async get(segments: readonly string[], timeoutMs: number): Promise<Response | undefined> {
    let response: Response;
    try {
      response = await this.fetchImpl(this.locate(segments), { signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      throw this.failure(segments, describeFetchError(error));
    }
    if (response.status === 404) {
      await response.body?.cancel();
      return undefined;
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw this.failure(segments, `HTTP ${response.status} ${response.statusText}`.trim());
    }
    return response;
  }

  private failure(segments: readonly string[], reason: string): PavedError {
    return new PavedError('INPUT', `cannot download ${this.locate(segments)}: ${reason}`, {
      hint: 'check the network, or give --base-url a mirror or a local copy of the osv.dev export',
    });
  }
}

/** fetch's own message is "fetch failed"; the reason (DNS, refused, timeout) is in its cause. */
function describeFetchError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const message = (error as Error).message;
  return cause?.code ?? cause?.message ?? message;
}
