import type { Allowlist } from './rule.js';

/** What an allowlist is tested against for one candidate secret. */
export interface AllowlistSubject {
  secret: string;
  match: string;
  line: string;
  path: string;
  commit?: string;
}

/**
 * Gitleaks semantics: each set field is a condition; with `OR` (default) any condition allows the
 * match, with `AND` all of them must hold. An allowlist with no conditions allows nothing.
 */
export function allowlistAllows(allowlist: Allowlist, subject: AllowlistSubject): boolean {
  const conditions: boolean[] = [];
  if (allowlist.commits?.length)
    conditions.push(subject.commit !== undefined && allowlist.commits.includes(subject.commit));
  if (allowlist.paths?.length) conditions.push(allowlist.paths.some((re) => testOnce(re, subject.path)));
  if (allowlist.regexes?.length) {
    const target =
      allowlist.regexTarget === 'match'
        ? subject.match
        : allowlist.regexTarget === 'line'
          ? subject.line
          : subject.secret;
    conditions.push(allowlist.regexes.some((re) => testOnce(re, target)));
  }
  if (allowlist.stopwords?.length) {
    const lower = subject.secret.toLowerCase();
    conditions.push(allowlist.stopwords.some((word) => lower.includes(word)));
  }
  if (conditions.length === 0) return false;
  return allowlist.condition === 'AND' ? conditions.every(Boolean) : conditions.some(Boolean);
}

/**
 * True when the allowlist exempts a whole file regardless of its content (only path conditions, or
 * an OR allowlist whose path condition holds), so the file need not be read at all.
 */
export function allowlistExemptsFile(allowlist: Allowlist, path: string): boolean {
  if (!allowlist.paths?.length || !allowlist.paths.some((re) => testOnce(re, path))) return false;
  if (allowlist.condition !== 'AND') return true;
  return !allowlist.commits?.length && !allowlist.regexes?.length && !allowlist.stopwords?.length;
}

/** `test` without the stateful `lastIndex` of global/sticky regexes. */
export function testOnce(re: RegExp, value: string): boolean {
  re.lastIndex = 0;
  const result = re.test(value);
  re.lastIndex = 0;
  return result;
}
