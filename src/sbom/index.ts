export { buildCycloneDx } from './cyclonedx.js';
export { sbomExtractors } from './read-index.js';
export { renderSbom, SBOM_FORMATS, type SbomFormat, type SbomInput } from './sbom.js';
export { buildSpdx } from './spdx.js';
