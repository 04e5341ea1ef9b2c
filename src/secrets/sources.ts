import type { Diagnostic } from '../core/model.js';
import { type AddedBlock, DiffParser } from '../scan/diff-parser.js';
import type { GitOutput } from '../scan/git.js';
import { filesOf, type TreeTarget } from '../scan/targets.js';
import { TaskQueue } from '../scan/task-queue.js';
import type { FileRef } from '../scan/walker.js';
import type { SecretScanner } from './scanner.js';
import { emptyResult, type SecretTaskResult } from './task.js';

/** Files per task: enough to amortise messaging, few enough to balance threads. */
const FILES_PER_TASK = 64;

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

export async function scanTree(
  targets: TreeTarget[],
  walk: { maxFileSize: number; gitignore: boolean },
  options: SourceOptions,
): Promise<SecretTaskResult> {
  const { scanner, diagnostics } = options;
  let progress = { files: 0, bytes: 0 };
  const queue = new TaskQueue(scanner, emptyResult(), undefined, (taskResult) => {
    progress = { files: progress.files + taskResult.scanned, bytes: progress.bytes + taskResult.bytes };
    options.onProgress?.(progress);
  });

  let batch: FileRef[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const files = batch;
    batch = [];
    await queue.submit({ type: 'files', files, maxFileSize: walk.maxFileSize });
  };

  for (const target of targets) {
    for (const file of filesOf(target, walk, diagnostics)) {
      if (scanner.engine.isFileExempt(file.path)) continue;
      batch.push(file);
      if (batch.length >= FILES_PER_TASK) await flush();
    }
  }
  await flush();
  return queue.drain();
}

/** Diff tasks are small, so scanning one never keeps git waiting on a full pipe for long. */
const DIFF_BYTES_PER_TASK = 64 * 1024;
/** Parsed but unscanned diff text allowed in memory before git's output is paused. */
const DIFF_BACKLOG = 16 * 1024 * 1024;

/**
 * Streams `git log -p` (or the staged diff) through the parser into scan tasks. Reading and scanning
 * interleave: tasks run one at a time with a turn of the event loop between them, so git's output keeps
 * being drained (git waits on a full 64 KB pipe otherwise); git is paused only when the backlog grows
 * past DIFF_BACKLOG, which keeps memory flat however long the history is.
 */
async function scanDiff(output: GitOutput, options: SourceOptions): Promise<DiffScanResult> {
  const { scanner } = options;
  const queue = new TaskQueue(scanner, emptyResult());
  let blocks: AddedBlock[] = [];
  let blockBytes = 0;
  const ready: { blocks: AddedBlock[]; bytes: number }[] = [];
  let backlog = 0;
  let progress = { files: 0, bytes: 0 };
  const parser = new DiffParser((block) => {
    blocks.push(block);
    blockBytes += block.text.length;
    if (blockBytes >= DIFF_BYTES_PER_TASK || blocks.length >= 256) {
      ready.push({ blocks, bytes: blockBytes });
      backlog += blockBytes;
      blocks = [];
      blockBytes = 0;
    }
  });

  let consumer: Promise<void> | undefined;
  const consume = async () => {
    for (let task = ready.shift(); task; task = ready.shift()) {
      await queue.submit({ type: 'blocks', blocks: task.blocks });
      backlog -= task.bytes;
      progress = { files: progress.files + task.blocks.length, bytes: progress.bytes + task.bytes };
      options.onProgress?.({ ...progress, commits: parser.commitsSeen });
      await new Promise((resolve) => setImmediate(resolve));
    }
    consumer = undefined;
  };
  const startConsumer = () => {
    consumer ??= consume();
    return consumer;
  };

  await output.pipe((chunk) => {
    parser.write(chunk);
    if (ready.length === 0) return undefined;
    const running = startConsumer();
    return backlog > DIFF_BACKLOG ? running : undefined;
  });
  parser.end();
  if (blocks.length > 0) ready.push({ blocks, bytes: blockBytes });
  while (ready.length > 0 || consumer) await startConsumer();
  return { result: await queue.drain(), commits: parser.commitsSeen };
}

export interface DiffScanResult {
  result: SecretTaskResult;
  commits: number;
}

/** Scans the added lines of the staged diff (`git diff --cached`, see stagedDiffArgs). */
export function scanStaged(output: GitOutput, options: SourceOptions): Promise<DiffScanResult> {
  return scanDiff(output, options);
}

/**
 * Scans every added line in history. The same secret (same rule, file and value) seen in several
 * commits becomes one finding attributed to the commit that introduced it: the last one git prints.
 */
export async function scanHistory(output: GitOutput, options: SourceOptions): Promise<DiffScanResult> {
  const { result, commits } = await scanDiff(output, options);
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
  return options.scanner.run({ type: 'blocks', blocks: [{ path: 'stdin', text }] });
}
