#!/usr/bin/env node
// Secret-scanning benchmark: `npm run bench:secrets` (after `npm run build`).
//
// 1. Builds a deterministic synthetic tree (>= 100 MB of mixed source and config, a planted secret every
//    few hundred lines) and times `paved scan` on it, next to `grep -rcF` with eight rule keywords (the
//    floor: reading the bytes once in C) and secretlint's recommended preset on a subset.
// 2. Builds repositories of 5,000 and 20,000 commits and times `paved scan --history` next to
//    `git log -p -U0 --all` (the floor: git producing the diff), with paved's peak memory (flat as
//    history grows: git log is streamed).
// Prints one table. Work files live in bench/.work (git-ignored) and are reused between runs.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const WORK = join(ROOT, 'bench', '.work');
const TREE = join(WORK, 'tree');
const SUBSET = join(WORK, 'subset');
const PAVED = join(ROOT, 'dist', 'paved.js');
const TREE_BYTES = Number(process.env.BENCH_TREE_MB ?? 110) * 1024 * 1024;
const SUBSET_BYTES = Number(process.env.BENCH_SUBSET_MB ?? 2) * 1024 * 1024;
/** History sizes to measure: the issue's 5,000 commits, and a larger one to show how cost and memory grow. */
const HISTORY_SIZES = (process.env.BENCH_COMMITS ?? '5000,20000').split(',').map(Number);
const GREP_KEYWORDS = ['akia', 'ghp_', 'xoxb-', 'sk_live_', '-----begin', 'glpat-', 'password', 'secret'];

// ---- deterministic generation -------------------------------------------------------------------------

function prng(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const UPPER_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const HEX = '0123456789abcdef';
const B64 = `${ALNUM}+/`;

function pick(rand, list) {
  return list[Math.floor(rand() * list.length)];
}
function chars(rand, alphabet, n) {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(rand() * alphabet.length)];
  return s;
}

/** Planted credentials, built from random characters at run time (no literal secret in this file). */
const PLANTS = [
  (r) => `AWS_ACCESS_KEY_ID = "${'AK'}IA${chars(r, UPPER_DIGITS, 16)}"`,
  (r) => `export GITHUB_TOKEN=${'gh'}p_${chars(r, ALNUM, 36)}`,
  (r) =>
    `slack_bot_token: "${'xo'}xb-${chars(r, '0123456789', 11)}-${chars(r, '0123456789', 13)}-${chars(r, ALNUM, 24)}"`,
  (r) => `stripe.api_key = '${'sk'}_live_${chars(r, ALNUM, 24)}'`,
  (r) => `GITLAB_TOKEN=${'gl'}pat-${chars(r, `${ALNUM}_-`, 20)}`,
  (r) => `  db_password: "${chars(r, ALNUM, 6)}!${chars(r, ALNUM, 6)}"`,
  (r) => `const clientSecret = "${chars(r, ALNUM, 32)}";`,
  (r) =>
    `${'-----BEGIN'} RSA PRIVATE KEY-----\n${Array.from({ length: 12 }, () => chars(r, B64, 64)).join('\n')}\n-----END RSA PRIVATE KEY-----`,
];

/**
 * Line templates per file type. Their mix aims at real code's density of lines where some rule keyword
 * occurs (token, key, secret, password, ://...): measured ~7% on Python's site-packages and ~10% on
 * vite's sources with paved's keyword set; the table prints the tree's own density.
 */
