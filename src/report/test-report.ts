/**
 * Shared ScanReport fixtures for the reporter tests (kept outside __fixtures__ so biome checks it).
 * The raw secrets exist only in RAW_SECRETS; findings carry masks and fingerprints derived from them,
 * exactly as the engine would, so tests can assert that no reporter ever prints a raw value.
 */
import { secretFingerprint } from '../core/fingerprint.js';
import type { Finding, RuleDescriptor, ScanReport } from '../core/model.js';
import { maskSecret } from '../core/redact.js';

// Assembled at runtime so secret scanners (paved included) do not flag this file.
const AWS_KEY = ['AKIA', 'PAVEDFIXTURE', '7Q2Z'].join('');
const GITHUB_TOKEN = ['ghp', 'pavedFixtureOnly0NotARealToken0x9Kq2'].join('_');
const API_KEY = ['api', 'key', 'fixture', 'W8nq4LzR3tT6'].join('-');

/** Values that must never appear in any rendered output. */
export const RAW_SECRETS: readonly string[] = [AWS_KEY, GITHUB_TOKEN, API_KEY];

const AWS_RULE: RuleDescriptor = {
  id: 'aws-access-key-id',
  kind: 'secret',
  title: 'AWS access key ID',
  severity: 'critical',
  description: 'An AWS access key ID. Together with its secret key it grants API access to the AWS account.',
  remediation: 'Deactivate the key in IAM, create a new one and load it from a secret store.',
  references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html'],
  tags: ['aws', 'cloud'],
};

const GITHUB_RULE: RuleDescriptor = {
  id: 'github-pat',
  kind: 'secret',
  title: 'GitHub personal access token',
  severity: 'high',
  description: 'A GitHub personal access token; it acts as its owner on every repository it can reach.',
  remediation: 'Revoke the token in GitHub settings and rewrite history if it was pushed.',
  references: [
    'https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/managing-your-personal-access-tokens',
  ],
};

const S3_RULE: RuleDescriptor = {
  id: 'terraform-s3-public-read',
  kind: 'misconfig',
  title: 'S3 bucket allows public read',
  severity: 'medium',
  description: 'The bucket ACL grants read access to everyone on the internet.',
  remediation: 'Set acl = "private" and enable the S3 public access block.',
  references: [],
  tags: ['terraform', 'aws'],
};

const GENERIC_RULE: RuleDescriptor = {
  id: 'generic-api-key',
  kind: 'secret',
  title: 'Generic API key',
  severity: 'info',
  description: 'A value assigned to a variable named like an API key with high entropy.',
  remediation: 'Move the value to an environment variable or secret store.',
  references: [],
};

/** Active but without findings: must not be listed in SARIF. */
const UNUSED_RULE: RuleDescriptor = {
  id: 'slack-webhook',
  kind: 'secret',
  title: 'Slack incoming webhook',
  severity: 'medium',
  description: 'A Slack incoming webhook URL; anyone holding it can post into the channel.',
  remediation: 'Regenerate the webhook in Slack.',
  references: ['https://api.slack.com/messaging/webhooks'],
};

function secretFinding(rule: RuleDescriptor, secret: string, location: Finding['location']): Finding {
  return {
    ruleId: rule.id,
    kind: rule.kind,
    severity: rule.severity,
    title: rule.title,
    message: `${rule.title} ${maskSecret(secret)} found`,
    location,
    fingerprint: secretFingerprint(rule.id, location.path, secret),
    evidence: maskSecret(secret),
    remediation: rule.remediation,
    references: rule.references,
    tags: rule.tags,
  };
}

function makeFindings(): Finding[] {
  return [
    secretFinding(GITHUB_RULE, GITHUB_TOKEN, {
      path: 'src/app.ts',
      startLine: 12,
      startColumn: 17,
      endLine: 12,
      endColumn: 17 + GITHUB_TOKEN.length,
      commit: '3f9c2a1b7d4e5f60718293a4b5c6d7e8f9012345',
      author: 'Jane Doe',
      email: 'jane@example.com',
      date: '2024-03-01T10:20:30Z',
    }),
    secretFinding(GENERIC_RULE, API_KEY, {
      path: 'docs/README.md',
      startLine: 40,
      startColumn: 9,
      endLine: 40,
      endColumn: 9 + API_KEY.length,
    }),
    secretFinding(AWS_RULE, AWS_KEY, {
      path: 'deploy/prod config.env',
      startLine: 3,
      startColumn: 15,
      endLine: 3,
      endColumn: 15 + AWS_KEY.length,
    }),
    {
      ruleId: S3_RULE.id,
      kind: 'misconfig',
      severity: 'medium',
      title: S3_RULE.title,
      message: 'aws_s3_bucket.assets has acl = "public-read"',
      location: { path: 'infra/main.tf', startLine: 8, startColumn: 3, endLine: 8, endColumn: 24 },
      fingerprint: 'terraform-s3-public-read:infra/main.tf:aws_s3_bucket.assets',
      evidence: 'acl = "public-read"',
      remediation: S3_RULE.remediation,
      references: S3_RULE.references,
      tags: S3_RULE.tags,
    },
    // Its rule is not in report.rules: reporters must describe it from the finding alone.
    {
      ruleId: 'GHSA-35jh-r3h4-6jhm',
      kind: 'vulnerability',
      severity: 'low',
      title: 'lodash: command injection in template',
      message: 'lodash 4.17.15 is vulnerable; fixed in 4.17.21',
      location: { path: 'package-lock.json', startLine: 120, startColumn: 5, endLine: 124, endColumn: 6 },
      fingerprint: 'GHSA-35jh-r3h4-6jhm:package-lock.json:lodash@4.17.15',
      evidence: 'lodash@4.17.15',
      remediation: 'Upgrade lodash to 4.17.21 or later.',
      references: ['https://github.com/advisories/GHSA-35jh-r3h4-6jhm'],
    },
    // A second result for an already-used rule, so rule de-duplication is exercised.
    secretFinding(AWS_RULE, AWS_KEY, {
      path: 'deploy/staging.env',
      startLine: 1,
      startColumn: 1,
      endLine: 1,
      endColumn: 1 + AWS_KEY.length,
    }),
  ];
}

export function makeReport(overrides: Partial<ScanReport> = {}): ScanReport {
  return {
    tool: { name: 'paved', version: '0.1.0' },
    startedAt: '2024-05-06T07:08:09.000Z',
    targets: ['/home/dev/projects/my app'],
    mode: 'tree',
    findings: makeFindings(),
    diagnostics: [
      {
        level: 'warning',
        code: 'FILE_TOO_LARGE',
        message: 'skipped: file is larger than 10 MiB',
        path: 'assets/video.bin',
        line: 1,
        hint: 'raise scan.maxFileSize in paved.toml to scan it',
      },
      { level: 'info', code: 'GITIGNORE', message: '3 paths ignored by .gitignore' },
    ],
    rules: [AWS_RULE, GITHUB_RULE, S3_RULE, GENERIC_RULE, UNUSED_RULE],
    stats: { filesScanned: 128, bytesScanned: 2_345_678, filesSkipped: 2, durationMs: 1234 },
    ...overrides,
  };
}

export function makeEmptyReport(): ScanReport {
  return makeReport({
    findings: [],
    diagnostics: [],
    stats: { filesScanned: 3, bytesScanned: 512, filesSkipped: 0, durationMs: 42 },
  });
}
