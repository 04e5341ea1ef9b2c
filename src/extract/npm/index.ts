import type { Extractor } from '../extractor.js';
import { bunLockExtractor } from './bun-lock.js';
import { nodeModulesExtractor } from './node-modules.js';
import { packageLockExtractor } from './package-lock.js';
import { pnpmLockExtractor } from './pnpm-lock.js';
import { yarnLockExtractor } from './yarn-lock.js';

/** The npm ecosystem: lockfiles first; installed node_modules only stands in when there is none. */
export const npmExtractors: Extractor[] = [
  packageLockExtractor,
  yarnLockExtractor,
  pnpmLockExtractor,
  bunLockExtractor,
  nodeModulesExtractor,
];
