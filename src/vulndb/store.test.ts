import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PavedError } from '../core/errors.js';
import { importOsv } from './import.js';
import { SCHEMA_VERSION } from './schema.js';
import { defaultDbPath, VulnStore } from './store.js';
import { osvRecord, temporaryFolder } from './test-records.js';

let folder: ReturnType<typeof temporaryFolder>;
beforeEach(() => {
  folder = temporaryFolder();
});
afterEach(() => folder.remove());

function openError(path: string, options?: Parameters<typeof VulnStore.open>[1]): PavedError {
  try {
    VulnStore.open(path, options).close();
  } catch (error) {
    expect(error).toBeInstanceOf(PavedError);
    return error as PavedError;
  }
  throw new Error('expected VulnStore.open to fail');
}

function writeRecords(records: Record<string, unknown>[]): string {
  const path = join(folder.path, 'records.json');
  writeFileSync(path, JSON.stringify(records));
  return path;
}

describe('VulnStore.open', () => {
  it('says how to get a database when there is none', () => {
    const error = openError(join(folder.path, 'missing.db'), { readonly: true });
    expect(error.message).toContain('no vulnerability database at');
    expect(error.hint).toBe('run `paved db update` or `paved db import PATH`');
  });

  it('creates the file and its folder when asked', () => {
    const path = join(folder.path, 'deep', 'er', 'vulns.db');
    VulnStore.open(path, { create: true }).close();
    expect(existsSync(path)).toBe(true);
    const store = VulnStore.open(path, { readonly: true });
    expect(store.status().schemaVersion).toBe(SCHEMA_VERSION);
    store.close();
  });

  it('refuses a file that is not a SQLite database', () => {
    const path = join(folder.path, 'junk.db');
    writeFileSync(path, 'this is not a database, just some text that is long enough to be read as a header'.repeat(50));
    expect(openError(path).message).toContain('damaged or not a SQLite database');
  });

  it('refuses a SQLite database of something else', () => {
    const path = join(folder.path, 'other.db');
    new Database(path).exec('CREATE TABLE t (x)').close();
    expect(openError(path).message).toContain('is not a paved vulnerability database');
  });

  it('refuses a database written by a newer paved', () => {
    const path = join(folder.path, 'newer.db');
    VulnStore.open(path, { create: true }).close();
    new Database(path).prepare("UPDATE meta SET value = '99' WHERE key = 'schema_version'").run();
    const error = openError(path, { readonly: true });
    expect(error.message).toContain('written by a newer paved (database schema 99');
    expect(error.hint).toContain('upgrade paved');
  });

  it('does not write through a read-only store', () => {
    const path = join(folder.path, 'vulns.db');
    VulnStore.open(path, { create: true }).close();
    const store = VulnStore.open(path, { readonly: true });
    expect(() => importOsv(store, [writeRecords([osvRecord('X-1', 'npm', 'a')])])).toThrow(/opened read-only/);
    store.close();
  });
});

describe('VulnStore.advisoriesFor', () => {
  let store: VulnStore;
  beforeEach(() => {
    store = VulnStore.open(join(folder.path, 'vulns.db'), { create: true });
    importOsv(store, [
      writeRecords([
        osvRecord('PYSEC-1', 'PyPI', 'Zope.Interface', { aliases: ['CVE-2020-1', 'GHSA-1'] }),
        osvRecord('GHSA-2', 'PyPI', 'zope-interface', {
          affected: [
            { package: { ecosystem: 'PyPI', name: 'zope_interface' }, versions: ['5.0'] },
            { package: { ecosystem: 'PyPI', name: 'other' }, versions: ['1.0'] },
            { package: { ecosystem: 'npm', name: 'zope-interface' }, versions: ['1.0'] },
          ],
          severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N' }],
          database_specific: { severity: 'MODERATE' },
        }),
        osvRecord('PYSEC-3', 'PyPI', 'zope.interface', { withdrawn: '2024-05-05T00:00:00Z' }),
        osvRecord('GHSA-4', 'NuGet', 'Newtonsoft.Json'),
        osvRecord('GHSA-5', 'npm', 'JSONStream'),
      ]),
    ]);
  });
  afterEach(() => store.close());

  it('finds a package under any PEP 503 spelling, withdrawn advisories left out', () => {
    for (const name of ['zope.interface', 'Zope_Interface', 'zope-interface']) {
      expect(store.advisoriesFor('PyPI', name).map((advisory) => advisory.id)).toEqual(['GHSA-2', 'PYSEC-1']);
    }
  });

  it('returns only the entries of the package asked for', () => {
    const [advisory] = store.advisoriesFor('PyPI', 'zope.interface');
    expect(advisory).toMatchObject({
      id: 'GHSA-2',
      severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N' }],
      severityLabel: 'MODERATE',
      summary: 'zope-interface is vulnerable',
      details: 'Details of GHSA-2.',
      references: ['https://example.test/GHSA-2'],
      modified: '2024-01-02T03:04:05Z',
      published: '2024-01-01T00:00:00Z',
    });
    expect(advisory?.affected).toEqual([
      { package: { ecosystem: 'PyPI', name: 'zope_interface' }, ranges: [], versions: ['5.0'] },
    ]);
    expect(advisory?.knownExploited).toBeUndefined();
    expect(advisory?.epss).toBeUndefined();
  });

  it('keeps ecosystems apart and accepts the ecosystem in any case', () => {
    expect(store.advisoriesFor('npm', 'zope-interface').map((advisory) => advisory.id)).toEqual(['GHSA-2']);
    expect(store.advisoriesFor('pypi', 'other').map((advisory) => advisory.id)).toEqual(['GHSA-2']);
    expect(store.advisoriesFor('Debian', 'zope-interface')).toEqual([]);
  });

  it('matches NuGet names in any case, npm names only as written', () => {
    expect(store.advisoriesFor('NuGet', 'newtonsoft.json')).toHaveLength(1);
    expect(store.advisoriesFor('npm', 'JSONStream')).toHaveLength(1);
    expect(store.advisoriesFor('npm', 'jsonstream')).toHaveLength(0);
  });
});

describe('defaultDbPath', () => {
  it('prefers PAVED_DB, then XDG_CACHE_HOME, then ~/.cache', () => {
    expect(defaultDbPath({ PAVED_DB: '/x/v.db', XDG_CACHE_HOME: '/c' })).toBe('/x/v.db');
    expect(defaultDbPath({ XDG_CACHE_HOME: '/c' })).toBe(join('/c', 'paved', 'vulns.db'));
    expect(defaultDbPath({})).toMatch(/\.cache[/\\]paved[/\\]vulns\.db$/);
  });
});
