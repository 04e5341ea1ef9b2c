import type { Extractor } from '../extractor.js';
import { pubspecLockExtractor } from './pubspec-lock.js';

export const pubExtractors: readonly Extractor[] = [pubspecLockExtractor];
