import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  commit,
  GENERIC_SECRET,
  GITHUB_PAT,
  git,
  gitRepo,
  jsonReport,
  PAVED,
  paved,
  spawnSync,
  tempDir,
  writeFiles,
} from './helpers.js';

describe('paved scan --staged', () => {
  it('scans only lines added in the staged diff, with their line numbers', () => {
    const repo = gitRepo();
    commit(repo, { 'old.env': `OLD=${GITHUB_PAT(1)}\n`, 'app.env': 'A=1\nB=2\n' }, 'initial');
    writeFiles(repo, { 'app.env': `A=1\nTOKEN=${GITHUB_PAT(2)}\nB=2\n`, 'unstaged.env': `X=${GITHUB_PAT(3)}\n` });
    git(repo, ['add', 'app.env']);
    const result = paved(['scan', '--staged', '--format', 'json'], { cwd: repo });
    expect(result.status).toBe(1);
    const findings = jsonReport(result).findings;
    expect(findings.map((f) => [f.location.path, f.location.startLine])).toEqual([['app.env', 2]]);
    expect(findings[0]?.location.commit).toBeUndefined();
  });

  it('passes when the staged diff only removes a secret', () => {
    const repo = gitRepo();
    commit(repo, { 'a.env': `T=${GITHUB_PAT(1)}\n` }, 'initial');
    writeFiles(repo, { 'a.env': 'T=${TOKEN}\n' });
    git(repo, ['add', '-A']);
    expect(paved(['scan', '--staged'], { cwd: repo }).status).toBe(0);
  });
});

describe('paved scan --history', () => {
  function repoWithHistory() {
    const repo = gitRepo();
    const token = GITHUB_PAT(11);
    const first = commit(repo, { 'README.md': '# app\n' }, 'first', '2024-01-01T10:00:00Z');
    const introduced = commit(repo, { 'config.yml': `token: ${token}\n` }, 'add config', '2024-01-02T10:00:00Z');
    // The same secret reappears in later commits (reformatted, copied to a new line) and is then removed.
    commit(repo, { 'config.yml': `# settings\ntoken: ${token}\n` }, 'reformat', '2024-01-03T10:00:00Z');
    commit(repo, { 'config.yml': 'token: ${TOKEN}\n' }, 'remove token', '2024-01-04T10:00:00Z');
    git(repo, ['checkout', '-q', '-b', 'feature']);
    const onBranch = commit(
      repo,
      { 'feature.env': `API_SECRET=${GENERIC_SECRET(4)}\n` },
      'feature',
      '2024-01-05T10:00:00Z',
    );
    git(repo, ['checkout', '-q', 'main']);
    return { repo, first, introduced, onBranch };
  }

  it('reports every added secret in all refs once, at the commit that introduced it', () => {
    const { repo, introduced, onBranch } = repoWithHistory();
    expect(paved(['scan', '.'], { cwd: repo }).status).toBe(0); // the working tree is clean
    const result = paved(['scan', '--history', '--format', 'json'], { cwd: repo });
    expect(result.status).toBe(1);
    const findings = jsonReport(result).findings;
    expect(findings.map((f) => [f.location.path, f.location.commit, f.location.startLine])).toEqual([
      ['config.yml', introduced, 1],
      ['feature.env', onBranch, 1],
    ]);
    expect(findings[0]?.location).toMatchObject({ author: 'Test Author', date: '2024-01-02T10:00:00+00:00' });
    expect(result.stdout).not.toContain(GITHUB_PAT(11));
  });

  it('limits the range with --branch and --since', () => {
    const { repo, first } = repoWithHistory();
    const main = jsonReport(paved(['scan', '--history', '--branch', 'main', '--format', 'json'], { cwd: repo }));
    expect(main.findings.map((f) => f.location.path)).toEqual(['config.yml']);
    const since = paved(['scan', '--history', '--since', 'HEAD~1', '--branch', 'feature', '--format', 'json'], {
      cwd: repo,
    });
    expect(jsonReport(since).findings.map((f) => f.location.path)).toEqual(['feature.env']);
    const all = jsonReport(paved(['scan', '--history', '--since', first, '--format', 'json'], { cwd: repo }));
    expect(all.findings.map((f) => f.location.path)).toEqual(['config.yml']);
  });

  it('shows commit, author and date in the table', () => {
    const { repo, introduced } = repoWithHistory();
    const table = paved(['scan', '--history'], { cwd: repo }).stdout;
    expect(table).toContain(introduced.slice(0, 7));
    expect(table).toContain('Test Author');
  });
});

