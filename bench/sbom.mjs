#!/usr/bin/env node
// Dependency-inventory benchmark: `npm run bench:sbom` (after `npm run build`).
//
// 1. For each real project in ../shared/data/lockfiles (<ecosystem>/<project>/ with its lockfiles), runs
//    `paved scan --scanners deps` and cdxgen (a devDependency; no install step, no network: its
//    --no-install-deps mode reads the lockfiles only) and compares the components found: by both, only by
//    paved, only by cdxgen (compared by purl type, namespace, name and version), with each tool's time.
//    Then both tools once over the whole folder, as on a monorepo.
// 2. Generates a package-lock.json v3 of 20,000 packages and times `paved sbom` on it, with peak memory.
// Prints tables. Work files live in bench/.work (git-ignored).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PackageURL } from 'packageurl-js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const WORK = join(ROOT, 'bench', '.work', 'sbom');
const PAVED = join(ROOT, 'dist', 'paved.js');
const CDXGEN = join(ROOT, 'node_modules', '.bin', 'cdxgen');
const LOCKFILES = join(ROOT, '..', 'shared', 'data', 'lockfiles');
const LARGE_PACKAGES = Number(process.env.BENCH_PACKAGES ?? 20000);

function timed(command, args, options = {}) {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { maxBuffer: 1 << 30, encoding: 'utf8', ...options });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.error) throw result.error;
  return { seconds, result };
}

/** type/namespace/name@version, with the spellings tools differ on (case, percent-encoding) aligned. */
function purlKey(purl) {
  try {
    const parsed = PackageURL.fromString(purl);
    const namespace = parsed.namespace ? `${parsed.namespace}/` : '';
    const name = `${namespace}${parsed.name}`;
    const normalised = parsed.type === 'pypi' ? name.toLowerCase().replace(/[-_.]+/g, '-') : name;
    return `${parsed.type}/${normalised}@${(parsed.version ?? '').replace(/^v(?=\d)/, parsed.type === 'golang' ? 'v' : '')}`;
  } catch {
    return undefined;
  }
}

function pavedComponents(dir) {
  const out = join(WORK, 'paved.json');
  const { seconds, result } = timed(process.execPath, [
    PAVED,
    'scan',
    dir,
    '--scanners',
    'deps',
    '--format',
    'json',
    '-o',
    out,
    '--quiet',
  ]);
  if (result.status !== 0) throw new Error(`paved failed on ${dir}: ${result.stderr}`);
  const report = JSON.parse(readFileSync(out, 'utf8'));
  const keys = new Set(report.inventory.components.map((c) => purlKey(c.purl)).filter(Boolean));
  return { seconds, keys, errors: report.diagnostics.filter((d) => d.level === 'error').length };
}

function cdxgenComponents(dir) {
  const out = join(WORK, 'cdxgen.json');
  rmSync(out, { force: true });
  const { seconds } = timed(CDXGEN, ['--no-install-deps', '--no-validate', '--no-babel', '-r', '-o', out, dir], {
    env: { ...process.env, FETCH_LICENSE: 'false', CDXGEN_DEBUG_MODE: 'none' },
  });
  if (!existsSync(out)) return { seconds, keys: new Set(), failed: true };
  const bom = JSON.parse(readFileSync(out, 'utf8'));
  const keys = new Set((bom.components ?? []).map((c) => c.purl && purlKey(c.purl)).filter(Boolean));
  return { seconds, keys };
}

