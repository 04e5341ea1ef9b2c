import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PavedError } from '../core/errors.js';
import { VulnStore } from './store.js';
import { osvRecord, SHARED_OSV, temporaryFolder, writeExportZip } from './test-records.js';
import { parseModifiedIds, updateFromOsv } from './update.js';

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

const SHARED_ECOSYSTEMS = ['Go', 'crates.io', 'PyPI'];

/**
 * Serves the shared export the way osv.dev's bucket does: modified_id.csv and all.zip as stored, and each
 * record as `<Ecosystem>/<id>.json` (taken out of the zip). `changed` overrides records; `failing` answers 500.
 */
class ExportServer {
  readonly requests: string[] = [];
  readonly changed = new Map<string, Record<string, unknown>>();
  failing?: string;
  private server?: Server;
  private readonly records = new Map<string, string>();

  async start(): Promise<string> {
    for (const ecosystem of SHARED_ECOSYSTEMS) {
      for (const [name, data] of Object.entries(unzipSync(readFileSync(join(SHARED_OSV, ecosystem, 'all.zip'))))) {
        this.records.set(`/${ecosystem}/${name}`, strFromU8(data));
      }
    }
    const server = createServer((request, response) => {
      const path = decodeURIComponent(request.url ?? '');
      this.requests.push(path);
      const [, ecosystem, file] = path.split('/');
      if (ecosystem === this.failing) return void response.writeHead(500).end();
      const changed = this.changed.get(path);
      if (changed) return void response.end(JSON.stringify(changed));
      if (file === 'modified_id.csv') return void response.end(this.csv(ecosystem as string));
      if (file === 'all.zip') return void response.end(readFileSync(join(SHARED_OSV, ecosystem as string, 'all.zip')));
      const record = this.records.get(path);
      if (record) return void response.end(record);
      response.writeHead(404).end();
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  record(ecosystem: string, id: string): Record<string, unknown> {
    return JSON.parse(this.records.get(`/${ecosystem}/${id}.json`) as string);
  }

  private csv(ecosystem: string): string {
    const lines = readFileSync(join(SHARED_OSV, ecosystem, 'modified_id.csv'), 'utf8')
      .trimEnd()
      .split('\n');
    const overrides = [...this.changed.values()].filter((record) =>
      lines.some((line) => line.endsWith(`,${record.id}`)),
    );
    const rest = lines.filter((line) => !overrides.some((record) => line.endsWith(`,${record.id}`)));
    return `${[...overrides.map((record) => `${record.modified},${record.id}`), ...rest].join('\n')}\n`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** Non-withdrawn records per ecosystem in the shared zips, counted without paved's code. */
function expectedCounts(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const ecosystem of SHARED_ECOSYSTEMS) {
    const entries = Object.values(unzipSync(readFileSync(join(SHARED_OSV, ecosystem, 'all.zip'))));
    counts[ecosystem] = entries.filter((data) => !JSON.parse(strFromU8(data)).withdrawn).length;
  }
  return counts;
}

describe.skipIf(!existsSync(SHARED_OSV))('updateFromOsv against an HTTP server with the shared export', () => {
  const server = new ExportServer();
  let baseUrl: string;
  beforeAll(async () => {
    baseUrl = await server.start();
  });
  afterAll(() => server.stop());

  it('downloads whole exports into an empty store, then fetches only what changed', async () => {
    const first = await updateFromOsv({ store, baseUrl, ecosystems: SHARED_ECOSYSTEMS });
    expect(first.ecosystems.map((result) => [result.ecosystem, result.mode])).toEqual([
      ['Go', 'full'],
      ['crates.io', 'full'],
      ['PyPI', 'full'],
    ]);
    const counts = Object.fromEntries(store.status().ecosystems.map((status) => [status.ecosystem, status.advisories]));
    expect(counts).toEqual(expectedCounts());

    server.requests.length = 0;
    const second = await updateFromOsv({ store, baseUrl, ecosystems: SHARED_ECOSYSTEMS });
    expect(second.ecosystems.map((result) => result.mode)).toEqual(['current', 'current', 'current']);
    expect(server.requests.sort()).toEqual([
      '/Go/modified_id.csv',
      '/PyPI/modified_id.csv',
      '/crates.io/modified_id.csv',
    ]);

    const record = server.record('PyPI', 'PYSEC-2021-335');
    server.changed.set('/PyPI/PYSEC-2021-335.json', {
      ...record,
      modified: '2030-01-01T00:00:00Z',
      summary: 'Changed upstream',
    });
    server.requests.length = 0;
    const third = await updateFromOsv({ store, baseUrl, ecosystems: ['PyPI'] });
    expect(third.ecosystems[0]).toMatchObject({ mode: 'incremental', changed: 1, report: { replaced: 1 } });
    expect(server.requests).toEqual(['/PyPI/modified_id.csv', '/PyPI/PYSEC-2021-335.json']);
    const name = ((record.affected as { package: { name: string } }[])[0] as { package: { name: string } }).package
      .name;
    const updated = store.advisoriesFor('PyPI', name).find((advisory) => advisory.id === 'PYSEC-2021-335');
    expect(updated?.summary).toBe('Changed upstream');
    expect(store.status().lastUpdateAt).toBeDefined();
  });

  it('updates the other ecosystems when one fails, and fails when all do', async () => {
    server.failing = 'crates.io';
    try {
      const report = await updateFromOsv({ store, baseUrl, ecosystems: ['crates.io', 'Go'] });
      expect(report.ecosystems.map((result) => result.mode)).toEqual(['failed', 'full']);
      expect(report.ecosystems[0]?.error).toMatch(/cannot download http:.*crates\.io\/modified_id\.csv: HTTP 500/);
      await expect(updateFromOsv({ store, baseUrl, ecosystems: ['crates.io'] })).rejects.toThrow(/HTTP 500/);
    } finally {
      server.failing = undefined;
    }
  });
});

/** An export layout in a folder: all.zip, modified_id.csv and (unless `zipOnly`) one JSON per record. */
function writeExport(root: string, ecosystem: string, records: Record<string, unknown>[], zipOnly = false): void {
  const dir = join(root, ecosystem);
  mkdirSync(dir, { recursive: true });
  writeExportZip(join(dir, 'all.zip'), records);
  const newestFirst = [...records].sort((a, b) => String(b.modified).localeCompare(String(a.modified)));
  writeFileSync(
    join(dir, 'modified_id.csv'),
    newestFirst.map((record) => `${record.modified},${record.id}\n`).join(''),
  );
  if (!zipOnly) for (const record of records) writeFileSync(join(dir, `${record.id}.json`), JSON.stringify(record));
}

const crates = (count: number, modified = '2024-01-01T00:00:00Z') =>
  Array.from({ length: count }, (_, index) =>
    osvRecord(`RUSTSEC-2024-${String(index).padStart(4, '0')}`, 'crates.io', `crate-${index}`, { modified }),
  );

describe('updateFromOsv from a local folder', () => {
  it('reads a folder path or a file:// URL offline, fetching only the changed record', async () => {
    const mirror = join(folder.path, 'mirror');
    const records = crates(3);
    writeExport(mirror, 'crates.io', records);
    expect((await updateFromOsv({ store, baseUrl: mirror, ecosystems: ['crates.io'] })).ecosystems[0]?.mode).toBe(
      'full',
    );

    records[1] = { ...records[1], modified: '2024-06-01T00:00:00Z', summary: 'Changed' };
    writeExport(mirror, 'crates.io', records);
    const report = await updateFromOsv({ store, baseUrl: pathToFileURL(mirror).href, ecosystems: ['crates.io'] });
    expect(report.ecosystems[0]).toMatchObject({ mode: 'incremental', listed: 3, changed: 1, report: { replaced: 1 } });
    expect(store.advisoriesFor('crates.io', 'crate-1')[0]?.summary).toBe('Changed');
  });

  it('reads the zip when the folder has no per-record files', async () => {
    const mirror = join(folder.path, 'zip-only');
    const records = crates(3);
    writeExport(mirror, 'crates.io', records, true);
    await updateFromOsv({ store, baseUrl: mirror, ecosystems: ['crates.io'] });
    records[2] = { ...records[2], modified: '2024-06-01T00:00:00Z', summary: 'Changed' };
    writeExport(mirror, 'crates.io', records, true);
    const report = await updateFromOsv({ store, baseUrl: mirror, ecosystems: ['crates.io'] });
    expect(report.ecosystems[0]).toMatchObject({ mode: 'full', changed: 1 });
    expect(store.advisoriesFor('crates.io', 'crate-2')[0]?.summary).toBe('Changed');
  });

  it('downloads the whole zip when more than 100 records and 5% of the ecosystem changed', async () => {
    const mirror = join(folder.path, 'many');
    writeExport(mirror, 'crates.io', crates(150));
    await updateFromOsv({ store, baseUrl: mirror, ecosystems: ['crates.io'] });

    writeExport(mirror, 'crates.io', [...crates(100, '2024-02-01T00:00:00Z'), ...crates(150).slice(100)]);
    const few = await updateFromOsv({ store, baseUrl: mirror, ecosystems: ['crates.io'] });
    expect(few.ecosystems[0]).toMatchObject({ mode: 'incremental', changed: 100 });

    writeExport(mirror, 'crates.io', crates(150, '2024-03-01T00:00:00Z'));
    const many = await updateFromOsv({ store, baseUrl: mirror, ecosystems: ['crates.io'] });
    expect(many.ecosystems[0]).toMatchObject({ mode: 'full', changed: 150, report: { replaced: 150 } });
  });

  it('counts a listed record that cannot be fetched as a problem', async () => {
    const mirror = join(folder.path, 'gap');
    const records = crates(2);
    writeExport(mirror, 'crates.io', records);
    await updateFromOsv({ store, baseUrl: mirror, ecosystems: ['crates.io'] });
    const added = osvRecord('RUSTSEC-2025-0001', 'crates.io', 'added', { modified: '2025-01-01T00:00:00Z' });
    writeFileSync(join(mirror, 'crates.io', 'RUSTSEC-2025-0001.json'), JSON.stringify(added));
    writeFileSync(
      join(mirror, 'crates.io', 'modified_id.csv'),
      '2025-01-01T00:00:00Z,RUSTSEC-2025-0001\n2025-01-01T00:00:00Z,RUSTSEC-2025-0002\n',
    );
    const report = await updateFromOsv({ store, baseUrl: mirror, ecosystems: ['crates.io'] });
    expect(report.ecosystems[0]).toMatchObject({ mode: 'incremental', changed: 2, report: { imported: 1 } });
    expect(store.advisoriesFor('crates.io', 'added')).toHaveLength(1);
    expect(report.ecosystems[0]?.report?.problems).toEqual([
      { kind: 'fetch-failed', count: 1, examples: [{ subject: 'RUSTSEC-2025-0002', detail: 'not found' }] },
    ]);
  });
});

describe('updateFromOsv errors', () => {
  it('refuses an ecosystem paved does not scan', async () => {
    await expect(updateFromOsv({ store, ecosystems: ['Debian'] })).rejects.toThrow(PavedError);
  });

  it('says why a download failed, using the fetch it was given', async () => {
    const failingFetch = (async () => {
      throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ENOTFOUND' } });
    }) as unknown as typeof fetch;
    await expect(
      updateFromOsv({ store, baseUrl: 'https://mirror.invalid/osv', ecosystems: ['npm'], fetch: failingFetch }),
    ).rejects.toThrow('cannot download https://mirror.invalid/osv/npm/modified_id.csv: ENOTFOUND');
  });
});

describe('parseModifiedIds', () => {
  it('reads `<modified>,<id>` lines and ignores others', () => {
    expect(
      parseModifiedIds('2024-10-10T17:22:00.587279Z,PYSEC-2024-104\n\nnot a line\n0001-01-01T00:00:00Z,GO-1\n'),
    ).toEqual([
      { modified: '2024-10-10T17:22:00.587279Z', id: 'PYSEC-2024-104' },
      { modified: '0001-01-01T00:00:00Z', id: 'GO-1' },
    ]);
  });
});