describe('paved baseline', () => {
  it('accepts known findings by secret, so moving code keeps them accepted, and reports new ones', () => {
    const dir = tempDir();
    writeFiles(dir, { 'app.env': `A=1\nTOKEN=${GITHUB_PAT(1)}\n` });
    const written = paved(['baseline', '.'], { cwd: dir });
    expect(written.status).toBe(0);
    const baseline = readFileSync(join(dir, '.paved-baseline.json'), 'utf8');
    expect(baseline).not.toContain(GITHUB_PAT(1));
    expect(JSON.parse(baseline).findings).toHaveLength(1);

    writeFiles(dir, { 'app.env': `# moved down\n\nA=1\nTOKEN=${GITHUB_PAT(1)}\n` });
    expect(paved(['scan', '.', '--baseline', '.paved-baseline.json'], { cwd: dir }).status).toBe(0);

    writeFiles(dir, { 'app.env': `A=1\nTOKEN=${GITHUB_PAT(1)}\nNEW=${GITHUB_PAT(2)}\n` });
    const result = paved(['scan', '.', '--baseline', '.paved-baseline.json', '--format', 'json'], { cwd: dir });
    expect(result.status).toBe(1);
    expect(jsonReport(result).findings.map((f) => f.location.startLine)).toEqual([3]);
  });

  it('rejects a corrupt baseline file clearly', () => {
    const dir = tempDir();
    writeFiles(dir, { 'b.json': '{ not json', 'a.txt': 'x' });
    const result = paved(['scan', '.', '--baseline', 'b.json'], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/b\.json: baseline is not valid JSON/);
  });
});

describe('paved hook install', () => {
  it('installs a pre-commit hook that blocks a commit adding a secret', () => {
    const repo = gitRepo();
    commit(repo, { 'README.md': '# x\n' }, 'initial');
    expect(paved(['hook', 'install'], { cwd: repo }).status).toBe(0);
    const hook = join(repo, '.git', 'hooks', 'pre-commit');
    expect(statSync(hook).mode & 0o111).not.toBe(0);

    // Put a `paved` command on PATH, as a global or npx install would.
    const bin = tempDir('paved-bin-');
    writeFileSync(join(bin, 'paved'), `#!/bin/sh\nexec "${process.execPath}" "${PAVED}" "$@"\n`);
    chmodSync(join(bin, 'paved'), 0o755);
    const env = { ...process.env, PATH: `${bin}:${process.env.PATH}`, CI: '1' };

    writeFiles(repo, { 'leak.env': `TOKEN=${GITHUB_PAT(1)}\n` });
    git(repo, ['add', '-A']);
    const blocked = spawnSync('git', ['commit', '-q', '-m', 'leak'], { cwd: repo, env, encoding: 'utf8' });
    expect(blocked.status).not.toBe(0);
    expect(blocked.stdout + blocked.stderr).toContain('leak.env');
    expect(blocked.stdout + blocked.stderr).not.toContain(GITHUB_PAT(1));

    writeFiles(repo, { 'leak.env': 'TOKEN=${TOKEN}\n' });
    git(repo, ['add', '-A']);
    const allowed = spawnSync('git', ['commit', '-q', '-m', 'clean'], { cwd: repo, env, encoding: 'utf8' });
    expect(allowed.status).toBe(0);
  });

  it('refuses to overwrite a foreign hook without --force, and keeps a backup with it', () => {
    const repo = gitRepo();
    const hook = join(repo, '.git', 'hooks', 'pre-commit');
    writeFileSync(hook, '#!/bin/sh\necho mine\n');
    const refused = paved(['hook', 'install'], { cwd: repo });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('--force');
    expect(paved(['hook', 'install', '--force'], { cwd: repo }).status).toBe(0);
    expect(readFileSync(`${hook}.paved-backup`, 'utf8')).toContain('echo mine');
    expect(paved(['hook', 'uninstall'], { cwd: repo }).status).toBe(0);
    expect(readFileSync(hook, 'utf8')).toContain('echo mine');
    expect(existsSync(`${hook}.paved-backup`)).toBe(false);
  });
});
