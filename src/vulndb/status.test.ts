import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importOsv } from './import.js';
import { META } from './schema.js';
import { VulnStore } from './store.js';
import { osvRecord, temporaryFolder } from './test-records.js';

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

function importRecords(records: Record<string, unknown>[]): void {
  const path = join(folder.path, 'records.json');
  writeFileSync(path, JSON.stringify(records));
  importOsv(store, [path]);
}

const DAY = 24 * 60 * 60 * 1000;

describe('VulnStore.status', () => {
  it('warns that an empty database needs an import or update', () => {
    const status = store.status();
    expect(status).toMatchObject({ advisories: 0, ecosystems: [], stale: true, problems: [] });
    expect(status.warning).toContain('empty');
    expect(status.warning).toContain('paved db update');
  });

  it('counts advisories per ecosystem with the newest real modification date', () => {
    importRecords([
      osvRecord('GO-1', 'Go', 'a.b/c', { modified: '0001-01-01T00:00:00Z' }),
      osvRecord('GHSA-1', 'npm', 'a', { modified: '2024-03-01T00:00:00Z' }),
      osvRecord('GHSA-2', 'npm', 'b', { modified: '2024-05-01T00:00:00.5Z' }),
      osvRecord('GHSA-3', 'npm', 'c', { withdrawn: '2024-06-01T00:00:00Z', modified: '2024-06-01T00:00:00Z' }),
      osvRecord('GHSA-4', 'npm', 'd', {
        affected: [
          { package: { ecosystem: 'npm', name: 'd' }, versions: ['1'] },
          { package: { ecosystem: 'PyPI', name: 'd' }, versions: ['1'] },
        ],
      }),
    ]);
    const status = store.status();
    expect(status.ecosystems).toEqual([
      { ecosystem: 'Go', advisories: 1, withdrawn: 0 },
      { ecosystem: 'PyPI', advisories: 1, withdrawn: 0, newestModified: '2024-01-02T03:04:05Z' },
      { ecosystem: 'npm', advisories: 3, withdrawn: 1, newestModified: '2024-06-01T00:00:00Z' },
    ]);
    expect(status.advisories).toBe(4);
    expect(status.problems).toEqual([{ kind: 'placeholder-date', count: 1, examples: ['GO-1'] }]);
  });

  it('gives the age from the last import or update and warns once it is older than staleAfterDays', () => {
    importRecords([osvRecord('GHSA-1', 'npm', 'a')]);
    store.setMeta(META.lastImportAt, '2024-01-01T00:00:00.000Z');
    store.setMeta(META.lastUpdateAt, '2024-01-05T00:00:00.000Z');

    const fresh = store.status({ now: new Date(Date.parse('2024-01-05T00:00:00Z') + 3 * DAY) });
    expect(fresh).toMatchObject({ ageDays: 3, stale: false, lastUpdateAt: '2024-01-05T00:00:00.000Z' });
    expect(fresh.warning).toBeUndefined();

    const old = store.status({ now: new Date(Date.parse('2024-01-05T00:00:00Z') + 10.5 * DAY) });
    expect(old.stale).toBe(true);
    expect(old.warning).toBe('the vulnerability database is 10 days old (older than 7): run `paved db update`');

    expect(
      store.status({ now: new Date(Date.parse('2024-01-05T00:00:00Z') + 10 * DAY), staleAfterDays: 30 }).stale,
    ).toBe(false);
  });

  it('warns about a database whose import never finished', () => {
    importRecords([osvRecord('GHSA-1', 'npm', 'a')]);
    store.db.prepare('DELETE FROM meta WHERE key = ?').run(META.lastImportAt);
    expect(store.status().warning).toContain('never completely imported');
  });
});
