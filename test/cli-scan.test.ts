import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  AWS_KEY_ID,
  GENERIC_SECRET,
  GITHUB_PAT,
  jsonReport,
  PAVED,
  paved,
  ROOT,
  spawnSync,
  tempDir,
  writeFiles,
} from './helpers.js';

describe('paved scan (tree)', () => {
  it('finds secrets, exits 1, and never prints them in full', () => {
    const dir = tempDir();
    writeFiles(dir, {
      'src/config.ts': `export const token = "${GITHUB_PAT()}";\n`,
      'deploy/.env': `AWS_ACCESS_KEY_ID=${AWS_KEY_ID()}\nAPI_SECRET=${GENERIC_SECRET()}\n`,
      'README.md': 'Set GITHUB_TOKEN=<your-token> before running.\n',
    });
    for (const format of ['table', 'json', 'sarif']) {
      const result = paved(['scan', '.', '--format', format], { cwd: dir });
      expect(result.status).toBe(1);
      for (const secret of [GITHUB_PAT(), AWS_KEY_ID(), GENERIC_SECRET()]) {
        expect(result.stdout).not.toContain(secret);
        expect(result.stderr).not.toContain(secret);
      }
    }
    const report = jsonReport(paved(['scan', '.', '--format', 'json'], { cwd: dir }));
    expect(report.findings.map((f) => [f.location.path, f.location.startLine])).toEqual([
      ['deploy/.env', 1],
      ['deploy/.env', 2],
      ['src/config.ts', 1],
    ]);
    const github = report.findings.find((f) => f.location.path === 'src/config.ts');
    expect(github?.ruleId).toMatch(/github/);
    expect(github?.evidence).toBe(`${GITHUB_PAT().slice(0, 4)}${'*'.repeat(16)}`);
    expect(github?.location).toMatchObject({ startColumn: 23, endColumn: 23 + GITHUB_PAT().length });
  });

  it('exits 0 with no findings on a clean tree', () => {
    const dir = tempDir();
    writeFiles(dir, { 'a.py': 'api_key = os.environ["API_KEY"]\npassword = "${DB_PASSWORD}"\n' });
    const result = paved(['scan', dir], { cwd: dir });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('No findings');
  });

  it('writes --output atomically and reports the same findings', () => {
    const dir = tempDir();
    writeFiles(dir, { 'app.js': `const t = "${GITHUB_PAT(3)}";\n` });
    const out = join(dir, 'report.sarif');
    const result = paved(['scan', '.', '--format', 'sarif', '--output', out], { cwd: dir });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    const sarif = JSON.parse(readFileSync(out, 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results).toHaveLength(1);
    expect(sarif.runs[0].results[0].partialFingerprints['paved/v1']).toMatch(/^github/);
  });

  it('reads standard input with -', () => {
    const dir = tempDir();
    const result = paved(['scan', '-', '--format', 'json'], { cwd: dir, input: `line\ntoken: ${GITHUB_PAT(5)}\n` });
    expect(result.status).toBe(1);
    expect(jsonReport(result).findings[0]?.location).toMatchObject({ path: 'stdin', startLine: 2 });
  });

  it('uses .gitleaks.toml of the working directory when files are named, and of the directory scanned', () => {
    const dir = tempDir();
    writeFiles(dir, {
      '.gitleaks.toml': "[extend]\nuseDefault = true\n\n[[allowlists]]\npaths = ['''fixtures/''']\n",
      'fixtures/fake.env': `TOKEN=${GITHUB_PAT(6)}\n`,
      'real.env': `TOKEN=${GITHUB_PAT(7)}\n`,
    });
    expect(paved(['scan', 'fixtures/fake.env'], { cwd: dir }).status).toBe(0);
    expect(paved(['scan', 'real.env'], { cwd: dir }).status).toBe(1);
    const tree = jsonReport(paved(['scan', dir, '--format', 'json'], { cwd: tempDir() }));
    expect(tree.findings.map((f) => f.location.path)).toEqual(['real.env']);
  });

  it('honours .gitignore and .pavedignore, and inline allow comments', () => {
    const dir = tempDir();
    writeFiles(dir, {
      '.gitignore': 'build/\n',
      '.pavedignore': 'fixtures/\n',
      'build/out.js': `x="${GITHUB_PAT(1)}"`,
      'fixtures/t.txt': `x="${GITHUB_PAT(2)}"`,
      'ok.txt': `x="${GITHUB_PAT(3)}" # paved:allow\ny="${GITHUB_PAT(4)}" # gitleaks:allow\n`,
    });
    expect(paved(['scan', '.'], { cwd: dir }).status).toBe(0);
    expect(paved(['scan', '.', '--no-gitignore', '--format', 'json'], { cwd: dir }).stdout).toContain('build/out.js');
  });
});

/** dist/paved.js and package.json (for the version) copied where any user can read them. */
function readableCopyOfBundle(): string {
  const dir = tempDir('paved-bundle-');
  mkdirSync(join(dir, 'dist', 'chunks'), { recursive: true });
  const files = [
    'package.json',
    'dist/paved.js',
    ...readdirSync(join(ROOT, 'dist', 'chunks')).map((f) => `dist/chunks/${f}`),
  ];
  for (const file of files) {
    copyFileSync(join(ROOT, file), join(dir, file));
    chmodSync(join(dir, file), 0o644);
  }
  for (const path of [dir, join(dir, 'dist'), join(dir, 'dist', 'chunks')]) chmodSync(path, 0o755);
  return join(dir, 'dist', 'paved.js');
}

describe('paved scan: bad input', () => {
  it('reports unreadable, binary, invalid UTF-8, huge files and broken symlinks, and scans the rest', () => {
    const dir = tempDir();
    writeFiles(dir, {
      'good.env': `TOKEN=${GITHUB_PAT(9)}\n`,
      'latin1.txt': Buffer.concat([Buffer.from('caf\xe9 = 1\ntoken = ', 'latin1'), Buffer.from(GITHUB_PAT(8))]),
      'image.bin': Buffer.concat([Buffer.from([0, 1, 2, 0]), Buffer.from(GITHUB_PAT(7))]),
    });
    writeFileSync(join(dir, 'huge.log'), '');
    truncateSync(join(dir, 'huge.log'), 2 * 1024 ** 3); // sparse 2 GB file: must be skipped, never read
    symlinkSync(join(dir, 'nowhere'), join(dir, 'dangling'));
    const result = paved(['scan', '.', '--format', 'json'], { cwd: dir });
    expect(result.status).toBe(1);
    const report = jsonReport(result);
    expect(report.findings.map((f) => f.location.path).sort()).toEqual(['good.env', 'latin1.txt']);
    const codes = report.diagnostics.map((d) => `${d.code}:${d.path ?? ''}`);
    expect(codes).toEqual(
      expect.arrayContaining(['file-too-large:huge.log', 'broken-symlink:dangling', 'invalid-utf8:latin1.txt']),
    );
    expect(codes.some((c) => c.startsWith('binary-skipped'))).toBe(true);
    expect(result.stderr).toContain('huge.log');
  });

  it('reports a permission-denied file with a hint and scans the rest', () => {
    const dir = tempDir();
    writeFiles(dir, { 'locked.env': `TOKEN=${GITHUB_PAT(1)}\n`, 'open.env': `TOKEN=${GITHUB_PAT(2)}\n` });
    chmodSync(dir, 0o755);
    chmodSync(join(dir, 'open.env'), 0o644);
    chmodSync(join(dir, 'locked.env'), 0o000);
    // root reads everything: run paved as an unprivileged user to get a real EACCES, from a copy of the
    // bundle that user can read (the checkout may sit in a directory only root can enter).
    const asRoot = process.getuid?.() === 0;
    const bundle = asRoot ? readableCopyOfBundle() : PAVED;
    const [command, ...prefix] = asRoot
      ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', process.execPath]
      : [process.execPath];
    const result = spawnSync(command as string, [...prefix, bundle, 'scan', '.', '--format', 'json'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', CI: '1' },
    });
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.findings.map((f: { location: { path: string } }) => f.location.path)).toEqual(['open.env']);
    expect(result.stderr).toMatch(/locked\.env: skipped: cannot read \(permission denied\)/);
    expect(result.stderr).toMatch(/hint: check the file permissions/);
  });

  it('goes on when one of several paths does not exist, and exits 2 when nothing could be scanned', () => {
    const dir = tempDir();
    writeFiles(dir, { 'a.txt': `t=${GITHUB_PAT()}` });
    const partial = paved(['scan', 'a.txt', 'missing-dir'], { cwd: dir });
    expect(partial.status).toBe(1);
    expect(partial.stdout).toContain('missing-dir');
    const none = paved(['scan', 'missing-dir'], { cwd: dir });
    expect(none.status).toBe(2);
    expect(none.stdout + none.stderr).toMatch(/missing-dir.*no such file/);
  });

  it('exits 2 on usage errors', () => {
    const dir = tempDir();
    expect(paved(['scan', '--format', 'nope'], { cwd: dir }).status).toBe(2);
    expect(paved(['scan', '--staged', '--history'], { cwd: dir }).status).toBe(2);
    expect(paved(['scan', '--since', 'HEAD~1'], { cwd: dir }).status).toBe(2);
    expect(paved(['nosuchcommand'], { cwd: dir }).status).toBe(2);
  });

  it('rejects a corrupt .gitleaks.toml with the file and line, exit 2', () => {
    const dir = tempDir();
    writeFiles(dir, { '.gitleaks.toml': 'title = "x"\n[[rules]]\nid = "a"\nregex = \n', 'a.txt': 'x' });
    const result = paved(['scan', '.'], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/\.gitleaks\.toml:4/);
  });

  it('scans the rest when a config rule has a bad regex, naming the rule', () => {
    const dir = tempDir();
    writeFiles(dir, {
      '.gitleaks.toml': "[extend]\nuseDefault = true\n\n[[rules]]\nid = \"broken-rule\"\nregex = '''(unclosed'''\n",
      'a.txt': `t=${GITHUB_PAT()}`,
    });
    const result = paved(['scan', '.', '--format', 'json'], { cwd: dir });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/broken-rule/);
    expect(jsonReport(result).findings).toHaveLength(1);
  });

  it('says --history needs a git repository and exits 2', () => {
    const dir = tempDir();
    writeFiles(dir, { 'a.txt': 'x' });
    const result = paved(['scan', '.', '--history'], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stdout + result.stderr).toMatch(/not a git repository/);
  });
});

describe('progress on a terminal', () => {
  // `script` runs paved under a pseudo-terminal, as a person at a shell would.
  const hasScript = spawnSync('script', ['--version']).status === 0;

  it.skipIf(!hasScript)(
    'shows progress on stderr when it is a terminal, and clears it; not with --quiet or in CI',
    () => {
      const dir = tempDir();
      writeFiles(dir, { 'a.env': `TOKEN=${GITHUB_PAT(1)}\n`, 'b.txt': 'hello\n' });
      const run = (flags: string, env: NodeJS.ProcessEnv) => {
        const command = `"${process.execPath}" "${PAVED}" scan . ${flags}`;
        const result = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: dir, encoding: 'utf8', env });
        return result.stdout;
      };
      const { CI: _ci, ...interactive } = process.env;
      const shown = run('', interactive);
      expect(shown).toContain('scanning: ');
      expect(shown).toContain('\r\x1b[2K');
      expect(shown).toContain('a.env:1');
      expect(run('--quiet', interactive)).not.toContain('scanning: ');
      expect(run('', { ...interactive, CI: '1' })).not.toContain('scanning: ');
    },
  );
});
