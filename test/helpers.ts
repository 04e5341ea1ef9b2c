import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const PAVED = join(ROOT, 'dist', 'paved.js');

if (!existsSync(PAVED)) throw new Error('dist/paved.js is missing: run `npm run build` (npm test does it first)');

/**
 * Fake credentials assembled at run time from a seed, so no test source file contains one literally
 * (the project's own secret scan must pass without allowlisting the tests).
 */
export function fakeToken(
  prefix: string,
  length: number,
  seed = 1,
  alphabet = 'A1b2C3d4E5f6G7h8J9k0LmNpQrStUvWxYz',
): string {
  // mulberry32: good enough randomness in every bit, so any alphabet size gives a natural-looking token.
  let state = (seed * 0x9e3779b9) >>> 0;
  let out = '';
  for (let i = 0; i < length; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = Math.imul(state ^ (state >>> 15), state | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    out += alphabet[((x ^ (x >>> 14)) >>> 0) % alphabet.length];
  }
  return prefix + out;
}

export const GITHUB_PAT = (seed = 1) => fakeToken(['gh', 'p_'].join(''), 36, seed);
export const AWS_KEY_ID = (seed = 1) => fakeToken(['AK', 'IA'].join(''), 16, seed, 'ABCDEFGHJKLMNPQRSTUVWXYZ234567');
export const GENERIC_SECRET = (seed = 1) => fakeToken('', 28, seed);

export function tempDir(prefix = 'paved-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function writeFiles(root: string, files: Record<string, string | Buffer>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function paved(args: string[], options: { cwd: string; input?: string; env?: NodeJS.ProcessEnv }): RunResult {
  const result = spawnSync(process.execPath, [PAVED, ...args], {
    cwd: options.cwd,
    input: options.input,
    env: { ...process.env, NO_COLOR: '1', CI: '1', ...options.env },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function git(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Test Author',
      GIT_AUTHOR_EMAIL: 'author@paved.invalid',
      GIT_COMMITTER_NAME: 'Test Author',
      GIT_COMMITTER_EMAIL: 'author@paved.invalid',
      ...env,
    },
  });
}

export function gitRepo(): string {
  const dir = tempDir('paved-repo-');
  git(dir, ['init', '-q', '-b', 'main']);
  git(dir, ['config', 'commit.gpgsign', 'false']);
  return dir;
}

export function commit(dir: string, files: Record<string, string>, message: string, date?: string): string {
  writeFiles(dir, files);
  git(dir, ['add', '-A']);
  const env = date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {};
  git(dir, ['commit', '-q', '-m', message], env);
  return git(dir, ['rev-parse', 'HEAD']).trim();
}

export function jsonReport(result: RunResult): {
  findings: { ruleId: string; fingerprint: string; evidence: string; location: Record<string, unknown> }[];
  diagnostics: { level: string; code: string; path?: string; line?: number; message: string }[];
} {
  return JSON.parse(result.stdout);
}

export { spawnSync };