const GENERATOR_VERSION = 2;
const CODE_LINES = {
  ts: [
    (r) => `export function handle${chars(r, ALNUM, 6)}(req: Request, res: Response): void {`,
    (r) => `  const value = await service.fetch(${Math.floor(r() * 1000)}, { retries: 3, timeout: 5000 });`,
    () => '  if (!value) throw new Error("not found");',
    (r) => `  logger.info(\`processed \${items.length} items in ${Math.floor(r() * 100)}ms\`);`,
    () => '}',
    (r) => `import { ${chars(r, 'abcdefghij', 8)} } from './util/${chars(r, 'abcdefghij', 6)}.js';`,
    () => '  const token = req.headers.authorization?.split(" ")[1];',
    () => '  // Keys are read from the environment in production.',
    (r) => `  for (const item of items.slice(0, ${Math.floor(r() * 50)})) {`,
    () => '    results.push(await transform(item, options));',
    () => '  }',
    (r) => `  return res.status(${pick(r, [200, 201, 204, 400, 404])}).json({ ok: true, count: results.length });`,
    (r) => `const DEFAULT_TIMEOUT_MS = ${Math.floor(r() * 10000)};`,
    (r) => `export interface ${chars(r, ALNUM, 7)}Options { retries?: number; verbose?: boolean }`,
    () => '  if (options.verbose) console.debug("state", JSON.stringify(state));',
    (r) => `  const elapsed = Date.now() - started; // ${chars(r, 'abcdefghij ', 24)}`,
    () => '  } catch (error) {',
    () => '    logger.warn({ err: error }, "request failed, retrying");',
  ],
  py: [
    (r) => `def compute_${chars(r, 'abcdefghij', 6)}(data, limit=${Math.floor(r() * 100)}):`,
    () => '    result = [row for row in data if row.get("enabled")]',
    () => '    return sorted(result, key=lambda row: row["name"])',
    () => '    api_key = os.environ.get("API_KEY")',
    (r) => `class Handler${chars(r, ALNUM, 5)}(BaseHandler):`,
    () => '    """Handles the request and returns a response."""',
    (r) => `    for index, row in enumerate(rows[:${Math.floor(r() * 100)}]):`,
    () => '        if not row:',
    () => '            continue',
    (r) => `        total += row.get("amount", 0) * ${(r() * 3).toFixed(2)}`,
    () => '    logger.info("processed %d rows", len(rows))',
    (r) => `from .models import ${chars(r, ALNUM, 8)}, ${chars(r, ALNUM, 6)}`,
  ],
  yaml: [
    (r) => `  - name: service-${chars(r, 'abcdefghij', 5)}`,
    (r) => `    image: registry.internal/app:${Math.floor(r() * 50)}.${Math.floor(r() * 10)}.0`,
    () => '    env:',
    () => '      - name: DATABASE_PASSWORD',
    () => '        valueFrom: { secretKeyRef: { name: db, key: password } }',
    (r) => `    replicas: ${1 + Math.floor(r() * 5)}`,
    () => '    resources:',
    (r) => `      limits: { cpu: "${Math.floor(r() * 4) + 1}", memory: "${pick(r, [256, 512, 1024])}Mi" }`,
    () => '    ports:',
    (r) => `      - containerPort: ${8000 + Math.floor(r() * 100)}`,
    () => '    readinessProbe:',
    () => '      httpGet: { path: /healthz, port: http }',
    (r) => `      periodSeconds: ${Math.floor(r() * 30) + 5}`,
    (r) => `  labels: { app: ${chars(r, 'abcdefghij', 6)}, tier: backend }`,
  ],
  json: [
    (r) =>
      `  "${chars(r, 'abcdefghij', 7)}": { "version": "${Math.floor(r() * 9)}.${Math.floor(r() * 20)}.${Math.floor(r() * 9)}",`,
    (r) => `    "integrity": "sha512-${chars(r, B64, 86)}==",`,
    (r) => `    "resolved": "https://registry.npmjs.org/pkg-${chars(r, 'abcdefghij', 5)}/-/pkg-1.0.0.tgz" },`,
    (r) =>
      `    "dependencies": { "${chars(r, 'abcdefghij', 6)}": "^${Math.floor(r() * 9)}.${Math.floor(r() * 20)}.0" },`,
    () => '    "dev": true,',
    (r) => `    "engines": { "node": ">=${pick(r, [14, 16, 18, 20])}" },`,
    () => '    "license": "MIT",',
    (r) => `    "funding": { "type": "opencollective", "count": ${Math.floor(r() * 9)} },`,
  ],
  go: [
    (r) => `func (s *Server) Handle${chars(r, ALNUM, 6)}(ctx context.Context) error {`,
    () => '\tif err := s.db.PingContext(ctx); err != nil {',
    () => '\t\treturn fmt.Errorf("ping: %w", err)',
    () => '\t}',
    (r) => `\tcommit := "${chars(r, HEX, 40)}"`,
    () => '}',
  ],
  md: [
    () => 'Set the `API_TOKEN` environment variable before running the service.',
    (r) => `The ${chars(r, 'abcdefghij', 8)} module handles retries with exponential backoff.`,
    () => '',
    () => '```sh\nexport API_TOKEN=<your-token>\n```',
    (r) => `## ${chars(r, 'abcdefghij', 7)} configuration`,
    () => 'Run `make test` before opening a pull request; CI runs the same checks.',
    (r) => `- ${chars(r, 'abcdefghij ', 30)}`,
    () => 'See the architecture notes for how requests flow through the service.',
    (r) => `| option | default | ${chars(r, 'abcdefghij', 5)} |`,
    () => '',
  ],
};
const EXTENSIONS = Object.keys(CODE_LINES);

