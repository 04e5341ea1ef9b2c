#!/usr/bin/env node
// Vulnerability database benchmark: `npm run bench:vulns` (after `npm run build`).
//
// 1. Imports the shared OSV exports (../shared/data/osv: Go, crates.io, PyPI) into a fresh database.
// 2. Generates an osv.dev-style export zip of 500,000 advisories over 100,000 npm packages and imports it.
// 3. Scans a package-lock.json of 5,000 packages against that database (`paved scan --scanners vulns`,
//    process start and database opening included).
// Prints one table with times, database sizes and peak memory. Work files live in bench/.work/vulns.
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Zip, ZipDeflate } from 'fflate';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const WORK = join(ROOT, 'bench', '.work', 'vulns');
const PAVED = join(ROOT, 'dist', 'paved.js');
const OSV = join(ROOT, '..', 'shared', 'data', 'osv');
const ADVISORIES = Number(process.env.BENCH_ADVISORIES ?? 500_000);
const PACKAGES = Number(process.env.BENCH_VULN_PACKAGES ?? 100_000);
const COMPONENTS = Number(process.env.BENCH_COMPONENTS ?? 5_000);

/** Runs paved under /usr/bin/time (when present) for its peak memory. */
function paved(args) {
  const hasTime = existsSync('/usr/bin/time');
  const command = hasTime ? '/usr/bin/time' : process.execPath;
  const full = [...(hasTime ? ['-f', '%M', process.execPath] : []), PAVED, ...args];
  const start = process.hrtime.bigint();
  const result = spawnSync(command, full, { encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, CI: '1' } });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0 && result.status !== 1) throw new Error(`paved ${args[0]} failed: ${result.stderr}`);
  const peakMb = hasTime ? Number(result.stderr.trim().split('\n').pop()) / 1024 : Number.NaN;
  return { seconds, peakMb, stdout: result.stdout };
}

const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** An export zip of generated advisories, written as a stream (the corpus never sits in memory whole). */
async function generateCorpus(path) {
  if (existsSync(path) && statSync(path).size > 0) return;
  const out = createWriteStream(path);
  const done = new Promise((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
  });
  const zip = new Zip((error, chunk, final) => {
    if (error) throw error;
    out.write(chunk);
    if (final) out.end();
  });
  for (let i = 0; i < ADVISORIES; i++) {
    const record = {
      schema_version: '1.6.0',
      id: `BENCH-${i}`,
      modified: '2025-01-01T00:00:00Z',
      published: '2025-01-01T00:00:00Z',
      aliases: [`CVE-2025-${100000 + i}`],
      summary: `Generated advisory ${i}`,
      severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
      affected: [
        {
          package: { ecosystem: 'npm', name: `pkg-${i % PACKAGES}` },
          ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: `1.${(i % 40) + 1}.0` }] }],
        },
      ],
      references: [{ type: 'ADVISORY', url: `https://example.invalid/advisories/${i}` }],
    };
    const file = new ZipDeflate(`BENCH-${i}.json`, { level: 1 });
    zip.add(file);
    file.push(new TextEncoder().encode(JSON.stringify(record)), true);
    if (i % 10_000 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  zip.end();
  await done;
}

/**
 * A lockfile of `count` packages, one in ten of them with advisories in the corpus (the others are named so
 * that none has): every lookup is made, as in a real project, where most packages have no advisory.
 */
function packageLock(count) {
  const packages = { '': { name: 'bench-app', version: '1.0.0', dependencies: {} } };
  for (let i = 0; i < count; i++) {
    const name = i % 10 === 0 ? `pkg-${i}` : `lib-${i}`;
    packages[`node_modules/${name}`] = { version: `1.${i % 50}.0` };
    packages[''].dependencies[name] = '^1.0.0';
  }
  return JSON.stringify({ name: 'bench-app', version: '1.0.0', lockfileVersion: 3, packages }, null, 2);
}

async function main() {
  if (!existsSync(PAVED)) {
    console.error('bench: dist/paved.js is missing; run `npm run build` first');
    process.exit(2);
  }
  mkdirSync(WORK, { recursive: true });
  const rows = [['what', 'time', 'database', 'peak memory', 'notes']];

  const zips = existsSync(OSV)
    ? readdirSync(OSV)
        .map((ecosystem) => join(OSV, ecosystem, 'all.zip'))
        .filter(existsSync)
    : [];
  if (zips.length > 0) {
    const db = join(WORK, 'shared.db');
    rmSync(db, { force: true });
    const run = paved(['db', 'import', '--db', db, ...zips]);
    rows.push([
      'import shared OSV data',
      `${run.seconds.toFixed(2)} s`,
      mb(statSync(db).size),
      `${run.peakMb.toFixed(0)} MB`,
      run.stdout.trim(),
    ]);
  }

  process.stderr.write(`bench: generating ${ADVISORIES.toLocaleString('en-US')} advisories (kept in bench/.work)...\n`);
  const corpus = join(WORK, `corpus-${ADVISORIES}.zip`);
  await generateCorpus(corpus);
  const db = join(WORK, 'corpus.db');
  rmSync(db, { force: true });
  const imported = paved(['db', 'import', '--db', db, corpus]);
  rows.push([
    `import ${ADVISORIES.toLocaleString('en-US')} advisories`,
    `${imported.seconds.toFixed(1)} s`,
    mb(statSync(db).size),
    `${imported.peakMb.toFixed(0)} MB`,
    `${PACKAGES.toLocaleString('en-US')} packages, zip ${mb(statSync(corpus).size)}`,
  ]);

  const project = join(WORK, 'project');
  mkdirSync(project, { recursive: true });
  writeFileSync(join(project, 'package-lock.json'), packageLock(COMPONENTS));
  const out = join(WORK, 'matches.json');
  const scan = paved([
    'scan',
    project,
    '--scanners',
    'vulns',
    '--db',
    db,
    '--format',
    'json',
    '--output',
    out,
    '--quiet',
  ]);
  const findings = JSON.parse((await import('node:fs')).readFileSync(out, 'utf8')).findings.length;
  rows.push([
    `scan ${COMPONENTS.toLocaleString('en-US')} components`,
    `${scan.seconds.toFixed(2)} s`,
    mb(statSync(db).size),
    `${scan.peakMb.toFixed(0)} MB`,
    `${findings.toLocaleString('en-US')} findings; process start and database opening included`,
  ]);

  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  console.log(line(rows[0]));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows.slice(1)) console.log(line(row));
}

await main();
