import type { Extractor } from '../extractor.js';
import { composerLockExtractor } from './composer-lock.js';

export const packagistExtractors: readonly Extractor[] = [composerLockExtractor];
