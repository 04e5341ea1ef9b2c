import { type ChildProcessWithoutNullStreams, execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { PavedError } from '../core/errors.js';
import { COMMIT_FORMAT } from './diff-parser.js';

const execFileAsync = promisify(execFile);

/** Options that make git's patch output plain and stable whatever the user's git config says. */
const PLAIN_DIFF = ['--no-color', '--no-ext-diff', '--no-textconv', '-U0', '--no-renames'];
// GIT_FLUSH=0: fully buffered output even into a pipe (git otherwise flushes after every commit).
const GIT_ENV = { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C', GIT_FLUSH: '0' };

export async function git(cwd: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await execFileAsync('git', ['-c', 'core.quotePath=false', ...args], {
      cwd,
      env: GIT_ENV,
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new PavedError('GIT', `git ${args[0]} failed: ${stderr || (error as Error).message}`, { path: cwd });
  }
}

/** Top-level directory of the repository containing `dir`, or a GIT error saying it is not one. */
export async function repositoryRoot(dir: string): Promise<string> {
  try {
    return (await git(dir, ['rev-parse', '--show-toplevel'])).trim();
  } catch {
    throw new PavedError('GIT', 'not a git repository', {
      path: dir,
      hint: 'run this inside a git repository (git init), or scan the files without --staged/--history',
    });
  }
}

export interface HistoryRange {
  /** Scan commits after this revision (`REV..HEAD`, or `REV..BRANCH`). */
  since?: string;
  /** Scan this branch or revision instead of all refs. */
  branch?: string;
}

/** Arguments of `git log` for a history scan: every ref by default. */
export function historyArgs(range: HistoryRange): string[] {
  const head = range.branch ?? (range.since ? 'HEAD' : undefined);
  const revisions = range.since ? [`${range.since}..${head}`] : head ? [head] : ['--all'];
  return ['log', '-p', ...PLAIN_DIFF, `--format=${COMMIT_FORMAT}`, ...revisions, '--'];
}

export function stagedDiffArgs(): string[] {
  return ['diff', '--cached', ...PLAIN_DIFF, '--diff-filter=d', '--'];
}

/** Output held in memory before the consumer catches up; past this git is paused (the pipe then holds it). */
const READ_AHEAD = 64 * 1024 * 1024;
/**
 * The consumer gets at most this much per call, and the event loop runs between calls. git fills the
 * pipe (64 KiB) in about 2 ms; if paved worked on a whole 64 KiB read synchronously, git would wait on
 * a full pipe meanwhile. Slices keep the pipe drained, so git and the scan run side by side. Measured
 * with GIT_FLUSH=0 on the benchmark's 5,000 commits: 0.74 s per history scan instead of 0.82 s (median of 7).
 */
const SLICE = 16 * 1024;

/**
 * A git command whose output is read from the moment it starts: a scan spawns `git log` first and
 * builds its rule engine meanwhile, so git does not wait for paved's start-up. `pipe` then delivers the
 * output, in slices, to one consumer, which may return a promise to apply backpressure.
 */
export class GitOutput {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly done: Promise<void>;
  private exited = false;
  private readonly queue: Buffer[] = [];
  private queuedBytes = 0;
  /** Wakes the consumer loop when output arrives or git exits. */
  private wake: (() => void) | undefined;

  constructor(cwd: string, args: string[]) {
    this.child = spawn('git', ['-c', 'core.quotePath=false', ...args], { cwd, env: GIT_ENV });
    let stderr = '';
    this.child.stderr.on('data', (data: Buffer) => {
      if (stderr.length < 4096) stderr += data.toString();
    });
    this.child.stdout.on('data', (chunk: Buffer) => {
      this.queue.push(chunk);
      this.queuedBytes += chunk.length;
      if (this.queuedBytes > READ_AHEAD) this.child.stdout.pause();
      this.wakeConsumer();
    });
    this.done = new Promise((resolve, reject) => {
      this.child.on('error', (error) =>
        reject(new PavedError('GIT', `cannot run git: ${error.message}`, { path: cwd })),
      );
      this.child.on('close', (code) => {
        if (code === 0) resolve();
        else
          reject(
            new PavedError('GIT', `git ${args[0]} failed: ${stderr.trim() || `exit code ${code}`}`, { path: cwd }),
          );
      });
    });
    this.done.then(
      () => this.finished(),
      () => this.finished(),
    ); // observed by pipe(); no unhandled rejection if nobody pipes
  }

  async pipe(onChunk: (chunk: Buffer) => void | Promise<void>): Promise<void> {
    try {
      for (;;) {
        const chunk = this.queue.shift();
        if (chunk === undefined) {
          if (this.exited) break;
          await new Promise<void>((resolve) => {
            this.wake = resolve;
          });
          continue;
        }
        this.queuedBytes -= chunk.length;
        if (this.queuedBytes < READ_AHEAD / 2 && this.child.stdout.isPaused()) this.child.stdout.resume();
        for (let start = 0; start < chunk.length; start += SLICE) {
          await onChunk(chunk.subarray(start, start + SLICE));
          // Let the event loop read the pipe before the next slice.
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
      }
    } catch (error) {
      this.kill();
      throw error;
    }
    await this.done;
  }

  /** Stops git (the scan failed before it needed the output). */
  kill(): void {
    if (this.child.exitCode === null) this.child.kill();
  }

  private finished(): void {
    this.exited = true;
    this.wakeConsumer();
  }

  private wakeConsumer(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
