import { compareText } from '../core/compare.js';
import type { Finding } from '../core/model.js';
import { compareSeverity } from '../core/severity.js';

export { compareText } from '../core/compare.js';

/** Most severe first, then by file and position; rule id and fingerprint break the remaining ties. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareSeverity(a.severity, b.severity) ||
    compareText(a.location.path, b.location.path) ||
    a.location.startLine - b.location.startLine ||
    a.location.startColumn - b.location.startColumn ||
    compareText(a.ruleId, b.ruleId) ||
    compareText(a.fingerprint, b.fingerprint)
  );
}

/** A sorted copy; the report itself is left untouched because several reporters may render it. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareFindings);
}

/** Components by lockfile, then line, then purl: the order they are declared in. */
export function sortComponents<T extends { purl: string; location: { path: string; line: number } }>(
  components: readonly T[],
): T[] {
  return [...components].sort(
    (a, b) =>
      compareText(a.location.path, b.location.path) || a.location.line - b.location.line || compareText(a.purl, b.purl),
  );
}
