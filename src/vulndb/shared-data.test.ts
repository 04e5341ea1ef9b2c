import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ImportReport, importOsv } from './import.js';
import type { StoredAdvisory } from './osv.js';
import { VulnStore } from './store.js';
import { SHARED_OSV, temporaryFolder } from './test-records.js';

const ECOSYSTEMS = ['Go', 'crates.io', 'PyPI'];

interface RawAffected {
  package?: { ecosystem?: string; name?: string };
  ranges?: { type: string; repo?: string }[];
  versions?: string[];
}
interface RawRecord {
  id: string;
  modified: string;
  published?: string;
  withdrawn?: string;
  affected?: RawAffected[];
}

/** The shared export's records, read without paved's code, as the reference to check the import against. */
function readZip(ecosystem: string): RawRecord[] {
  return Object.values(unzipSync(readFileSync(join(SHARED_OSV, ecosystem, 'all.zip')))).map(
    (data) => JSON.parse(strFromU8(data)) as RawRecord,
  );
}

const pep503 = (name: string) => name.toLowerCase().replace(/[-_.]+/g, '-');

describe.skipIf(!existsSync(SHARED_OSV))('importing the shared osv.dev exports (Go, crates.io, PyPI)', () => {
  const folder = temporaryFolder();
  const records = new Map<string, RawRecord[]>();
  let report: ImportReport;
  let store: VulnStore;

  beforeAll(() => {
    for (const ecosystem of ECOSYSTEMS) records.set(ecosystem, readZip(ecosystem));
    const path = join(folder.path, 'vulns.db');
    report = importOsv(
      path,
      ECOSYSTEMS.map((ecosystem) => join(SHARED_OSV, ecosystem, 'all.zip')),
    );
    store = VulnStore.open(path, { readonly: true });
  });
  afterAll(() => {
    store?.close();
    folder.remove();
  });

  const all = () => [...records.values()].flat();

  it('imports every record', () => {
    expect(report.records).toBe(all().length);
    expect(report.imported).toBe(all().length);
    expect(report.withdrawn).toBe(all().filter((record) => record.withdrawn).length);
  });

  it('counts, per ecosystem, the records that are not withdrawn', () => {
    const expected = ECOSYSTEMS.map((ecosystem) => ({
      ecosystem,
      advisories: (records.get(ecosystem) ?? []).filter((record) => !record.withdrawn).length,
    }));
    const counts = store.status().ecosystems.map(({ ecosystem, advisories }) => ({ ecosystem, advisories }));
    expect(counts).toEqual(expect.arrayContaining(expected));
    expect(counts).toHaveLength(3);
  });

  it("returns exactly the advisories naming django for PyPI's django", () => {
    const expected = (records.get('PyPI') ?? [])
      .filter((record) => !record.withdrawn)
      .filter((record) => record.affected?.some((entry) => pep503(entry.package?.name ?? '') === 'django'))
      .map((record) => record.id)
      .sort();
    expect(expected.length).toBeGreaterThan(50);
    const found = store.advisoriesFor('PyPI', 'django');
    expect(found.map((advisory) => advisory.id).sort()).toEqual(expected);
    for (const advisory of found) {
      expect(advisory.affected.length).toBeGreaterThan(0);
      expect(advisory.affected.every((entry) => pep503(entry.package.name) === 'django')).toBe(true);
    }
  });

  it('never returns a withdrawn record', () => {
    for (const ecosystem of ECOSYSTEMS) {
      for (const record of (records.get(ecosystem) ?? []).filter((candidate) => candidate.withdrawn)) {
        for (const entry of record.affected ?? []) {
          const ids = store.advisoriesFor(ecosystem, entry.package?.name ?? '').map((advisory) => advisory.id);
          expect(ids).not.toContain(record.id);
        }
      }
    }
  });

  it('skips GIT ranges for matching but keeps the versions list beside them', () => {
    const withGit = (records.get('PyPI') ?? []).filter(
      (record) =>
        !record.withdrawn && record.affected?.some((entry) => entry.ranges?.some((range) => range.type === 'GIT')),
    );
    expect(withGit.length).toBeGreaterThan(1000);
    const advisoriesOf = new Map<string, StoredAdvisory[]>();
    for (const record of withGit) {
      const entry = record.affected?.[0] as RawAffected;
      const name = entry.package?.name ?? '';
      if (!advisoriesOf.has(name)) advisoriesOf.set(name, store.advisoriesFor('PyPI', name));
      const stored = advisoriesOf.get(name)?.find((advisory) => advisory.id === record.id)?.affected[0];
      expect(stored?.versions).toEqual(entry.versions ?? []);
      expect(stored?.ranges.find((range) => range.type === 'GIT')?.repo).toBe(
        entry.ranges?.find((range) => range.type === 'GIT')?.repo,
      );
    }
  });

  it('counts records whose only ranges are GIT, and records with placeholder dates, as problems', () => {
    const problems = new Map(store.status().problems.map((problem) => [problem.kind, problem.count]));
    // The snapshot has no GIT-only entry (compact.test.ts and import.test.ts cover one); the count must agree.
    const gitOnly = all().filter((record) =>
      record.affected?.some(
        (entry) => (entry.ranges?.length ?? 0) > 0 && entry.ranges?.every((range) => range.type === 'GIT'),
      ),
    );
    expect(problems.get('git-only-ranges') ?? 0).toBe(gitOnly.length);
    const placeholder = all().filter(
      (record) => record.modified.startsWith('0001-') || record.published?.startsWith('0001-'),
    );
    expect(placeholder.length).toBeGreaterThan(4000);
    expect(problems.get('placeholder-date')).toBe(placeholder.length);
  });
});
