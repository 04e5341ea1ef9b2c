import type { Diagnostic, DiagnosticLevel, Finding, RuleDescriptor, ScanReport } from '../core/model.js';
import type { Severity } from '../core/severity.js';
import { compareText, sortFindings } from './order.js';
import type { Reporter } from './reporter.js';
import { SRCROOT, srcRootUri, toArtifactLocation, toRegion } from './sarif-location.js';
import type {
  SarifInvocation,
  SarifLevel,
  SarifLocation,
  SarifLog,
  SarifNotification,
  SarifReportingDescriptor,
  SarifResult,
  SarifRun,
} from './sarif-types.js';
import { PAVED_INFORMATION_URI } from './tool-info.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
/** Key of our fingerprint in `partialFingerprints`; bump the suffix if the fingerprint algorithm changes. */
export const FINGERPRINT_KEY = 'paved/v1';

const LEVEL_BY_SEVERITY: Record<Severity, SarifLevel> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

/** GitHub code scanning buckets this CVSS-like score into critical/high/medium/low; it must be a string. */
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '0.0',
};

const LEVEL_BY_DIAGNOSTIC: Record<DiagnosticLevel, SarifLevel> = { error: 'error', warning: 'warning', info: 'note' };

export const sarifReporter: Reporter = {
  format: 'sarif',
  description: 'SARIF 2.1.0 for GitHub code scanning and other SARIF viewers',
  render: (report) => `${JSON.stringify(toSarifLog(report), null, 2)}\n`,
};

export function toSarifLog(report: ScanReport): SarifLog {
  const findings = sortFindings(report.findings);
  const rules = referencedRules(report.rules, findings);
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const baseUri = srcRootUri(report.targets);

  const run: SarifRun = {
    tool: {
      driver: {
        name: 'paved',
        version: report.tool.version,
        informationUri: PAVED_INFORMATION_URI,
        rules: rules.map(toReportingDescriptor),
      },
    },
    invocations: [toInvocation(report)],
    ...(baseUri ? { originalUriBaseIds: { [SRCROOT]: { uri: baseUri } } } : {}),
    results: findings.map((finding) => toResult(finding, ruleIndex.get(finding.ruleId) ?? 0)),
    columnKind: 'utf16CodeUnits',
  };
  return { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [run] };
}

/**
 * Only rules with results are listed (a full catalogue would bloat every upload). A finding whose rule
 * is missing from `report.rules` still gets a descriptor built from the finding, so every result's
 * ruleIndex resolves.
 */
function referencedRules(known: readonly RuleDescriptor[], findings: readonly Finding[]): RuleDescriptor[] {
  const knownById = new Map(known.map((rule) => [rule.id, rule]));
  const referenced = new Map<string, RuleDescriptor>();
  for (const finding of findings) {
    if (referenced.has(finding.ruleId)) continue;
    referenced.set(finding.ruleId, knownById.get(finding.ruleId) ?? descriptorFromFinding(finding));
  }
  return [...referenced.values()].sort((a, b) => compareText(a.id, b.id));
}

function descriptorFromFinding(finding: Finding): RuleDescriptor {
  return {
    id: finding.ruleId,
    kind: finding.kind,
    title: finding.title,
    severity: finding.severity,
    description: finding.title,
    remediation: finding.remediation,
    references: finding.references,
    tags: finding.tags,
  };
}

function toReportingDescriptor(rule: RuleDescriptor): SarifReportingDescriptor {
  const helpUri = rule.references[0];
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.description || rule.title },
    help: { text: helpText(rule), markdown: helpMarkdown(rule) },
    ...(helpUri ? { helpUri } : {}),
    defaultConfiguration: { level: LEVEL_BY_SEVERITY[rule.severity] },
    properties: {
      // GitHub only applies security-severity to rules tagged `security`.
      tags: unique(['security', rule.kind, ...(rule.tags ?? [])]),
      precision: 'high',
      'security-severity': SECURITY_SEVERITY[rule.severity],
    },
  };
}

/** `github-pat` → `GithubPat`; SARIF wants an identifier-like name distinct from the opaque id. */
export function pascalCase(id: string): string {
  const words = id.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const name = words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join('');
  return name || 'Rule';
}

function helpText(rule: RuleDescriptor): string {
  const parts = [rule.description || rule.title];
  if (rule.remediation) parts.push(`Remediation: ${rule.remediation}`);
  if (rule.references.length > 0) parts.push(`References:\n${rule.references.map((ref) => `- ${ref}`).join('\n')}`);
  return parts.join('\n\n');
}

function helpMarkdown(rule: RuleDescriptor): string {
  const parts = [rule.description || rule.title];
  if (rule.remediation) parts.push(`**Remediation:** ${rule.remediation}`);
  if (rule.references.length > 0) {
    parts.push(`**References**\n\n${rule.references.map((ref) => `- <${ref}>`).join('\n')}`);
  }
  return parts.join('\n\n');
}

function toResult(finding: Finding, ruleIndex: number): SarifResult {
  const { location } = finding;
  return {
    ruleId: finding.ruleId,
    ruleIndex,
    level: LEVEL_BY_SEVERITY[finding.severity],
    // The message is already masked by the engine; evidence is deliberately not copied anywhere else.
    message: { text: finding.message || finding.title },
    locations: [
      { physicalLocation: { artifactLocation: toArtifactLocation(location.path), region: toRegion(location) } },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint },
    properties: {
      severity: finding.severity,
      kind: finding.kind,
      ...(location.commit !== undefined ? { commitSha: location.commit } : {}),
      ...(location.author !== undefined ? { author: location.author } : {}),
      ...(location.date !== undefined ? { date: location.date } : {}),
    },
  };
}

function toInvocation(report: ScanReport): SarifInvocation {
  const started = Date.parse(report.startedAt);
  const timing = Number.isNaN(started)
    ? {}
    : {
        startTimeUtc: new Date(started).toISOString(),
        endTimeUtc: new Date(started + Math.max(0, report.stats.durationMs)).toISOString(),
      };
  return {
    executionSuccessful: !report.diagnostics.some((diagnostic) => diagnostic.level === 'error'),
    ...timing,
    toolExecutionNotifications: report.diagnostics.map(toNotification),
  };
}

function toNotification(diagnostic: Diagnostic): SarifNotification {
  const text = diagnostic.hint ? `${diagnostic.message} (hint: ${diagnostic.hint})` : diagnostic.message;
  return {
    level: LEVEL_BY_DIAGNOSTIC[diagnostic.level],
    message: { text },
    descriptor: { id: diagnostic.code },
    ...(diagnostic.path !== undefined ? { locations: [diagnosticLocation(diagnostic.path, diagnostic.line)] } : {}),
  };
}

function diagnosticLocation(path: string, line: number | undefined): SarifLocation {
  const artifactLocation = toArtifactLocation(path);
  if (line === undefined || !Number.isFinite(line) || line < 1) return { physicalLocation: { artifactLocation } };
  return { physicalLocation: { artifactLocation, region: { startLine: Math.trunc(line) } } };
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
