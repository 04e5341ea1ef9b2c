import type { Extractor } from '../extractor.js';
import { packagesLockExtractor } from './packages-lock.js';

export const nugetExtractors: readonly Extractor[] = [packagesLockExtractor];
