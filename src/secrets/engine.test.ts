import { describe, expect, it } from 'vitest';
import { SecretEngine } from './engine.js';
import type { SecretRule } from './rule.js';
import { genericRules } from './rules/generic.js';

const token: SecretRule = {
  id: 'acme-token',
  title: 'Acme token',
  severity: 'high',
  description: 'An Acme API token.',
  remediation: 'Revoke it.',
  references: [],
  keywords: ['acme_'],
  pattern: /(?<![A-Za-z0-9_])acme_[A-Za-z0-9]{24}(?![A-Za-z0-9])/,
};
const pem: SecretRule = {
  id: 'pem-key',
  title: 'Private key',
  severity: 'critical',
  description: 'A private key.',
  remediation: 'Rotate it.',
  references: [],
  keywords: ['-----begin'],
  multiline: true,
  pattern: /-----BEGIN PRIVATE KEY-----\n(?:[A-Za-z0-9+/=]{16,76}\n){1,100}-----END PRIVATE KEY-----/,
};

const ACME = 'acme_Q7hT2kLp9ZxW4vN8bR3mC6yD';

function scan(text: string, rules: SecretRule[] = [token], path = 'app/config.ts', extra = {}) {
  return new SecretEngine({ rules, allowlists: [], ...extra }).scan(Buffer.from(text), { path });
}

describe('SecretEngine', () => {
  it('reports a token with 1-based line and columns', () => {
    const [match, ...rest] = scan(`first line\nconst key = "${ACME}";\n`);
    expect(rest).toEqual([]);
    expect(match).toMatchObject({
      secret: ACME,
      startLine: 2,
      startColumn: 14,
      endLine: 2,
      endColumn: 14 + ACME.length,
    });
  });

  it('runs a rule only where its keyword occurs (prefilter)', () => {
    const rule = { ...token, keywords: ['zzz'] };
    expect(scan(`x = "${ACME}"`, [rule])).toEqual([]);
    expect(scan(`zzz = "${ACME}"`, [rule])).toHaveLength(1);
  });

  it('honours inline paved:allow and gitleaks:allow on the line', () => {
    expect(scan(`k = "${ACME}" // paved:allow`)).toEqual([]);
    expect(scan(`k = "${ACME}" # gitleaks:allow`)).toEqual([]);
    expect(scan(`k = "${ACME}" # gitleaks:allow\nj = "${ACME}"`)).toHaveLength(1);
  });

  it('drops matches below the entropy floor', () => {
    const rule = { ...token, entropy: 5.5 };
    expect(scan(`k = "${ACME}"`, [rule])).toEqual([]);
    expect(scan(`k = "${ACME}"`, [{ ...token, entropy: 3 }])).toHaveLength(1);
  });

  it('drops placeholders, masks and references', () => {
    expect(scan('k = "acme_XXXXXXXXXXXXXXXXXXXXXXXX"')).toEqual([]);
    expect(scan('k = "acme_yourTokenHere123456789a"')).toEqual([]);
    expect(scan('k = "acme_EXAMPLEEXAMPLE0123456789"')).toEqual([]);
  });

  it('applies rule allowlists by secret, line and path, and global allowlists', () => {
    const bySecret = { ...token, allowlists: [{ regexes: [/Q7hT2/] }] };
    expect(scan(`k = "${ACME}"`, [bySecret])).toEqual([]);
    const byLine = { ...token, allowlists: [{ regexTarget: 'line' as const, regexes: [/^k = /] }] };
    expect(scan(`k = "${ACME}"`, [byLine])).toEqual([]);
    expect(scan(`j = "${ACME}"`, [byLine])).toHaveLength(1);
    const byPath = { ...token, allowlists: [{ paths: [/^app\//] }] };
    expect(scan(`k = "${ACME}"`, [byPath])).toEqual([]);
    expect(scan(`k = "${ACME}"`, [token], 'app/x.ts', { allowlists: [{ stopwords: ['q7ht2'] }] })).toEqual([]);
    const both = { ...token, allowlists: [{ condition: 'AND' as const, paths: [/^app\//], stopwords: ['nope'] }] };
    expect(scan(`k = "${ACME}"`, [both])).toHaveLength(1);
  });

  it('finds multi-line private keys and reports their span', () => {
    const body = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKB\n';
    const text = `# key\n-----BEGIN PRIVATE KEY-----\n${body}-----END PRIVATE KEY-----\n`;
    const [match] = scan(text, [pem]);
    expect(match).toMatchObject({ startLine: 2, startColumn: 1, endLine: 5 });
  });

  it('prefers a vendor rule over the generic rule for the same text', () => {
    const matches = scan(`api_token = "${ACME}"`, [token, ...genericRules]);
    expect(matches.map((m) => m.rule.id)).toEqual(['acme-token']);
  });

  it('maps diff text lines to real line numbers', () => {
    const engine = new SecretEngine({ rules: [token], allowlists: [] });
    const [match] = engine.scan(Buffer.from(`a\nk = "${ACME}"`), { path: 'x', lineNumbers: [10, 42] });
    expect(match?.startLine).toBe(42);
  });

  it('scans windows of very long lines around keyword hits', () => {
    const long = `${'a'.repeat(50_000)} k="${ACME}" ${'b'.repeat(50_000)}`;
    const [match] = scan(long);
    expect(match).toMatchObject({ startLine: 1, startColumn: 50_005 });
  });

  it('numbers lines right for many matches, on long lines, blank lines and a last line without newline', () => {
    const long = `${'a'.repeat(20_000)} k="${ACME}" ${'b'.repeat(20_000)} j="${ACME}"`;
    const lines = [`k="${ACME}"`, '', `x="${ACME}"`, ...Array(996).fill('filler'), long, '', `z="${ACME}"`];
    const found = scan(lines.join('\n')).map((m) => `${m.startLine}:${m.startColumn}`);
    expect(found).toEqual(['1:4', '3:4', '1000:20005', `1000:${20_005 + ACME.length + 2 + 20_000 + 4}`, '1002:4']);
  });

  it('runs rules without keywords on every file', () => {
    const rule = { ...token, keywords: [] };
    expect(scan(`k = "${ACME}"`, [rule])).toHaveLength(1);
  });

  it('reports each occurrence once even with several keyword hits on a line', () => {
    const rule = { ...token, keywords: ['acme_', 'k ='] };
    expect(scan(`k = "${ACME}" acme_ acme_`, [rule])).toHaveLength(1);
  });
});

describe('generic rules through the engine', () => {
  const engine = new SecretEngine({ rules: genericRules, allowlists: [] });
  for (const rule of genericRules) {
    it(`${rule.id}: reports every positive sample and no negative one`, () => {
      for (const sample of rule.samples?.positive ?? []) {
        expect(
          engine.scan(Buffer.from(sample), { path: 'config/settings.yml' }).map((m) => m.rule.id),
          sample,
        ).toEqual([rule.id]);
      }
      for (const sample of rule.samples?.negative ?? []) {
        expect(engine.scan(Buffer.from(sample), { path: 'config/settings.yml' }), sample).toEqual([]);
      }
    });
  }
});
