import { describe, expect, it } from 'vitest';
import { judge } from './ranges.js';
import { dotted } from './test-dotted.js';

const range = (...events: Record<string, string>[]) => ({ ranges: [{ type: 'ECOSYSTEM', events }] });

describe('judge (OSV affected ranges)', () => {
  it('opens at introduced and closes at fixed, with the fix as remedy', () => {
    const entry = range({ introduced: '1.0' }, { fixed: '1.4.1' });
    expect(judge(entry, '0.9', dotted).affected).toBe(false);
    expect(judge(entry, '1.0', dotted)).toEqual({ affected: true, fixedIn: ['1.4.1'] });
    expect(judge(entry, '1.4.0', dotted).affected).toBe(true);
    expect(judge(entry, '1.4.1', dotted).affected).toBe(false);
  });

  it('treats introduced 0 as every version, last_affected as inclusive, limit as exclusive', () => {
    expect(judge(range({ introduced: '0' }, { last_affected: '2.0' }), '2.0', dotted)).toEqual({
      affected: true,
      fixedIn: [],
    });
    expect(judge(range({ introduced: '0' }, { last_affected: '2.0' }), '2.0.1', dotted).affected).toBe(false);
    expect(judge(range({ introduced: '1.0' }, { limit: '3.0' }), '3.0', dotted).affected).toBe(false);
  });

  it('handles several intervals in one range, whatever the order of the events', () => {
    const entry = range({ fixed: '1.2' }, { introduced: '2.0' }, { introduced: '1.0' }, { fixed: '2.5' });
    expect(['0.5', '1.1', '1.5', '2.1', '2.5'].map((v) => judge(entry, v, dotted).affected)).toEqual([
      false,
      true,
      false,
      true,
      false,
    ]);
    expect(judge(entry, '2.1', dotted).fixedIn).toEqual(['2.5']);
  });

  it('matches listed versions exactly, and skips GIT ranges', () => {
    const entry = { versions: ['1.0.0', '1.0.1'], ranges: [{ type: 'GIT', events: [{ introduced: '0' }] }] };
    expect(judge(entry, '1.0.1', dotted).affected).toBe(true);
    expect(judge(entry, '1.0.2', dotted).affected).toBe(false);
  });

  it('does not compare versions it cannot read, but still matches them in the list', () => {
    const entry = { versions: ['dev-main'], ...range({ introduced: '0' }) };
    expect(judge(entry, 'dev-main', dotted).affected).toBe(true);
    expect(judge(entry, 'dev-other', dotted).affected).toBe(false);
  });
});
