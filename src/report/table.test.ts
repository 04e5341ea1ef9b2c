import { describe, expect, it } from 'vitest';
import { formatDuration, tableReporter } from './table.js';
import { makeEmptyReport, makeReport } from './test-report.js';

// biome-ignore lint/suspicious/noControlCharactersInRegex: detecting ANSI escapes is the point.
const ANSI_ESCAPE = /\u001b\[/;

describe('table reporter', () => {
  it('emits no ANSI escape codes when colour is off', () => {
    expect(tableReporter.render(makeReport(), { color: false })).not.toMatch(ANSI_ESCAPE);
    expect(tableReporter.render(makeEmptyReport(), { color: false })).not.toMatch(ANSI_ESCAPE);
  });

  it('colours output when colour is on', () => {
    expect(tableReporter.render(makeReport(), { color: true })).toMatch(ANSI_ESCAPE);
  });

  it('says "No findings" for an empty report', () => {
    const output = tableReporter.render(makeEmptyReport(), { color: false });
    expect(output).toBe('No findings. Scanned 3 files in 42ms.\n');
  });

  it('lists findings most severe first, then by path and line', () => {
    const output = tableReporter.render(makeReport(), { color: false });
    const order = [
      'CRITICAL  deploy/prod config.env:3:15',
      'CRITICAL  deploy/staging.env:1:1',
      'HIGH      src/app.ts:12:17',
      'MEDIUM    infra/main.tf:8:3',
      'LOW       package-lock.json:120:5',
      'INFO      docs/README.md:40:9',
    ].map((line) => output.indexOf(line));
    expect(order.every((position) => position >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('shows rule id, title, masked evidence and history provenance', () => {
    const output = tableReporter.render(makeReport(), { color: false });
    expect(output).toContain('          github-pat  GitHub personal access token\n');
    expect(output).toContain('          evidence  ghp_****************\n');
    expect(output).toContain('          commit 3f9c2a1 by Jane Doe on 2024-03-01\n');
  });

  it('ends with a summary and the diagnostics', () => {
    const output = tableReporter.render(makeReport(), { color: false });
    expect(output).toContain(
      '6 findings (2 critical, 1 high, 1 medium, 1 low, 1 info). Scanned 128 files (2 skipped) in 1.2s.',
    );
    expect(output).toContain(
      [
        '2 diagnostics:',
        '  warning  assets/video.bin:1: skipped: file is larger than 10 MiB [FILE_TOO_LARGE]',
        '           hint: raise scan.maxFileSize in paved.toml to scan it',
        '  info     3 paths ignored by .gitignore [GITIGNORE]',
      ].join('\n'),
    );
  });

  it('stays within 100 columns', () => {
    const lines = tableReporter.render(makeReport(), { color: false }).split('\n');
    expect(lines.filter((line) => line.length > 100)).toEqual([]);
  });

  it('escapes terminal control characters from scanned content', () => {
    const report = makeReport();
    const finding = report.findings[0];
    if (!finding) throw new Error('fixture has no findings');
    finding.location = { ...finding.location, path: 'evil\u001b[2J\u202e.txt' };
    const output = tableReporter.render({ ...report, findings: [finding] }, { color: false });
    expect(output).not.toMatch(ANSI_ESCAPE);
    expect(output).not.toContain('\u202e');
    expect(output).toContain('evil\\x1b[2J\\u202e.txt');
  });

  it('formats durations for humans', () => {
    expect(formatDuration(42)).toBe('42ms');
    expect(formatDuration(1234)).toBe('1.2s');
    expect(formatDuration(65_400)).toBe('1m 5s');
  });
});

describe('next steps for secret findings', () => {
  it('says what to do once when there are secret findings, and nothing on a clean report', () => {
    const withFindings = tableReporter.render(makeReport(), { color: false });
    expect(withFindings.match(/Next: revoke or rotate/g)).toHaveLength(1);
    expect(withFindings).toContain('paved:allow');
    expect(tableReporter.render(makeEmptyReport(), { color: false })).not.toContain('Next:');
  });
});