function buildTree() {
  const marker = join(TREE, '.complete');
  if (existsSync(marker) && Number(readFileSync(marker, 'utf8')) >= TREE_BYTES) {
    const meta = JSON.parse(readFileSync(join(WORK, 'tree-meta.json'), 'utf8'));
    if (meta.generator === GENERATOR_VERSION) return meta;
  }
  rmSync(TREE, { recursive: true, force: true });
  rmSync(SUBSET, { recursive: true, force: true });
  const rand = prng(42);
  let total = 0;
  let planted = 0;
  let subsetBytes = 0;
  let subsetPlanted = 0;
  const plantedAt = [];
  for (let file = 0; total < TREE_BYTES; file++) {
    const ext = EXTENSIONS[file % EXTENSIONS.length];
    const lineCount = 800 + Math.floor(rand() * 1600);
    const lines = [];
    let plantedHere = 0;
    let lineNumber = 1;
    const relative = `pkg${file % 40}/mod${file % 7}/file${file}.${ext}`;
    for (let i = 0; i < lineCount; i++) {
      const line = rand() < 1 / 400 ? pick(rand, PLANTS)(rand) : undefined;
      if (line) {
        plantedAt.push(`${relative}:${lineNumber}`);
        plantedHere++;
      }
      const text = line ?? pick(rand, CODE_LINES[ext])(rand);
      lines.push(text);
      lineNumber += 1 + (text.match(/\n/g)?.length ?? 0);
    }
    const text = `${lines.join('\n')}\n`;
    const path = join(TREE, relative);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    if (subsetBytes < SUBSET_BYTES) {
      const subsetPath = join(SUBSET, `file${file}.${ext}`);
      mkdirSync(SUBSET, { recursive: true });
      writeFileSync(subsetPath, text);
      subsetBytes += text.length;
      subsetPlanted += plantedHere;
    }
    total += Buffer.byteLength(text);
    planted += plantedHere;
  }
  const meta = { generator: GENERATOR_VERSION, bytes: total, planted, subsetBytes, subsetPlanted, plantedAt };
  writeFileSync(join(WORK, 'tree-meta.json'), JSON.stringify(meta));
  writeFileSync(marker, String(TREE_BYTES));
  return meta;
}

/** A monorepo-like tree of many small files: measures the cost per file (walk, open, read). */
const MANY = join(WORK, 'many');
const MANY_FILES = Number(process.env.BENCH_MANY_FILES ?? 20000);

