import type { Extractor } from '../extractor.js';
import { cargoLockExtractor } from './cargo-lock.js';

export const cargoExtractors: readonly Extractor[] = [cargoLockExtractor];
