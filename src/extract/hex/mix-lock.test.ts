import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExtractResult } from '../component.js';
import { ExtractError } from '../extractor.js';
import { inputFromFile, inputFromText, SHARED_DATA } from '../test-input.js';
import { mixLockExtractor } from './mix-lock.js';

const FIXTURES = join(SHARED_DATA, 'lockfile-fixtures/elixir/mixlock/testdata');
const PHOENIX = join(SHARED_DATA, 'lockfiles/Hex/phoenix');

function extractFixture(name: string) {
  return mixLockExtractor.extract(inputFromFile(join(FIXTURES, name), 'mix.lock'));
}

function extractText(text: string, siblings: Record<string, string> = {}) {
  return mixLockExtractor.extract(inputFromText('mix.lock', text, siblings));
}

function summary(result: ExtractResult) {
  return result.components.map((c) => [c.name, c.version, c.scope, c.direct, c.location.line]);
}

function hexEntry(app: string, version: string, deps: string[] = [], pkg = app): string {
  const depTerms = deps.map((dep) => `{:${dep}, "~> 1.0", [hex: :${dep}, repo: "hexpm", optional: false]}`);
  return `  "${app}": {:hex, :${pkg}, "${version}", "${'1'.repeat(64)}", [:mix], [${depTerms.join(', ')}], "hexpm", "${'ab'.repeat(32)}"},`;
}

describe('mixLockExtractor.matches', () => {
  it('reads mix.lock only', () => {
    expect(mixLockExtractor.matches('apps/web/mix.lock')).toBe(true);
    expect(mixLockExtractor.matches('apps/web/mix.exs')).toBe(false);
  });
});

describe.skipIf(!existsSync(FIXTURES))('mix.lock fixtures', () => {
  it('gives nothing for an empty map', () => {
    expect(extractFixture('empty')).toEqual({ components: [], skipped: [] });
  });

  it('rejects a :hex entry without a package name and version, at its line', () => {
    expect(() => extractFixture('invalid')).toThrow(ExtractError);
    expect(() => extractFixture('invalid')).toThrow(expect.objectContaining({ line: 3 }));
  });

  it('reads the valid lock, with the outer checksum as SHA-256', () => {
    const result = extractFixture('valid');
    expect(summary(result)).toEqual([
      ['bunt', '1.0.0', 'runtime', true, 2],
      ['certifi', '2.12.0', 'runtime', true, 3],
    ]);
    expect(result.components[0]).toMatchObject({
      ecosystem: 'Hex',
      purl: 'pkg:hex/bunt@1.0.0',
      dependencies: [],
      hashes: [{ algorithm: 'SHA-256', value: 'dc5f86aa08a5f6fa6b8096f0735c4e76d54ae5c9fa2c143e5a1fc7c1cd9bb6b5' }],
    });
  });
});

