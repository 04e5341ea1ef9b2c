import type { Component, SkippedDependency } from '../extract/component.js';
import type { Severity } from './severity.js';

export type FindingKind = 'secret' | 'vulnerability' | 'misconfig' | 'license';

/** Where a finding is. Lines and columns are 1-based; endColumn is exclusive. */
export interface Location {
  path: string;
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
  /** Set when the finding comes from git history or a staged diff. */
  commit?: string;
  author?: string;
  email?: string;
  /** ISO 8601 commit date. */
  date?: string;
}

export interface Finding {
  ruleId: string;
  kind: FindingKind;
  severity: Severity;
  title: string;
  message: string;
  location: Location;
  /** Stable identity that survives line moves; used by baselines, exceptions and dedupe. */
  fingerprint: string;
  /** Masked preview of what matched (never the full secret). */
  evidence: string;
  remediation: string;
  references: string[];
  tags?: string[];
}

export type DiagnosticLevel = 'error' | 'warning' | 'info';

/** Something the user should know about the scan itself (skipped file, bad config, missing resource). */
export interface Diagnostic {
  level: DiagnosticLevel;
  code: string;
  message: string;
  path?: string;
  line?: number;
  hint?: string;
}

/** Human-facing description of a rule, shared by reporters (SARIF rules, table, docs). */
export interface RuleDescriptor {
  id: string;
  kind: FindingKind;
  title: string;
  severity: Severity;
  description: string;
  remediation: string;
  references: string[];
  tags?: string[];
}

export interface ScanStats {
  filesScanned: number;
  bytesScanned: number;
  filesSkipped: number;
  commitsScanned?: number;
  durationMs: number;
}

export interface ScanReport {
  tool: { name: 'paved'; version: string };
  /** ISO 8601 time the scan started. */
  startedAt: string;
  targets: string[];
  mode: 'tree' | 'staged' | 'history' | 'stdin';
  findings: Finding[];
  diagnostics: Diagnostic[];
  /** Descriptors of every rule that was active, so reporters can describe findings. */
  rules: RuleDescriptor[];
  /** The dependency inventory, when the deps scanner ran. */
  inventory?: Inventory;
  stats: ScanStats;
}

/** Components found in the scanned lockfiles, and what could not be listed. */
export interface Inventory {
  components: Component[];
  skipped: SkippedDependency[];
  /** Each lockfile read, with the extractor that read it and how many components it gave. */
  lockfiles: { path: string; extractor: string; components: number }[];
}
