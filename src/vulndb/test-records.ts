import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strToU8, zipSync } from 'fflate';

/** Test support: shared/data beside the project checkout (never copied into the project). */
export const SHARED_OSV = fileURLToPath(new URL('../../../shared/data/osv/', import.meta.url));

/** A minimal valid OSV record for one package; `overrides` replace top-level fields. */
export function osvRecord(
  id: string,
  ecosystem: string,
  name: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    schema_version: '1.6.0',
    id,
    modified: '2024-01-02T03:04:05Z',
    published: '2024-01-01T00:00:00Z',
    aliases: [],
    summary: `${name} is vulnerable`,
    details: `Details of ${id}.`,
    affected: [
      {
        package: { ecosystem, name },
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.0.0' }] }],
        versions: ['1.0.0'],
        ecosystem_specific: { imports: [{ path: name, symbols: ['Parse'] }] },
      },
    ],
    references: [{ type: 'ADVISORY', url: `https://example.test/${id}` }],
    ...overrides,
  };
}

/** A temporary folder, removed by the returned function. */
export function temporaryFolder(): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), 'paved-vulndb-test-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Writes an osv.dev-style export zip: one `<id>.json` per record. */
export function writeExportZip(path: string, records: readonly Record<string, unknown>[]): void {
  const files: Record<string, Uint8Array> = {};
  for (const record of records) files[`${record.id}.json`] = strToU8(JSON.stringify(record, null, 2));
  writeFileSync(path, zipSync(files));
}
