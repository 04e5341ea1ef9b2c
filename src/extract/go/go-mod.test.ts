import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExtractError } from '../extractor.js';
import { inputFromFile, inputFromText, SHARED_DATA } from '../test-input.js';
import { goModExtractor } from './go-mod.js';

const FIXTURES = join(SHARED_DATA, 'lockfile-fixtures/golang/gomod/testdata');
const PROMETHEUS = join(SHARED_DATA, 'lockfiles/Go/prometheus');

function extractFixture(name: string) {
  return goModExtractor.extract(inputFromFile(join(FIXTURES, name), 'go.mod'));
}

function versions(result: { components: { name: string; version: string }[] }): string[] {
  return result.components.map((c) => `${c.name}@${c.version}`);
}

describe('goModExtractor.matches', () => {
  it('reads go.mod only', () => {
    expect(goModExtractor.matches('svc/go.mod')).toBe(true);
    expect(goModExtractor.matches('svc/go.sum')).toBe(false);
    expect(goModExtractor.matches('svc/go.mod.bak')).toBe(false);
  });
});

describe.skipIf(!existsSync(FIXTURES))('go.mod fixtures', () => {
  it('parses every .mod fixture or rejects it with an ExtractError', () => {
    for (const name of readdirSync(FIXTURES).filter((n) => n.endsWith('.mod'))) {
      try {
        extractFixture(name);
      } catch (error) {
        expect(error, name).toBeInstanceOf(ExtractError);
        expect(name).toBe('not-go-mod.mod');
      }
    }
  });

  it('rejects a file that is not a go.mod, naming the line', () => {
    expect(() => extractFixture('not-go-mod.mod')).toThrow(
      expect.objectContaining({ name: 'ExtractError', line: 1, message: "unknown go.mod directive 'this'" }),
    );
  });

  it('gives nothing for an empty file', () => {
    expect(extractFixture('empty.mod')).toEqual({ components: [], skipped: [] });
  });

  it('reads block requires with their lines, and // indirect as transitive', () => {
    const { components } = extractFixture('indirect-packages.mod');
    expect(components.map((c) => [c.name, c.version, c.direct, c.location.line])).toEqual([
      ['github.com/BurntSushi/toml', 'v1.0.0', true, 6],
      ['gopkg.in/yaml.v2', 'v2.4.0', true, 7],
      ['github.com/mattn/go-colorable', 'v0.1.9', false, 11],
      ['github.com/mattn/go-isatty', 'v0.0.14', false, 12],
      ['golang.org/x/sys', 'v0.0.0-20210630005230-0f9fa26af87c', false, 13],
    ]);
    expect(components[0]).toMatchObject({
      ecosystem: 'Go',
      purl: 'pkg:golang/github.com/BurntSushi/toml@v1.0.0',
      scope: 'runtime',
      dependencies: [],
      location: { path: 'go.mod', line: 6 },
    });
  });

  it('does not count the go and toolchain directives as components', () => {
    expect(versions(extractFixture('toolchain.mod'))).toEqual(['github.com/BurntSushi/toml@v1.0.0']);
    expect(versions(extractFixture('toolchain-with-suffix.mod'))).toEqual(['github.com/BurntSushi/toml@v1.0.0']);
  });

  it('takes hashes from go.sum for the module tree, not for its go.mod', () => {
    const [logrus] = extractFixture('indirect-1.16.mod').components;
    // indirect-1.16.sum is not named go.sum, so it is not read beside this go.mod.
    expect(logrus?.hashes).toBeUndefined();
    const result = goModExtractor.extract(
      inputFromText('go.mod', 'module test\n\nrequire github.com/sirupsen/logrus v1.9.3\n', {
        'go.sum': [
          'github.com/sirupsen/logrus v1.9.3 h1:dueUQJ1C2q9oE3F7wvmSGAaVtTmUizReu6fjN8uqzbQ=',
          'github.com/sirupsen/logrus v1.9.3/go.mod h1:naHLuLoDiP4jHNo9R0sCBMtWGeIprob74mVsIT4qYEQ=',
        ].join('\n'),
      }),
    );
    expect(result.components[0]?.hashes).toEqual([
      {
        algorithm: 'SHA-256',
        value: Buffer.from('dueUQJ1C2q9oE3F7wvmSGAaVtTmUizReu6fjN8uqzbQ=', 'base64').toString('hex'),
      },
    ]);
  });

  it('ignores a go.sum it cannot read', () => {
    const text = 'module test\n\nrequire github.com/sirupsen/logrus v1.9.3\n';
    const result = goModExtractor.extract(inputFromText('go.mod', text, { 'go.sum': 'Wrongly formatted!!!' }));
    expect(result.components[0]?.hashes).toBeUndefined();
  });

  it('uses the replacement module and version of a replace line', () => {
    expect(versions(extractFixture('replace-one.mod'))).toEqual(['example.com/fork/net@v1.4.5']);
    expect(versions(extractFixture('replace-different.mod'))).toEqual([
      'example.com/fork/foe@v1.4.5',
      'example.com/fork/foe@v1.4.2',
    ]);
    expect(versions(extractFixture('replace-mixed.mod'))).toEqual([
      'example.com/fork/net@v1.4.5',
      'golang.org/x/net@v0.5.6',
    ]);
    expect(versions(extractFixture('replace-not-required.mod'))).toEqual([
      'golang.org/x/net@v0.5.6',
      'github.com/BurntSushi/toml@v1.0.0',
    ]);
  });

  it('merges two requirements replaced by the same module version into one component', () => {
    const { components } = extractFixture('replace-no-version.mod');
    expect(versions({ components })).toEqual(['example.com/fork/net@v1.4.5']);
    expect(components[0]?.location.line).toBe(2);
  });

  it('skips a module replaced by a local folder, with the reason and line', () => {
    const result = extractFixture('replace-local.mod');
    expect(versions(result)).toEqual(['github.com/BurntSushi/toml@v1.0.0']);
    expect(result.skipped).toEqual([
      {
        name: 'golang.org/x/net',
        reason: 'replaced by the local folder ./fork/net',
        location: { path: 'go.mod', line: 2 },
      },
    ]);
  });
});

