import { ExtractError } from './extractor.js';
import { jsonErrorLine } from './lines.js';

/**
 * JSON.parse for lockfiles: a syntax error becomes an ExtractError with its line and a one-line message
 * (V8 quotes the text around the error, newlines included). A byte order mark is allowed: editors on
 * Windows write one, and it is not part of the JSON.
 */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const line = jsonErrorLine(text, error);
    throw new ExtractError(`not valid JSON: ${(error as Error).message.replace(/\s+/g, ' ')}`, line);
  }
}

/** The value of a JSON string literal's body as found in the text (escapes undone; as is if malformed). */
export function decodeJsonString(escaped: string): string {
  if (!escaped.includes('\\')) return escaped;
  try {
    return JSON.parse(`"${escaped}"`) as string;
  } catch {
    return escaped;
  }
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
