import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExtractResult } from '../component.js';
import { ExtractError } from '../extractor.js';
import { inputFromFile, inputFromText, SHARED_DATA } from '../test-input.js';
import { packagesLockExtractor } from './packages-lock.js';

const FIXTURES = join(SHARED_DATA, 'lockfile-fixtures/dotnet/packageslockjson/testdata');

function extractText(text: string) {
  return packagesLockExtractor.extract(inputFromText('packages.lock.json', text));
}

function summary(result: ExtractResult) {
  return result.components.map((c) => [c.name, c.version, c.direct, c.location.line]);
}

describe('packagesLockExtractor.matches', () => {
  it('reads packages.lock.json only', () => {
    expect(packagesLockExtractor.matches('src/App/packages.lock.json')).toBe(true);
    expect(packagesLockExtractor.matches('src/App/packages.config')).toBe(false);
    expect(packagesLockExtractor.matches('package-lock.json')).toBe(false);
  });
});

describe.skipIf(!existsSync(FIXTURES))('packages.lock.json fixtures', () => {
  it('rejects the file that is not JSON, with its line', () => {
    const input = inputFromFile(join(FIXTURES, 'invalid/invalid'), 'packages.lock.json');
    expect(() => packagesLockExtractor.extract(input)).toThrow(ExtractError);
    expect(() => packagesLockExtractor.extract(input)).toThrow(expect.objectContaining({ line: 1 }));
  });

  it('reads the direct package and its transitive ones, with their lines', () => {
    const input = inputFromFile(join(FIXTURES, 'valid/packages.lock.json'), 'App/packages.lock.json');
    const result = packagesLockExtractor.extract(input);
    expect(result.skipped).toEqual([]);
    expect(summary(result)).toEqual([
      ['Core.Dep', '1.24.0', true, 5],
      ['Some.Dep.One', '1.1.1', false, 20],
      ['Some.Dep.Two', '4.6.0', false, 25],
      ['Some.Dep.Three', '1.0.2', false, 30],
      ['Some.Dep.Four', '4.5.0', false, 39],
      ['Some.Longer.Name.Dep', '4.7.2', false, 44],
      ['Some.Dep.Five', '4.7.2', false, 49],
      ['Another.Longer.Name.Dep', '4.5.4', false, 54],
    ]);
    const [core, , , three] = result.components;
    expect(core).toMatchObject({
      ecosystem: 'NuGet',
      purl: 'pkg:nuget/Core.Dep@1.24.0',
      scope: 'runtime',
      location: { path: 'App/packages.lock.json', line: 5 },
      hashes: [
        {
          algorithm: 'SHA-512',
          value:
            'fbfa88d63da85354b8fe7bf16f693fc03b28974d2219fd40c895f98377a957b78ea5010fff6c5c821fdcc6028c785827dd4d9f9a04a206741976457e979cb453',
        },
      ],
    });
    expect(core?.dependencies).toHaveLength(7);
    // The lock writes the minimum version (Some.Dep.Five 4.6.0); the edge goes to the locked 4.7.2.
    expect(three?.dependencies).toEqual(['pkg:nuget/Some.Longer.Name.Dep@4.7.2', 'pkg:nuget/Some.Dep.Five@4.7.2']);
  });
});

describe('packages.lock.json edge cases', () => {
  const MULTI = JSON.stringify(
    {
      version: 2,
      dependencies: {
        'net6.0': {
          'Newtonsoft.Json': { type: 'Direct', requested: '[13.0.3, )', resolved: '13.0.3', contentHash: 'x' },
          'My.Library': { type: 'Project', dependencies: { 'Newtonsoft.Json': '[13.0.3, )' } },
          'System.Memory': { type: 'CentralTransitive', requested: '[4.5.5, )', resolved: '4.5.5' },
        },
        'net8.0': {
          'Newtonsoft.Json': {
            type: 'Transitive',
            resolved: '13.0.3',
            dependencies: { 'system.memory': '4.5.0', 'My.Library': '1.0.0' },
          },
          'My.Library': { type: 'Project' },
          'System.Memory': { type: 'Transitive', resolved: '4.5.5' },
        },
        'net8.0/win-x64': {
          'System.Memory': { type: 'Transitive', resolved: '4.6.0' },
        },
      },
    },
    null,
    2,
  );

  it('gives a package locked for several frameworks once, direct if direct anywhere, with every edge', () => {
    const result = extractText(MULTI);
    expect(summary(result)).toEqual([
      ['Newtonsoft.Json', '13.0.3', true, 5],
      ['System.Memory', '4.5.5', false, 17],
      ['System.Memory', '4.6.0', false, 41],
    ]);
    // Dependency names are matched without regard to case; project references are no edges.
    expect(result.components[0]?.dependencies).toEqual(['pkg:nuget/System.Memory@4.5.5']);
    // A contentHash that is not a SHA-512 gives no hash.
    expect(result.components[0]?.hashes).toBeUndefined();
  });

  it('skips project references once, at their first entry', () => {
    expect(extractText(MULTI).skipped).toEqual([
      {
        name: 'My.Library',
        reason: 'a project of the solution (local code)',
        location: { path: 'packages.lock.json', line: 11 },
      },
    ]);
  });

  it('skips an entry without a resolved version', () => {
    const text = JSON.stringify({ dependencies: { net48: { Broken: { type: 'Direct', requested: '[1.0.0, )' } } } });
    expect(extractText(text)).toEqual({
      components: [],
      skipped: [
        { name: 'Broken', reason: 'no resolved version for net48', location: { path: 'packages.lock.json', line: 1 } },
      ],
    });
  });

  it('rejects JSON that is not a lock', () => {
    expect(() => extractText('null')).toThrow(ExtractError);
    expect(() => extractText('{"version": 1}')).toThrow(ExtractError);
    expect(() => extractText('{\n  "dependencies": {\n    "net8.0": {\n      "A": {,}\n')).toThrow(
      expect.objectContaining({ line: 4 }),
    );
  });

  it('reads 20,000 packages quickly', () => {
    const entries: Record<string, object> = {};
    for (let i = 0; i < 20_000; i++) {
      entries[`Pkg.N${i}`] = {
        type: i === 0 ? 'Direct' : 'Transitive',
        resolved: `1.0.${i}`,
        contentHash: Buffer.alloc(64, i % 256).toString('base64'),
        dependencies: { [`Pkg.N${i + 1}`]: '1.0.0' },
      };
    }
    const text = JSON.stringify({ version: 1, dependencies: { 'net8.0': entries } }, null, 2);
    const { components } = extractText(text);
    expect(components).toHaveLength(20_000);
    expect(components[1]).toMatchObject({ direct: false, dependencies: ['pkg:nuget/Pkg.N2@1.0.2'] });
    expect(components[19_999]?.location.line).toBe(text.split('\n').indexOf('    "net8.0": {') + 1 + 19_999 * 8 + 1);
  });
});
