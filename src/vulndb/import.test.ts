import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ImportProgress, importOsv } from './import.js';
import { VulnStore } from './store.js';
import { osvRecord, temporaryFolder, writeExportZip } from './test-records.js';

let folder: ReturnType<typeof temporaryFolder>;
let store: VulnStore;
beforeEach(() => {
  folder = temporaryFolder();
  store = VulnStore.open(join(folder.path, 'vulns.db'), { create: true });
});
afterEach(() => {
  store.close();
  folder.remove();
});

function writeJson(name: string, value: unknown): string {
  const path = join(folder.path, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, JSON.stringify(value));
  return path;
}

const ids = (ecosystem: string, name: string) => store.advisoriesFor(ecosystem, name).map((advisory) => advisory.id);

describe('importOsv sources', () => {
  it('reads JSON files, YAML files, folders recursively and export zips', () => {
    writeJson('tree/a/GHSA-1.json', osvRecord('GHSA-1', 'npm', 'left-pad'));
    writeFileSync(
      join(folder.path, 'tree', 'PYSEC-1.yaml'),
      [
        'id: PYSEC-1',
        'modified: 2024-03-01T00:00:00Z',
        'affected:',
        '- package:',
        '    name: CherryPy',
        '    ecosystem: PyPI',
        '  versions:',
        '  - 0.10',
        '  - 2.1.0',
        '',
      ].join('\n'),
    );
    writeFileSync(join(folder.path, 'tree', 'notes.txt'), 'not an advisory');
    writeExportZip(join(folder.path, 'tree', 'all.zip'), [
      osvRecord('RUSTSEC-1', 'crates.io', 'openssl'),
      osvRecord('RUSTSEC-2', 'crates.io', 'hyper'),
    ]);
    const single = writeJson('GO-1.json', osvRecord('GO-1', 'Go', 'golang.org/x/net'));

    const report = importOsv(store, [join(folder.path, 'tree'), single]);

    expect(report).toMatchObject({ records: 5, imported: 5, replaced: 0, unchanged: 0, withdrawn: 0, problems: [] });
    expect(ids('npm', 'left-pad')).toEqual(['GHSA-1']);
    expect(ids('crates.io', 'hyper')).toEqual(['RUSTSEC-2']);
    expect(ids('Go', 'golang.org/x/net')).toEqual(['GO-1']);
    // YAML scalars stay strings: the version 0.10 is not the number 0.1.
    expect(store.advisoriesFor('PyPI', 'cherrypy')[0]?.affected[0]?.versions).toEqual(['0.10', '2.1.0']);
  });

  it('reads a JSON file holding a list of records', () => {
    const path = writeJson('list.json', [osvRecord('A-1', 'npm', 'a'), osvRecord('A-2', 'npm', 'a')]);
    expect(importOsv(store, [path]).imported).toBe(2);
    expect(ids('npm', 'a')).toEqual(['A-1', 'A-2']);
  });

  it('counts a file that does not parse as a problem and goes on', () => {
    writeFileSync(join(folder.path, 'broken.json'), '{"id": "X-1", ');
    writeJson('fine.json', osvRecord('X-2', 'npm', 'b'));
    const report = importOsv(store, [folder.path]);
    expect(report.imported).toBe(1);
    expect(report.problems).toEqual([
      {
        kind: 'unreadable',
        count: 1,
        examples: [expect.objectContaining({ subject: join(folder.path, 'broken.json') })],
      },
    ]);
  });

  it('fails clearly on a source that does not exist', () => {
    expect(() => importOsv(store, [join(folder.path, 'nope')])).toThrow(/cannot read .*nope: no such file or folder/);
  });

  it('creates the database when given a path', () => {
    const path = join(folder.path, 'new', 'vulns.db');
    importOsv(path, [writeJson('r.json', osvRecord('N-1', 'Hex', 'plug'))]);
    const created = VulnStore.open(path, { readonly: true });
    expect(created.advisoriesFor('Hex', 'plug')).toHaveLength(1);
    created.close();
  });
});

