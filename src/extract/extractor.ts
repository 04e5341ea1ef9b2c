import type { Ecosystem, ExtractResult } from './component.js';

/** One lockfile or manifest to read. Extractors are pure: no package manager is run, no network. */
export interface ExtractInput {
  /** Path relative to the scan root, `/`-separated (what findings and SBOMs show). */
  path: string;
  text: string;
  /**
   * Reads a file relative to this one's folder (`go.sum` beside `go.mod`, a `-r` include, the
   * `package.json` beside a lockfile); undefined when it does not exist or cannot be read.
   */
  readRelative(relativePath: string): string | undefined;
  /** Lists a folder relative to this one's folder (names only); empty when it does not exist. */
  listRelative(relativePath: string): string[];
}

export interface Extractor {
  /** `<ecosystem folder>/<format>`, e.g. `npm/package-lock`. */
  id: string;
  /** The ecosystem of the components it gives; `any` for SBOM readers (each component says its own). */
  ecosystem: Ecosystem | 'any';
  /** Whether this extractor reads the file at `path` (decided by its name). */
  matches(path: string): boolean;
  /** Throws an ExtractError (with the line when known) when the file cannot be read as this format. */
  extract(input: ExtractInput): ExtractResult;
}

/** A lockfile that cannot be parsed: the message says what is wrong, `line` where (1-based). */
export class ExtractError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'ExtractError';
  }
}

/** The file name of a `/`-separated path. */
export function fileName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
