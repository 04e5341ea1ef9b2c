import { sbomExtractors } from '../sbom/index.js';
import { cargoExtractors } from './cargo/index.js';
import type { Extractor } from './extractor.js';
import { goExtractors } from './go/index.js';
import { hexExtractors } from './hex/index.js';
import { mavenExtractors } from './maven/index.js';
import { npmExtractors } from './npm/index.js';
import { nugetExtractors } from './nuget/index.js';
import { packagistExtractors } from './packagist/index.js';
import { pubExtractors } from './pub/index.js';
import { pypiExtractors } from './pypi/index.js';
import { rubygemsExtractors } from './rubygems/index.js';

/**
 * Every extractor, in the order files are offered to them (the first whose `matches` accepts a file
 * reads it). One array per ecosystem folder; a test checks ids are unique and every folder is listed.
 */
export const EXTRACTORS: readonly Extractor[] = [
  ...npmExtractors,
  ...pypiExtractors,
  ...goExtractors,
  ...cargoExtractors,
  ...rubygemsExtractors,
  ...packagistExtractors,
  ...nugetExtractors,
  ...pubExtractors,
  ...hexExtractors,
  ...mavenExtractors,
  ...sbomExtractors,
];

/** The extractors of lockfiles and manifests: what a walk of a folder reads (SBOMs are read when named). */
export const LOCKFILE_EXTRACTORS: readonly Extractor[] = EXTRACTORS.filter(
  (extractor) => extractor.ecosystem !== 'any',
);
