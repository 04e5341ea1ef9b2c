import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importEpss, importKev } from './enrichment.js';
import { importOsv } from './import.js';
import { VulnStore } from './store.js';
import { osvRecord, temporaryFolder } from './test-records.js';

let folder: ReturnType<typeof temporaryFolder>;
let store: VulnStore;
beforeEach(() => {
  folder = temporaryFolder();
  store = VulnStore.open(join(folder.path, 'vulns.db'), { create: true });
  const records = join(folder.path, 'records.json');
  writeFileSync(
    records,
    JSON.stringify([
      osvRecord('GHSA-1', 'npm', 'exploited', { aliases: ['CVE-2021-44228'] }),
      osvRecord('CVE-2022-0001', 'npm', 'by-own-id'),
      osvRecord('GHSA-3', 'npm', 'two-cves', { aliases: ['CVE-2023-0001', 'CVE-2023-0002'] }),
      osvRecord('GHSA-4', 'npm', 'quiet'),
    ]),
  );
  importOsv(store, [records]);
});
afterEach(() => {
  store.close();
  folder.remove();
});

function write(name: string, content: string | Uint8Array): string {
  const path = join(folder.path, name);
  writeFileSync(path, content);
  return path;
}

const kevCatalog = {
  title: 'CISA Catalog of Known Exploited Vulnerabilities',
  catalogVersion: '2024.10.10',
  dateReleased: '2024-10-10T15:00:00.000Z',
  count: 2,
  vulnerabilities: [
    { cveID: 'CVE-2021-44228', vendorProject: 'Apache', dateAdded: '2021-12-10', knownRansomwareCampaignUse: 'Known' },
    { cveID: 'cve-2022-0001', vendorProject: 'Someone', dateAdded: '2022-01-01' },
    { vendorProject: 'no id' },
  ],
};

const epssCsv = [
  '#model_version:v2023.03.01,score_date:2024-10-10T00:00:00+0000',
  'cve,epss,percentile',
  'CVE-2021-44228,0.97565,0.99990',
  'CVE-2023-0001,0.00050,0.17000',
  'CVE-2023-0002,0.31000,0.96000',
  'not-a-cve,0.5,0.5',
  'CVE-2023-0003,1.5,0.5',
  '',
].join('\n');

const flags = () =>
  Object.fromEntries(
    ['exploited', 'by-own-id', 'two-cves', 'quiet'].map((name) => {
      const [advisory] = store.advisoriesFor('npm', name);
      return [name, { kev: advisory?.knownExploited, epss: advisory?.epss, percentile: advisory?.epssPercentile }];
    }),
  );

describe('enrichment', () => {
  it('leaves advisories unflagged while no catalog or scores were imported', () => {
    expect(flags().exploited).toEqual({ kev: undefined, epss: undefined, percentile: undefined });
  });

  it('flags advisories listed by CISA, by their id or a CVE alias', () => {
    expect(importKev(store, write('kev.json', JSON.stringify(kevCatalog)))).toEqual({
      entries: 2,
      catalogVersion: '2024.10.10',
    });
    const kev = Object.fromEntries(Object.entries(flags()).map(([name, flag]) => [name, flag.kev]));
    expect(kev).toEqual({ exploited: true, 'by-own-id': true, 'two-cves': false, quiet: false });
    expect(store.status().knownExploited).toMatchObject({ entries: 2, catalogVersion: '2024.10.10' });
  });

  it('replaces the catalog on each import', () => {
    importKev(store, write('kev.json', JSON.stringify(kevCatalog)));
    importKev(store, write('kev2.json', JSON.stringify({ ...kevCatalog, vulnerabilities: [] })));
    expect(flags().exploited?.kev).toBe(false);
  });

  it('gives each advisory the highest EPSS score of its CVEs, from a plain or gzipped CSV', () => {
    for (const path of [write('epss.csv', epssCsv), write('epss.csv.gz', gzipSync(epssCsv))]) {
      expect(importEpss(store, path)).toEqual({
        entries: 3,
        skipped: 2,
        scoreDate: '2024-10-10T00:00:00+0000',
        modelVersion: 'v2023.03.01',
      });
      expect(flags()).toMatchObject({
        exploited: { epss: 0.97565, percentile: 0.9999 },
        'two-cves': { epss: 0.31, percentile: 0.96 },
        quiet: { epss: undefined },
      });
    }
    expect(store.status().epss).toMatchObject({ entries: 3, scoreDate: '2024-10-10T00:00:00+0000' });
  });

  it('refuses files of another kind', () => {
    expect(() => importKev(store, write('not-kev.json', '{"foo": 1}'))).toThrow(/not CISA's known exploited/);
    expect(() => importKev(store, write('broken.json', '{'))).toThrow(/not valid JSON/);
    expect(() => importEpss(store, write('not-epss.csv', 'a,b,c\n1,2,3\n'))).toThrow(/not an EPSS scores file/);
  });
});
