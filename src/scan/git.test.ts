import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PavedError } from '../core/errors.js';
import { GitOutput, historyArgs } from './git.js';

function repoWithCommits(count: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'paved-git-'));
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@t.invalid', ...args], { cwd: dir });
  git('init', '-q');
  for (let i = 0; i < count; i++) {
    writeFileSync(join(dir, 'file.txt'), `line ${i}\n`.repeat(i + 1));
    git('add', '-A');
    git('commit', '-q', '-m', `c${i}`);
  }
  return dir;
}

describe('GitOutput', () => {
  it('delivers output read before the consumer attached, then the rest, in order', async () => {
    const dir = repoWithCommits(30);
    const expected = execFileSync('git', ['-c', 'core.quotePath=false', ...historyArgs({})], { cwd: dir });
    const output = new GitOutput(dir, historyArgs({}));
    await new Promise((resolve) => setTimeout(resolve, 100)); // let git run ahead
    const chunks: Buffer[] = [];
    await output.pipe(async (chunk) => {
      chunks.push(chunk);
      await new Promise((resolve) => setImmediate(resolve)); // a slow consumer: backpressure
    });
    expect(Buffer.concat(chunks).equals(expected)).toBe(true);
  });

  it('rejects with a GIT error naming the failure', async () => {
    const dir = repoWithCommits(1);
    const output = new GitOutput(dir, historyArgs({ branch: 'no-such-branch' }));
    await expect(output.pipe(() => {})).rejects.toThrow(PavedError);
    await expect(new GitOutput(dir, historyArgs({ branch: 'no-such-branch' })).pipe(() => {})).rejects.toThrow(
      /bad revision/,
    );
  });

  it('passes a consumer failure on and stops git', async () => {
    const dir = repoWithCommits(5);
    const output = new GitOutput(dir, historyArgs({}));
    await expect(output.pipe(() => Promise.reject(new Error('consumer broke')))).rejects.toThrow('consumer broke');
  });
});
