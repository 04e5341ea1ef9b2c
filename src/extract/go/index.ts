import type { Extractor } from '../extractor.js';
import { goModExtractor } from './go-mod.js';

export const goExtractors: readonly Extractor[] = [goModExtractor];
