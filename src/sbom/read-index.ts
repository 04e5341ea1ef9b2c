import type { Extractor } from '../extract/extractor.js';
import { cycloneDxExtractor } from './read-cyclonedx.js';
import { spdxExtractor } from './read-spdx.js';

/** SBOMs from other tools (CycloneDX JSON/XML, SPDX 2.x JSON) read as component sources. */
export const sbomExtractors: Extractor[] = [cycloneDxExtractor, spdxExtractor];
