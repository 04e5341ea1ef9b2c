import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, normalize, relative, resolve, sep } from 'node:path';
import { parse as parseToml, TomlError } from 'smol-toml';
import { PavedError } from '../core/errors.js';
import type { Diagnostic } from '../core/model.js';
import { analyzeRe2, compileRe2 } from './re2-translate.js';
import type { Allowlist, SecretRule, SecretRuleSet } from './rule.js';

/**
 * Import of gitleaks v8 configuration files (`.gitleaks.toml`).
 *
 * Supported: `title`, `description`, `[extend]` (`useDefault` — paved's built-in rules stand in for
 * gitleaks' defaults —, `path`, `disabledRules`), `[[rules]]` (`id`, `description`, `regex`, `secretGroup`,
 * `entropy`, `keywords`, `path`, `tags`, `[rules.allowlist]` and `[[rules.allowlists]]`), `[allowlist]` and
 * `[[allowlists]]` (with `targetRules`). Keys are matched case-insensitively, as gitleaks (viper) does.
 *
 * Not supported, reported as warnings: path-only rules, composite rules (`[[rules.required]]`: the rule
 * reports on its own), `skipReport` rules (skipped), `[extend] url`.
 */

// ---------------------------------------------------------------------------------------------------
// Parsed configuration (gitleaks vocabulary, regexes still in Go syntax)

export interface GitleaksAllowlist {
  description?: string;
  condition: 'OR' | 'AND';
  regexTarget: 'secret' | 'match' | 'line';
  regexes: string[];
  paths: string[];
  commits: string[];
  stopwords: string[];
  /** Global allowlists only: the rules it applies to (empty = all). */
  targetRules: string[];
  /** Line of the allowlist's table header, when it has one. */
  line?: number;
}

export interface GitleaksRule {
  id: string;
  description?: string;
  regex?: string;
  /** 0 or absent: gitleaks' default group. */
  secretGroup?: number;
  entropy?: number;
  keywords: string[];
  path?: string;
  tags: string[];
  allowlists: GitleaksAllowlist[];
  /** Ids from `[[rules.required]]` (composite rules, not supported). */
  requiredRules: string[];
  skipReport: boolean;
  /** Line of the rule's `id =`. */
  line?: number;
}

export interface GitleaksExtend {
  useDefault: boolean;
  path?: string;
  url?: string;
  disabledRules: string[];
  line?: number;
}

export interface GitleaksConfig {
  /** Where the file is, as shown to the user (diagnostics, errors). */
  path: string;
  title?: string;
  description?: string;
  extend: GitleaksExtend;
  rules: GitleaksRule[];
  /** Global allowlists, old `[allowlist]` form included. */
  allowlists: GitleaksAllowlist[];
  /** Problems that do not stop the import (unknown keys...). */
  warnings: Diagnostic[];
}

export interface LoadedSecretConfig {
  ruleSet: SecretRuleSet;
  diagnostics: Diagnostic[];
  /** The configuration file used, relative to the scan root when inside it; absent for built-in rules only. */
  source?: string;
}

/** Looked up in this order under the scan root when no config is given; paved's own location wins. */
export const DEFAULT_CONFIG_LOCATIONS = ['.paved/gitleaks.toml', '.gitleaks.toml'];

const REMEDIATION =
  'Rotate the credential and remove it from the code and history; load it at runtime from a secret manager or environment variable instead.';
/** gitleaks stops at 2 levels; paved follows longer chains but stops runaway ones. */
const MAX_EXTEND_DEPTH = 8;

// ---------------------------------------------------------------------------------------------------
// Entry points

export async function loadSecretConfig(options: {
  configPath?: string;
  scanRoot: string;
  builtin: SecretRule[];
}): Promise<LoadedSecretConfig> {
  if (options.configPath && !existsSync(options.configPath)) {
    throw new PavedError('USAGE', `config file not found: ${options.configPath}`, {
      hint: 'check the --config path, or omit it to use .gitleaks.toml at the scan root',
    });
  }
  const fsPath = options.configPath ? resolve(options.configPath) : findDefaultConfig(options.scanRoot);
  if (!fsPath) return { ruleSet: { rules: [...options.builtin], allowlists: [] }, diagnostics: [] };

  const shownPath = displayPath(fsPath, options.scanRoot);
  const text = await readFile(fsPath, 'utf8').catch((error: unknown) => {
    throw new PavedError(
      'CONFIG',
      `cannot read config file: ${(error as Error).message}`,
      { path: shownPath },
      { cause: error },
    );
  });
  const config = parseGitleaksConfig(text, shownPath);
  const { ruleSet, diagnostics } = buildRuleSet(config, options.builtin, fsPath);
  return { ruleSet, diagnostics, source: shownPath };
}

