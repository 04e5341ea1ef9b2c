import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import type { Command } from 'commander';
import { writeFileAtomic } from '../../core/atomic-write.js';
import { PavedError } from '../../core/errors.js';
import { git, repositoryRoot } from '../../scan/git.js';

const MARKER = '# paved pre-commit hook';

/** POSIX sh so it runs under git for Windows too; prefers an installed paved, else the project's copy. */
export const PRE_COMMIT_HOOK = `#!/bin/sh
${MARKER}: scans the staged changes for secrets before each commit.
# Skip once with: git commit --no-verify   Remove with: paved hook uninstall
if command -v paved >/dev/null 2>&1; then
  exec paved scan --staged --quiet
fi
exec npx --no-install paved scan --staged --quiet
`;

async function hookPath(cwd: string): Promise<string> {
  const root = await repositoryRoot(cwd);
  // --git-path honours core.hooksPath and worktrees.
  const path = (await git(root, ['rev-parse', '--git-path', 'hooks/pre-commit'])).trim();
  return isAbsolute(path) ? path : join(root, path);
}

export async function installHook(cwd: string, force: boolean): Promise<string> {
  const path = await hookPath(cwd);
  if (existsSync(path)) {
    const current = readFileSync(path, 'utf8');
    if (!current.includes(MARKER)) {
      if (!force) {
        throw new PavedError('USAGE', 'a pre-commit hook already exists', {
          path,
          hint: 'add `paved scan --staged` to it yourself, or rerun with --force (the old hook is kept as pre-commit.paved-backup)',
        });
      }
      renameSync(path, `${path}.paved-backup`);
    }
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileAtomic(path, PRE_COMMIT_HOOK);
  chmodSync(path, 0o755);
  return path;
}

export async function uninstallHook(cwd: string): Promise<string | undefined> {
  const path = await hookPath(cwd);
  if (!existsSync(path) || !readFileSync(path, 'utf8').includes(MARKER)) return undefined;
  const backup = `${path}.paved-backup`;
  if (existsSync(backup)) renameSync(backup, path);
  else renameSync(path, `${path}.paved-removed`);
  return path;
}

export function registerHook(program: Command): void {
  const hook = program.command('hook').description('manage the git pre-commit hook');
  hook
    .command('install')
    .description('install a pre-commit hook that runs `paved scan --staged`')
    .option('--force', 'replace an existing pre-commit hook (kept as pre-commit.paved-backup)')
    .action(async (flags: { force?: boolean }) => {
      const path = await installHook(process.cwd(), flags.force === true);
      process.stderr.write(`paved: installed pre-commit hook at ${path}\n`);
    });
  hook
    .command('uninstall')
    .description('remove the hook installed by `paved hook install`')
    .action(async () => {
      const path = await uninstallHook(process.cwd());
      process.stderr.write(
        path ? `paved: removed pre-commit hook ${path}\n` : 'paved: no paved pre-commit hook found\n',
      );
    });
}
