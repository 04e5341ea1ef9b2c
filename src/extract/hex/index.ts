import type { Extractor } from '../extractor.js';
import { mixLockExtractor } from './mix-lock.js';

export const hexExtractors: readonly Extractor[] = [mixLockExtractor];
