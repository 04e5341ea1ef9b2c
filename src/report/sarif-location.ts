import { isAbsolute, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Location } from '../core/model.js';
import type { SarifArtifactLocation, SarifRegion } from './sarif-types.js';

/** Placeholder for the scanned directory; consumers (GitHub, IDEs) map it to their checkout. */
export const SRCROOT = '%SRCROOT%';

/**
 * Relative paths become URI references under %SRCROOT% (so uploads work from any checkout); absolute
 * paths, which the engine only emits for files outside every target, become file URIs.
 */
export function toArtifactLocation(path: string): SarifArtifactLocation {
  if (isAbsolute(path)) return { uri: pathToFileURL(path).href };
  return { uri: toRelativeUriReference(path), uriBaseId: SRCROOT };
}

/**
 * `/`-separated, each segment percent-encoded, so spaces, `#`, `?` and `%` in file names survive and a
 * leading `name:` segment cannot be read as a URI scheme.
 */
export function toRelativeUriReference(path: string): string {
  // Backslash is a separator only on Windows; on POSIX it is a legal file-name character and gets encoded.
  const slashed = sep === '\\' ? path.replaceAll('\\', '/') : path;
  const withoutDotPrefix = slashed.replace(/^(\.\/)+/, '');
  return withoutDotPrefix.split('/').map(encodeURIComponent).join('/');
}

/** %SRCROOT% as a directory file URI, only when the first target is an absolute path. */
export function srcRootUri(targets: readonly string[]): string | undefined {
  const first = targets[0];
  if (!first || !isAbsolute(first)) return undefined;
  const href = pathToFileURL(first).href;
  return href.endsWith('/') ? href : `${href}/`;
}

/** SARIF regions are 1-based and must not end before they start; clamp defensively rather than emit an invalid log. */
export function toRegion(location: Location): SarifRegion {
  const startLine = atLeastOne(location.startLine);
  const startColumn = atLeastOne(location.startColumn);
  const endLine = Math.max(atLeastOne(location.endLine), startLine);
  const endColumn = atLeastOne(location.endColumn);
  return {
    startLine,
    startColumn,
    endLine,
    endColumn: endLine === startLine ? Math.max(endColumn, startColumn) : endColumn,
  };
}

function atLeastOne(value: number): number {
  return Number.isFinite(value) ? Math.max(1, Math.trunc(value)) : 1;
}