function buildManyFiles() {
  const marker = join(MANY, '.complete');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === `${MANY_FILES}:${GENERATOR_VERSION}`) return;
  rmSync(MANY, { recursive: true, force: true });
  const rand = prng(99);
  for (let file = 0; file < MANY_FILES; file++) {
    const ext = EXTENSIONS[file % EXTENSIONS.length];
    const lines = Array.from({ length: 10 + Math.floor(rand() * 40) }, () => pick(rand, CODE_LINES[ext])(rand));
    const path = join(MANY, `pkg${file % 200}`, `src${file % 5}`, `file${file}.${ext}`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${lines.join('\n')}\n`);
  }
  writeFileSync(marker, `${MANY_FILES}:${GENERATOR_VERSION}`);
}

/** A repository of `commits` commits made with git fast-import (fast and deterministic). */
function buildHistory(commits) {
  const repo = join(WORK, `history-${commits}`);
  const marker = join(repo, '.git', 'paved-bench-commits');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === `${commits}:${GENERATOR_VERSION}`) return repo;
  rmSync(repo, { recursive: true, force: true });
  mkdirSync(repo, { recursive: true });
  execFileSync('git', ['init', '-q', '-b', 'main', repo]);
  const rand = prng(7);
  const files = new Map();
  const parts = [];
  for (let c = 1; c <= commits; c++) {
    const ext = EXTENSIONS[c % EXTENSIONS.length];
    const path = `src/pkg${c % 25}/file${c % 200}.${ext}`;
    const previous = files.get(path) ?? [];
    const added = Array.from({ length: 20 + Math.floor(rand() * 60) }, () =>
      rand() < 1 / 300 ? pick(rand, PLANTS)(rand) : pick(rand, CODE_LINES[ext])(rand),
    );
    const content = `${[...previous.slice(-300), ...added].join('\n')}\n`;
    files.set(path, content.split('\n').slice(0, -1));
    const message = `change ${c}\n`;
    const when = 1700000000 + c * 60;
    parts.push(
      `commit refs/heads/main\nmark :${c}\ncommitter Bench <bench@paved.invalid> ${when} +0000\n` +
        `data ${Buffer.byteLength(message)}\n${message}${c > 1 ? `from :${c - 1}\n` : ''}` +
        `M 100644 inline ${path}\ndata ${Buffer.byteLength(content)}\n${content}\n`,
    );
  }
  execFileSync('git', ['fast-import', '--quiet'], { cwd: repo, input: parts.join(''), maxBuffer: 1 << 30 });
  execFileSync('git', ['checkout', '-q', 'main'], { cwd: repo });
  writeFileSync(marker, `${commits}:${GENERATOR_VERSION}`);
  return repo;
}

// ---- measurement --------------------------------------------------------------------------------------

/** Runs a command RUNS times and keeps the median time (this machine's timings vary by ~10%). */
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

function timedOnce(command, args, options = {}) {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { maxBuffer: 1 << 30, ...options });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.error) throw result.error;
  return { seconds, result };
}

function median(runs) {
  const sorted = [...runs].sort((a, b) => a.seconds - b.seconds);
  return sorted[Math.floor(sorted.length / 2)];
}

function timed(command, args, options = {}, runs = RUNS) {
  return median(Array.from({ length: runs }, () => timedOnce(command, args, options)));
}

/** Two measurements taken in turns, so drift in the machine's speed affects both alike. */
function timedInTurns(first, second) {
  const a = [];
  const b = [];
  for (let i = 0; i < RUNS; i++) {
    a.push(first());
    b.push(second());
  }
  return [median(a), median(b)];
}

/** Runs paved under /usr/bin/time to read its peak resident memory. */
function timedPaved(args, runs = RUNS) {
  const out = join(WORK, 'paved-report.json');
  const hasTime = existsSync('/usr/bin/time');
  const command = hasTime ? '/usr/bin/time' : process.execPath;
  const fullArgs = [
    ...(hasTime ? ['-f', '%M', process.execPath] : []),
    PAVED,
    ...args,
    '--format',
    'json',
    '--quiet',
    '--output',
    out,
  ];
  const { seconds, result } = timed(command, fullArgs, { env: { ...process.env, CI: '1' } }, runs);
  if (result.status !== 0 && result.status !== 1) {
    throw new Error(`paved failed (${result.status}): ${result.stderr.toString().slice(-2000)}`);
  }
  const rssKb = hasTime ? Number(result.stderr.toString().trim().split('\n').pop()) : Number.NaN;
  const report = JSON.parse(readFileSync(out, 'utf8'));
  return { seconds, rssMb: rssKb / 1024, findings: report.findings.length, report };
}

function secretlint(dir) {
  const config = join(WORK, 'secretlintrc.json');
  writeFileSync(config, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));
  const bin = join(ROOT, 'node_modules', '.bin', 'secretlint');
  if (!existsSync(bin)) return undefined;
  const { seconds } = timedOnce(bin, ['--secretlintrc', config, '--format', 'json', `${dir}/**/*`], { cwd: ROOT });
  return seconds;
}

/** Share of lines holding a keyword of some built-in rule: how often the prefilter lets a line through. */
async function keywordLineDensity(dir) {
  const { BUILTIN_RULES } = await import('../dist/secrets/rules/index.js');
  const { KeywordIndex } = await import('../dist/secrets/keyword-index.js');
  const index = new KeywordIndex([...new Set(BUILTIN_RULES.flatMap((r) => r.keywords.map((k) => k.toLowerCase())))]);
  let lines = 0;
  let keywordLines = 0;
  for (const path of execFileSync('find', [dir, '-type', 'f'], { encoding: 'utf8' }).trim().split('\n')) {
    const bytes = readFileSync(path);
    const hitLines = new Set();
    index.search(bytes, (end) => hitLines.add(bytes.lastIndexOf(10, end)));
    keywordLines += hitLines.size;
    for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) lines++;
  }
  return (100 * keywordLines) / lines;
}

/** Findings against the planted locations: true positives, false positives, recall and precision. */
function accuracy(report, plantedAt) {
  const planted = new Set(plantedAt);
  const found = new Set(report.findings.map((f) => `${f.location.path}:${f.location.startLine}`));
  const truePositives = [...found].filter((at) => planted.has(at)).length;
  return {
    recall: (100 * truePositives) / planted.size,
    precision: found.size === 0 ? 100 : (100 * truePositives) / found.size,
  };
}

function mb(bytes) {
  return bytes / 1024 / 1024;
}

async function main() {
  if (!existsSync(PAVED)) {
    console.error('bench: dist/paved.js is missing; run `npm run build` first');
    process.exit(2);
  }
  mkdirSync(WORK, { recursive: true });
  process.stderr.write('bench: preparing the synthetic tree (built once, kept in bench/.work)...\n');
  const meta = buildTree();
  process.stderr.write('bench: preparing the history repositories...\n');
  const repos = HISTORY_SIZES.map((commits) => ({ commits, path: buildHistory(commits) }));
  process.stderr.write('bench: preparing the many-small-files tree...\n');
  buildManyFiles();

  // Warm the page cache so every tool reads from memory.
  spawnSync('sh', ['-c', `find "${TREE}" -type f -exec cat {} + > /dev/null`]);

  const grepArgs = ['-rcF', ...GREP_KEYWORDS.flatMap((k) => ['-e', k]), TREE];
  // Output goes to a pipe, not /dev/null: GNU grep stops at the first match when it sees /dev/null.
  const [grep, paved] = timedInTurns(
    () => timedOnce('grep', grepArgs),
    () => timedPaved(['scan', TREE], 1),
  );
  const treeAccuracy = accuracy(paved.report, meta.plantedAt);
  const density = await keywordLineDensity(SUBSET);
  const lint = secretlint(SUBSET);

  const manyPaved = timedPaved(['scan', MANY]);
  const manyGrep = timed('grep', ['-rcF', ...GREP_KEYWORDS.flatMap((k) => ['-e', k]), MANY]);

  const histories = repos.map(({ commits, path }) => {
    const [gitLog, history] = timedInTurns(
      () => timedOnce('sh', ['-c', 'git log -p -U0 --all --no-color > /dev/null'], { cwd: path }),
      () => timedPaved(['scan', path, '--history'], 1),
    );
    const size = Number(execFileSync('sh', ['-c', 'git log -p -U0 --all --no-color | wc -c'], { cwd: path }));
    return { commits, gitLog, history, size };
  });
  const pavedThreads = timedPaved(['scan', TREE, '--threads', String(availableParallelism())]);

  const rows = [
    [
      'synthetic tree',
      `${mb(meta.bytes).toFixed(1)} MB, ${meta.planted} planted secrets`,
      '',
      `${density.toFixed(1)}% of lines hold a rule keyword`,
    ],
    [
      'paved scan (secrets)',
      `${paved.seconds.toFixed(2)} s`,
      `${(mb(meta.bytes) / paved.seconds).toFixed(1)} MB/s`,
      `${paved.findings} findings, recall ${treeAccuracy.recall.toFixed(2)}%, precision ${treeAccuracy.precision.toFixed(2)}%, peak ${paved.rssMb.toFixed(0)} MB`,
    ],
    [
      `paved, --threads ${availableParallelism()}`,
      `${pavedThreads.seconds.toFixed(2)} s`,
      `${(mb(meta.bytes) / pavedThreads.seconds).toFixed(1)} MB/s`,
      `default is cores - 1 = ${Math.max(1, availableParallelism() - 1)} thread(s)`,
    ],
    [
      'grep -rcF, 8 keywords',
      `${grep.seconds.toFixed(2)} s`,
      `${(mb(meta.bytes) / grep.seconds).toFixed(1)} MB/s`,
      `paved / grep = ${(paved.seconds / grep.seconds).toFixed(2)}x`,
    ],
    lint === undefined
      ? ['secretlint (recommended)', 'not installed', '', '']
      : [
          'secretlint (recommended)',
          `${lint.toFixed(2)} s on ${mb(meta.subsetBytes).toFixed(1)} MB`,
          `${(mb(meta.subsetBytes) / lint).toFixed(2)} MB/s`,
          `paved is ${(mb(meta.bytes) / paved.seconds / (mb(meta.subsetBytes) / lint)).toFixed(0)}x faster`,
        ],
    [
      `${MANY_FILES} small files`,
      `${manyPaved.seconds.toFixed(2)} s paved`,
      `${manyGrep.seconds.toFixed(2)} s grep`,
      `paved / grep = ${(manyPaved.seconds / manyGrep.seconds).toFixed(2)}x`,
    ],
    ...histories.flatMap(({ commits, gitLog, history, size }) => [
      [`history: ${commits} commits`, `${mb(size).toFixed(1)} MB of patches`, '', ''],
      ['  git log -p -U0 --all', `${gitLog.seconds.toFixed(2)} s`, '', ''],
      [
        '  paved scan --history',
        `${history.seconds.toFixed(2)} s`,
        `${(history.seconds / gitLog.seconds).toFixed(2)}x git`,
        `${history.findings} findings, peak ${history.rssMb.toFixed(0)} MB`,
      ],
    ]),
  ];
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i].length), 4));
  const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(line(['what', 'time / size', 'rate', 'notes']));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
  console.log(
    `\nmachine: ${process.platform} ${process.arch}, node ${process.version}, ${availableParallelism()} cores`,
  );
}

await main();
