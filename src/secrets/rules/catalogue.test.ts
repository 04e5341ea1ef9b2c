import safeRegex from 'safe-regex2';
import { describe, expect, it } from 'vitest';
import { SEVERITIES } from '../../core/severity.js';
import { SecretEngine } from '../engine.js';
import type { SecretRule } from '../rule.js';
import { genericRules } from './generic.js';
import { BUILTIN_RULES } from './index.js';

/** The pattern as a plain, non-global regex (the engine adds `g` itself). */
function raw(rule: SecretRule): RegExp {
  return new RegExp(rule.pattern.source, rule.pattern.flags.replace('g', ''));
}

/** One engine per rule, built on first use: what the real engine reports for that rule alone. */
const engines = new Map<SecretRule, SecretEngine>();
function findings(rule: SecretRule, text: string): string[] {
  let engine = engines.get(rule);
  if (!engine) {
    engine = new SecretEngine({ rules: [rule], allowlists: [] });
    engines.set(rule, engine);
  }
  return engine.scan(Buffer.from(text), { path: 'samples/config.txt' }).map((match) => match.secret);
}

const vendorRules = BUILTIN_RULES.filter((rule) => !rule.generic && !genericRules.includes(rule));
/** Markers the shared decoy filter treats as placeholders or filler: real-looking samples must avoid them. */
const DECOY_MARKERS = /example|xxxx|placeholder|sample|dummy|\bfake\b|\btest\b|\.\.\.|([^\s])\1{7,}/i;
/** Stripe test-mode keys are a low-severity rule of their own; their prefix is the word "test". */
const TEST_PREFIX_RULES = new Set(['stripe-test-secret-key']);

describe('built-in secret rule catalogue', () => {
  it('has at least 150 rules with unique kebab-case ids', () => {
    expect(BUILTIN_RULES.length).toBeGreaterThanOrEqual(150);
    const ids = BUILTIN_RULES.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  describe.each(BUILTIN_RULES.map((rule) => [rule.id, rule] as const))('%s', (_id, rule) => {
    it('is documented', () => {
      expect(rule.title.trim()).not.toBe('');
      expect(rule.description.trim()).not.toBe('');
      expect(rule.remediation.trim()).not.toBe('');
      expect(SEVERITIES).toContain(rule.severity);
      expect(rule.references.length).toBeGreaterThanOrEqual(1);
      for (const url of rule.references) expect(url).toMatch(/^https:\/\/[^\s]+$/);
    });

    it('is written in plain ASCII (CI logs and Windows consoles show it as written; reports encode fast)', () => {
      for (const text of [rule.title, rule.description, rule.remediation]) expect(text).toMatch(/^[\x20-\x7e]*$/);
    });

    it('has lower-case keywords and a well-formed pattern', () => {
      expect(rule.keywords.length).toBeGreaterThanOrEqual(1);
      for (const keyword of rule.keywords) {
        expect(keyword).not.toBe('');
        expect(keyword).toBe(keyword.toLowerCase());
      }
      expect(rule.pattern.flags).toMatch(/^[imsu]*$/);
    });

    it('has no nested quantifiers (safe-regex2 star height, lookbehinds read as lookaheads)', () => {
      // safe-regex2's parser does not know lookbehind; the quantifier structure is the same either way.
      const probe = rule.pattern.source.replace(/\(\?<([!=])/g, '(?$1');
      expect(safeRegex(probe)).toBe(true);
    });

    it('has realistic positive and negative samples', () => {
      const samples = rule.samples;
      expect(samples).toBeDefined();
      expect(samples?.positive.length).toBeGreaterThanOrEqual(2);
      expect(samples?.negative.length).toBeGreaterThanOrEqual(2);
      for (const sample of samples?.positive ?? []) {
        const lower = sample.toLowerCase();
        expect(
          rule.keywords.some((k) => lower.includes(k)),
          `no keyword in: ${sample}`,
        ).toBe(true);
        if (!rule.skipDecoyFilter && !rule.generic) {
          const markers = TEST_PREFIX_RULES.has(rule.id) ? sample.replace(/_test_/g, '_') : sample;
          expect(DECOY_MARKERS.test(markers), `decoy-looking positive: ${sample}`).toBe(false);
        }
      }
    });

    it('matches every positive sample (raw regex)', () => {
      for (const sample of rule.samples?.positive ?? []) {
        expect(raw(rule).exec(sample), `no match: ${sample}`).not.toBeNull();
      }
    });

    it('matches none of the negative samples (raw regex)', () => {
      // Generic rules reject their negatives through the engine's decoy checks, not the pattern alone.
      if (rule.generic) return;
      for (const sample of rule.samples?.negative ?? []) {
        expect(raw(rule).test(sample), `matched: ${sample}`).toBe(false);
      }
    });

    it('reports each positive sample exactly once, and no other vendor rule reports it', () => {
      // Generic rules overlap vendor formats by design; the engine resolves that in favour of the vendor rule.
      if (rule.generic) return;
      for (const sample of rule.samples?.positive ?? []) {
        expect(findings(rule, sample), sample).toHaveLength(1);
        const others = vendorRules.filter((other) => other !== rule && findings(other, sample).length > 0);
        expect(
          others.map((other) => other.id),
          sample,
        ).toEqual([]);
      }
    });

    it('finishes on long adversarial lines (no catastrophic backtracking)', () => {
      // No time bound here (benchmarks live in bench/): an exponential pattern would hang this test
      // until vitest's timeout fails it.
      const keyword = rule.keywords[0] ?? '';
      for (const filler of ['a', 'A1', '=', ' ', '/', 'a_', '-', '\\n', 'aA0+/']) {
        const text = `${keyword}=${filler.repeat(Math.ceil(20_000 / filler.length))}`;
        expect(() => new RegExp(rule.pattern.source, `${rule.pattern.flags}g`).exec(text)).not.toThrow();
      }
    });
  });

  it('drops well-known documentation credentials through rule allowlists', () => {
    const decoys: [string, string][] = [
      [
        'jwt',
        'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
      ],
      [
        'jwt',
        'SUPABASE_ANON_KEY=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6InF3ZXJ0eXVpb3BhcyIsInJvbGUiOiJhbm9uIiwiaWF0IjoxNzE4MDAwMDAwfQ.Wq2m9XkLr4Tz8Yb1Vn7Hc3Jd6Pf0Gs5Ke2Ua8Qi9Ro',
      ],
      [
        'supabase-service-role-key',
        'SERVICE_KEY=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImV4cCI6MTk4MzgxMjk5Nn0.EGIM96RAZx35lJzdJsyH-qQwv8Hdp7fsn3W0YpN81IU',
      ],
      [
        'azure-storage-account-key',
        'AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==',
      ],
      ['http-basic-auth-header', 'Authorization: Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW'],
      ['postgres-connection-string', 'DATABASE_URL=postgres://user:password@localhost:5432/app'],
      ['url-credentials', 'PROXY_URL=http://proxyuser:changeme@proxy.corp:3128'],
      ['curl-user-credentials', 'curl -u admin:admin http://localhost:8080/api/json'],
      ['http-basic-auth-header', 'curl -H "Authorization: Basic dXNlcm5hbWU6cGFzc3dvcmQ=" http://localhost:8080/'],
    ];
    for (const [id, line] of decoys) {
      const rule = BUILTIN_RULES.find((r) => r.id === id);
      expect(rule, id).toBeDefined();
      if (!rule) continue;
      expect(raw(rule).test(line), `${id} pattern should see ${line}`).toBe(true);
      expect(findings(rule, line), `${id} should allowlist ${line}`).toEqual([]);
    }
  });
});
