import type { Component } from '../extract/component.js';
import { renderCycloneDxJson } from './cyclonedx.js';
import { renderCycloneDxXml } from './cyclonedx-xml.js';
import type { SbomFormat } from './formats.js';
import { renderSpdxJson } from './spdx.js';

export { SBOM_FORMATS, type SbomFormat } from './formats.js';

export interface SbomInput {
  /** The project the SBOM describes (the scanned folder): name, and version when its manifest says. */
  subject: { name: string; version?: string };
  /** The inventory, deduplicated by purl. */
  components: Component[];
  /** paved and its version. */
  tool: { name: string; version: string };
  /** Leave out the timestamp and random serial number/namespace so two runs give identical bytes. */
  reproducible: boolean;
  /** Injected clock for tests; default now. */
  now?: Date;
}

/** The SBOM document as text (UTF-8, ending in a newline). */
export function renderSbom(format: SbomFormat, input: SbomInput): string {
  switch (format) {
    case 'cyclonedx-json':
      return renderCycloneDxJson(input);
    case 'cyclonedx-xml':
      return renderCycloneDxXml(input);
    case 'spdx-json':
      return renderSpdxJson(input);
  }
}
