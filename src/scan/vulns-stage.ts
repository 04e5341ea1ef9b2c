import { PavedError } from '../core/errors.js';
import type { Diagnostic, Finding, Inventory } from '../core/model.js';
import { vulnerabilityFindings } from '../vulndb/match/findings.js';
import { matchComponents } from '../vulndb/match/match.js';
import { ageInDays, ageWarning, DEFAULT_STALE_AFTER_DAYS } from '../vulndb/status.js';
import { defaultDbPath, VulnStore } from '../vulndb/store.js';
import { versionScheme } from '../vulndb/version/index.js';

/**
 * The vulnerability scanner: the inventory's components against the offline OSV database. A missing
 * database is not an error of the scan: it says so, with the command that fixes it, and the rest runs.
 */
export function scanVulnerabilities(
  inventory: Inventory,
  source: { dbPath?: string; diagnostics: Diagnostic[] },
): Finding[] {
  // Nothing to check (no lockfile in the tree): no database needed, and nothing to say about it.
  if (inventory.components.length === 0) return [];
  const path = source.dbPath ?? defaultDbPath();
  let store: VulnStore;
  try {
    store = VulnStore.open(path, { readonly: true });
  } catch (error) {
    const problem = error instanceof PavedError ? error : new PavedError('INPUT', (error as Error).message);
    source.diagnostics.push({
      level: 'warning',
      code: 'vulndb-unavailable',
      path,
      message: `vulnerabilities not checked: ${problem.message}`,
      hint: problem.hint ?? 'run `paved db update` (or `paved db import PATH` offline)',
    });
    return [];
  }
  try {
    // From two metadata rows, not from status(), which counts every record (seconds on a large database).
    const age = ageWarning(
      ageInDays((key) => store.meta(key), new Date()),
      DEFAULT_STALE_AFTER_DAYS,
    );
    if (age)
      source.diagnostics.push({
        level: 'warning',
        code: 'vulndb-stale',
        path,
        message: age,
        hint: 'run `paved db update`',
      });
    return vulnerabilityFindings(matchComponents(inventory.components, store, versionScheme), versionScheme);
  } finally {
    store.close();
  }
}
