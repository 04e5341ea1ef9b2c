import type { Component } from '../../extract/component.js';
import { pep503 } from '../../extract/purl.js';
import type { StoredAdvisory } from '../osv.js';
import type { VersionScheme } from '../version/scheme.js';
import { type AffectedVersions, judge } from './ranges.js';
import { type ScoredSeverity, scoreSeverity } from './severity.js';

/**
 * An advisory as matching needs it (what the store returns, only its entries for the package asked
 * about); a missing summary is replaced by the first sentence of `details` (PYSEC records have none).
 */
export type MatchableAdvisory = Pick<
  StoredAdvisory,
  'id' | 'aliases' | 'summary' | 'details' | 'severity' | 'severityLabel' | 'references' | 'knownExploited' | 'epss'
> & { affected: AffectedVersions[] };

export interface AdvisorySource {
  advisoriesFor(ecosystem: string, name: string): MatchableAdvisory[];
}

/** One component affected by one advisory group (records that are aliases of each other). */
export interface VulnerabilityMatch {
  component: Component;
  /** The group's record ids and aliases, the primary id first. */
  ids: string[];
  summary: string;
  severity: ScoredSeverity;
  /** Versions that fix it, ascending; empty when no fix is known. */
  fixedIn: string[];
  /** Names from a direct dependency down to this component (just its own name when it is direct). */
  path: string[];
  references: string[];
  knownExploited: boolean;
  epss?: number;
}

/**
 * Every (component, advisory group) where the component's version is affected. Advisories that name each
 * other as aliases (a GHSA and its CVE and PYSEC twins) are one match, so one problem is reported once.
 */
export function matchComponents(
  components: readonly Component[],
  source: AdvisorySource,
  schemeFor: (ecosystem: string) => VersionScheme | undefined,
): VulnerabilityMatch[] {
  const paths = new DependencyPaths(components);
  const matches: VulnerabilityMatch[] = [];
  for (const component of components) {
    const scheme = schemeFor(component.ecosystem);
    if (!scheme) continue;
    const affecting: { advisory: MatchableAdvisory; fixedIn: string[] }[] = [];
    for (const advisory of source.advisoriesFor(component.ecosystem, lookupName(component))) {
      const verdicts = advisory.affected.map((entry) => judge(entry, component.version, scheme));
      if (!verdicts.some((verdict) => verdict.affected)) continue;
      affecting.push({ advisory, fixedIn: verdicts.flatMap((verdict) => verdict.fixedIn) });
    }
    for (const group of aliasGroups(affecting.map(({ advisory }) => advisory))) {
      const members = affecting.filter(({ advisory }) => group.includes(advisory));
      matches.push(toMatch(component, members, scheme, paths.from(component)));
    }
  }
  return matches;
}

/** Name as the database indexes it (PEP 503 for PyPI; the extractors already normalise the others). */
function lookupName(component: Component): string {
  return component.ecosystem === 'PyPI' ? pep503(component.name) : component.name;
}

function toMatch(
  component: Component,
  members: { advisory: MatchableAdvisory; fixedIn: string[] }[],
  scheme: VersionScheme,
  path: string[],
): VulnerabilityMatch {
  const advisories = members.map(({ advisory }) => advisory);
  const ids = [...new Set(advisories.flatMap((a) => [a.id, ...a.aliases]))].sort(byPreference);
  const scored = advisories.map((a) => scoreSeverity(a.severity, a.severityLabel));
  const severity = scored.reduce((best, next) => ((next.score ?? -1) > (best.score ?? -1) ? next : best));
  const fixedIn = [...new Set(members.flatMap(({ fixedIn }) => fixedIn))].sort((a, b) => scheme.compare(a, b));
  const epss = Math.max(...advisories.map((a) => a.epss ?? Number.NEGATIVE_INFINITY));
  return {
    component,
    ids,
    summary: advisories.find((a) => a.summary)?.summary ?? firstSentence(advisories) ?? ids[0] ?? '',
    severity,
    fixedIn,
    path,
    references: [...new Set(advisories.flatMap((a) => a.references))],
    knownExploited: advisories.some((a) => a.knownExploited === true),
    ...(Number.isFinite(epss) ? { epss } : {}),
  };
}

/** The first sentence of the first description, cut to a title's length. */
function firstSentence(advisories: readonly MatchableAdvisory[]): string | undefined {
  const details = advisories.find((a) => a.details?.trim())?.details?.trim();
  if (!details) return undefined;
  const sentence = (details.split(/(?<=[.!?])\s|\n/)[0] ?? details).trim();
  return sentence.length > 120 ? `${sentence.slice(0, 117)}...` : sentence;
}

/** Advisories that share an id or alias, transitively, form one group. */
function aliasGroups(advisories: MatchableAdvisory[]): MatchableAdvisory[][] {
  const groups: { ids: Set<string>; members: MatchableAdvisory[] }[] = [];
  for (const advisory of advisories) {
    const ids = new Set([advisory.id, ...advisory.aliases]);
    const joined = groups.filter((group) => [...ids].some((id) => group.ids.has(id)));
    const merged = { ids, members: [advisory] };
    for (const group of joined) {
      for (const id of group.ids) merged.ids.add(id);
      merged.members.push(...group.members);
      groups.splice(groups.indexOf(group), 1);
    }
    groups.push(merged);
  }
  return groups.map((group) => group.members);
}

/** GHSA first (the most widely cross-referenced), then the ecosystem databases, CVE last; then by text. */
function byPreference(a: string, b: string): number {
  const rank = (id: string) => (id.startsWith('GHSA-') ? 0 : id.startsWith('CVE-') ? 2 : 1);
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Shortest chains from a direct dependency to each component, over each lockfile's recorded edges. */
class DependencyPaths {
  private readonly dependents = new Map<string, Component[]>();

  constructor(components: readonly Component[]) {
    for (const component of components) {
      for (const dependency of component.dependencies) {
        const key = `${component.location.path}\u0000${dependency}`;
        const list = this.dependents.get(key) ?? [];
        list.push(component);
        this.dependents.set(key, list);
      }
    }
  }

  from(target: Component): string[] {
    if (target.direct) return [target.name];
    const previous = new Map<Component, Component>();
    const queue = [target];
    for (let head = 0; head < queue.length; head++) {
      const current = queue[head] as Component;
      if (current.direct) {
        const chain = [current];
        for (let step = previous.get(current); step; step = previous.get(step)) chain.push(step);
        return chain.map((component) => component.name);
      }
      for (const parent of this.dependents.get(`${current.location.path}\u0000${current.purl}`) ?? []) {
        if (parent === target || previous.has(parent)) continue;
        previous.set(parent, current);
        queue.push(parent);
      }
    }
    return [target.name];
  }
}