function findDefaultConfig(scanRoot: string): string | undefined {
  for (const location of DEFAULT_CONFIG_LOCATIONS) {
    const candidate = join(scanRoot, location);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

function displayPath(fsPath: string, scanRoot: string): string {
  const rel = relative(resolve(scanRoot), fsPath);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split(sep).join('/') : fsPath;
}

/** Parses and checks a gitleaks TOML file. Throws `PavedError('CONFIG')` on bad TOML or wrong types. */
export function parseGitleaksConfig(text: string, path: string): GitleaksConfig {
  const table = parseTomlOrThrow(text, path);
  return new SchemaReader(text, path).readConfig(table);
}

/**
 * The rule set a configuration describes. `builtin` plays gitleaks' default rules for `useDefault`;
 * `configPath` locates the file on disk, to resolve `[extend] path`. Rules that cannot be imported are
 * left out with an error diagnostic; the others load.
 */
export function buildRuleSet(
  config: GitleaksConfig,
  builtin: SecretRule[],
  configPath: string,
): { ruleSet: SecretRuleSet; diagnostics: Diagnostic[] } {
  const builder = new RuleSetBuilder(builtin);
  const layer = builder.buildLayer(config, resolve(configPath), []);
  builder.attachTargetedAllowlists(layer);
  if (layer.rules.size === 0) {
    builder.diagnostics.push({
      level: 'warning',
      code: 'config-no-rules',
      message: 'the gitleaks config defines no usable rules and does not extend the defaults: nothing will be detected',
      path: config.path,
      hint: 'add `[extend] useDefault = true` to keep the built-in rules',
    });
  }
  return {
    ruleSet: { rules: [...layer.rules.values()], allowlists: layer.allowlists },
    diagnostics: builder.diagnostics,
  };
}

// ---------------------------------------------------------------------------------------------------
// TOML → GitleaksConfig

function parseTomlOrThrow(text: string, path: string): Record<string, unknown> {
  try {
    return parseToml(text) as Record<string, unknown>;
  } catch (error) {
    if (!(error instanceof TomlError)) throw error;
    const reason = (error.message.split('\n')[0] ?? '').replace(/^Invalid TOML document:\s*/, '');
    throw new PavedError(
      'CONFIG',
      `invalid TOML: ${reason}`,
      { path, line: error.line, hint: 'fix the TOML syntax' },
      { cause: error },
    );
  }
}

type Table = Record<string, unknown>;

const TOP_LEVEL_KEYS = ['title', 'description', 'minversion', 'extend', 'rules', 'allowlist', 'allowlists'];
const EXTEND_KEYS = ['usedefault', 'path', 'url', 'disabledrules'];
const RULE_KEYS = [
  'id',
  'description',
  'regex',
  'secretgroup',
  'entropy',
  'keywords',
  'path',
  'tags',
  'allowlist',
  'allowlists',
  'required',
  'skipreport',
];
const REQUIRED_KEYS = ['id', 'withinlines', 'withincolumns'];
const ALLOWLIST_KEYS = ['description', 'condition', 'regextarget', 'regexes', 'paths', 'commits', 'stopwords'];

interface Problem {
  message: string;
  line?: number;
}

/** Where a value sits: a label for messages and the TOML section holding its keys, for line numbers. */
interface Context {
  where: string;
  section?: Section;
}

/** Reads the parsed TOML by hand: collects type problems (fatal) and unknown keys (warnings). */
class SchemaReader {
  private readonly problems: Problem[] = [];
  private readonly warnings: Diagnostic[] = [];
  private readonly locator: TomlLocator;

  constructor(
    text: string,
    private readonly path: string,
  ) {
    this.locator = new TomlLocator(text);
  }

  readConfig(raw: Table): GitleaksConfig {
    const ctx: Context = { where: 'the top level', section: this.locator.topLevelSection() };
    const top = this.fields(raw, TOP_LEVEL_KEYS, ctx);
    const config: GitleaksConfig = {
      path: this.path,
      title: this.string(top, 'title', ctx),
      description: this.string(top, 'description', ctx),
      extend: this.readExtend(top.get('extend')),
      rules: this.list(top, 'rules', ctx).map((rule, index) => this.readRule(rule, index)),
      allowlists: this.readAllowlistForms(top, 'the config', this.locator.globalAllowlistLines(), true),
      warnings: this.warnings,
    };
    this.warnDuplicateIds(config.rules);
    this.throwProblems();
    return config;
  }

  private readExtend(value: unknown): GitleaksExtend {
    const line = this.locator.headerLine('extend');
    const ctx: Context = { where: '[extend]', section: this.locator.sectionAt(line) };
    const extend: GitleaksExtend = { useDefault: false, disabledRules: [], line };
    if (value === undefined) return extend;
    const fields = this.fields(this.table(value, ctx), EXTEND_KEYS, ctx);
    extend.useDefault = this.boolean(fields, 'usedefault', ctx) ?? false;
    extend.path = this.string(fields, 'path', ctx) || undefined;
    extend.url = this.string(fields, 'url', ctx) || undefined;
    extend.disabledRules = this.strings(fields, 'disabledrules', ctx);
    if (extend.useDefault && extend.path) {
      this.problems.push({ message: '[extend] cannot set both useDefault and path (gitleaks refuses it too)', line });
    }
    if (extend.url) {
      this.warn(
        'config-unsupported',
        '[extend] url is not supported (gitleaks does not implement it either); ignored',
        line,
      );
    }
    return extend;
  }

  private readRule(value: unknown, index: number): GitleaksRule {
    const section = this.locator.ruleSection(index);
    const table = this.table(value, { where: `rule #${index + 1}`, section });
    // Look the id up first, so every later message can name the rule.
    const rawId = Object.entries(table).find(([key]) => key.toLowerCase() === 'id')?.[1];
    const named = typeof rawId === 'string' && rawId !== '';
    const ctx: Context = { where: named ? `rule "${rawId}"` : `rule #${index + 1}`, section };
    const fields = this.fields(table, RULE_KEYS, ctx);
    const id = this.string(fields, 'id', ctx);
    if (!id) this.problems.push({ message: `rule #${index + 1} has no id`, line: section?.start });
    const line =
      this.locator.keyLine(section, 'id') ?? (id ? this.locator.findIdLine(id) : undefined) ?? section?.start;
    return {
      id: id ?? `#${index + 1}`,
      description: this.string(fields, 'description', ctx) || undefined,
      regex: this.string(fields, 'regex', ctx) || undefined,
      secretGroup: this.number(fields, 'secretgroup', ctx, { integer: true }) || undefined,
      entropy: this.number(fields, 'entropy', ctx, { integer: false }) || undefined,
      keywords: this.strings(fields, 'keywords', ctx),
      path: this.string(fields, 'path', ctx) || undefined,
      tags: this.strings(fields, 'tags', ctx),
      allowlists: this.readAllowlistForms(fields, ctx.where, this.locator.ruleAllowlistLines(section), false),
      requiredRules: this.list(fields, 'required', ctx).map((entry) => {
        const requiredCtx: Context = { where: `[[rules.required]] of ${ctx.where}`, section };
        const required = this.fields(this.table(entry, requiredCtx), REQUIRED_KEYS, requiredCtx);
        return this.string(required, 'id', requiredCtx) ?? '';
      }),
      skipReport: this.boolean(fields, 'skipreport', ctx) ?? false,
      line,
    };
  }

  /** Old single `allowlist` table and new `allowlists` array: both are accepted and merged. */
  private readAllowlistForms(
    fields: Map<string, unknown>,
    owner: string,
    lines: { single?: number; list: number[] },
    global: boolean,
  ): GitleaksAllowlist[] {
    const single = fields.get('allowlist');
    const list = this.list(fields, 'allowlists', { where: owner });
    if (single !== undefined && list.length > 0) {
      this.warn(
        'config-allowlist-forms',
        `${owner} uses both [allowlist] and [[allowlists]]; gitleaks refuses this, paved applies both`,
        lines.single,
      );
    }
    const tables = [
      ...(single === undefined ? [] : [{ value: single, line: lines.single }]),
      ...list.map((value, i) => ({ value, line: lines.list[i] })),
    ];
    return tables.flatMap(({ value, line }, i) => {
      const ctx: Context = { where: `allowlist #${i + 1} of ${owner}`, section: this.locator.sectionAt(line) };
      const allowlist = this.readAllowlist(value, ctx, line, global);
      return allowlist ? [allowlist] : [];
    });
  }

  private readAllowlist(
    value: unknown,
    ctx: Context,
    line: number | undefined,
    global: boolean,
  ): GitleaksAllowlist | undefined {
    const known = global ? [...ALLOWLIST_KEYS, 'targetrules'] : ALLOWLIST_KEYS;
    const fields = this.fields(this.table(value, ctx), known, ctx);
    const allowlist: GitleaksAllowlist = {
      description: this.string(fields, 'description', ctx) || undefined,
      condition: this.condition(fields, ctx),
      regexTarget: this.regexTarget(fields, ctx),
      regexes: this.strings(fields, 'regexes', ctx),
      paths: this.strings(fields, 'paths', ctx),
      commits: this.strings(fields, 'commits', ctx),
      stopwords: this.strings(fields, 'stopwords', ctx),
      targetRules: global ? this.strings(fields, 'targetrules', ctx) : [],
      line,
    };
    const checks =
      allowlist.regexes.length + allowlist.paths.length + allowlist.commits.length + allowlist.stopwords.length;
    if (checks === 0) {
      this.warn('allowlist-empty', `${ctx.where} has no regexes, paths, commits or stopwords; ignored`, line);
      return undefined;
    }
    return allowlist;
  }

  private condition(fields: Map<string, unknown>, ctx: Context): 'OR' | 'AND' {
    const raw = (this.string(fields, 'condition', ctx) ?? '').toUpperCase();
    if (raw === 'AND' || raw === '&&') return 'AND';
    if (raw === '' || raw === 'OR' || raw === '||') return 'OR';
    this.problem(ctx, 'condition', `condition must be "OR" or "AND", not "${raw}"`);
    return 'OR';
  }

  private regexTarget(fields: Map<string, unknown>, ctx: Context): GitleaksAllowlist['regexTarget'] {
    const raw = this.string(fields, 'regextarget', ctx) ?? 'secret';
    if (raw === 'secret' || raw === 'match' || raw === 'line') return raw;
    this.problem(ctx, 'regextarget', `regexTarget must be "secret", "match" or "line", not "${raw}"`);
    return 'secret';
  }

  private warnDuplicateIds(rules: GitleaksRule[]): void {
    const seen = new Set<string>();
    for (const rule of rules) {
      if (seen.has(rule.id)) {
        this.warn('rule-duplicate', `rule "${rule.id}" is defined more than once; the last definition wins`, rule.line);
      }
      seen.add(rule.id);
    }
  }

  private throwProblems(): void {
    const first = this.problems[0];
    if (!first) return;
    const message =
      this.problems.length === 1
        ? first.message
        : `${this.problems.length} problems in the gitleaks config:\n${this.problems
            .map((p) => `  - ${p.line ? `line ${p.line}: ` : ''}${p.message}`)
            .join('\n')}`;
    throw new PavedError('CONFIG', message, {
      path: this.path,
      line: first.line,
      hint: 'see the gitleaks configuration reference: https://github.com/gitleaks/gitleaks#configuration',
    });
  }

  private problem(ctx: Context, key: string, message: string): void {
    this.problems.push({
      message: `${ctx.where}: ${message}`,
      line: this.locator.keyLine(ctx.section, key) ?? ctx.section?.start,
    });
  }

  private warn(code: string, message: string, line?: number): void {
    this.warnings.push(omitUndefined({ level: 'warning', code, message, path: this.path, line }));
  }

  // Typed field access. Keys are compared lower-cased, like gitleaks (viper) does.

  private table(value: unknown, ctx: Context): Table {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Table;
    this.problems.push({ message: `${ctx.where} must be a table`, line: ctx.section?.start });
    return {};
  }

  private fields(table: Table, known: string[], ctx: Context): Map<string, unknown> {
    const fields = new Map<string, unknown>();
    for (const [key, value] of Object.entries(table)) {
      const lower = key.toLowerCase();
      if (!known.includes(lower)) {
        const line = this.locator.keyLine(ctx.section, lower) ?? ctx.section?.start;
        this.warn('config-unknown-key', `unknown key "${key}" in ${ctx.where}; ignored`, line);
        continue;
      }
      fields.set(lower, value);
    }
    return fields;
  }

  private string(fields: Map<string, unknown>, key: string, ctx: Context): string | undefined {
    const value = fields.get(key);
    if (value === undefined || typeof value === 'string') return value;
    this.problem(ctx, key, `${key} must be a string`);
    return undefined;
  }

  private boolean(fields: Map<string, unknown>, key: string, ctx: Context): boolean | undefined {
    const value = fields.get(key);
    if (value === undefined || typeof value === 'boolean') return value;
    this.problem(ctx, key, `${key} must be true or false`);
    return undefined;
  }

  private number(
    fields: Map<string, unknown>,
    key: string,
    ctx: Context,
    kind: { integer: boolean },
  ): number | undefined {
    const value = fields.get(key);
    if (value === undefined) return undefined;
    if (typeof value === 'number' && value >= 0 && (!kind.integer || Number.isInteger(value))) return value;
    this.problem(ctx, key, `${key} must be ${kind.integer ? 'a non-negative integer' : 'a non-negative number'}`);
    return undefined;
  }

  private strings(fields: Map<string, unknown>, key: string, ctx: Context): string[] {
    const value = fields.get(key);
    if (value === undefined) return [];
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
    this.problem(ctx, key, `${key} must be a list of strings`);
    return [];
  }

  private list(fields: Map<string, unknown>, key: string, ctx: Context): unknown[] {
    const value = fields.get(key);
    if (value === undefined) return [];
    if (Array.isArray(value)) return value;
    this.problem(ctx, key, `${key} must be an array of tables ([[${key}]])`);
    return [];
  }
}

// ---------------------------------------------------------------------------------------------------
// Line numbers: smol-toml does not keep positions, so tables are found again by scanning the text.

interface Header {
  line: number;
  /** Lower-cased dotted name, quotes and spaces removed. */
  name: string;
  array: boolean;
}

interface Section {
  /** Line of the header. */
  start: number;
  /** First line after the section's own keys (next header of any kind). */
  keysEnd: number;
  /** First line after the section and its sub-tables. */
  end: number;
}

class TomlLocator {
  private readonly lines: string[];
  private readonly headers: Header[];

  constructor(text: string) {
    this.lines = text.split(/\r?\n/);
    this.headers = findHeaders(this.lines);
  }

  headerLine(name: string): number | undefined {
    return this.headers.find((h) => h.name === name)?.line;
  }

  /** Keys before the first table header. */
  topLevelSection(): Section {
    const end = this.headers[0]?.line ?? this.lines.length + 1;
    return { start: 0, keysEnd: end, end };
  }

  /** The section whose header is on `line`. */
  sectionAt(line: number | undefined): Section | undefined {
    if (line === undefined) return undefined;
    const next = this.headers.find((h) => h.line > line)?.line ?? this.lines.length + 1;
    return { start: line, keysEnd: next, end: next };
  }

  ruleSection(index: number): Section | undefined {
    const ruleHeaders = this.headers.filter((h) => h.array && h.name === 'rules');
    const header = ruleHeaders[index];
    if (!header) return undefined;
    const after = this.headers.filter((h) => h.line > header.line);
    const end = after.find((h) => !h.name.startsWith('rules.'))?.line ?? this.lines.length + 1;
    return { start: header.line, keysEnd: after[0]?.line ?? this.lines.length + 1, end };
  }

  ruleAllowlistLines(section: Section | undefined): { single?: number; list: number[] } {
    if (!section) return { list: [] };
    const inside = this.headers.filter((h) => h.line > section.start && h.line < section.end);
    return {
      single: inside.find((h) => !h.array && h.name === 'rules.allowlist')?.line,
      list: inside.filter((h) => h.array && h.name === 'rules.allowlists').map((h) => h.line),
    };
  }

  globalAllowlistLines(): { single?: number; list: number[] } {
    return {
      single: this.headers.find((h) => !h.array && h.name === 'allowlist')?.line,
      list: this.headers.filter((h) => h.array && h.name === 'allowlists').map((h) => h.line),
    };
  }

  /** Line of `key = ...` among a section's own keys. */
  keyLine(section: Section | undefined, key: string): number | undefined {
    if (!section) return undefined;
    const pattern = new RegExp(`^\\s*["']?${key}["']?\\s*=`, 'i');
    for (let line = section.start + 1; line < section.keysEnd; line++) {
      if (pattern.test(this.lines[line - 1] ?? '')) return line;
    }
    return undefined;
  }

  /** Fallback for rules written as inline tables: the first `id = "<id>"` anywhere. */
  findIdLine(id: string): number | undefined {
    const escaped = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const pattern = new RegExp(`\\bid\\s*=\\s*(["'])${escaped}\\1`, 'i');
    const index = this.lines.findIndex((line) => pattern.test(line));
    return index < 0 ? undefined : index + 1;
  }
}

function findHeaders(lines: string[]): Header[] {
  const headers: Header[] = [];
  let openString: string | undefined;
  lines.forEach((text, i) => {
    if (!openString) {
      const match = /^\s*(\[\[?)\s*([^[\]]+?)\s*\]\]?\s*(?:#.*)?$/.exec(text);
      if (match)
        headers.push({
          line: i + 1,
          name: (match[2] ?? '').replace(/["'\s]/g, '').toLowerCase(),
          array: match[1] === '[[',
        });
    }
    openString = multilineStringState(text, openString);
  });
  return headers;
}

/** Tracks `'''` / `"""` strings across lines, so a `[x]` inside one is not taken for a header. */
function multilineStringState(text: string, open: string | undefined): string | undefined {
  let state = open;
  let index = 0;
  while (index < text.length) {
    if (state) {
      const close = text.indexOf(state, index);
      if (close < 0) return state;
      index = close + 3;
      state = undefined;
      continue;
    }
    const next = /'''|"""/.exec(text.slice(index));
    if (!next) return undefined;
    state = next[0];
    index += next.index + 3;
  }
  return state;
}

// ---------------------------------------------------------------------------------------------------
// GitleaksConfig → SecretRuleSet

interface TargetedAllowlist {
  allowlist: Allowlist;
  targetRules: string[];
  configPath: string;
  line?: number;
}

/** Rules and allowlists of one config after its `[extend]` chain is applied. */
interface Layer {
  /** Insertion order = output order; replacing a rule keeps its position. */
  rules: Map<string, SecretRule>;
  allowlists: Allowlist[];
  targeted: TargetedAllowlist[];
}

/** A rule gitleaks accepts but paved cannot run: a warning, not an error. */
class UnsupportedRule extends Error {}

class RuleSetBuilder {
  readonly diagnostics: Diagnostic[] = [];

  constructor(private readonly builtin: SecretRule[]) {}

  buildLayer(config: GitleaksConfig, fsPath: string, chain: string[]): Layer {
    this.diagnostics.push(...config.warnings);
    const layer = this.baseLayer(config, fsPath, [...chain, fsPath]);
    this.disableRules(layer, config);
    for (const rule of config.rules) this.applyRule(layer, rule, config);
    for (const raw of config.allowlists) {
      const allowlist = this.convertAllowlist(raw, config, 'global allowlist');
      if (!allowlist) continue;
      if (raw.targetRules.length > 0) {
        layer.targeted.push({ allowlist, targetRules: raw.targetRules, configPath: config.path, line: raw.line });
      } else {
        layer.allowlists.push(allowlist);
      }
    }
    return layer;
  }

  /** `[[allowlists]] targetRules` become allowlists of those rules, once every layer is merged (as gitleaks does). */
  attachTargetedAllowlists(layer: Layer): void {
    for (const { allowlist, targetRules, configPath, line } of layer.targeted) {
      for (const id of targetRules) {
        const rule = layer.rules.get(id);
        if (!rule) {
          this.diagnostics.push({
            level: 'warning',
            code: 'allowlist-target-unknown',
            message: `an allowlist targets rule "${id}", which is not defined; that target is ignored`,
            path: configPath,
            line,
          });
          continue;
        }
        layer.rules.set(id, { ...rule, allowlists: [...(rule.allowlists ?? []), allowlist] });
      }
    }
    layer.targeted = [];
  }

  private baseLayer(config: GitleaksConfig, fsPath: string, chain: string[]): Layer {
    if (config.extend.useDefault) {
      return { rules: new Map(this.builtin.map((rule) => [rule.id, rule])), allowlists: [], targeted: [] };
    }
    if (config.extend.path) return this.extendedLayer(config, fsPath, chain);
    return { rules: new Map(), allowlists: [], targeted: [] };
  }

  private extendedLayer(config: GitleaksConfig, fsPath: string, chain: string[]): Layer {
    const target = config.extend.path ?? '';
    const where = { path: config.path, line: config.extend.line };
    // Relative to the extending file; gitleaks resolves it from where it runs, so try that second.
    const candidates = isAbsolute(target) ? [target] : [resolve(dirname(fsPath), target), resolve(target)];
    const extendedPath = candidates.find((candidate) => existsSync(candidate));
    if (!extendedPath) {
      throw new PavedError('CONFIG', `[extend] path "${target}" not found`, {
        ...where,
        hint: 'the path is resolved relative to the config file that extends it',
      });
    }
    if (chain.includes(extendedPath)) {
      const cycle = [...chain, extendedPath].map((p) => relative(dirname(chain[0] ?? p), p) || p).join(' → ');
      throw new PavedError('CONFIG', `[extend] path forms a cycle: ${cycle}`, {
        ...where,
        hint: 'remove one of the extends',
      });
    }
    if (chain.length >= MAX_EXTEND_DEPTH) {
      throw new PavedError('CONFIG', `[extend] chain is deeper than ${MAX_EXTEND_DEPTH} files`, where);
    }
    // Shown the way the user would find it: next to the extending file's shown path, else as written.
    const besideConfig = !isAbsolute(target) && extendedPath === candidates[0];
    const shownPath = besideConfig
      ? normalize(join(dirname(config.path), target))
          .split(sep)
          .join('/')
      : target;
    const extended = parseGitleaksConfig(readFileSync(extendedPath, 'utf8'), shownPath);
    return this.buildLayer(extended, extendedPath, chain);
  }

  private disableRules(layer: Layer, config: GitleaksConfig): void {
    for (const id of config.extend.disabledRules) {
      if (!layer.rules.delete(id)) {
        this.diagnostics.push({
          level: 'warning',
          code: 'disabled-rule-unknown',
          message: `disabledRules lists "${id}", which the extended configuration does not define`,
          path: config.path,
          line: config.extend.line,
        });
      }
    }
  }

  private applyRule(layer: Layer, rule: GitleaksRule, config: GitleaksConfig): void {
    const existing = layer.rules.get(rule.id);
    if (rule.skipReport) {
      layer.rules.delete(rule.id);
      this.note('info', 'rule-skipped', `rule "${rule.id}" has skipReport = true; it is not loaded`, rule, config);
      return;
    }
    if (rule.requiredRules.length > 0) {
      const ids = rule.requiredRules.join('", "');
      const message = `rule "${rule.id}": composite rules ([[rules.required]] "${ids}") are not supported; the rule reports on its own`;
      this.note('warning', 'rule-partial', message, rule, config);
    }
    try {
      layer.rules.set(rule.id, existing ? this.mergeRule(existing, rule, config) : this.newRule(rule, config));
    } catch (error) {
      if (error instanceof UnsupportedRule) {
        this.note('warning', 'rule-unsupported', `rule "${rule.id}" skipped: ${error.message}`, rule, config);
        return;
      }
      if (!(error instanceof PavedError) || error.code !== 'RULE') throw error;
      const kept = existing ? '; the rule it extends stays in effect without these changes' : '';
      this.diagnostics.push({
        level: 'error',
        code: 'rule-rejected',
        message: `rule "${rule.id}" rejected: ${error.message}${kept}`,
        path: config.path,
        line: rule.line,
        hint: error.hint,
      });
    }
  }

  private newRule(rule: GitleaksRule, config: GitleaksConfig): SecretRule {
    if (!rule.regex) {
      if (rule.path) {
        throw new UnsupportedRule(
          'path-only rules (a `path` and no `regex`, flagging the file itself) are not supported',
        );
      }
      throw new PavedError('RULE', 'the rule has neither `regex` nor `path`');
    }
    const analysis = analyzeRe2(rule.regex);
    checkSecretGroup(rule.secretGroup, analysis.captureGroupCount);
    // The engine's prefilter needs keywords on the line where a match starts. Without any, it runs the
    // rule over every file in full — correct, but slower.
    const derived = analysis.spansLines ? analysis.prefixKeywords : analysis.literalKeywords;
    const keywords = rule.keywords.length > 0 ? lowerCased(rule.keywords) : derived;
    if (keywords.length === 0) {
      const message = `rule "${rule.id}" has no keywords and none can be derived from its regex; it runs on every file`;
      this.note(
        'info',
        'rule-no-keywords',
        message,
        rule,
        config,
        'add `keywords = [...]` to the rule for faster scans',
      );
    }
    return omitUndefined({
      id: rule.id,
      title: rule.description ?? rule.id,
      severity: 'high',
      description: describeRule(rule, config),
      remediation: REMEDIATION,
      references: [],
      keywords,
      pattern: analysis.regex,
      secretGroup: rule.secretGroup,
      entropy: rule.entropy,
      multiline: analysis.spansLines || undefined,
      path: rule.path ? compilePath(rule.path) : undefined,
      allowlists: this.convertAllowlists(rule, config),
      tags: rule.tags.length > 0 ? [...rule.tags] : undefined,
    });
  }

  /**
   * gitleaks semantics for a rule that extends one with the same id: set fields (description, regex,
   * secretGroup, entropy, path) replace the base's; keywords, tags and allowlists are appended.
   */
  private mergeRule(base: SecretRule, rule: GitleaksRule, config: GitleaksConfig): SecretRule {
    const merged: SecretRule = { ...base };
    const keywords = [...base.keywords, ...lowerCased(rule.keywords)];
    if (rule.regex) {
      const analysis = analyzeRe2(rule.regex);
      merged.pattern = analysis.regex;
      merged.multiline = analysis.spansLines || undefined;
      // The base's samples were written for its own pattern.
      merged.samples = undefined;
      // Extra keywords only widen the prefilter: never miss what the new regex finds.
      keywords.push(...(analysis.spansLines ? analysis.prefixKeywords : analysis.literalKeywords));
    }
    if (rule.secretGroup) {
      checkSecretGroup(rule.secretGroup, countCaptureGroups(merged.pattern));
      merged.secretGroup = rule.secretGroup;
    }
    if (rule.entropy) merged.entropy = rule.entropy;
    if (rule.path) merged.path = compilePath(rule.path);
    if (rule.description) {
      merged.title = rule.description;
      merged.description = describeRule(rule, config);
    }
    merged.keywords = [...new Set(keywords)];
    merged.tags = [...(base.tags ?? []), ...rule.tags];
    merged.allowlists = [...(base.allowlists ?? []), ...(this.convertAllowlists(rule, config) ?? [])];
    return omitUndefined(merged);
  }

  private convertAllowlists(rule: GitleaksRule, config: GitleaksConfig): Allowlist[] | undefined {
    const converted = rule.allowlists.flatMap((raw) => {
      const allowlist = this.convertAllowlist(raw, config, `allowlist of rule "${rule.id}"`);
      return allowlist ? [allowlist] : [];
    });
    return converted.length > 0 ? converted : undefined;
  }

  /**
   * Compiles an allowlist's regexes. One that fails drops the whole allowlist: dropping a single entry
   * could widen an AND allowlist and hide real secrets.
   */
  private convertAllowlist(raw: GitleaksAllowlist, config: GitleaksConfig, what: string): Allowlist | undefined {
    try {
      return omitUndefined({
        description: raw.description,
        condition: raw.condition,
        regexTarget: raw.regexTarget,
        regexes: raw.regexes.length > 0 ? raw.regexes.map((re) => compileRe2(re)) : undefined,
        paths: raw.paths.length > 0 ? raw.paths.map((re) => compileRe2(re)) : undefined,
        commits: raw.commits.length > 0 ? [...raw.commits] : undefined,
        stopwords: raw.stopwords.length > 0 ? lowerCased(raw.stopwords) : undefined,
      });
    } catch (error) {
      if (!(error instanceof PavedError) || error.code !== 'RULE') throw error;
      this.diagnostics.push({
        level: 'error',
        code: 'allowlist-rejected',
        message: `${what} dropped: ${error.message}; matches it would have hidden are reported`,
        path: config.path,
        line: raw.line,
        hint: error.hint,
      });
      return undefined;
    }
  }

  private note(
    level: Diagnostic['level'],
    code: string,
    message: string,
    rule: GitleaksRule,
    config: GitleaksConfig,
    hint?: string,
  ): void {
    this.diagnostics.push(omitUndefined({ level, code, message, path: config.path, line: rule.line, hint }));
  }
}

function checkSecretGroup(secretGroup: number | undefined, groupCount: number): void {
  if (secretGroup && secretGroup > groupCount) {
    throw new PavedError('RULE', `secretGroup is ${secretGroup} but the regex has ${groupCount} capture group(s)`);
  }
}

function countCaptureGroups(pattern: RegExp): number {
  return (new RegExp(`${pattern.source}|`, pattern.flags.replace(/[gy]/g, '')).exec('')?.length ?? 1) - 1;
}

function compilePath(goSource: string): RegExp {
  try {
    return compileRe2(goSource);
  } catch (error) {
    if (error instanceof PavedError) throw new PavedError('RULE', `path: ${error.message}`, { hint: error.hint });
    throw error;
  }
}

function describeRule(rule: GitleaksRule, config: GitleaksConfig): string {
  const what = rule.description ? `${rule.description}.` : `Custom secret rule "${rule.id}".`;
  return `${what} Imported from the gitleaks configuration ${config.path}.`;
}

function lowerCased(values: string[]): string[] {
  return [...new Set(values.map((v) => v.toLowerCase()))];
}

/** Optional fields stay absent rather than `undefined`, so rules compare and serialise cleanly. */
function omitUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
