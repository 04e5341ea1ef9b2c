import { describe, expect, it } from 'vitest';
import type { Component } from '../../extract/component.js';
import { purlOf } from '../../extract/purl.js';
import { vulnerabilityFindings } from './findings.js';
import { type MatchableAdvisory, matchComponents } from './match.js';
import { dotted } from './test-dotted.js';

function component(name: string, version: string, direct: boolean, dependencies: string[] = []): Component {
  return {
    ecosystem: 'npm',
    name,
    version,
    purl: purlOf('npm', name, version),
    scope: 'runtime',
    direct,
    dependencies,
    location: { path: 'package-lock.json', line: 10 },
  };
}

function advisory(id: string, aliases: string[], introduced: string, fixed?: string): MatchableAdvisory {
  return {
    id,
    aliases,
    summary: `problem ${id}`,
    severity: [],
    severityLabel: 'HIGH',
    affected: [{ ranges: [{ type: 'SEMVER', events: [{ introduced }, ...(fixed ? [{ fixed }] : [])] }] }],
    references: [`https://osv.dev/${id}`],
  };
}

describe('matchComponents', () => {
  const lib = component('lib', '1.2.0', false);
  const app = component('app', '2.0.0', true, [lib.purl]);
  const source = {
    advisoriesFor: (_ecosystem: string, name: string) =>
      name === 'lib'
        ? [
            advisory('GHSA-aaaa', ['CVE-2024-1'], '1.0', '1.3.0'),
            advisory('CVE-2024-1', ['GHSA-aaaa'], '1.0', '1.3.0'),
            advisory('GHSA-bbbb', [], '1.1', '1.4.1'),
            advisory('GHSA-cccc', [], '2.0', '2.1'),
          ]
        : [],
  };

  it('reports each advisory group once, with its fixes and the path from a direct dependency', () => {
    const matches = matchComponents([app, lib], source, () => dotted);
    expect(matches.map((m) => [m.ids, m.fixedIn, m.path])).toEqual([
      [['GHSA-aaaa', 'CVE-2024-1'], ['1.3.0'], ['app', 'lib']],
      [['GHSA-bbbb'], ['1.4.1'], ['app', 'lib']],
    ]);
    expect(matches[0]?.severity.severity).toBe('high');
  });

  it('gives one upgrade per package that fixes all its advisories, and stable fingerprints', () => {
    const findings = vulnerabilityFindings(
      matchComponents([app, lib], source, () => dotted),
      () => dotted,
    );
    expect(findings.map((f) => f.remediation)).toEqual([
      'Upgrade lib from 1.2.0 to 1.4.1 (fixes all 2) (it comes in through app > lib; upgrade or override the parent).',
      'Upgrade lib from 1.2.0 to 1.4.1 (fixes all 2) (it comes in through app > lib; upgrade or override the parent).',
    ]);
    expect(findings[0]).toMatchObject({
      ruleId: 'GHSA-aaaa',
      kind: 'vulnerability',
      severity: 'high',
      message: 'lib 1.2.0 is affected by GHSA-aaaa (CVE-2024-1) (via app > lib): problem GHSA-aaaa.',
      location: { path: 'package-lock.json', startLine: 10 },
      evidence: 'lib@1.2.0',
    });
    const moved = { ...lib, location: { path: 'package-lock.json', line: 99 } };
    const again = vulnerabilityFindings(
      matchComponents([app, moved], source, () => dotted),
      () => dotted,
    );
    expect(again[0]?.fingerprint).toBe(findings[0]?.fingerprint);
  });

  it('says when no fix is known', () => {
    const unfixed = { advisoriesFor: () => [advisory('GHSA-dddd', [], '0')] };
    const [finding] = vulnerabilityFindings(
      matchComponents([app], unfixed, () => dotted),
      () => dotted,
    );
    expect(finding?.remediation).toMatch(/^No fixed version of app is known yet/);
    expect(finding?.tags).not.toContain('fix-available');
  });
});
