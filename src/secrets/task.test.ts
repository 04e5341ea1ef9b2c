import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SecretEngine } from './engine.js';
import { genericRules } from './rules/generic.js';
import { runSecretTask } from './task.js';

describe('runSecretTask (files)', () => {
  const engine = new SecretEngine({ rules: genericRules, allowlists: [] });

  // Assembled at run time so this file does not trip the project's own secret scan.
  const assignment = `client_secret = "${['q8Hf2LmZ', '0vTn4RxW9bKc1sYe'].join('')}"\n`;

  it('skips files over the size limit with a warning, without reading them, and scans the rest', () => {
    const dir = mkdtempSync(join(tmpdir(), 'paved-task-'));
    writeFileSync(join(dir, 'big.txt'), `${assignment}${'x'.repeat(2048)}`);
    writeFileSync(join(dir, 'small.txt'), assignment);
    const files = ['big.txt', 'small.txt', 'missing.txt'].map((path) => ({ path, absolutePath: join(dir, path) }));
    const result = runSecretTask(engine, { type: 'files', files, maxFileSize: 1024 });
    expect(result.findings.map((f) => f.location.path)).toEqual(['small.txt']);
    expect(result.diagnostics.map((d) => [d.code, d.path])).toEqual([
      ['file-too-large', 'big.txt'],
      ['unreadable', 'missing.txt'],
    ]);
    expect(result.scanned).toBe(1);
  });
});
