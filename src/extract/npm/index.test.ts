import { describe, expect, it } from 'vitest';
import { npmExtractors } from './index.js';

describe('npmExtractors', () => {
  it('has one extractor per format, ids under npm/', () => {
    expect(npmExtractors.map((extractor) => extractor.id)).toEqual([
      'npm/package-lock',
      'npm/yarn-lock',
      'npm/pnpm-lock',
      'npm/bun-lock',
      'npm/node-modules',
    ]);
    expect(npmExtractors.every((extractor) => extractor.ecosystem === 'npm')).toBe(true);
  });

  it('gives each lockfile name to exactly one extractor', () => {
    for (const path of [
      'a/package-lock.json',
      'npm-shrinkwrap.json',
      'yarn.lock',
      'pnpm-lock.yaml',
      'bun.lock',
      'package.json',
    ]) {
      expect(npmExtractors.filter((extractor) => extractor.matches(path))).toHaveLength(1);
    }
    expect(npmExtractors.filter((extractor) => extractor.matches('bun.lockb'))).toHaveLength(0);
  });
});
