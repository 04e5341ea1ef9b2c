/** The SBOM formats paved writes (a module of its own so the CLI can list them without loading writers). */
export const SBOM_FORMATS = ['cyclonedx-json', 'cyclonedx-xml', 'spdx-json'] as const;
export type SbomFormat = (typeof SBOM_FORMATS)[number];
