import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PavedError } from '../core/errors.js';
import type { Diagnostic } from '../core/model.js';
import { buildRuleSet, loadSecretConfig, parseGitleaksConfig } from './gitleaks-config.js';
import type { SecretRule } from './rule.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '__fixtures__', 'gitleaks');

/** Fake credentials are assembled at run time so this file holds no credential-shaped literal. */
const fakeToken = (prefix: string, body: string, length: number) => prefix + body.repeat(length).slice(0, length);

function builtinRule(id: string, pattern: RegExp, keywords: string[], extra: Partial<SecretRule> = {}): SecretRule {
  return {
    id,
    title: id,
    severity: 'high',
    description: `Built-in ${id}.`,
    remediation: 'Rotate it.',
    references: [],
    keywords,
    pattern,
    ...extra,
  };
}

const BUILTIN: SecretRule[] = [
  builtinRule('fake-github-pat', /ghp_[0-9A-Za-z]{36}/, ['ghp_'], {
    allowlists: [{ description: 'built-in allowlist', stopwords: ['example'] }],
    samples: { positive: ['x'], negative: [] },
    tags: ['github'],
  }),
  builtinRule('fake-slack-webhook', /hooks\.slack\.com\/services\/[A-Z0-9/]+/, ['hooks.slack.com']),
  builtinRule('fake-aws-key', /AKIA[0-9A-Z]{16}/, ['akia']),
];

function fixture(name: string): { text: string; path: string } {
  const path = join(FIXTURES, name);
  return { text: readFileSync(path, 'utf8'), path };
}

function build(name: string) {
  const { text, path } = fixture(name);
  return buildRuleSet(parseGitleaksConfig(text, name), BUILTIN, path);
}

/** 1-based line of the first line containing `needle`. */
function lineOf(name: string, needle: string): number {
  return (
    fixture(name)
      .text.split('\n')
      .findIndex((line) => line.includes(needle)) + 1
  );
}

function ruleIn(rules: SecretRule[], id: string): SecretRule {
  const rule = rules.find((r) => r.id === id);
  if (!rule) throw new Error(`rule ${id} not loaded`);
  return rule;
}

function diagnostic(diagnostics: Diagnostic[], code: string, text: string): Diagnostic {
  const found = diagnostics.find((d) => d.code === code && d.message.includes(text));
  if (!found) throw new Error(`no ${code} diagnostic about ${text}: ${JSON.stringify(diagnostics, null, 2)}`);
  return found;
}

function configError(run: () => unknown): PavedError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(PavedError);
    return error as PavedError;
  }
  throw new Error('expected a PavedError');
}

