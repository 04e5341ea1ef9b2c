import { parse as parseYaml } from 'yaml';
import type { RecordFormat } from './sources.js';

const decoder = new TextDecoder();

/**
 * The records in one advisory file: one object, or an array of them (as some mirrors and API dumps
 * write). YAML is read with the failsafe schema, where every scalar is a string: OSV's values are all
 * strings, and the default schema would turn an unquoted version `0.10` into the number 0.1.
 */
export function parseRecordFile(format: RecordFormat, data: Uint8Array | string): unknown[] {
  const text = typeof data === 'string' ? data : decoder.decode(data);
  const value: unknown = format === 'json' ? JSON.parse(text) : parseYaml(text, { schema: 'failsafe' });
  return Array.isArray(value) ? value : [value];
}
