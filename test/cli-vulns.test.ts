import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compare as comparePep440, valid as validPep440 } from '@renovatebot/pep440';
import { unzipSync } from 'fflate';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { paved, ROOT, tempDir, writeFiles } from './helpers.js';

/** A minimal OSV record for PyPI `name`, affected from `introduced` until `fixed`. */
function record(id: string, name: string, introduced: string, fixed: string, aliases: string[] = []) {
  return JSON.stringify({
    schema_version: '1.6.0',
    id,
    modified: '2025-03-01T00:00:00Z',
    aliases,
    summary: `${name} problem ${id}`,
    severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
    affected: [
      {
        package: { ecosystem: 'PyPI', name },
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced }, { fixed }] }],
      },
    ],
  });
}

function project(): { root: string; db: string } {
  const root = tempDir('paved-vulns-');
  writeFiles(root, {
    'osv/one.json': record('GHSA-1111-2222-3333', 'django', '4.0', '4.2.8', ['CVE-2025-1']),
    'osv/two.json': record('PYSEC-2025-1', 'Django', '4.0', '4.2.8', ['GHSA-1111-2222-3333']),
    'osv/three.json': record('GHSA-4444-5555-6666', 'requests', '2.0', '2.31.0'),
    'app/requirements.txt': 'django==4.2.7\nrequests==2.31.0\n',
  });
  const db = join(root, 'vulns.db');
  const imported = paved(['db', 'import', '--db', db, 'osv'], { cwd: root });
  expect(imported.status).toBe(0);
  return { root, db };
}

describe('paved scan --scanners vulns', () => {
  it('reports each vulnerable component once per advisory group, with the upgrade that fixes it', () => {
    const { root, db } = project();
    const result = paved(['scan', 'app', '--scanners', 'vulns', '--db', db, '--format', 'json'], { cwd: root });
    expect(result.status).toBe(1);
    const findings = JSON.parse(result.stdout).findings;
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'GHSA-1111-2222-3333',
      kind: 'vulnerability',
      severity: 'critical',
      location: { path: 'requirements.txt', startLine: 1 },
      remediation: 'Upgrade django from 4.2.7 to 4.2.8 (fixes it).',
    });
    expect(findings[0].message).toContain('(PYSEC-2025-1, CVE-2025-1)');
  });

  it('says the database is missing, with the command that fixes it, and runs the rest', () => {
    const { root } = project();
    const result = paved(['scan', 'app', '--scanners', 'vulns,deps', '--db', join(root, 'absent.db')], {
      cwd: root,
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('vulnerabilities not checked');
    expect(result.stdout).toContain('paved db update');
    expect(result.stdout).toMatch(/PyPI {2}requirements\.txt/);
  });

  it('reports the database status', () => {
    const { root, db } = project();
    const status = JSON.parse(paved(['db', 'status', '--db', db, '--json'], { cwd: root }).stdout);
    expect(status.ecosystems).toEqual([expect.objectContaining({ ecosystem: 'PyPI', advisories: 3 })]);
  });
});

const SHARED = join(ROOT, '..', 'shared', 'data');

/** How the independent check compares versions of each ecosystem: the libraries, called directly. */
const REAL_CASES = [
  {
    ecosystem: 'PyPI',
    lockfile: 'PyPI/poetry',
    valid: (v: string) => validPep440(v) !== null,
    compare: (a: string, b: string) => comparePep440(a, b),
    normalise: (name: string) => name.toLowerCase().replace(/[-_.]+/g, '-'),
  },
  {
    ecosystem: 'crates.io',
    lockfile: 'crates.io/ripgrep',
    valid: (v: string) => semver.valid(v) !== null,
    compare: (a: string, b: string) => semver.compare(a, b),
    normalise: (name: string) => name,
  },
  {
    ecosystem: 'Go',
    lockfile: 'Go/prometheus',
    valid: (v: string) => semver.valid(v.replace(/^v/, '')) !== null,
    compare: (a: string, b: string) => semver.compare(a.replace(/^v/, ''), b.replace(/^v/, '')),
    normalise: (name: string) => name,
  },
];

describe.each(REAL_CASES)('matching the real $lockfile', ({ ecosystem, lockfile, valid, compare, normalise }) => {
  const zip = join(SHARED, 'osv', ecosystem, 'all.zip');
  it.skipIf(!existsSync(zip))('agrees with an independent reading of the raw OSV records', () => {
    const root = tempDir('paved-vulns-real-');
    const db = join(root, 'vulns.db');
    expect(paved(['db', 'import', '--db', db, zip], { cwd: root }).status).toBe(0);
    const scanned = JSON.parse(
      paved(['scan', join(SHARED, 'lockfiles', lockfile), '--scanners', 'vulns,deps', '--db', db, '--format', 'json'], {
        cwd: root,
      }).stdout,
    );
    const pavedPairs = new Set<string>(
      scanned.findings.flatMap((f: { evidence: string; ruleId: string; message: string }) => {
        // Every id of the group (the primary and its aliases) counts as found for this component.
        const aliases = /\(([^)]*)\)/.exec(f.message.split(' is affected by ')[1] ?? '')?.[1]?.split(', ') ?? [];
        return [f.ruleId, ...aliases].map((id) => `${f.evidence} ${id}`);
      }),
    );

    // Independent check: every non-withdrawn record naming a locked package; its ECOSYSTEM/SEMVER ranges
    // read with the ecosystem's version library directly, and its versions list.
    const components: { name: string; version: string }[] = scanned.inventory.components;
    const locked = new Map(components.map((c) => [normalise(c.name), c]));
    const expected = new Set<string>();
    const at = (event: Record<string, string>) => Object.values(event)[0] as string;
    for (const [file, bytes] of Object.entries(unzipSync(new Uint8Array(readFileSync(zip))))) {
      if (!file.endsWith('.json')) continue;
      const osv = JSON.parse(new TextDecoder().decode(bytes));
      if (osv.withdrawn) continue;
      for (const affected of osv.affected ?? []) {
        const component = locked.get(normalise(affected.package?.name ?? ''));
        if (!component || affected.package?.ecosystem !== ecosystem) continue;
        const { version } = component;
        let hit = (affected.versions ?? []).includes(version);
        for (const range of affected.ranges ?? []) {
          if ((range.type !== 'ECOSYSTEM' && range.type !== 'SEMVER') || !valid(version)) continue;
          const events = [...range.events].sort((a, b) =>
            at(a) === '0' ? -1 : at(b) === '0' ? 1 : compare(at(a), at(b)),
          );
          let inside = false;
          for (const event of events) {
            if (event.introduced !== undefined) {
              if (event.introduced === '0' || compare(version, event.introduced) >= 0) inside = true;
            } else if (event.fixed !== undefined) {
              if (compare(version, event.fixed) >= 0) inside = false;
            } else if (event.last_affected !== undefined) {
              if (compare(version, event.last_affected) > 0) inside = false;
            }
          }
          hit ||= inside;
        }
        if (hit) expected.add(`${component.name}@${version} ${osv.id}`);
      }
    }
    expect(expected.size).toBeGreaterThan(0);
    expect([...expected].filter((pair) => !pavedPairs.has(pair))).toEqual([]);
  });
});
