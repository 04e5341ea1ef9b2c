import { compareText } from '../../core/compare.js';

/** Orders two strings of ASCII digits by numeric value, however long (no precision loss, no BigInt). */
export function compareDigits(a: string, b: string): number {
  const x = stripLeadingZeros(a);
  const y = stripLeadingZeros(b);
  if (x.length !== y.length) return x.length - y.length;
  return compareText(x, y);
}

function stripLeadingZeros(digits: string): string {
  let start = 0;
  while (start < digits.length - 1 && digits[start] === '0') start++;
  return digits.slice(start);
}

const RUNS = /\d+|\D+/g;

/**
 * Order for strings a scheme cannot parse: digit runs by value, other runs by code unit,
 * a digit run before a non-digit run, then the raw strings so that only identical strings are equal.
 * A total order, so sorting mixed input never becomes inconsistent.
 */
export function compareNatural(a: string, b: string): number {
  const left = a.match(RUNS) ?? [];
  const right = b.match(RUNS) ?? [];
  const shared = Math.min(left.length, right.length);
  for (let i = 0; i < shared; i++) {
    const x = left[i] as string;
    const y = right[i] as string;
    const xDigits = isDigitRun(x);
    const yDigits = isDigitRun(y);
    const result =
      xDigits && yDigits ? compareDigits(x, y) : xDigits !== yDigits ? (xDigits ? -1 : 1) : compareText(x, y);
    if (result !== 0) return result;
  }
  if (left.length !== right.length) return left.length - right.length;
  return compareText(a, b);
}

function isDigitRun(run: string): boolean {
  const code = run.charCodeAt(0);
  return code >= 48 && code <= 57;
}

/**
 * Compare where every valid version sorts before every invalid one and invalid ones follow
 * {@link compareNatural}; used by the schemes whose own comparison is undefined on invalid input.
 */
export function compareValidFirst(
  a: string,
  b: string,
  isValid: (version: string) => boolean,
  compareValid: (a: string, b: string) => number,
): number {
  const aValid = isValid(a);
  const bValid = isValid(b);
  if (aValid && bValid) return compareValid(a, b);
  if (aValid !== bValid) return aValid ? -1 : 1;
  return compareNatural(a, b);
}
