import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import type { ScanReport } from '../core/model.js';
import { JSON_SCHEMA_VERSION, jsonReporter } from './json.js';
import { makeEmptyReport, makeReport } from './test-report.js';

const schema = JSON.parse(readFileSync(new URL('./json-schema.json', import.meta.url), 'utf8')) as {
  properties: { schemaVersion: { enum: string[] } };
};
// ajv is CommonJS; under NodeNext its class is reachable as `.default` both in types and at runtime.
const validate = new Ajv.default({ allErrors: true, strict: true, validateFormats: false }).compile(schema);

function render(report: ScanReport): Record<string, unknown> {
  return JSON.parse(jsonReporter.render(report, { color: false })) as Record<string, unknown>;
}

describe('json reporter', () => {
  it.each([
    ['full report', makeReport()],
    ['empty report', makeEmptyReport()],
    ['history report', makeReport({ mode: 'history', stats: { ...makeReport().stats, commitsScanned: 57 } })],
  ])('validates against src/report/json-schema.json (%s)', (_name, report) => {
    const valid = validate(render(report));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('keeps the schema file and the emitted schemaVersion in step', () => {
    expect(schema.properties.schemaVersion.enum).toEqual([JSON_SCHEMA_VERSION]);
    expect(render(makeReport()).schemaVersion).toBe(JSON_SCHEMA_VERSION);
  });

  it('uses a fixed top-level key order', () => {
    expect(Object.keys(render(makeReport()))).toEqual([
      'schemaVersion',
      'tool',
      'startedAt',
      'mode',
      'targets',
      'summary',
      'findings',
      'diagnostics',
      'stats',
    ]);
  });

  it('is deterministic regardless of the order findings arrive in', () => {
    const report = makeReport();
    const shuffled = { ...report, findings: [...report.findings].reverse() };
    const first = jsonReporter.render(report, { color: false });
    expect(jsonReporter.render(report, { color: true })).toBe(first);
    expect(jsonReporter.render(shuffled, { color: false })).toBe(first);
  });

  it('summarises counts per severity and kind, with every key present', () => {
    expect(render(makeReport()).summary).toEqual({
      findings: 6,
      bySeverity: { critical: 2, high: 1, medium: 1, low: 1, info: 1 },
      byKind: { secret: 4, vulnerability: 1, misconfig: 1, license: 0 },
    });
    expect(render(makeEmptyReport()).summary).toEqual({
      findings: 0,
      bySeverity: { critical: 0, high: 0, medium: 0, low: 0, info: 0 },
      byKind: { secret: 0, vulnerability: 0, misconfig: 0, license: 0 },
    });
  });

  it('sorts findings most severe first and keeps history provenance', () => {
    const findings = render(makeReport()).findings as { severity: string; location: Record<string, unknown> }[];
    expect(findings.map((finding) => finding.severity)).toEqual([
      'critical',
      'critical',
      'high',
      'medium',
      'low',
      'info',
    ]);
    expect(findings[2]?.location).toMatchObject({
      commit: '3f9c2a1b7d4e5f60718293a4b5c6d7e8f9012345',
      author: 'Jane Doe',
    });
    expect(findings[0]?.location).not.toHaveProperty('commit');
  });

  it('documents every schema field in docs/json-format.md', () => {
    const docs = readFileSync(new URL('../../docs/json-format.md', import.meta.url), 'utf8');
    const names = new Set<string>();
    const collect = (node: unknown): void => {
      if (!node || typeof node !== 'object') return;
      const properties = (node as { properties?: Record<string, unknown> }).properties;
      for (const [name, child] of Object.entries(properties ?? {})) {
        names.add(name);
        collect(child);
      }
      for (const child of Object.values((node as { definitions?: Record<string, unknown> }).definitions ?? {})) {
        collect(child);
      }
    };
    collect(schema);
    const undocumented = [...names].filter((name) => !docs.includes(`\`${name}\``));
    expect(undocumented).toEqual([]);
  });
});
