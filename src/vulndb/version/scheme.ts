/**
 * How one OSV ecosystem orders its versions. Matching an advisory's ranges only needs
 * "is this a version here" and "which of two versions comes first".
 */
export interface VersionScheme {
  /** OSV ecosystem name, e.g. `npm`, `PyPI`, `crates.io`. */
  ecosystem: string;
  /** Whether `version` is a valid version of this ecosystem. */
  isValid(version: string): boolean;
  /**
   * Negative, zero or positive, like Array.sort; a total order over valid versions.
   * Never throws: each scheme documents where it puts versions it cannot parse.
   */
  compare(a: string, b: string): number;
}