describe('importOsv replacing records', () => {
  it('replaces a record with a newer or equal modified date, keeps it against an older one', () => {
    const first = writeJson('v1.json', osvRecord('GHSA-1', 'npm', 'a', { summary: 'first' }));
    importOsv(store, [first]);

    const older = writeJson(
      'v0.json',
      osvRecord('GHSA-1', 'npm', 'a', { summary: 'older', modified: '2023-01-01T00:00:00Z' }),
    );
    expect(importOsv(store, [older])).toMatchObject({ imported: 0, replaced: 0, unchanged: 1 });
    expect(store.advisoriesFor('npm', 'a')[0]?.summary).toBe('first');

    const same = writeJson('v1b.json', osvRecord('GHSA-1', 'npm', 'a', { summary: 'same date' }));
    expect(importOsv(store, [same])).toMatchObject({ replaced: 1, unchanged: 0 });
    expect(store.advisoriesFor('npm', 'a')[0]?.summary).toBe('same date');

    // Microseconds count: .000002 is newer than .000001 although Date keeps only milliseconds.
    const micro1 = writeJson('m1.json', osvRecord('GHSA-1', 'npm', 'b', { modified: '2024-06-01T00:00:00.000002Z' }));
    const micro0 = writeJson('m0.json', osvRecord('GHSA-1', 'npm', 'c', { modified: '2024-06-01T00:00:00.000001Z' }));
    importOsv(store, [micro1]);
    expect(importOsv(store, [micro0]).unchanged).toBe(1);
    // The replaced record's index rows went with it: the package it no longer names finds nothing.
    expect(ids('npm', 'a')).toEqual([]);
    expect(ids('npm', 'b')).toEqual(['GHSA-1']);
  });

  it('stores withdrawn records, returns them never, and returns a record again once un-withdrawn', () => {
    const withdrawn = writeJson('w.json', osvRecord('GO-1', 'Go', 'x.y/z', { withdrawn: '2024-02-01T00:00:00Z' }));
    expect(importOsv(store, [withdrawn])).toMatchObject({ imported: 1, withdrawn: 1 });
    expect(ids('Go', 'x.y/z')).toEqual([]);
    expect(store.status().ecosystems).toEqual([
      { ecosystem: 'Go', advisories: 0, withdrawn: 1, newestModified: expect.any(String) },
    ]);

    const restored = writeJson('r.json', osvRecord('GO-1', 'Go', 'x.y/z', { modified: '2024-09-01T00:00:00Z' }));
    importOsv(store, [restored]);
    expect(ids('Go', 'x.y/z')).toEqual(['GO-1']);
  });

  it('drops a stored advisory whose newer version names no package paved scans', () => {
    importOsv(store, [writeJson('v1.json', osvRecord('GHSA-9', 'npm', 'gone'))]);
    const moved = osvRecord('GHSA-9', 'Debian:12', 'gone', { modified: '2025-01-01T00:00:00Z' });
    expect(importOsv(store, [writeJson('v2.json', moved)])).toMatchObject({ skipped: 1, replaced: 0 });
    expect(ids('npm', 'gone')).toEqual([]);
    expect(store.status().advisories).toBe(0);
  });

  it('reports problems by kind with examples, and the database counts them once per record', () => {
    const records = [
      osvRecord('GO-1', 'Go', 'a.b/c', { modified: '0001-01-01T00:00:00Z' }),
      osvRecord('DEBIAN-1', 'Debian:12', 'openssl'),
      osvRecord('PYSEC-9', 'PyPI', 'p', {
        affected: [
          {
            package: { ecosystem: 'PyPI', name: 'p' },
            ranges: [{ type: 'GIT', repo: 'https://github.com/o/p', events: [{ introduced: '0' }, { fixed: 'abc' }] }],
            versions: ['1.0'],
          },
        ],
      }),
    ];
    const path = writeJson('problems.json', records);
    const report = importOsv(store, [path]);
    expect(report).toMatchObject({ records: 3, imported: 2, skipped: 1 });
    expect(report.problems.map((problem) => [problem.kind, problem.count, problem.examples[0]?.subject])).toEqual([
      ['git-only-ranges', 1, 'PYSEC-9'],
      ['placeholder-date', 1, 'GO-1'],
      ['unknown-ecosystem', 1, 'DEBIAN-1'],
    ]);
    // The GIT-only entry still matches by its versions list.
    expect(store.advisoriesFor('PyPI', 'p')[0]?.affected[0]?.versions).toEqual(['1.0']);

    importOsv(store, [path]); // again: counts describe the database, not the number of imports
    expect(store.status().problems).toEqual([
      { kind: 'git-only-ranges', count: 1, examples: ['PYSEC-9'] },
      { kind: 'placeholder-date', count: 1, examples: ['GO-1'] },
      { kind: 'unknown-ecosystem', count: 1, examples: ['DEBIAN-1'] },
    ]);
  });
});

describe('importOsv batches', () => {
  it('commits a batch at a time and reports progress after each', () => {
    const records = Array.from({ length: 25 }, (_, index) => osvRecord(`B-${index}`, 'npm', `pkg-${index % 3}`));
    const progress: ImportProgress[] = [];
    const report = importOsv(store, [writeJson('many.json', records)], {
      batchSize: 10,
      onProgress: (event) => progress.push(event),
    });
    expect(report.imported).toBe(25);
    expect(progress.map((event) => event.imported)).toEqual([10, 20, 25]);
  });

  it('leaves details out when asked', () => {
    importOsv(store, [writeJson('d.json', osvRecord('D-1', 'npm', 'd'))], { keepDetails: false });
    const [advisory] = store.advisoriesFor('npm', 'd');
    expect(advisory?.details).toBeUndefined();
    expect(advisory?.summary).toBe('d is vulnerable');
  });
});