describe('extending the defaults (old allowlist forms)', () => {
  const { ruleSet, diagnostics } = build('extends-default.toml');

  it('starts from the built-in rules, minus disabledRules, plus the config rules in order', () => {
    expect(ruleSet.rules.map((r) => r.id)).toEqual([
      'fake-github-pat',
      'fake-aws-key',
      'acme-internal-token',
      'acme-db-url',
    ]);
    expect(diagnostics.filter((d) => d.level !== 'info')).toEqual([]);
  });

  it('turns a gitleaks rule into a SecretRule', () => {
    const rule = ruleIn(ruleSet.rules, 'acme-internal-token');
    expect(rule).toMatchObject({
      title: 'ACME internal API token',
      severity: 'high',
      secretGroup: 1,
      entropy: 3,
      keywords: ['acme_live_', 'acme_test_'],
      tags: ['acme', 'internal'],
      references: [],
    });
    expect(rule.description).toContain('ACME internal API token');
    expect(rule.remediation).toMatch(/Rotate the credential/);
    const token = fakeToken('acme_live_', '0a1b2c3d4e5f6789', 32);
    expect(rule.pattern.exec(`key: ${token}`)?.[1]).toBe(token);
    expect(rule.pattern.test(`${token}z`)).toBe(false); // \b
  });

  it('translates the rule allowlist (old [rules.allowlist] form)', () => {
    const [allowlist] = ruleIn(ruleSet.rules, 'acme-internal-token').allowlists ?? [];
    expect(allowlist).toMatchObject({
      description: 'the documented example token',
      condition: 'OR',
      regexTarget: 'secret',
    });
    expect(allowlist?.regexes?.[0]?.test(fakeToken('acme_test_', '0', 32))).toBe(true);
    expect(allowlist?.paths?.[0]?.test('docs/Tokens.MD')).toBe(true);
    expect(allowlist?.paths?.[0]?.test('src/docs/tokens.md')).toBe(false);
  });

  it('derives keywords when the rule has none', () => {
    expect(ruleIn(ruleSet.rules, 'acme-db-url').keywords).toEqual(['acmedb://']);
  });

  it('a rule with a built-in id extends it: keywords and allowlists appended, the rest kept', () => {
    const rule = ruleIn(ruleSet.rules, 'fake-github-pat');
    const original = ruleIn(BUILTIN, 'fake-github-pat');
    expect(rule.pattern).toBe(original.pattern);
    expect(rule.samples).toEqual(original.samples);
    expect(rule.keywords).toEqual(['ghp_', 'github_pat']);
    expect(rule.allowlists?.map((a) => a.description)).toEqual(['built-in allowlist', 'CI fixtures']);
    expect(rule.allowlists?.[1]).toMatchObject({ condition: 'AND', regexTarget: 'line' });
    expect(original.allowlists).toHaveLength(1); // built-ins are not mutated
  });

  it('translates the global allowlist (old [allowlist] form)', () => {
    expect(ruleSet.allowlists).toHaveLength(1);
    const [global] = ruleSet.allowlists;
    expect(global?.stopwords).toEqual(['example', 'placeholder']);
    expect(global?.commits).toEqual(['0123456789abcdef0123456789abcdef01234567']);
    expect(global?.paths?.some((re) => re.test('img/Logo.PNG'))).toBe(true);
    expect(global?.paths?.some((re) => re.test('web/node_modules/x.js'))).toBe(true);
    expect(global?.paths?.some((re) => re.test('src/main.ts'))).toBe(false);
  });
});

describe('newer allowlist forms', () => {
  const { ruleSet, diagnostics } = build('new-allowlists.toml');

  it('reads [[rules.allowlists]]', () => {
    const allowlists = ruleIn(ruleSet.rules, 'acme-internal-token').allowlists ?? [];
    expect(allowlists.map((a) => [a.description, a.condition, a.regexTarget])).toEqual([
      ['test tokens in test files', 'AND', 'secret'],
      ['a documented line', 'OR', 'line'],
      ['expected test output trips two rules', 'OR', 'secret'], // the targeted global one, appended
    ]);
    expect(allowlists[1]?.regexes?.[0]?.test('see gitleaks-docs here')).toBe(true);
  });

  it('keeps untargeted [[allowlists]] global and attaches targeted ones to their rules', () => {
    expect(ruleSet.allowlists.map((a) => a.description)).toEqual(['vendored code']);
    for (const id of ['acme-internal-token', 'fake-github-pat']) {
      const descriptions = ruleIn(ruleSet.rules, id).allowlists?.map((a) => a.description);
      expect(descriptions).toContain('expected test output trips two rules');
    }
    expect(ruleIn(ruleSet.rules, 'fake-aws-key').allowlists).toBeUndefined();
  });

  it('warns about a target rule that does not exist', () => {
    const warning = diagnostic(diagnostics, 'allowlist-target-unknown', 'no-such-rule');
    const header = lineOf('new-allowlists.toml', 'targets a rule nobody defines') - 1;
    expect(warning).toMatchObject({ level: 'warning', path: 'new-allowlists.toml', line: header });
  });
});

