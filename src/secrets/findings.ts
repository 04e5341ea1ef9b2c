import { secretFingerprint } from '../core/fingerprint.js';
import type { Finding, Location, RuleDescriptor } from '../core/model.js';
import { maskSecret } from '../core/redact.js';
import type { CommitInfo } from '../scan/diff-parser.js';
import type { SecretMatch } from './engine.js';
import type { SecretRule } from './rule.js';

/** Turns an engine match into a Finding; the raw secret survives only as a fingerprint and a mask. */
export function secretFinding(match: SecretMatch, path: string, commit?: CommitInfo): Finding {
  const { rule } = match;
  const evidence = maskSecret(match.secret);
  const location: Location = {
    path,
    startLine: match.startLine,
    startColumn: match.startColumn,
    endLine: match.endLine,
    endColumn: match.endColumn,
  };
  if (commit) {
    location.commit = commit.sha;
    location.author = commit.author;
    location.email = commit.email;
    location.date = commit.date;
  }
  return {
    ruleId: rule.id,
    kind: 'secret',
    severity: rule.severity,
    title: rule.title,
    message: `${rule.title}: ${evidence}${commit ? ` (added in ${commit.sha.slice(0, 12)})` : ''}`,
    location,
    fingerprint: secretFingerprint(rule.id, path, match.secret),
    evidence,
    remediation: rule.remediation,
    references: rule.references,
    tags: rule.tags,
  };
}

export function describeSecretRule(rule: SecretRule): RuleDescriptor {
  return {
    id: rule.id,
    kind: 'secret',
    title: rule.title,
    severity: rule.severity,
    description: rule.description,
    remediation: rule.remediation,
    references: rule.references,
    tags: rule.tags,
  };
}
