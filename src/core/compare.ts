/** Code-unit comparison, not localeCompare: output must be byte-identical on every machine and locale. */
export function compareText(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}