describe('go.mod edge cases', () => {
  it('reads single-line requires, quoted paths and pseudo-versions', () => {
    const text = [
      'module example.com/app',
      'go 1.22',
      'require "github.com/a/b" v0.0.0-20200101000000-abcdefabcdef // indirect',
      'require github.com/docker/docker v28.4.0+incompatible // indirect; needed by tests',
      'require github.com/c/d v1.0.0 // keep in sync',
    ].join('\n');
    const { components } = goModExtractor.extract(inputFromText('go.mod', text));
    expect(components.map((c) => [c.name, c.version, c.direct, c.location.line])).toEqual([
      ['github.com/a/b', 'v0.0.0-20200101000000-abcdefabcdef', false, 3],
      ['github.com/docker/docker', 'v28.4.0+incompatible', false, 4],
      ['github.com/c/d', 'v1.0.0', true, 5],
    ]);
    expect(components[1]?.purl).toBe('pkg:golang/github.com/docker/docker@v28.4.0+incompatible');
  });

  it('skips a requirement whose exact version is excluded, and keeps other versions', () => {
    const text = [
      'require (',
      '  example.com/a v1.0.0',
      '  example.com/b v2.0.0',
      ')',
      'exclude example.com/a v1.0.0',
      'exclude (',
      '  example.com/b v1.9.0',
      ')',
    ].join('\n');
    const result = goModExtractor.extract(inputFromText('go.mod', text));
    expect(versions(result)).toEqual(['example.com/b@v2.0.0']);
    expect(result.skipped).toEqual([
      {
        name: 'example.com/a',
        reason: 'v1.0.0 is excluded by an exclude directive',
        location: { path: 'go.mod', line: 2 },
      },
    ]);
  });

  it('prefers a version-specific replace over one for every version', () => {
    const text = [
      'require example.com/a v1.0.0',
      'replace example.com/a => example.com/any v9.0.0',
      'replace example.com/a v1.0.0=>example.com/exact v1.0.1',
    ].join('\n');
    expect(versions(goModExtractor.extract(inputFromText('go.mod', text)))).toEqual(['example.com/exact@v1.0.1']);
  });

  it('reports an unclosed block and a require without a version at their lines', () => {
    expect(() =>
      goModExtractor.extract(inputFromText('go.mod', 'module m\nrequire (\n  example.com/a v1.0.0\n')),
    ).toThrow(expect.objectContaining({ name: 'ExtractError', line: 2 }));
    expect(() => goModExtractor.extract(inputFromText('go.mod', 'module m\n\nrequire example.com/a\n'))).toThrow(
      expect.objectContaining({ name: 'ExtractError', line: 3 }),
    );
  });

  it('reads a large go.mod quickly', () => {
    const lines = ['module big', 'require ('];
    for (let i = 0; i < 20_000; i++) lines.push(`\texample.com/m${i} v1.${i}.0 // indirect`);
    lines.push(')');
    const sum = Array.from({ length: 20_000 }, (_, i) => `example.com/m${i} v1.${i}.0 h1:${'A'.repeat(43)}=`).join(
      '\n',
    );
    const { components } = goModExtractor.extract(inputFromText('go.mod', lines.join('\n'), { 'go.sum': sum }));
    expect(components).toHaveLength(20_000);
    expect(components[19_999]?.hashes?.[0]?.value).toBe('0'.repeat(64));
  });
});

describe.skipIf(!existsSync(PROMETHEUS))('prometheus go.mod (real)', () => {
  // Counted independently with a one-off script over go.mod: 230 require entries (3 blocks), of which 98
  // have no `// indirect` comment (96 in the first block, plus feature/ec2/imds and otlptranslator,
  // which sit in an indirect block without the comment). No replace; the 3 excluded versions are not
  // the required ones. All 230 have an h1: line in go.sum.
  const result = goModExtractor.extract(inputFromFile(join(PROMETHEUS, 'go.mod'), 'Go/prometheus/go.mod'));

  it('gives one component per requirement, none skipped', () => {
    expect(result.components).toHaveLength(230);
    expect(result.skipped).toEqual([]);
    expect(result.components.filter((c) => c.direct)).toHaveLength(98);
    expect(result.components.every((c) => c.hashes?.length === 1)).toBe(true);
  });

  it('keeps direct requirements that sit in an indirect block', () => {
    const imds = result.components.find((c) => c.name === 'github.com/aws/aws-sdk-go-v2/feature/ec2/imds');
    expect(imds).toMatchObject({ version: 'v1.18.9', direct: true, location: { line: 119 } });
    const yaml3 = result.components.find((c) => c.name === 'go.yaml.in/yaml/v3');
    expect(yaml3).toMatchObject({ version: 'v3.0.4', direct: false, location: { line: 105 } });
  });

  it('keeps +incompatible versions and takes the h1: hash as hex', () => {
    const docker = result.components.find((c) => c.name === 'github.com/docker/docker');
    expect(docker).toMatchObject({ version: 'v28.4.0+incompatible', direct: true, location: { line: 25 } });
    expect(docker?.hashes).toEqual([
      { algorithm: 'SHA-256', value: '2950bb6f3e73258ff80197bfefc048bc29cfb0b682f53ff387bdb19e5ad34ce9' },
    ]);
  });
});
