/** The date Go's vulndb (and some converters) write when a record has no real date. */
export const PLACEHOLDER_DATE = '0001-01-01T00:00:00Z';

export function isPlaceholderDate(value: string | undefined): boolean {
  return value?.startsWith('0001-01-01') ?? false;
}

/**
 * An RFC 3339 timestamp as microseconds since the epoch, or undefined when it is not one. Compared as
 * numbers, not strings: `2024-10-10T17:22:00Z` and `2024-10-10T17:22:00.5Z` sort wrongly as text, and
 * OSV records carry up to microseconds, more than Date keeps.
 */
export function timestampMicros(value: string): number | undefined {
  const millis = Date.parse(value);
  if (Number.isNaN(millis)) return undefined;
  const fraction = /T\d\d:\d\d:\d\d\.(\d+)/.exec(value)?.[1] ?? '';
  const beyondMillis = Number((fraction.slice(3, 6) || '0').padEnd(3, '0'));
  return millis * 1000 + beyondMillis;
}

/**
 * Whether a record modified at `incoming` should replace the stored one modified at `stored`: when it is
 * newer or the same (re-importing a source rewrites it). A date that does not parse counts as the oldest.
 */
export function isNewerOrSame(incoming: string, stored: string): boolean {
  return (
    (timestampMicros(incoming) ?? Number.NEGATIVE_INFINITY) >= (timestampMicros(stored) ?? Number.NEGATIVE_INFINITY)
  );
}

/** Strictly newer, for the update's "what changed" question. */
export function isNewer(incoming: string, stored: string): boolean {
  return (
    (timestampMicros(incoming) ?? Number.NEGATIVE_INFINITY) > (timestampMicros(stored) ?? Number.NEGATIVE_INFINITY)
  );
}
