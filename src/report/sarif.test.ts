import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import AjvDraft04 from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import type { ScanReport } from '../core/model.js';
import { FINGERPRINT_KEY, pascalCase, SARIF_SCHEMA_URI, sarifReporter } from './sarif.js';
import type { SarifLog } from './sarif-types.js';
import { makeEmptyReport, makeReport } from './test-report.js';

const require = createRequire(import.meta.url);
const officialSchema = JSON.parse(
  readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'),
) as object;
// ajv-draft-04 is CommonJS; under NodeNext its class is reachable as `.default` both in types and at runtime.
// unicodeRegExp off: the official schema's `language` pattern has a stray `]` that is only legal without the `u` flag.
const validateSarif = new AjvDraft04.default({
  strict: false,
  allErrors: true,
  validateFormats: false,
  unicodeRegExp: false,
}).compile(officialSchema);

function render(report: ScanReport): SarifLog {
  return JSON.parse(sarifReporter.render(report, { color: false })) as SarifLog;
}

function firstRun(report: ScanReport) {
  const run = render(report).runs[0];
  if (!run) throw new Error('SARIF log has no run');
  return run;
}

describe('sarif reporter', () => {
  it.each([
    ['full report', makeReport()],
    ['empty report', makeEmptyReport()],
  ])('validates against the official SARIF 2.1.0 schema (%s)', (_name, report) => {
    const valid = validateSarif(render(report));
    expect(validateSarif.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('has a live validator that rejects a broken log', () => {
    const log = render(makeReport());
    const region = log.runs[0]?.results[0]?.locations[0]?.physicalLocation.region;
    if (region) region.startLine = 0;
    expect(validateSarif(log)).toBe(false);
  });

  it('declares schema, version and one run with the paved driver', () => {
    const log = render(makeReport());
    expect(log.$schema).toBe(SARIF_SCHEMA_URI);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const driver = log.runs[0]?.tool.driver;
    expect(driver).toMatchObject({
      name: 'paved',
      version: '0.1.0',
      informationUri: 'https://github.com/paved-dev/paved',
    });
    expect(log.runs[0]?.columnKind).toBe('utf16CodeUnits');
  });

  it('lists each referenced rule exactly once and every ruleIndex points at its ruleId', () => {
    const run = firstRun(makeReport());
    const ids = run.tool.driver.rules.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([
      'GHSA-35jh-r3h4-6jhm',
      'aws-access-key-id',
      'generic-api-key',
      'github-pat',
      'terraform-s3-public-read',
    ]);
    expect(ids).not.toContain('slack-webhook');
    for (const result of run.results) {
      expect(run.tool.driver.rules[result.ruleIndex]?.id).toBe(result.ruleId);
    }
  });

  it('describes every rule with help text, markdown, names and GitHub security properties', () => {
    const rules = firstRun(makeReport()).tool.driver.rules;
    for (const rule of rules) {
      expect(rule.help.text.length).toBeGreaterThan(0);
      expect(rule.help.markdown?.length).toBeGreaterThan(0);
      expect(rule.shortDescription.text.length).toBeGreaterThan(0);
      expect(rule.fullDescription.text.length).toBeGreaterThan(0);
      expect(rule.properties.precision).toBe('high');
      expect(rule.properties.tags).toContain('security');
      expect(typeof rule.properties['security-severity']).toBe('string');
    }
    const aws = rules.find((rule) => rule.id === 'aws-access-key-id');
    expect(aws).toMatchObject({
      name: 'AwsAccessKeyId',
      shortDescription: { text: 'AWS access key ID' },
      helpUri: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html',
      defaultConfiguration: { level: 'error' },
      properties: { 'security-severity': '9.5' },
    });
    expect(aws?.help.text).toContain('Remediation: Deactivate the key');
    expect(aws?.help.markdown).toContain('- <https://docs.aws.amazon.com/');
    expect(rules.find((rule) => rule.id === 'generic-api-key')?.properties['security-severity']).toBe('0.0');
  });

  it('maps severities to SARIF levels', () => {
    const levels = Object.fromEntries(
      firstRun(makeReport()).results.map((result) => [result.properties.severity as string, result.level]),
    );
    expect(levels).toEqual({ critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' });
  });

  it('gives every result a fingerprint and a 1-based region', () => {
    for (const result of firstRun(makeReport()).results) {
      expect(result.partialFingerprints[FINGERPRINT_KEY]).toMatch(/.+/);
      const region = result.locations[0]?.physicalLocation.region;
      expect(region?.startLine).toBeGreaterThanOrEqual(1);
      expect(region?.startColumn).toBeGreaterThanOrEqual(1);
      expect(region?.endColumn).toBeGreaterThanOrEqual(1);
    }
  });

  it('clamps zero or inverted positions into a valid region', () => {
    const report = makeReport();
    const finding = report.findings[0];
    if (!finding) throw new Error('fixture has no findings');
    finding.location = { ...finding.location, startLine: 0, startColumn: 0, endLine: 0, endColumn: 0 };
    const result = firstRun({ ...report, findings: [finding] }).results[0];
    expect(result?.locations[0]?.physicalLocation.region).toEqual({
      startLine: 1,
      startColumn: 1,
      endLine: 1,
      endColumn: 1,
    });
  });

  it('writes relative paths as percent-encoded URI references under %SRCROOT%', () => {
    const run = firstRun(makeReport());
    const uris = run.results.map((result) => result.locations[0]?.physicalLocation.artifactLocation);
    expect(uris).toContainEqual({ uri: 'deploy/prod%20config.env', uriBaseId: '%SRCROOT%' });
    expect(uris).toContainEqual({ uri: 'src/app.ts', uriBaseId: '%SRCROOT%' });
    expect(run.originalUriBaseIds?.['%SRCROOT%']?.uri).toBe(`${pathToFileURL('/home/dev/projects/my app').href}/`);
  });

  it('omits originalUriBaseIds when the target is not an absolute path', () => {
    expect(firstRun(makeReport({ targets: ['.'] })).originalUriBaseIds).toBeUndefined();
  });

  it('records commit, author and date of history findings', () => {
    const result = firstRun(makeReport()).results.find((candidate) => candidate.ruleId === 'github-pat');
    expect(result?.properties).toEqual({
      severity: 'high',
      kind: 'secret',
      commitSha: '3f9c2a1b7d4e5f60718293a4b5c6d7e8f9012345',
      author: 'Jane Doe',
      date: '2024-03-01T10:20:30Z',
    });
  });

  it('reports diagnostics as tool execution notifications', () => {
    const invocation = firstRun(makeReport()).invocations[0];
    expect(invocation?.executionSuccessful).toBe(true);
    expect(invocation?.startTimeUtc).toBe('2024-05-06T07:08:09.000Z');
    expect(invocation?.endTimeUtc).toBe('2024-05-06T07:08:10.234Z');
    expect(invocation?.toolExecutionNotifications).toEqual([
      {
        level: 'warning',
        message: {
          text: 'skipped: file is larger than 10 MiB (hint: raise scan.maxFileSize in paved.toml to scan it)',
        },
        descriptor: { id: 'FILE_TOO_LARGE' },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: 'assets/video.bin', uriBaseId: '%SRCROOT%' },
              region: { startLine: 1 },
            },
          },
        ],
      },
      { level: 'note', message: { text: '3 paths ignored by .gitignore' }, descriptor: { id: 'GITIGNORE' } },
    ]);
  });

  it('marks the execution unsuccessful when an error diagnostic is present', () => {
    const report = makeReport({ diagnostics: [{ level: 'error', code: 'GIT', message: 'not a git repository' }] });
    expect(firstRun(report).invocations[0]?.executionSuccessful).toBe(false);
  });

  it('builds PascalCase rule names', () => {
    expect(pascalCase('github-pat')).toBe('GithubPat');
    expect(pascalCase('GHSA-35jh-r3h4-6jhm')).toBe('GHSA35jhR3h46jhm');
    expect(pascalCase('aws.access_key')).toBe('AwsAccessKey');
    expect(pascalCase('--')).toBe('Rule');
  });
});
