import picocolors from 'picocolors';
import type { Diagnostic, DiagnosticLevel, Finding, ScanReport, ScanStats } from '../core/model.js';
import { SEVERITIES, type Severity } from '../core/severity.js';
import { sortFindings } from './order.js';
import type { RenderOptions, Reporter } from './reporter.js';
import { countBySeverity } from './summary.js';
import { renderInventory } from './table-inventory.js';
import { escapeForTerminal, truncate } from './terminal-text.js';

type Colors = ReturnType<typeof picocolors.createColors>;
type Paint = (text: string) => string;

/** Lines are kept within this width (paths excepted: they are never cut, so they stay copy-pasteable). */
const MAX_WIDTH = 100;
/** Width of the severity column: "CRITICAL" plus two spaces; detail lines are indented to match. */
const LABEL_WIDTH = 10;
const INDENT = ' '.repeat(LABEL_WIDTH);
const SHORT_SHA_LENGTH = 7;

const DIAGNOSTIC_ORDER: readonly DiagnosticLevel[] = ['error', 'warning', 'info'];

export const tableReporter: Reporter = {
  format: 'table',
  description: 'Human-readable findings grouped by severity (default)',
  render: renderTable,
};

/** What to do about secret findings, once per report (each rule's remediation is in json and sarif). */
const SECRET_NEXT_STEPS = [
  'Next: revoke or rotate each credential where it was issued, then remove it from code and history.',
  'False alarm: add `paved:allow` on its line. Accept known ones: `paved baseline`, then --baseline.',
].join('\n');

export function renderTable(report: ScanReport, options: RenderOptions): string {
  // createColors(false) returns identity functions, so no escape code can slip through when colour is off.
  const colors = picocolors.createColors(options.color);
  const findings = sortFindings(report.findings);
  const sections = findings.map((finding) => renderFinding(finding, colors));
  if (report.inventory) sections.push(renderInventory(report.inventory, colors));
  sections.push(renderSummary(findings, report.stats, colors));
  if (findings.some((finding) => finding.kind === 'secret')) sections.push(colors.dim(SECRET_NEXT_STEPS));
  if (report.diagnostics.length > 0) sections.push(renderDiagnostics(report.diagnostics, colors));
  return `${sections.join('\n\n')}\n`;
}

function renderFinding(finding: Finding, colors: Colors): string {
  const { location } = finding;
  const label = finding.severity.toUpperCase();
  const where = `${escapeForTerminal(location.path)}:${location.startLine}:${location.startColumn}`;
  const ruleId = escapeForTerminal(finding.ruleId);
  const titleRoom = Math.max(20, MAX_WIDTH - LABEL_WIDTH - ruleId.length - 2);
  const lines = [
    `${severityPaint(finding.severity, colors)(label)}${' '.repeat(LABEL_WIDTH - label.length)}${colors.bold(where)}`,
    `${INDENT}${colors.dim(ruleId)}  ${truncate(escapeForTerminal(finding.title), titleRoom)}`,
  ];
  if (finding.evidence) {
    const evidenceRoom = MAX_WIDTH - LABEL_WIDTH - 'evidence  '.length;
    lines.push(`${INDENT}${colors.dim('evidence')}  ${truncate(escapeForTerminal(finding.evidence), evidenceRoom)}`);
  }
  const provenance = describeCommit(finding);
  if (provenance) lines.push(`${INDENT}${colors.dim(truncate(provenance, MAX_WIDTH - LABEL_WIDTH))}`);
  return lines.join('\n');
}

/** "commit 1a2b3c4 by Jane Doe on 2024-03-01" for findings from git history; undefined otherwise. */
function describeCommit(finding: Finding): string | undefined {
  const { commit, author, date } = finding.location;
  if (!commit) return undefined;
  let text = `commit ${escapeForTerminal(commit.slice(0, SHORT_SHA_LENGTH))}`;
  if (author) text += ` by ${escapeForTerminal(author)}`;
  if (date) text += ` on ${escapeForTerminal(shortDate(date))}`;
  return text;
}

/** The calendar day is enough in a terminal; full timestamps are in JSON and SARIF. */
function shortDate(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(0, 10) : iso;
}

function renderSummary(findings: readonly Finding[], stats: ScanStats, colors: Colors): string {
  const scanned = describeScan(stats);
  if (findings.length === 0) return `${colors.bold(colors.green('No findings.'))} ${scanned}`;
  const counts = countBySeverity(findings);
  const perSeverity = SEVERITIES.filter((severity) => counts[severity] > 0)
    .map((severity) => severityPaint(severity, colors)(`${counts[severity]} ${severity}`))
    .join(', ');
  return `${colors.bold(plural(findings.length, 'finding'))} (${perSeverity}). ${scanned}`;
}

/** "Scanned 128 files (2 skipped) and 57 commits in 1.2s." */
function describeScan(stats: ScanStats): string {
  let text = `Scanned ${plural(stats.filesScanned, 'file')}`;
  if (stats.filesSkipped > 0) text += ` (${stats.filesSkipped} skipped)`;
  if (stats.commitsScanned !== undefined) text += ` and ${plural(stats.commitsScanned, 'commit')}`;
  return `${text} in ${formatDuration(stats.durationMs)}.`;
}

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '0ms';
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const totalSeconds = Math.round(ms / 1000);
  return `${Math.floor(totalSeconds / 60)}m ${totalSeconds % 60}s`;
}

function renderDiagnostics(diagnostics: readonly Diagnostic[], colors: Colors): string {
  // Stable sort: errors first, otherwise the order the engine reported them in.
  const ordered = [...diagnostics].sort(
    (a, b) => DIAGNOSTIC_ORDER.indexOf(a.level) - DIAGNOSTIC_ORDER.indexOf(b.level),
  );
  const width = 'warning  '.length;
  const lines = [colors.bold(`${plural(diagnostics.length, 'diagnostic')}:`)];
  for (const diagnostic of ordered) {
    const where = diagnostic.path
      ? `${escapeForTerminal(diagnostic.path)}${diagnostic.line ? `:${diagnostic.line}` : ''}: `
      : '';
    const label = diagnosticPaint(diagnostic.level, colors)(diagnostic.level);
    const padding = ' '.repeat(width - diagnostic.level.length);
    const code = colors.dim(`[${escapeForTerminal(diagnostic.code)}]`);
    lines.push(`  ${label}${padding}${where}${escapeForTerminal(diagnostic.message)} ${code}`);
    if (diagnostic.hint)
      lines.push(`  ${' '.repeat(width)}${colors.dim('hint:')} ${escapeForTerminal(diagnostic.hint)}`);
  }
  return lines.join('\n');
}

function severityPaint(severity: Severity, colors: Colors): Paint {
  switch (severity) {
    case 'critical':
      return (text) => colors.bold(colors.red(text));
    case 'high':
      return colors.red;
    case 'medium':
      return colors.yellow;
    case 'low':
      return colors.blue;
    case 'info':
      return colors.gray;
  }
}

function diagnosticPaint(level: DiagnosticLevel, colors: Colors): Paint {
  switch (level) {
    case 'error':
      return colors.red;
    case 'warning':
      return colors.yellow;
    case 'info':
      return colors.cyan;
  }
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
