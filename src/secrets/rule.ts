import type { Severity } from '../core/severity.js';

/**
 * A declarative secret rule. Rules are plain data (no functions) so the same compiled rule set can be
 * structured-cloned into worker threads.
 */
export interface SecretRule {
  /** Stable kebab-case id, e.g. `github-pat`. Used in fingerprints, baselines and SARIF. */
  id: string;
  title: string;
  severity: Severity;
  /** One or two sentences: what the credential is and what an attacker can do with it. */
  description: string;
  remediation: string;
  references: string[];
  /**
   * Lower-case literals of which at least one must appear near a match (prefilter). The engine only runs
   * `pattern` on lines where a keyword occurs, so every match must contain one of these keywords on the
   * line where the match starts.
   */
  keywords: string[];
  /** The detector. Compiled with the `g` and `d` flags added by the engine. */
  pattern: RegExp;
  /**
   * Capture group holding the secret (number or name). Default: the group named `secret`, else group 1
   * when the pattern has groups, else the whole match.
   */
  secretGroup?: number | string;
  /**
   * A literal that every match has on its first line after the keyword (`@` in `scheme://user:pass@host`).
   * Checked on the raw bytes before the line is decoded, so frequent keywords such as `://` stay cheap.
   */
  afterKeyword?: string;
  /** Minimum Shannon entropy (bits per character) of the secret; matches below it are dropped. */
  entropy?: number;
  /** Minimum number of character classes (lower, upper, digit, symbol) the secret must mix. */
  minCharacterClasses?: number;
  /**
   * Generic rules (no vendor format) get the extra decoy checks of `genericDecoyReason` and give way to
   * a vendor rule matching the same text. Their pattern should capture the assigned name as `name`.
   */
  generic?: boolean;
  /** The match may span lines (PEM blocks, JSON service-account files). */
  multiline?: boolean;
  /** Only files whose path (relative, `/`-separated) matches are checked. */
  path?: RegExp;
  /** Skip the shared decoy filter (placeholders, templates...) — for formats with a built-in checksum. */
  skipDecoyFilter?: boolean;
  /** Rule-specific allowlists, in addition to the global ones. */
  allowlists?: Allowlist[];
  tags?: string[];
  /** Fixtures: each `positive` line must produce exactly this rule's finding; each `negative` none. */
  samples?: { positive: string[]; negative: string[] };
}

/** Gitleaks-compatible allowlist: a match is ignored when the allowlist's conditions hold. */
export interface Allowlist {
  description?: string;
  /** OR (default): any condition ignores the match. AND: all set conditions must hold. */
  condition?: 'OR' | 'AND';
  /** What `regexes` are tested against. Default `secret`. */
  regexTarget?: 'secret' | 'match' | 'line';
  regexes?: RegExp[];
  paths?: RegExp[];
  commits?: string[];
  /** Lower-case substrings; the match is ignored when the secret contains one. */
  stopwords?: string[];
  /** For global allowlists: only apply to these rule ids (empty = all rules). */
  targetRules?: string[];
}

/** The full, compiled rule configuration the engine runs with. */
export interface SecretRuleSet {
  rules: SecretRule[];
  /** Global allowlists applied to every rule. */
  allowlists: Allowlist[];
}
