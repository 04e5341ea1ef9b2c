import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExtractError } from '../extractor.js';
import { parseLockYaml, readWithLibrary, readYamlSubset } from './lock-yaml.js';
import { FIXTURES, REAL_LOCKFILES, SHARED_DATA } from './test-input.js';

const allKeys = () => true;

/** Every lockfile written by pnpm or yarn berry among the shared test data. */
function yamlLockfiles(): string[] {
  const pnpm = join(FIXTURES, 'pnpmlock/testdata');
  const berry = join(FIXTURES, 'yarnlock/testdata');
  return [
    ...readdirSync(pnpm)
      .filter((name) => name.endsWith('.yaml'))
      .map((name) => join(pnpm, name)),
    ...readdirSync(berry)
      .filter((name) => name.endsWith('.v2.lock'))
      .map((name) => join(berry, name)),
    join(REAL_LOCKFILES, 'prometheus-web-ui-pnpm/pnpm-lock.yaml'),
    join(REAL_LOCKFILES, 'prettier-yarn-berry/yarn.lock'),
  ];
}

describe.skipIf(!existsSync(FIXTURES) || !existsSync(REAL_LOCKFILES))('the subset reader on real lockfiles', () => {
  it.each(yamlLockfiles().map((file) => [relative(SHARED_DATA, file), file]))(
    'reads %s as the yaml library does',
    (_, file) => {
      const text = readFileSync(file, 'utf8');
      const fast = readYamlSubset(text, allKeys);
      expect(fast, 'stayed inside the subset').toBeDefined();
      const full = readWithLibrary(text, allKeys);
      expect(fast?.map((document) => document.value)).toEqual(full.map((document) => document.value));
      const root = full[0]?.value;
      for (const [section, entries] of Object.entries(root && typeof root === 'object' ? root : {})) {
        expect(fast?.[0]?.lineOf([section])).toBe(full[0]?.lineOf([section]));
        for (const key of Object.keys(entries && typeof entries === 'object' ? entries : {}).slice(0, 50)) {
          expect(fast?.[0]?.lineOf([section, key])).toBe(full[0]?.lineOf([section, key]));
        }
      }
    },
  );
});

describe('parseLockYaml', () => {
  it('reads the subset: quoting, flow collections, compact sequences, comments, CRLF, scalar types', () => {
    const text = [
      "lockfileVersion: '9.0'",
      'count: 5.3 # a float',
      "'@scope/a@1.0.0(b@2.0.0)':",
      "  resolution: {integrity: sha512-abc+/==, tarball: 'https://x/y.tgz'}",
      '  cpu: [x64, arm64]',
      '  flags: {dev: true, optional: ~}',
      'list:',
      '- one',
      '- "two: 2"',
      'name: "it\'s \\"quoted\\""',
      "other: 'it''s'",
      '__proto__: kept',
      'empty:',
      'last: null',
    ].join('\r\n');
    const [document] = readYamlSubset(text, allKeys) ?? [];
    expect(document?.value).toEqual({
      lockfileVersion: '9.0',
      count: 5.3,
      '@scope/a@1.0.0(b@2.0.0)': {
        resolution: { integrity: 'sha512-abc+/==', tarball: 'https://x/y.tgz' },
        cpu: ['x64', 'arm64'],
        flags: { dev: true, optional: null },
      },
      list: ['one', 'two: 2'],
      name: 'it\'s "quoted"',
      other: "it's",
      ['__proto__']: 'kept',
      empty: null,
      last: null,
    });
    expect(Object.hasOwn(document?.value as object, '__proto__')).toBe(true);
    expect(document?.lineOf(['@scope/a@1.0.0(b@2.0.0)', 'cpu'])).toBe(5);
    expect(document?.lineOf(['last'])).toBe(14);
  });

  it('only records lines where asked', () => {
    const [document] = parseLockYaml('a:\n  b:\n    c: 1\n', (parents) => parents.length === 1);
    expect(document?.lineOf(['a'])).toBeUndefined();
    expect(document?.lineOf(['a', 'b'])).toBe(2);
    expect(document?.lineOf(['a', 'b', 'c'])).toBeUndefined();
  });

  it('reads every document of a multi-document file', () => {
    const documents = parseLockYaml('---\nenv: 1\n---\nlockfileVersion: 9\n', allKeys);
    expect(documents.map((document) => document.value)).toEqual([{ env: 1 }, { lockfileVersion: 9 }]);
    expect(documents[1]?.lineOf(['lockfileVersion'])).toBe(4);
  });

  it('hands YAML outside the subset to the library, with the same result', () => {
    const text = 'a: &anchor\n  b: |\n    two\n    lines\nc: *anchor\nd: [1,\n  2]\n';
    expect(readYamlSubset(text, allKeys)).toBeUndefined();
    const [document] = parseLockYaml(text, allKeys);
    expect(document?.value).toEqual({ a: { b: 'two\nlines\n' }, c: { b: 'two\nlines\n' }, d: [1, 2] });
    expect(document?.lineOf(['d'])).toBe(6);
  });

  it('gives nothing for a file of comments, and an ExtractError with the line for invalid YAML', () => {
    expect(parseLockYaml('# only a comment\n', allKeys)).toEqual([]);
    const invalid = 'a: 1\nb: [unclosed\nc: 3\n';
    expect(() => parseLockYaml(invalid, allKeys)).toThrow(ExtractError);
    try {
      parseLockYaml('a: 1\na: 2\n', allKeys);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ExtractError);
      expect((error as ExtractError).line).toBe(2);
    }
  });
});