function projects() {
  if (!existsSync(LOCKFILES)) return [];
  return readdirSync(LOCKFILES, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((ecosystem) =>
      readdirSync(join(LOCKFILES, ecosystem.name), { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((project) => ({
          name: `${ecosystem.name}/${project.name}`,
          dir: join(LOCKFILES, ecosystem.name, project.name),
        })),
    );
}

/** A package-lock.json v3 with `count` packages: a few direct ones, the rest a deterministic graph below them. */
function largePackageLock(count) {
  const packages = { '': { name: 'large-app', version: '1.0.0', dependencies: {} } };
  for (let i = 0; i < count; i++) {
    const name = i % 5 === 0 ? `@scope${i % 50}/pkg-${i}` : `pkg-${i}`;
    const deps = {};
    for (const j of [i * 2 + 1, i * 2 + 2])
      if (j < count) deps[j % 5 === 0 ? `@scope${j % 50}/pkg-${j}` : `pkg-${j}`] = '^1.0.0';
    packages[`node_modules/${name}`] = {
      version: `1.${i % 10}.${i % 7}`,
      resolved: `https://registry.npmjs.org/${name}/-/pkg-${i}-1.0.0.tgz`,
      integrity: `sha512-${Buffer.alloc(64, i % 256).toString('base64')}`,
      ...(i % 3 === 0 ? { dev: true } : {}),
      ...(Object.keys(deps).length > 0 ? { dependencies: deps } : {}),
    };
    if (i < 20) packages[''].dependencies[name] = '^1.0.0';
  }
  return JSON.stringify({ name: 'large-app', version: '1.0.0', lockfileVersion: 3, requires: true, packages }, null, 2);
}

function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  console.log(line(rows[0]));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows.slice(1)) console.log(line(row));
}

function main() {
  if (!existsSync(PAVED)) {
    console.error('bench: dist/paved.js is missing; run `npm run build` first');
    process.exit(2);
  }
  mkdirSync(WORK, { recursive: true });
  const rows = [['project', 'both', 'only paved', 'only cdxgen', 'paved', 'cdxgen']];
  let pavedTotal = 0;
  let cdxgenTotal = 0;
  const differences = [];
  for (const project of projects()) {
    process.stderr.write(`bench: ${project.name}...\n`);
    const paved = pavedComponents(project.dir);
    const cdxgen = existsSync(CDXGEN) ? cdxgenComponents(project.dir) : undefined;
    pavedTotal += paved.seconds;
    cdxgenTotal += cdxgen?.seconds ?? 0;
    const both = cdxgen ? [...paved.keys].filter((k) => cdxgen.keys.has(k)).length : 0;
    const onlyPaved = cdxgen ? [...paved.keys].filter((k) => !cdxgen.keys.has(k)) : [];
    const onlyCdxgen = cdxgen ? [...cdxgen.keys].filter((k) => !paved.keys.has(k)) : [];
    differences.push({ project: project.name, onlyPaved, onlyCdxgen });
    rows.push([
      project.name,
      both,
      onlyPaved.length,
      cdxgen ? (cdxgen.failed ? 'cdxgen failed' : onlyCdxgen.length) : 'not installed',
      `${paved.seconds.toFixed(2)} s`,
      cdxgen ? `${cdxgen.seconds.toFixed(2)} s` : '',
    ]);
  }
  if (rows.length > 1) {
    rows.push([
      'total',
      '',
      '',
      '',
      `${pavedTotal.toFixed(2)} s`,
      `${cdxgenTotal.toFixed(2)} s (${(cdxgenTotal / pavedTotal).toFixed(1)}x)`,
    ]);
    // Both tools once over the whole folder (a monorepo): start-up is paid once.
    process.stderr.write('bench: the whole folder in one run...\n');
    const paved = pavedComponents(LOCKFILES);
    const cdxgen = existsSync(CDXGEN) ? cdxgenComponents(LOCKFILES) : undefined;
    if (cdxgen) {
      rows.push([
        'whole folder, one run each',
        [...paved.keys].filter((k) => cdxgen.keys.has(k)).length,
        [...paved.keys].filter((k) => !cdxgen.keys.has(k)).length,
        [...cdxgen.keys].filter((k) => !paved.keys.has(k)).length,
        `${paved.seconds.toFixed(2)} s`,
        `${cdxgen.seconds.toFixed(2)} s (${(cdxgen.seconds / paved.seconds).toFixed(1)}x)`,
      ]);
    }
    table(rows);
  } else {
    console.log('../shared/data/lockfiles is absent: no real lockfiles to compare.');
  }

  const largeDir = join(WORK, 'large');
  mkdirSync(largeDir, { recursive: true });
  writeFileSync(join(largeDir, 'package-lock.json'), largePackageLock(LARGE_PACKAGES));
  const hasTime = existsSync('/usr/bin/time');
  const out = join(WORK, 'large.cdx.json');
  const args = [PAVED, 'sbom', largeDir, '--output', out, '--quiet'];
  const { seconds, result } = hasTime
    ? timed('/usr/bin/time', ['-f', '%M', process.execPath, ...args])
    : timed(process.execPath, args);
  const peakMb = hasTime ? Number(result.stderr.trim().split('\n').pop()) / 1024 : Number.NaN;
  const components = existsSync(out) ? JSON.parse(readFileSync(out, 'utf8')).components.length : 0;
  console.log('');
  table([
    ['generated package-lock.json', 'components in SBOM', 'time', 'peak memory'],
    [`${LARGE_PACKAGES} packages`, components, `${seconds.toFixed(2)} s`, `${peakMb.toFixed(0)} MB`],
  ]);

  if (process.env.BENCH_DIFF) {
    for (const { project, onlyPaved, onlyCdxgen } of differences) {
      if (onlyPaved.length + onlyCdxgen.length === 0) continue;
      console.log(
        `\n${project}\n  only paved: ${onlyPaved.slice(0, 40).join(' ')}\n  only cdxgen: ${onlyCdxgen.slice(0, 40).join(' ')}`,
      );
    }
  }
}

main();
