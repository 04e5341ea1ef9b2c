/** Per-call scratch for ASCII counts (entropy is computed for every candidate secret, so no Map per call). */
const asciiCounts = new Int32Array(128);

/** Shannon entropy of a string in bits per code point (0 for empty input). */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  let other: Map<number, number> | undefined;
  let length = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.codePointAt(i) as number;
    if (code > 0xffff) i++;
    length++;
    if (code < 128) asciiCounts[code] = (asciiCounts[code] as number) + 1;
    else {
      other ??= new Map();
      other.set(code, (other.get(code) ?? 0) + 1);
    }
  }
  let entropy = 0;
  const addTerm = (count: number) => {
    const p = count / length;
    entropy -= p * Math.log2(p);
  };
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 128) continue;
    const count = asciiCounts[code] as number;
    if (count === 0) continue;
    addTerm(count);
    asciiCounts[code] = 0;
  }
  if (other) for (const count of other.values()) addTerm(count);
  return entropy;
}
