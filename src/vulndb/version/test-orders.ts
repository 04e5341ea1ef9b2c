import { expect } from 'vitest';
import type { VersionScheme } from './scheme.js';

/** Asserts that the versions are listed in strictly increasing order, checking every pair both ways. */
export function expectAscending(scheme: VersionScheme, versions: readonly string[]): void {
  for (let i = 0; i < versions.length; i++) {
    for (let j = i + 1; j < versions.length; j++) {
      const a = versions[i] as string;
      const b = versions[j] as string;
      expect(Math.sign(scheme.compare(a, b)), `${a} < ${b}`).toBe(-1);
      expect(Math.sign(scheme.compare(b, a)), `${b} > ${a}`).toBe(1);
    }
  }
}

/** Asserts that every version compares equal to every other, both ways. */
export function expectEqual(scheme: VersionScheme, versions: readonly string[]): void {
  for (const a of versions) {
    for (const b of versions) expect(scheme.compare(a, b), `${a} = ${b}`).toBe(0);
  }
}