describe('[extend] path chains', () => {
  const { ruleSet, diagnostics } = build('chain/top.toml');

  it('merges the chain, applying each level’s disabledRules', () => {
    expect(ruleSet.rules.map((r) => r.id).sort()).toEqual([
      'base-token',
      'fake-aws-key',
      'fake-github-pat',
      'top-token',
    ]);
  });

  it('a middle level extends a rule of the base', () => {
    const rule = ruleIn(ruleSet.rules, 'base-token');
    expect(rule.entropy).toBe(3.5);
    expect(rule.allowlists?.[0]?.stopwords).toEqual(['sample']);
    expect(rule.title).toBe('Shared base token');
  });

  it('collects the global allowlists of every level', () => {
    const paths = ruleSet.allowlists.flatMap((a) => a.paths?.map((re) => re.source) ?? []);
    expect(paths).toEqual(['^third_party\\/', '^generated\\/']);
  });

  it('warns about a disabled rule nobody defines, with the file it is in', () => {
    expect(diagnostic(diagnostics, 'disabled-rule-unknown', 'never-defined').path).toBe('chain/top.toml');
  });

  it('refuses cycles', () => {
    const error = configError(() => build('chain/cycle-a.toml'));
    expect(error.code).toBe('CONFIG');
    expect(error.message).toMatch(/cycle: .*cycle-a\.toml → .*cycle-b\.toml → .*cycle-a\.toml/);
  });

  it('refuses a missing extended file', () => {
    const error = configError(() => build('chain/missing-base.toml'));
    expect(error).toMatchObject({ code: 'CONFIG', path: 'chain/missing-base.toml', line: 1 });
    expect(error.message).toContain('does-not-exist.toml');
  });

  it('refuses useDefault and path together, like gitleaks', () => {
    expect(configError(() => build('both-extends.toml')).code).toBe('CONFIG');
  });
});

describe('rules that cannot be imported', () => {
  const name = 'bad-rules.toml';
  const { ruleSet, diagnostics } = build(name);

  it('rejects them with an error diagnostic on the line of their id, and loads the others', () => {
    expect(ruleSet.rules.map((r) => r.id)).toEqual(['go-syntax-rule', 'no-keywords-rule', 'good-rule']);
    for (const [id, reason] of [
      ['lookahead-rule', /lookahead/],
      ['redos-rule', /catastrophic backtracking/],
      ['bad-group-rule', /secretGroup is 2 but the regex has 1 capture group/],
    ] as const) {
      const rejected = diagnostic(diagnostics, 'rule-rejected', `"${id}"`);
      expect(rejected).toMatchObject({ level: 'error', path: name, line: lineOf(name, `id = "${id}"`) });
      expect(rejected.message).toMatch(reason);
    }
  });

  it('reports a path-only rule as unsupported (warning)', () => {
    const warning = diagnostic(diagnostics, 'rule-unsupported', 'path-only-rule');
    expect(warning).toMatchObject({ level: 'warning', line: lineOf(name, 'id = "path-only-rule"') });
  });

  it('imports Go-only syntax: (?i), (?P<name>), \\z', () => {
    const rule = ruleIn(ruleSet.rules, 'go-syntax-rule');
    expect(rule.keywords).toEqual(['deploy_key']);
    const value = fakeToken('', 'k3y9', 20);
    expect(rule.pattern.exec(`DEPLOY_KEY = ${value}`)?.groups?.secret).toBe(value);
    expect(rule.pattern.test(`deploy_key=${value}\n`)).toBe(false); // \z: nothing may follow
    expect(rule.pattern.test(`deploy_key=${value}x`)).toBe(false);
  });

  it('runs a rule without derivable keywords on everything, and says so', () => {
    expect(ruleIn(ruleSet.rules, 'no-keywords-rule').keywords).toEqual([]);
    expect(diagnostic(diagnostics, 'rule-no-keywords', 'no-keywords-rule').level).toBe('info');
  });

  it('drops an allowlist whose regex is invalid, keeping the rule', () => {
    const rule = ruleIn(ruleSet.rules, 'good-rule');
    expect(rule.allowlists).toBeUndefined();
    expect(rule.path?.test('config/.env')).toBe(true);
    expect(diagnostic(diagnostics, 'allowlist-rejected', 'good-rule')).toMatchObject({
      level: 'error',
      line: lineOf(name, '[[rules.allowlists]]'),
    });
  });

  it('warns when nothing is left to detect', () => {
    const config = parseGitleaksConfig('[[rules]]\nid = "x"\nregex = "(?=a)"\n', 'empty.toml');
    const { ruleSet: empty, diagnostics: notes } = buildRuleSet(config, BUILTIN, join(FIXTURES, 'empty.toml'));
    expect(empty.rules).toEqual([]);
    expect(notes.map((d) => d.code)).toEqual(['rule-rejected', 'config-no-rules']);
  });

  it('keeps the extended rule unchanged when its extension has a bad regex', () => {
    const config = parseGitleaksConfig(
      '[extend]\nuseDefault = true\n\n[[rules]]\nid = "fake-aws-key"\nregex = "(a+)+"\n',
      'override.toml',
    );
    const result = buildRuleSet(config, BUILTIN, join(FIXTURES, 'override.toml'));
    expect(ruleIn(result.ruleSet.rules, 'fake-aws-key')).toBe(ruleIn(BUILTIN, 'fake-aws-key'));
    expect(diagnostic(result.diagnostics, 'rule-rejected', 'stays in effect').line).toBe(5);
  });
});

