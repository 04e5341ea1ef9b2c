import type {
  Diagnostic,
  DiagnosticLevel,
  Finding,
  FindingKind,
  Inventory,
  Location,
  ScanReport,
  ScanStats,
} from '../core/model.js';
import type { Severity } from '../core/severity.js';
import { sortComponents, sortFindings } from './order.js';
import type { Reporter } from './reporter.js';
import { countByKind, countBySeverity } from './summary.js';
import { PAVED_INFORMATION_URI } from './tool-info.js';

/**
 * Version of the JSON document shape, independent of the paved version. Semver: additive changes bump
 * the minor, removals/renames/meaning changes bump the major (see docs/json-format.md). Keep it in step
 * with `src/report/json-schema.json`.
 */
export const JSON_SCHEMA_VERSION = '1.1.0';

export interface JsonLocation {
  path: string;
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
  commit?: string;
  author?: string;
  email?: string;
  date?: string;
}

export interface JsonFinding {
  ruleId: string;
  kind: FindingKind;
  severity: Severity;
  title: string;
  message: string;
  location: JsonLocation;
  fingerprint: string;
  evidence: string;
  remediation: string;
  references: string[];
  tags: string[];
}

export interface JsonDiagnostic {
  level: DiagnosticLevel;
  code: string;
  message: string;
  path?: string;
  line?: number;
  hint?: string;
}

export interface JsonReport {
  schemaVersion: string;
  tool: { name: 'paved'; version: string; informationUri: string };
  startedAt: string;
  mode: ScanReport['mode'];
  targets: string[];
  summary: { findings: number; bySeverity: Record<Severity, number>; byKind: Record<FindingKind, number> };
  findings: JsonFinding[];
  diagnostics: JsonDiagnostic[];
  /** Since 1.1.0, when the deps scanner ran. */
  inventory?: JsonInventory;
  stats: ScanStats;
}

export interface JsonInventory {
  components: JsonComponent[];
  skipped: { name: string; reason: string; location: { path: string; line: number } }[];
  lockfiles: { path: string; extractor: string; components: number }[];
}

export interface JsonComponent {
  purl: string;
  ecosystem: string;
  name: string;
  version: string;
  scope: string;
  direct: boolean;
  dependencies: string[];
  location: { path: string; line: number };
  hashes?: { algorithm: string; value: string }[];
  licenses?: string[];
}

export const jsonReporter: Reporter = {
  format: 'json',
  description: 'Versioned machine-readable report (schema in docs/json-format.md)',
  render: (report) => `${JSON.stringify(toJsonReport(report), null, 2)}\n`,
};

/**
 * Builds the document field by field (never by spreading the input) so key order is fixed and fields
 * added to the internal model do not leak into the public format unannounced.
 */
export function toJsonReport(report: ScanReport): JsonReport {
  const findings = sortFindings(report.findings);
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    tool: { name: 'paved', version: report.tool.version, informationUri: PAVED_INFORMATION_URI },
    startedAt: report.startedAt,
    mode: report.mode,
    targets: [...report.targets],
    summary: { findings: findings.length, bySeverity: countBySeverity(findings), byKind: countByKind(findings) },
    findings: findings.map(toJsonFinding),
    diagnostics: report.diagnostics.map(toJsonDiagnostic),
    ...(report.inventory ? { inventory: toJsonInventory(report.inventory) } : {}),
    stats: toJsonStats(report.stats),
  };
}

function toJsonFinding(finding: Finding): JsonFinding {
  return {
    ruleId: finding.ruleId,
    kind: finding.kind,
    severity: finding.severity,
    title: finding.title,
    message: finding.message,
    location: toJsonLocation(finding.location),
    fingerprint: finding.fingerprint,
    evidence: finding.evidence,
    remediation: finding.remediation,
    references: [...finding.references],
    tags: [...(finding.tags ?? [])],
  };
}

function toJsonInventory(inventory: Inventory): JsonInventory {
  return {
    components: sortComponents(inventory.components).map((component) => ({
      purl: component.purl,
      ecosystem: component.ecosystem,
      name: component.name,
      version: component.version,
      scope: component.scope,
      direct: component.direct,
      dependencies: [...component.dependencies],
      location: { path: component.location.path, line: component.location.line },
      ...definedOnly({
        hashes: component.hashes?.map((hash) => ({ algorithm: hash.algorithm, value: hash.value })),
        licenses: component.licenses ? [...component.licenses] : undefined,
      }),
    })),
    skipped: inventory.skipped.map((skip) => ({
      name: skip.name,
      reason: skip.reason,
      location: { path: skip.location.path, line: skip.location.line },
    })),
    lockfiles: inventory.lockfiles.map((lockfile) => ({ ...lockfile })),
  };
}

function toJsonLocation(location: Location): JsonLocation {
  return {
    path: location.path,
    startLine: location.startLine,
    startColumn: location.startColumn,
    endLine: location.endLine,
    endColumn: location.endColumn,
    ...definedOnly({ commit: location.commit, author: location.author, email: location.email, date: location.date }),
  };
}

function toJsonDiagnostic(diagnostic: Diagnostic): JsonDiagnostic {
  return {
    level: diagnostic.level,
    code: diagnostic.code,
    message: diagnostic.message,
    ...definedOnly({ path: diagnostic.path, line: diagnostic.line, hint: diagnostic.hint }),
  };
}

function toJsonStats(stats: ScanStats): ScanStats {
  return {
    filesScanned: stats.filesScanned,
    bytesScanned: stats.bytesScanned,
    filesSkipped: stats.filesSkipped,
    ...definedOnly({ commitsScanned: stats.commitsScanned }),
    durationMs: stats.durationMs,
  };
}

/** Optional fields are omitted rather than written as null, keeping one representation for "absent". */
function definedOnly<T extends Record<string, unknown>>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>;
}
