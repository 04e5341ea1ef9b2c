import { isUtf8 } from 'node:buffer';
import type { Diagnostic, Finding } from '../core/model.js';
import type { CommitInfo } from '../scan/diff-parser.js';
import type { SecretEngine } from './engine.js';
import { secretFinding } from './findings.js';

/** How many leading bytes are checked for NUL to call a file binary (as git and grep do). */
const BINARY_PROBE = 8000;

export interface BytesScanResult {
  findings: Finding[];
  diagnostics: Diagnostic[];
  binary: boolean;
}

/** Scans one file's (or one diff block's) bytes for secrets. */
export function scanBytes(
  engine: SecretEngine,
  bytes: Buffer,
  path: string,
  extra: { commit?: CommitInfo; lineNumbers?: number[] } = {},
): BytesScanResult {
  if (bytes.subarray(0, BINARY_PROBE).includes(0)) return { findings: [], diagnostics: [], binary: true };
  const diagnostics: Diagnostic[] = [];
  if (!isUtf8(bytes)) {
    diagnostics.push({
      level: 'info',
      code: 'invalid-utf8',
      path,
      message: 'not valid UTF-8: scanned as bytes, so columns on lines with invalid bytes may be approximate',
    });
  }
  const matches = engine.scan(bytes, { path, commit: extra.commit?.sha, lineNumbers: extra.lineNumbers });
  return { findings: matches.map((m) => secretFinding(m, path, extra.commit)), diagnostics, binary: false };
}