describe('parseGitleaksConfig', () => {
  it('raises CONFIG with the line for a TOML syntax error', () => {
    const { text } = fixture('corrupt.toml');
    const error = configError(() => parseGitleaksConfig(text, 'corrupt.toml'));
    expect(error).toMatchObject({ code: 'CONFIG', path: 'corrupt.toml', line: lineOf('corrupt.toml', 'regex = "abc') });
    expect(error.hint).toBe('fix the TOML syntax');
    expect(error.message).toMatch(/^invalid TOML: /);
  });

  it('raises CONFIG for wrong types, naming every rule and line; unknown keys are only warnings', () => {
    const name = 'wrong-types.toml';
    const error = configError(() => parseGitleaksConfig(fixture(name).text, name));
    expect(error.code).toBe('CONFIG');
    expect(error.line).toBe(lineOf(name, 'entropy = "high"'));
    expect(error.message).toContain(
      `line ${lineOf(name, 'entropy = "high"')}: rule "typo-rule": entropy must be a non-negative number`,
    );
    expect(error.message).toContain(
      `line ${lineOf(name, 'tags =')}: rule "second-problem": tags must be a list of strings`,
    );
  });

  it('warns about unknown keys', () => {
    const config = parseGitleaksConfig(
      'colour = "blue"\n\n[[rules]]\nid = "a"\nregex = "abc_[0-9]"\nkeyword = ["abc"]\n',
      'x.toml',
    );
    expect(config.warnings.map((w) => [w.code, w.line])).toEqual([
      ['config-unknown-key', 1],
      ['config-unknown-key', 6],
    ]);
    expect(config.warnings[1]?.message).toContain('rule "a"');
  });

  it('requires rule ids', () => {
    const error = configError(() => parseGitleaksConfig('[[rules]]\nregex = "abc"\n', 'x.toml'));
    expect(error).toMatchObject({ code: 'CONFIG', line: 1 });
    expect(error.message).toContain('rule #1 has no id');
  });

  it('rejects unknown allowlist conditions and regex targets', () => {
    const text = '[[allowlists]]\ncondition = "XOR"\nregexTarget = "file"\nregexes = ["a"]\n';
    const error = configError(() => parseGitleaksConfig(text, 'x.toml'));
    expect(error.message).toContain('line 2: allowlist #1 of the config: condition must be "OR" or "AND"');
    expect(error.message).toContain('line 3: allowlist #1 of the config: regexTarget must be');
  });

  it('reads keys case-insensitively, like gitleaks', () => {
    const { ruleSet, diagnostics } = build('mixed-case-keys.toml');
    expect(diagnostics).toEqual([]);
    const rule = ruleIn(ruleSet.rules, 'camel-rule');
    expect(rule).toMatchObject({ secretGroup: 1, keywords: ['camel_'] });
    expect(rule.allowlists?.[0]).toMatchObject({ stopwords: ['dummy'], regexTarget: 'match' });
  });

  it('accepts both allowlist forms at once with a warning', () => {
    const text = '[allowlist]\npaths = ["a"]\n\n[[allowlists]]\npaths = ["b"]\n';
    const config = parseGitleaksConfig(text, 'x.toml');
    expect(config.allowlists.map((a) => a.paths)).toEqual([['a'], ['b']]);
    expect(config.warnings.map((w) => w.code)).toEqual(['config-allowlist-forms']);
  });

  it('ignores an allowlist without conditions, with a warning', () => {
    const config = parseGitleaksConfig('[[allowlists]]\ndescription = "nothing"\n', 'x.toml');
    expect(config.allowlists).toEqual([]);
    expect(config.warnings[0]).toMatchObject({ code: 'allowlist-empty', line: 1 });
  });

  it('does not take a [x] inside a multi-line string for a table header', () => {
    const text = "[[rules]]\nid = \"a\"\nregex = '''\n[a-z]\n'''\n\n[[rules]]\nid = \"b\"\nregex = '''b'''\n";
    expect(parseGitleaksConfig(text, 'x.toml').rules.map((r) => r.line)).toEqual([2, 8]);
  });
});

