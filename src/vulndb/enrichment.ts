import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { PavedError } from '../core/errors.js';
import { META } from './schema.js';
import type { VulnStore } from './store.js';

export interface KevImport {
  entries: number;
  catalogVersion?: string;
}

export interface EpssImport {
  entries: number;
  /** Rows that were not `CVE-…,<probability>,<percentile>`. */
  skipped: number;
  scoreDate?: string;
  modelVersion?: string;
}

const CVE = /^CVE-\d{4}-\d{4,}$/;

/**
 * CISA's known exploited vulnerabilities catalog (known_exploited_vulnerabilities.json): replaces the
 * catalog the store had. Advisories are flagged by their id or CVE aliases.
 */
export function importKev(store: VulnStore, path: string): KevImport {
  store.assertWritable('import the known exploited vulnerabilities catalog');
  const catalog = readJson(path);
  const vulnerabilities = isObject(catalog) ? catalog.vulnerabilities : undefined;
  if (!Array.isArray(vulnerabilities)) {
    throw new PavedError(
      'INPUT',
      `${path} is not CISA's known exploited vulnerabilities catalog (no vulnerabilities list)`,
      {
        path,
        hint: 'download https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json',
      },
    );
  }
  const catalogVersion =
    isObject(catalog) && typeof catalog.catalogVersion === 'string' ? catalog.catalogVersion : undefined;
  const db = store.db;
  const insert = db.prepare('INSERT OR REPLACE INTO known_exploited (cve, date_added, ransomware) VALUES (?, ?, ?)');
  let entries = 0;
  db.transaction(() => {
    db.prepare('DELETE FROM known_exploited').run();
    for (const entry of vulnerabilities) {
      if (!isObject(entry) || typeof entry.cveID !== 'string') continue;
      const cve = entry.cveID.trim().toUpperCase();
      if (!CVE.test(cve)) continue;
      insert.run(cve, stringOrNull(entry.dateAdded), stringOrNull(entry.knownRansomwareCampaignUse));
      entries++;
    }
    store.setMeta(META.kevImportedAt, new Date().toISOString());
    if (catalogVersion) store.setMeta(META.kevCatalogVersion, catalogVersion);
  })();
  return catalogVersion ? { entries, catalogVersion } : { entries };
}

/**
 * FIRST's EPSS scores (epss_scores-YYYY-MM-DD.csv, gzipped or not): a `#model_version:…,score_date:…`
 * comment line, a `cve,epss,percentile` header, a row per CVE. Replaces the scores the store had.
 */
export function importEpss(store: VulnStore, path: string): EpssImport {
  store.assertWritable('import EPSS scores');
  const lines = readText(path).split('\n');
  const about = new Map<string, string>();
  let columns: { cve: number; epss: number; percentile: number } | undefined;
  let first = 0;
  for (; first < lines.length && !columns; first++) {
    const line = (lines[first] as string).trim();
    if (line.startsWith('#')) {
      for (const pair of line.slice(1).split(',')) {
        const colon = pair.indexOf(':');
        if (colon > 0) about.set(pair.slice(0, colon).trim(), pair.slice(colon + 1).trim());
      }
    } else if (line !== '') {
      const names = line
        .toLowerCase()
        .split(',')
        .map((name) => name.trim());
      columns = { cve: names.indexOf('cve'), epss: names.indexOf('epss'), percentile: names.indexOf('percentile') };
    }
  }
  if (!columns || columns.cve < 0 || columns.epss < 0) {
    throw new PavedError('INPUT', `${path} is not an EPSS scores file (no cve,epss header)`, {
      path,
      hint: 'download https://epss.cyentia.com/epss_scores-current.csv.gz',
    });
  }

  const db = store.db;
  const insert = db.prepare('INSERT OR REPLACE INTO epss (cve, score, percentile) VALUES (?, ?, ?)');
  const result: EpssImport = { entries: 0, skipped: 0 };
  db.transaction(() => {
    db.prepare('DELETE FROM epss').run();
    for (let index = first; index < lines.length; index++) {
      const line = (lines[index] as string).trim();
      if (line === '') continue;
      const cells = line.split(',');
      const cve = cells[columns.cve]?.trim().toUpperCase() ?? '';
      const score = probability(cells[columns.epss]);
      const percentile = columns.percentile >= 0 ? probability(cells[columns.percentile]) : undefined;
      if (!CVE.test(cve) || score === undefined) {
        result.skipped++;
        continue;
      }
      insert.run(cve, score, percentile ?? null);
      result.entries++;
    }
    store.setMeta(META.epssImportedAt, new Date().toISOString());
    const scoreDate = about.get('score_date');
    const modelVersion = about.get('model_version');
    if (scoreDate) {
      store.setMeta(META.epssScoreDate, scoreDate);
      result.scoreDate = scoreDate;
    }
    if (modelVersion) {
      store.setMeta(META.epssModelVersion, modelVersion);
      result.modelVersion = modelVersion;
    }
  })();
  return result;
}

function probability(cell: string | undefined): number | undefined {
  if (cell === undefined || cell.trim() === '') return undefined;
  const value = Number(cell);
  return Number.isFinite(value) && value >= 0 && value <= 1 ? value : undefined;
}

function readText(path: string): string {
  let data: Buffer;
  try {
    data = readFileSync(path);
  } catch (error) {
    throw new PavedError('INPUT', `cannot read ${path}: ${(error as Error).message}`, { path });
  }
  // The EPSS feed is published gzipped; accept it as downloaded.
  return (data[0] === 0x1f && data[1] === 0x8b ? gunzipSync(data) : data).toString('utf8');
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readText(path));
  } catch (error) {
    if (error instanceof PavedError) throw error;
    throw new PavedError('INPUT', `${path} is not valid JSON: ${(error as Error).message}`, { path });
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}
