import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VulnStore } from './store.js';
import { osvRecord, temporaryFolder, writeExportZip } from './test-records.js';

const PROJECT = fileURLToPath(new URL('../../', import.meta.url));
const IMPORT_MODULE = fileURLToPath(new URL('./import.ts', import.meta.url));
const BETTER_SQLITE3 = createRequire(import.meta.url).resolve('better-sqlite3');
const RECORDS = 20_000;
const PACKAGES_PER_RECORD = 3;

let folder: ReturnType<typeof temporaryFolder>;
let zip: string;
beforeAll(() => {
  folder = temporaryFolder();
  zip = join(folder.path, 'all.zip');
  const records = Array.from({ length: RECORDS }, (_, index) =>
    osvRecord(`KILL-${index}`, 'npm', `package-${index}`, {
      affected: Array.from({ length: PACKAGES_PER_RECORD }, (_, entry) => ({
        package: { ecosystem: 'npm', name: `package-${index}-${entry}` },
        ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: `${entry + 1}.0.0` }] }],
      })),
      details: 'A long description. '.repeat(40),
    }),
  );
  writeExportZip(zip, records);
});
afterAll(() => folder.remove());

/** Runs importOsv in a child process and SIGKILLs it `delayMs` after it reported `batches` committed batches. */
function importAndKill(database: string, batches: number, delayMs: number): Promise<void> {
  const script = `
    const { importOsv } = await import(${JSON.stringify(IMPORT_MODULE)});
    importOsv(${JSON.stringify(database)}, [${JSON.stringify(zip)}], (progress) => {
      process.stdout.write('batch ' + (progress.imported + progress.replaced) + '\\n');
    });
    process.stdout.write('done\\n');`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: PROJECT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let seen = 0;
    let killing = false;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text: string) => {
      if (text.includes('done')) reject(new Error('the import finished before it was killed'));
      seen += text.split('\n').filter((line) => line.startsWith('batch ')).length;
      if (seen >= batches && !killing) {
        killing = true;
        setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    });
    child.on('exit', (_code, signal) =>
      signal === 'SIGKILL' ? resolve() : reject(new Error(`the import exited on its own (${signal})`)),
    );
  });
}

/** Whether every advisory has all its index rows, and how many there are. */
function inspect(database: string): { advisories: number; incomplete: number; packageRows: number } {
  const store = VulnStore.open(database, { readonly: true });
  try {
    const count = (sql: string) => (store.db.prepare(sql).get() as { n: number }).n;
    return {
      advisories: count('SELECT count(*) AS n FROM advisories'),
      incomplete: count(
        `SELECT count(*) AS n FROM advisories a
         WHERE (SELECT count(*) FROM affected_packages p WHERE p.advisory_id = a.id) != ${PACKAGES_PER_RECORD}`,
      ),
      packageRows: count('SELECT count(*) AS n FROM affected_packages'),
    };
  } finally {
    store.close();
  }
}

describe('an import killed mid-way', () => {
  it('leaves a database that opens read-only and holds whole batches only', async () => {
    const database = join(folder.path, 'killed.db');
    // Several kills at different points of a batch; later runs replace what earlier ones wrote.
    for (const [batches, delayMs] of [
      [2, 0],
      [1, 25],
      [3, 60],
    ] as const) {
      await importAndKill(database, batches, delayMs);
      const state = inspect(database);
      expect(state.advisories).toBeGreaterThanOrEqual(1000);
      expect(state.advisories).toBeLessThan(RECORDS);
      expect(state.advisories % 1000).toBe(0);
      expect(state.incomplete).toBe(0);
      expect(state.packageRows).toBe(state.advisories * PACKAGES_PER_RECORD);
    }
    const store = VulnStore.open(database, { readonly: true });
    expect(store.advisoriesFor('npm', 'package-0-2').map((advisory) => advisory.id)).toEqual(['KILL-0']);
    store.close();
  });

  it('is rolled back when first opened read-only, even with a hot journal', () => {
    const database = join(folder.path, 'hot.db');
    const store = VulnStore.open(database, { create: true });
    store.close();
    // A writer that spills a half-done transaction to the file and dies: a hot journal is left behind.
    const script = `
      const Database = require(${JSON.stringify(BETTER_SQLITE3)});
      const db = new Database(${JSON.stringify(database)});
      const insert = db.prepare("INSERT INTO advisories (id, modified, aliases, body) VALUES (?, '2024-01-01T00:00:00Z', '[]', zeroblob(2000))");
      db.pragma('cache_size = 5');
      db.exec('BEGIN');
      for (let i = 0; i < 2000; i++) insert.run('HOT-' + i);
      process.kill(process.pid, 'SIGKILL');`;
    const result = spawnSync(process.execPath, ['-e', script]);
    expect(result.signal).toBe('SIGKILL');
    expect(existsSync(`${database}-journal`)).toBe(true);

    const reader = VulnStore.open(database, { readonly: true });
    expect((reader.db.prepare('SELECT count(*) AS n FROM advisories').get() as { n: number }).n).toBe(0);
    reader.close();
    expect(existsSync(`${database}-journal`)).toBe(false);
  });
});
