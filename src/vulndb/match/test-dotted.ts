import type { VersionScheme } from '../version/scheme.js';

/** Test support: dotted numbers, enough to state the matching rules (the real schemes have their own tests). */
export const dotted: VersionScheme = {
  ecosystem: 'npm',
  isValid: (version) => /^\d+(\.\d+)*$/.test(version),
  compare: (a, b) => {
    const left = a.split('.').map(Number);
    const right = b.split('.').map(Number);
    for (let i = 0; i < Math.max(left.length, right.length); i++) {
      const diff = (left[i] ?? 0) - (right[i] ?? 0);
      if (diff !== 0) return diff;
    }
    return 0;
  },
};
