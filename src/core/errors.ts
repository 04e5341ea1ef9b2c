/**
 * Every error paved raises on purpose carries a code from this fixed list, so callers (CLI, server,
 * tests) branch on the code and never on message text.
 */
export const ERROR_CODES = [
  'USAGE', // bad flags or arguments
  'CONFIG', // a configuration file is invalid
  'RULE', // a rule cannot be compiled or is unsafe
  'INPUT', // a file or stream cannot be read or parsed
  'GIT', // a git operation failed or the target is not a repository
  'OUTPUT', // a result cannot be written
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorContext {
  /** File the error is about, relative to the scan root when possible. */
  path?: string;
  /** 1-based line inside `path`, when known. */
  line?: number;
  /** What the user can do about it. */
  hint?: string;
}

export class PavedError extends Error {
  readonly code: ErrorCode;
  readonly path?: string;
  readonly line?: number;
  readonly hint?: string;

  constructor(code: ErrorCode, message: string, context: ErrorContext = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PavedError';
    this.code = code;
    this.path = context.path;
    this.line = context.line;
    this.hint = context.hint;
  }

  /** "file:line: message (hint)" — the one-line form printed on stderr. */
  describe(): string {
    const where = this.path ? `${this.path}${this.line ? `:${this.line}` : ''}: ` : '';
    return `${where}${this.message}${this.hint ? `\n  hint: ${this.hint}` : ''}`;
  }
}

/** Process exit codes shared by every command. */
export const EXIT = { PASS: 0, GATE_FAILED: 1, ERROR: 2 } as const;
