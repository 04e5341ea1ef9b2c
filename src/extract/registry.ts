import type { Extractor } from './extractor.js';
import { mavenExtractors } from './maven/index.js';
import { pypiExtractors } from './pypi/index.js';

/**
 * Every extractor, in the order files are offered to them (the first whose `matches` accepts a file
 * reads it). One array per ecosystem folder; a test checks ids are unique and every folder is listed.
 */
export const EXTRACTORS: readonly Extractor[] = [...pypiExtractors, ...mavenExtractors];
