import type { Finding, FindingKind } from '../core/model.js';
import { SEVERITIES, type Severity } from '../core/severity.js';

/** `satisfies` makes the compiler flag this list when a new finding kind is added to the model. */
const KIND_ORDER = { secret: 0, vulnerability: 1, misconfig: 2, license: 3 } satisfies Record<FindingKind, number>;
export const FINDING_KINDS = Object.keys(KIND_ORDER) as FindingKind[];

/** Every severity is present (zero when unused) and keys follow SEVERITIES order, most severe first. */
export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as Record<Severity, number>;
  for (const finding of findings) counts[finding.severity] += 1;
  return counts;
}

/** Every kind is present (zero when unused), in a fixed order. */
export function countByKind(findings: readonly Finding[]): Record<FindingKind, number> {
  const counts = Object.fromEntries(FINDING_KINDS.map((kind) => [kind, 0])) as Record<FindingKind, number>;
  for (const finding of findings) counts[finding.kind] += 1;
  return counts;
}
