import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonErrorLine, LineIndex } from './lines.js';
import { projectIdentity } from './project.js';

describe('LineIndex', () => {
  const text = '{\n  "a": 1,\n  "b": {\n    "a": 2\n  }\n}';
  const index = new LineIndex(text);

  it('turns offsets into 1-based lines', () => {
    expect(index.lineAt(0)).toBe(1);
    expect(index.lineAt(text.indexOf('"b"'))).toBe(3);
    expect(index.lineAt(text.length)).toBe(6);
  });

  it('finds JSON keys from a starting offset', () => {
    expect(index.lineOfJsonKey('a')).toBe(2);
    expect(index.lineOfJsonKey('a', text.indexOf('"b"'))).toBe(4);
    expect(index.lineOfJsonKey('missing')).toBe(1);
  });
});

describe('projectIdentity', () => {
  it('names the project from its manifest, else from its folder', () => {
    const withManifest = mkdtempSync(join(tmpdir(), 'paved-project-'));
    writeFileSync(join(withManifest, 'pyproject.toml'), '[project]\nname = "demo"\nversion = "2.1.0"\n');
    expect(projectIdentity(withManifest)).toEqual({ name: 'demo', version: '2.1.0' });
    const bare = mkdtempSync(join(tmpdir(), 'paved-bare-'));
    writeFileSync(join(bare, 'package.json'), '{ not json');
    expect(projectIdentity(bare).name).toMatch(/^paved-bare-/);
  });
});

describe('jsonErrorLine', () => {
  const lineOfError = (text: string) => {
    try {
      JSON.parse(text);
    } catch (error) {
      return jsonErrorLine(text, error);
    }
    return undefined;
  };

  it('finds the line from every kind of V8 message', () => {
    expect(lineOfError('{\n  "a": 1,\n  "b": oops\n}')).toBe(3);
    expect(lineOfError(`{\n  "a": 1,\n  "padding": "${'x'.repeat(40)}",\n  "b": oops\n}`)).toBe(4);
    expect(lineOfError('{\n  "a": 1,\n}')).toBe(3);
    expect(lineOfError('{\n  "a": [1,\n')).toBe(3);
  });
});
