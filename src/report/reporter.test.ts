import { describe, expect, it } from 'vitest';
import { PavedError } from '../core/errors.js';
import { getReporter, REPORTERS } from './reporter.js';
import { makeEmptyReport, makeReport, RAW_SECRETS } from './test-report.js';

describe('reporter registry', () => {
  it('registers table (default), json and sarif', () => {
    expect(REPORTERS.map((reporter) => reporter.format)).toEqual(['table', 'json', 'sarif']);
    for (const reporter of REPORTERS) expect(reporter.description.length).toBeGreaterThan(0);
  });

  it('looks reporters up by format name', () => {
    expect(getReporter('sarif').format).toBe('sarif');
    expect(getReporter('JSON').format).toBe('json');
  });

  it('rejects unknown formats with a usage error listing the valid ones', () => {
    expect(() => getReporter('xml')).toThrow(PavedError);
    try {
      getReporter('xml');
    } catch (error) {
      expect((error as PavedError).code).toBe('USAGE');
      expect((error as PavedError).message).toContain('table, json, sarif');
    }
  });
});

describe.each(REPORTERS.flatMap((reporter) => [true, false].map((color) => [reporter.format, color] as const)))(
  '%s reporter (color: %s)',
  (format, color) => {
    const output = getReporter(format).render(makeReport(), { color });

    it('never prints a raw secret, nor its unmasked tail', () => {
      for (const secret of RAW_SECRETS) {
        expect(output).not.toContain(secret);
        expect(output).not.toContain(secret.slice(-8));
      }
    });

    it('ends with a newline, also for an empty report', () => {
      expect(output.endsWith('\n')).toBe(true);
      expect(getReporter(format).render(makeEmptyReport(), { color }).endsWith('\n')).toBe(true);
    });
  },
);
