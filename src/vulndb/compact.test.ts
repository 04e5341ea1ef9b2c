import { describe, expect, it } from 'vitest';
import { compactRecord } from './compact.js';
import { osvRecord } from './test-records.js';

const kinds = (raw: unknown) => compactRecord(raw, 'file.json').problems.map((problem) => problem.kind);

describe('compactRecord', () => {
  it('keeps what matching needs and drops the rest', () => {
    const raw = osvRecord('GHSA-aaaa-bbbb-cccc', 'PyPI', 'Django_Rest.Framework', {
      aliases: ['CVE-2024-0001'],
      severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
      database_specific: { severity: 'HIGH', github_reviewed: true },
      credits: [{ name: 'someone' }],
    });
    const { record, problems } = compactRecord(raw, 'file.json');
    expect(problems).toEqual([]);
    expect(record).toMatchObject({
      id: 'GHSA-aaaa-bbbb-cccc',
      aliases: ['CVE-2024-0001'],
      severityLabel: 'HIGH',
      references: ['https://example.test/GHSA-aaaa-bbbb-cccc'],
      packages: [{ ecosystem: 'PyPI', name: 'django-rest-framework' }],
    });
    expect(record?.affected).toEqual([
      {
        package: { ecosystem: 'PyPI', name: 'Django_Rest.Framework' },
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.0.0' }] }],
        versions: ['1.0.0'],
      },
    ]);
  });

  it('counts placeholder dates once per record and leaves published out', () => {
    const raw = osvRecord('GO-2020-0001', 'Go', 'github.com/a/b', {
      modified: '0001-01-01T00:00:00Z',
      published: '0001-01-01T00:00:00Z',
    });
    const { record, problems } = compactRecord(raw, 'x');
    expect(problems).toEqual([{ kind: 'placeholder-date', subject: 'GO-2020-0001', detail: 'modified; published' }]);
    expect(record?.modified).toBe('0001-01-01T00:00:00Z');
    expect(record?.published).toBeUndefined();
  });

  it('keeps the versions list of an entry whose only ranges are GIT, and says so', () => {
    const raw = osvRecord('PYSEC-1', 'PyPI', 'pkg', {
      affected: [
        {
          package: { ecosystem: 'PyPI', name: 'pkg' },
          ranges: [
            { type: 'GIT', repo: 'https://github.com/o/pkg', events: [{ introduced: 'abc' }, { fixed: 'def' }] },
          ],
          versions: ['1.0', '1.1'],
        },
      ],
    });
    const { record, problems } = compactRecord(raw, 'x');
    expect(problems.map((problem) => problem.kind)).toEqual(['git-only-ranges']);
    expect(record?.affected[0]?.versions).toEqual(['1.0', '1.1']);
    expect(record?.affected[0]?.ranges[0]).toMatchObject({ type: 'GIT', repo: 'https://github.com/o/pkg' });
  });

  it('drops malformed ranges and keeps the good ones', () => {
    const raw = osvRecord('X-1', 'npm', 'left-pad', {
      affected: [
        {
          package: { ecosystem: 'npm', name: 'left-pad' },
          ranges: [
            { type: 'SEMVER', events: [] },
            { type: 'SEMVER', events: [{ fixed: '1.0.0' }] },
            { type: 'WEIRD', events: [{ introduced: '0' }] },
            { type: 'SEMVER', events: [{ introduced: '0', fixed: '1.0.0' }] },
            { type: 'GIT', events: [{ introduced: '0' }] },
            { type: 'SEMVER', events: [{ introduced: '1.2.0' }, { last_affected: '1.3.0' }] },
          ],
        },
      ],
    });
    const { record, problems } = compactRecord(raw, 'x');
    expect(problems).toHaveLength(1);
    expect(problems[0]?.kind).toBe('malformed-range');
    expect(problems[0]?.detail).toContain('without events');
    expect(record?.affected[0]?.ranges).toEqual([
      { type: 'SEMVER', events: [{ introduced: '1.2.0' }, { last_affected: '1.3.0' }] },
    ]);
  });

  it('skips entries of ecosystems paved does not scan and keeps the others', () => {
    const raw = osvRecord('GHSA-x', 'Maven', 'org.example:lib', {
      affected: [
        { package: { ecosystem: 'Debian:12', name: 'openssl' }, versions: ['3.0'] },
        { package: { ecosystem: 'Maven', name: 'org.example:lib' }, versions: ['1.0'] },
        { package: { name: 'no-ecosystem' }, versions: ['1.0'] },
      ],
    });
    const { record, problems } = compactRecord(raw, 'x');
    expect(problems.map((problem) => [problem.kind, problem.detail])).toEqual([
      ['unknown-ecosystem', 'Debian:12'],
      ['malformed-affected', 'an affected entry without package ecosystem and name'],
    ]);
    expect(record?.packages).toEqual([{ ecosystem: 'Maven', name: 'org.example:lib' }]);
  });

  it('reports an entry that can match nothing', () => {
    const raw = osvRecord('PYSEC-2', 'PyPI', 'pkg', {
      affected: [{ package: { ecosystem: 'PyPI', name: 'pkg' }, versions: [] }],
    });
    expect(kinds(raw)).toEqual(['nothing-to-match']);
  });

  it('stores a withdrawn record as withdrawn', () => {
    const { record } = compactRecord(osvRecord('GO-1', 'Go', 'a.b/c', { withdrawn: '2024-02-02T00:00:00Z' }), 'x');
    expect(record?.withdrawn).toBe('2024-02-02T00:00:00Z');
  });

  it('refuses what is not a record, naming the file', () => {
    expect(compactRecord('text', 'a.json')).toEqual({
      problems: [{ kind: 'unreadable', subject: 'a.json', detail: 'not a JSON object' }],
    });
    expect(compactRecord({ modified: '2024-01-01T00:00:00Z' }, 'b.json').problems).toEqual([
      { kind: 'invalid-record', subject: 'b.json', detail: 'no id' },
    ]);
  });

  it('keeps a record without a modified date, dated as the oldest', () => {
    const raw = osvRecord('X-2', 'npm', 'a', { modified: undefined });
    const { record, problems } = compactRecord(raw, 'x');
    expect(record?.modified).toBe('0001-01-01T00:00:00Z');
    expect(problems[0]).toMatchObject({ kind: 'placeholder-date', detail: 'no modified date' });
  });
});
