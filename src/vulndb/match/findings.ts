import { vulnerabilityFingerprint } from '../../core/fingerprint.js';
import type { Finding } from '../../core/model.js';
import type { VersionScheme } from '../version/scheme.js';
import type { VulnerabilityMatch } from './match.js';

/**
 * Findings for people: one per component and advisory group. Remediation is per package: the smallest
 * version that fixes every known advisory of that package version ("upgrade X from 1.2.0 to 1.4.1
 * (fixes 3)"), so a lockfile with seven advisories on one package gets one instruction, not seven.
 */
export function vulnerabilityFindings(
  matches: readonly VulnerabilityMatch[],
  schemeFor: (ecosystem: string) => VersionScheme | undefined,
): Finding[] {
  const byPackage = new Map<string, VulnerabilityMatch[]>();
  for (const match of matches) {
    const key = `${match.component.location.path}\u0000${match.component.purl}`;
    byPackage.set(key, [...(byPackage.get(key) ?? []), match]);
  }
  const findings: Finding[] = [];
  for (const group of byPackage.values()) {
    const remediation = upgradeAdvice(group, schemeFor);
    for (const match of group) findings.push(toFinding(match, remediation));
  }
  return findings;
}

function toFinding(match: VulnerabilityMatch, remediation: string): Finding {
  const { component } = match;
  const [id = '', ...aliases] = match.ids;
  const via = match.path.length > 1 ? ` (via ${match.path.join(' > ')})` : '';
  const known = match.knownExploited ? ' Known to be exploited (CISA KEV).' : '';
  return {
    ruleId: id,
    kind: 'vulnerability',
    severity: match.severity.severity,
    title: match.summary,
    message:
      `${component.name} ${component.version} is affected by ${id}${aliases.length > 0 ? ` (${aliases.join(', ')})` : ''}` +
      `${via}: ${match.summary}.${known}`,
    location: {
      path: component.location.path,
      startLine: component.location.line,
      startColumn: 1,
      endLine: component.location.line,
      endColumn: 1,
    },
    fingerprint: vulnerabilityFingerprint(id, component.purl),
    evidence: `${component.name}@${component.version}`,
    remediation,
    references: match.references,
    tags: [
      component.ecosystem,
      component.direct ? 'direct' : 'transitive',
      component.scope,
      ...(match.fixedIn.length > 0 ? ['fix-available'] : []),
      ...(match.knownExploited ? ['known-exploited'] : []),
    ],
  };
}

function upgradeAdvice(
  group: VulnerabilityMatch[],
  schemeFor: (ecosystem: string) => VersionScheme | undefined,
): string {
  const { component } = group[0] as VulnerabilityMatch;
  const scheme = schemeFor(component.ecosystem);
  const fixable = group.filter((match) => match.fixedIn.length > 0);
  const unfixed = group.length - fixable.length;
  const target = fixable
    .map((match) => match.fixedIn[0] as string)
    .reduce<string | undefined>(
      (best, next) => (best === undefined || (scheme?.compare(next, best) ?? 0) > 0 ? next : best),
      undefined,
    );
  const owner = component.direct
    ? ''
    : ` (it comes in through ${group[0]?.path.join(' > ')}; upgrade or override the parent)`;
  if (target === undefined)
    return `No fixed version of ${component.name} is known yet: remove it, replace it, or accept the risk with an exception.`;
  const count = `fixes ${fixable.length === 1 ? 'it' : `all ${fixable.length}`}`;
  const rest = unfixed > 0 ? `; ${unfixed} more ha${unfixed === 1 ? 's' : 've'} no fix yet` : '';
  return `Upgrade ${component.name} from ${component.version} to ${target} (${count}${rest})${owner}.`;
}
