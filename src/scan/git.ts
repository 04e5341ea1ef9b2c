import { type ChildProcessWithoutNullStreams, execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { PavedError } from '../core/errors.js';
import { COMMIT_FORMAT } from './diff-parser.js';

const execFileAsync = promisify(execFile);

/** Options that make git's patch output plain and stable whatever the user's git config says. */
const PLAIN_DIFF = ['--no-color', '--no-ext-diff', '--no-textconv', '-U0', '--no-renames'];
const GIT_ENV = { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' };

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

/** Output read ahead before a consumer attaches; past this git is paused (the pipe then holds it). */
const READ_AHEAD = 64 * 1024 * 1024;

/**
 * A git command whose output is read from the moment it starts: a scan spawns `git log` first and
 * builds its rule engine meanwhile, so git does not wait for paved's start-up. `pipe` then delivers the
 * read-ahead chunks and the rest to one consumer, which may return a promise to apply backpressure.
 */
export class GitOutput {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly done: Promise<void>;
  private readAhead: Buffer[] = [];
  private readAheadBytes = 0;
  private consumer: ((chunk: Buffer) => void) | undefined;

  constructor(cwd: string, args: string[]) {
    this.child = spawn('git', ['-c', 'core.quotePath=false', ...args], { cwd, env: GIT_ENV });
    let stderr = '';
    this.child.stderr.on('data', (data: Buffer) => {
      if (stderr.length < 4096) stderr += data.toString();
    });
    this.child.stdout.on('data', (chunk: Buffer) => {
      if (this.consumer) {
        this.consumer(chunk);
        return;
      }
      this.readAhead.push(chunk);
      this.readAheadBytes += chunk.length;
      if (this.readAheadBytes > READ_AHEAD) this.child.stdout.pause();
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
    this.done.catch(() => {}); // observed by pipe(); no unhandled rejection if nobody pipes
  }

  async pipe(onChunk: (chunk: Buffer) => void | Promise<void>): Promise<void> {
    const { stdout } = this.child;
    stdout.pause();
    try {
      for (const chunk of this.readAhead) await onChunk(chunk);
    } catch (error) {
      this.kill();
      throw error;
    }
    this.readAhead = [];
    let failure: unknown;
    this.consumer = (chunk) => {
      const pending = onChunk(chunk);
      if (!pending) return;
      stdout.pause();
      pending.then(
        () => stdout.resume(),
        (error) => {
          failure = error;
          this.kill();
        },
      );
    };
    stdout.resume();
    try {
      await this.done;
    } catch (error) {
      throw failure ?? error;
    }
    if (failure) throw failure;
  }

  /** Stops git (the scan failed before it needed the output). */
  kill(): void {
    if (this.child.exitCode === null) this.child.kill();
  }
}