describe('mix.lock edge cases', () => {
  const LOCK = [
    '%{',
    hexEntry('phoenix', '1.7.10', ['plug', 'jason']),
    hexEntry('plug', '1.15.2', ['mime']),
    hexEntry('mime', '2.0.5'),
    hexEntry('jason', '1.4.1'),
    hexEntry('ex_doc', '0.31.0', ['makeup', 'jason']),
    hexEntry('makeup', '1.1.1'),
    '  "my_fork": {:git, "https://github.com/me/fork.git", "0123abcd", [branch: "main"]},',
    '}',
  ].join('\n');

  it('without mix.exs, counts packages no other locked package depends on as direct', () => {
    const result = extractText(LOCK);
    expect(summary(result)).toEqual([
      ['phoenix', '1.7.10', 'runtime', true, 2],
      ['plug', '1.15.2', 'runtime', false, 3],
      ['mime', '2.0.5', 'runtime', false, 4],
      ['jason', '1.4.1', 'runtime', false, 5],
      ['ex_doc', '0.31.0', 'runtime', true, 6],
      ['makeup', '1.1.1', 'runtime', false, 7],
    ]);
    expect(result.components[0]?.dependencies).toEqual(['pkg:hex/plug@1.15.2', 'pkg:hex/jason@1.4.1']);
  });

  it('skips git dependencies with their URL and ref', () => {
    expect(extractText(LOCK).skipped).toEqual([
      {
        name: 'my_fork',
        reason: 'git dependency without a version (https://github.com/me/fork.git at 0123abcd)',
        location: { path: 'mix.lock', line: 8 },
      },
    ]);
  });

  it('with mix.exs, takes direct dependencies from its deps, and dev-only ones (and what only they need) as development', () => {
    const mixExs = `defmodule App.MixProject do
  use Mix.Project
  def project, do: [app: :app, deps: deps()]
  defp deps do
    [
      {:phoenix, "~> 1.7"},
      {:ex_doc, "~> 0.31", only: :dev, runtime: false},
      {:mime, "~> 2.0", only: [:dev, :test]},
      {:my_fork, github: "me/fork"}
    ]
  end
end
`;
    expect(summary(extractText(LOCK, { 'mix.exs': mixExs }))).toEqual([
      ['phoenix', '1.7.10', 'runtime', true, 2],
      ['plug', '1.15.2', 'runtime', false, 3],
      // Declared dev-only, but plug needs it at runtime.
      ['mime', '2.0.5', 'runtime', true, 4],
      ['jason', '1.4.1', 'runtime', false, 5],
      ['ex_doc', '0.31.0', 'development', true, 6],
      ['makeup', '1.1.1', 'development', false, 7],
    ]);
  });

  it('uses the hex package name when it differs from the app name', () => {
    const [component] = extractText(`%{\n${hexEntry('my_json', '1.0.0', [], 'jason')}\n}`).components;
    expect(component).toMatchObject({ name: 'jason', purl: 'pkg:hex/jason@1.0.0' });
  });

  it('reads older locks without repo and outer checksum', () => {
    const text =
      '%{"poison": {:hex, :poison, "3.1.0", "d9eb636610e096f86f25d9a46f35a9facac35609a7591b3be3326e99a0484665", [:mix], []}}';
    expect(extractText(text).components[0]).toMatchObject({ name: 'poison', version: '3.1.0', location: { line: 1 } });
    expect(extractText(text).components[0]?.hashes).toBeUndefined();
  });

  it('rejects code and malformed terms at their line', () => {
    expect(() => extractText('%{\n  "a": {:hex, :a, "1.0.0"}\n  "b": {:hex, :b, "1.0.0"}\n}')).toThrow(
      expect.objectContaining({ name: 'ExtractError', line: 3 }),
    );
    expect(() => extractText('%{\n  "a": {:hex, :a, System.get_env("V")}\n}')).toThrow(
      expect.objectContaining({ line: 2 }),
    );
    expect(() => extractText('%{\n  "a": {:hex, :a, "#{v}"}\n}')).toThrow(ExtractError);
    expect(() => extractText('%{"a": {:hex, :a, "1.0.0"}')).toThrow(ExtractError);
    expect(() => extractText('[1, 2]')).toThrow(ExtractError);
  });

  it('reads 20,000 packages quickly', () => {
    const entries = Array.from({ length: 20_000 }, (_, i) => hexEntry(`p${i}`, `1.0.${i}`, [`p${i + 1}`]));
    const { components } = extractText(`%{\n${entries.join('\n')}\n}\n`);
    expect(components).toHaveLength(20_000);
    expect(components[7]).toMatchObject({ direct: false, dependencies: ['pkg:hex/p8@1.0.8'], location: { line: 9 } });
  });
});

describe.skipIf(!existsSync(PHOENIX))('phoenix mix.lock (real)', () => {
  // Counted independently with a one-off script: 34 entries, all :hex; their deps lists hold 42 tuples,
  // 3 naming packages that are not locked (ecto_sql's optional myxql, postgrex and tds), so 39 edges.
  // No mix.exs beside it: 11 packages are depended on by no other and count as direct.
  const { components, skipped } = mixLockExtractor.extract(
    inputFromFile(join(PHOENIX, 'mix.lock'), 'Hex/phoenix/mix.lock'),
  );

  it('gives 34 packages, 11 direct, with 39 edges', () => {
    expect(components).toHaveLength(34);
    expect(skipped).toEqual([]);
    expect(components.filter((c) => c.direct).map((c) => c.name)).toEqual([
      'ecto_sql',
      'esbuild',
      'ex_doc',
      'gettext',
      'makeup_eex',
      'mint_web_socket',
      'phoenix_pubsub',
      'phoenix_view',
      'plug_cowboy',
      'telemetry_metrics',
      'telemetry_poller',
    ]);
    expect(components.reduce((sum, c) => sum + c.dependencies.length, 0)).toBe(39);
    expect(components.every((c) => c.hashes?.[0]?.algorithm === 'SHA-256')).toBe(true);
  });

  it('keeps optional dependencies as edges', () => {
    expect(components.find((c) => c.name === 'ecto_sql')).toMatchObject({
      version: '3.8.2',
      location: { line: 11 },
      dependencies: ['pkg:hex/db_connection@2.4.2', 'pkg:hex/ecto@3.8.3', 'pkg:hex/telemetry@1.1.0'],
    });
    expect(components.find((c) => c.name === 'phoenix_view')?.dependencies).toEqual(['pkg:hex/phoenix_html@3.2.0']);
  });
});
