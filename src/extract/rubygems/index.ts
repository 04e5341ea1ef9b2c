import type { Extractor } from '../extractor.js';
import { gemfileLockExtractor } from './gemfile-lock.js';

export const rubygemsExtractors: readonly Extractor[] = [gemfileLockExtractor];
