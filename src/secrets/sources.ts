import { statSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import type { Diagnostic } from '../core/model.js';
import { type AddedBlock, DiffParser } from '../scan/diff-parser.js';
import { type HistoryRange, historyArgs, stagedDiffArgs, streamGit } from '../scan/git.js';
import { TaskQueue } from '../scan/task-queue.js';
import { type FileRef, formatBytes, unreadable, walkTree } from '../scan/walker.js';
import type { SecretScanner } from './scanner.js';
import { emptyResult, type SecretTaskResult } from './task.js';

/** Files per task and bytes per task: big enough to amortise messaging, small enough to balance threads. */
const FILES_PER_TASK = 64;
const BYTES_PER_TASK = 2 * 1024 * 1024;

export interface ProgressEvent {
  files: number;
  bytes: number;
  commits?: number;
}

export interface SourceOptions {
  scanner: SecretScanner;
  diagnostics: Diagnostic[];
  onProgress?: (event: ProgressEvent) => void;
}

export interface TreeTarget {
  /** Absolute path of a file or directory. */
  absolutePath: string;
  /** Path prefix for display ('' to show paths relative to a directory target). */
  displayPrefix: string;
}

/** Where each target's findings are shown: relative to the single directory scanned, else to `cwd`. */
export function treeTargets(paths: string[], cwd: string): TreeTarget[] {
  return paths.map((path) => {
    const absolutePath = resolve(cwd, path);
    const shown = relative(cwd, absolutePath).split(sep).join('/');
    const single = paths.length === 1 && isDirectory(absolutePath);
    return { absolutePath, displayPrefix: single ? '' : shown || '.' };
  });
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export async function scanTree(
  targets: TreeTarget[],
  walk: { maxFileSize: number; gitignore: boolean },
  options: SourceOptions,
): Promise<SecretTaskResult> {
  const { scanner, diagnostics } = options;
  const queue = new TaskQueue(scanner, emptyResult(), undefined, (r) => report(r));
  let progress = { files: 0, bytes: 0 };
  const report = (r: SecretTaskResult) => {
    progress = { files: progress.files + r.scanned, bytes: progress.bytes + r.bytes };
    options.onProgress?.(progress);
  };

  let batch: FileRef[] = [];
  let batchBytes = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const files = batch;
    const bytes = batchBytes;
    batch = [];
    batchBytes = 0;
    await queue.submit({ type: 'files', files }, bytes);
  };

  for (const target of targets) {
    for (const file of filesOf(target, walk, diagnostics)) {
      if (scanner.engine.isFileExempt(file.path)) continue;
      batch.push(file);
      batchBytes += file.size;
      if (batch.length >= FILES_PER_TASK || batchBytes >= BYTES_PER_TASK) await flush();
    }
  }
  await flush();
  return queue.drain();
}

function* filesOf(
  target: TreeTarget,
  walk: { maxFileSize: number; gitignore: boolean },
  diagnostics: Diagnostic[],
): Generator<FileRef> {
  let stats: ReturnType<typeof statSync>;
  const shown = target.displayPrefix || '.';
  try {
    stats = statSync(target.absolutePath);
  } catch (error) {
    const diagnostic = unreadable(shown, error);
    diagnostics.push({
      ...diagnostic,
      level: 'error',
      hint: diagnostic.hint ?? 'check the path you passed to paved scan',
    });
    return;
  }
  if (stats.isFile()) {
    if (stats.size > walk.maxFileSize) {
      diagnostics.push({
        level: 'warning',
        code: 'file-too-large',
        path: shown,
        message: `skipped: ${formatBytes(stats.size)} is over the ${formatBytes(walk.maxFileSize)} limit`,
        hint: 'raise the limit with --max-file-size',
      });
      return;
    }
    yield { path: shown, absolutePath: target.absolutePath, size: stats.size };
    return;
  }
  for (const file of walkTree(target.absolutePath, walk, diagnostics)) {
    yield target.displayPrefix ? { ...file, path: `${target.displayPrefix}/${file.path}` } : file;
  }
}

/** Streams `git log -p` (or the staged diff) through the parser into scan tasks, with backpressure. */
async function scanDiff(repoRoot: string, args: string[], options: SourceOptions): Promise<DiffScanResult> {
  const { scanner } = options;
  const queue = new TaskQueue(scanner, emptyResult());
  let blocks: AddedBlock[] = [];
  let blockBytes = 0;
  let files = 0;
  let bytes = 0;
  const ready: AddedBlock[][] = [];
  const parser = new DiffParser((block) => {
    blocks.push(block);
    blockBytes += block.text.length;
    if (blockBytes >= BYTES_PER_TASK || blocks.length >= 256) {
      ready.push(blocks);
      blocks = [];
      blockBytes = 0;
    }
  });
  const submitReady = async () => {
    while (ready.length > 0) {
      const task = ready.shift() as AddedBlock[];
      const taskBytes = task.reduce((sum, b) => sum + b.text.length, 0);
      files += task.length;
      bytes += taskBytes;
      await queue.submit({ type: 'blocks', blocks: task }, taskBytes);
      options.onProgress?.({ files, bytes, commits: parser.commitsSeen });
    }
  };
  await streamGit(repoRoot, args, (chunk) => {
    parser.write(chunk);
    return ready.length > 0 ? submitReady() : undefined;
  });
  parser.end();
  if (blocks.length > 0) ready.push(blocks);
  await submitReady();
  return { result: await queue.drain(), commits: parser.commitsSeen };
}

export interface DiffScanResult {
  result: SecretTaskResult;
  commits: number;
}

export function scanStaged(repoRoot: string, options: SourceOptions): Promise<DiffScanResult> {
  return scanDiff(repoRoot, stagedDiffArgs(), options);
}

/**
 * Scans every added line in history. The same secret (same rule, file and value) seen in several
 * commits becomes one finding attributed to the commit that introduced it: the last one git prints.
 */
export async function scanHistory(
  repoRoot: string,
  range: HistoryRange,
  options: SourceOptions,
): Promise<DiffScanResult> {
  const { result, commits } = await scanDiff(repoRoot, historyArgs(range), options);
  const oldest = new Map<string, number>();
  result.findings.forEach((finding, index) => {
    const seen = oldest.get(finding.fingerprint);
    const ordinal = result.commitOrdinals[index] ?? 0;
    if (seen === undefined || ordinal > (result.commitOrdinals[seen] ?? 0)) oldest.set(finding.fingerprint, index);
  });
  const findings = [...oldest.values()].sort((a, b) => a - b).map((index) => result.findings[index]);
  return { result: { ...result, findings: findings.filter((f) => f !== undefined), commitOrdinals: [] }, commits };
}

export async function scanStdin(stdin: NodeJS.ReadableStream, options: SourceOptions): Promise<SecretTaskResult> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  const text = Buffer.concat(chunks);
  return options.scanner.run({ type: 'blocks', blocks: [{ path: 'stdin', text }] }, text.length);
}
