import { PavedError } from '../core/errors.js';
import type { ScanReport } from '../core/model.js';
import { jsonReporter } from './json.js';
import { sarifReporter } from './sarif.js';
import { tableReporter } from './table.js';

export interface RenderOptions {
  /** ANSI colours on or off; the CLI decides (off with NO_COLOR or when stdout is not a TTY). */
  color: boolean;
}

/** Turns a finished scan into one output format. Pure: no I/O, same input gives the same output. */
export interface Reporter {
  /** The value users pass to select it, e.g. `--format sarif`. */
  format: string;
  /** One line for `--help`. */
  description: string;
  /** The whole document, ending with a newline. */
  render(report: ScanReport, options: RenderOptions): string;
}

/** Every output format, in the order `--help` lists them; the first one is the default. */
export const REPORTERS: Reporter[] = [tableReporter, jsonReporter, sarifReporter];

export function getReporter(format: string): Reporter {
  const wanted = format.trim().toLowerCase();
  const reporter = REPORTERS.find((candidate) => candidate.format === wanted);
  if (reporter) return reporter;
  const valid = REPORTERS.map((candidate) => candidate.format).join(', ');
  throw new PavedError('USAGE', `Unknown output format "${format}". Valid formats: ${valid}.`, {
    hint: `choose one of: ${valid}`,
  });
}
