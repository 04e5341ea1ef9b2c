import { execFile, spawn } from 'node:child_process';
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

/**
 * Spawns git and streams its stdout to `onChunk`, which may return a promise to apply backpressure
 * (the stream is paused until it settles). Resolves when git exits successfully.
 */
export function streamGit(
  cwd: string,
  args: string[],
  onChunk: (chunk: Buffer) => void | Promise<void>,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['-c', 'core.quotePath=false', ...args], { cwd, env: GIT_ENV });
    let stderr = '';
    child.stderr.on('data', (data: Buffer) => {
      if (stderr.length < 4096) stderr += data.toString();
    });
    child.stdout.on('data', (chunk: Buffer) => {
      const pending = onChunk(chunk);
      if (pending) {
        child.stdout.pause();
        pending.then(
          () => child.stdout.resume(),
          (error) => {
            child.kill();
            reject(error);
          },
        );
      }
    });
    child.on('error', (error) => reject(new PavedError('GIT', `cannot run git: ${error.message}`, { path: cwd })));
    child.on('close', (code) => {
      if (code === 0) resolve();
      else
        reject(new PavedError('GIT', `git ${args[0]} failed: ${stderr.trim() || `exit code ${code}`}`, { path: cwd }));
    });
  });
}