describe('loadSecretConfig', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'paved-gitleaks-'));
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  const rule = (id: string) => `[extend]\nuseDefault = true\n\n[[rules]]\nid = "${id}"\nregex = '''${id}_[a-z]{8}'''\n`;

  it('uses the built-in rules when there is no config', async () => {
    const loaded = await loadSecretConfig({ scanRoot: root, builtin: BUILTIN });
    expect(loaded).toEqual({ ruleSet: { rules: BUILTIN, allowlists: [] }, diagnostics: [] });
  });

  it('finds .gitleaks.toml at the scan root', async () => {
    writeFileSync(join(root, '.gitleaks.toml'), rule('root'));
    const loaded = await loadSecretConfig({ scanRoot: root, builtin: BUILTIN });
    expect(loaded.source).toBe('.gitleaks.toml');
    expect(loaded.ruleSet.rules.map((r) => r.id)).toContain('root');
  });

  it('prefers .paved/gitleaks.toml', async () => {
    writeFileSync(join(root, '.gitleaks.toml'), rule('root'));
    mkdirSync(join(root, '.paved'));
    writeFileSync(join(root, '.paved', 'gitleaks.toml'), rule('paved'));
    const loaded = await loadSecretConfig({ scanRoot: root, builtin: BUILTIN });
    expect(loaded.source).toBe('.paved/gitleaks.toml');
    expect(loaded.ruleSet.rules.map((r) => r.id)).toContain('paved');
  });

  it('uses an explicit config path, shown relative to the scan root when inside it', async () => {
    mkdirSync(join(root, 'conf'));
    writeFileSync(join(root, 'conf', 'leaks.toml'), rule('explicit'));
    const loaded = await loadSecretConfig({
      configPath: join(root, 'conf', 'leaks.toml'),
      scanRoot: root,
      builtin: BUILTIN,
    });
    expect(loaded.source).toBe('conf/leaks.toml');
    const outside = await loadSecretConfig({
      configPath: join(root, 'conf', 'leaks.toml'),
      scanRoot: join(root, 'conf', 'x'),
      builtin: BUILTIN,
    });
    expect(outside.source).toBe(join(root, 'conf', 'leaks.toml'));
  });

  it('raises USAGE for a config path that does not exist', async () => {
    await expect(
      loadSecretConfig({ configPath: join(root, 'nope.toml'), scanRoot: root, builtin: BUILTIN }),
    ).rejects.toMatchObject({
      code: 'USAGE',
    });
  });

  it('lets a corrupt config fail the scan', async () => {
    writeFileSync(join(root, '.gitleaks.toml'), '[[rules]\nid = "x"\n');
    await expect(loadSecretConfig({ scanRoot: root, builtin: BUILTIN })).rejects.toMatchObject({
      code: 'CONFIG',
      path: '.gitleaks.toml',
      line: 1,
    });
  });

  it("loads this repository's own .gitleaks.toml", async () => {
    const repoRoot = join(FIXTURES, '..', '..', '..', '..');
    const loaded = await loadSecretConfig({ scanRoot: repoRoot, builtin: BUILTIN });
    expect(loaded.source).toBe('.gitleaks.toml');
    expect(loaded.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
  });
});
