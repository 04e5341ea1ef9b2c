import { describe, expect, it } from 'vitest';
import { scoreSeverity } from './severity.js';

describe('scoreSeverity', () => {
  it('rates the highest CVSS base score among v3.x and v4.0 vectors', () => {
    const critical = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';
    const low = 'CVSS:3.1/AV:N/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N';
    expect(
      scoreSeverity([
        { type: 'CVSS_V3', score: low },
        { type: 'CVSS_V3', score: critical },
      ]),
    ).toEqual({
      severity: 'critical',
      score: 9.8,
      vector: critical,
    });
    const v4 = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N';
    expect(scoreSeverity([{ type: 'CVSS_V4', score: v4 }])).toMatchObject({ severity: 'critical', score: 9.3 });
    expect(scoreSeverity([{ type: 'CVSS_V3', score: low }]).severity).toBe('low');
  });

  it('falls back to the record label, then to medium, and survives malformed vectors', () => {
    expect(scoreSeverity([{ type: 'CVSS_V3', score: 'CVSS:3.1/garbage' }], 'MODERATE')).toEqual({ severity: 'medium' });
    expect(scoreSeverity([], 'HIGH')).toEqual({ severity: 'high' });
    expect(scoreSeverity([])).toEqual({ severity: 'medium' });
  });
});
