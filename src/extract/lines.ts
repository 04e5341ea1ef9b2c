/**
 * Line numbers for extractors whose parsers give none (JSON.parse, most lockfile formats): find where a
 * piece of text first occurs, and turn offsets into 1-based lines with one pass over the newlines.
 */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) this.starts.push(at + 1);
  }

  /** 1-based line of the character at `offset` (binary search over line starts). */
  lineAt(offset: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.starts[middle] as number) <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  }

  /** 1-based line where `needle` first occurs at or after `from`, or 1 when it does not occur. */
  lineOf(needle: string, from = 0): number {
    const at = this.text.indexOf(needle, from);
    return at === -1 ? 1 : this.lineAt(at);
  }

  /** Line of the JSON object key `"key":` (its first occurrence), or 1. */
  lineOfJsonKey(key: string, from = 0): number {
    return this.lineOf(`${JSON.stringify(key)}:`, from);
  }
}

/** Characters V8 quotes before an unexpected token when it shows context ("...abc" is not valid JSON). */
const V8_CONTEXT_BEFORE = 10;

/**
 * The 1-based line of a JSON.parse error, from what V8's message says: "at position N", "(line L column
 * C)", a quoted fragment of the source around an unexpected token, or the end of the input.
 */
export function jsonErrorLine(text: string, error: unknown): number | undefined {
  const message = (error as Error).message ?? '';
  const lineColumn = /line (\d+) column \d+/.exec(message);
  if (lineColumn) return Number(lineColumn[1]);
  const position = /position (\d+)/.exec(message);
  if (position) return new LineIndex(text).lineAt(Number(position[1]));
  const fragment = /Unexpected token '([\s\S])', (\.\.\.)?"([\s\S]*?)"(?:\.\.\.)? is not valid JSON/.exec(message);
  if (fragment) {
    const [, token = '', elided, quoted = ''] = fragment;
    const at = text.indexOf(quoted);
    if (at !== -1) return new LineIndex(text).lineAt(at + (elided ? V8_CONTEXT_BEFORE : quoted.indexOf(token)));
  }
  if (/Unexpected end of JSON input/.test(message)) return new LineIndex(text).lineAt(text.length);
  return undefined;
}
