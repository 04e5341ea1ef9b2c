import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExtractResult } from '../component.js';
import { ExtractError } from '../extractor.js';
import { inputFromFile, inputFromText, SHARED_DATA } from '../test-input.js';
import { pubspecLockExtractor } from './pubspec-lock.js';

const FIXTURES = join(SHARED_DATA, 'lockfile-fixtures/dart/pubspec/testdata');

function extractFixture(name: string) {
  return pubspecLockExtractor.extract(inputFromFile(join(FIXTURES, name), 'pubspec.lock'));
}

function extractText(text: string) {
  return pubspecLockExtractor.extract(inputFromText('pubspec.lock', text));
}

function summary(result: ExtractResult) {
  return result.components.map((c) => [c.name, c.version, c.scope, c.direct, c.location.line]);
}

describe('pubspecLockExtractor.matches', () => {
  it('reads pubspec.lock only', () => {
    expect(pubspecLockExtractor.matches('app/pubspec.lock')).toBe(true);
    expect(pubspecLockExtractor.matches('app/pubspec.yaml')).toBe(false);
  });
});

describe.skipIf(!existsSync(FIXTURES))('pubspec.lock fixtures', () => {
  it('parses every fixture, and rejects the one that is not a lock', () => {
    for (const name of readdirSync(FIXTURES)) {
      if (name === 'not-yaml.txt') expect(() => extractFixture(name)).toThrow(ExtractError);
      else expect(() => extractFixture(name), name).not.toThrow();
    }
  });

  it('gives nothing for an empty file or an empty packages map', () => {
    expect(extractFixture('empty.lock')).toEqual({ components: [], skipped: [] });
    expect(extractFixture('no-packages.lock')).toEqual({ components: [], skipped: [] });
  });

  it('reads a hosted package', () => {
    expect(extractFixture('one-package.lock').components).toEqual([
      {
        ecosystem: 'Pub',
        name: 'back_button_interceptor',
        version: '6.0.1',
        purl: 'pkg:pub/back_button_interceptor@6.0.1',
        scope: 'runtime',
        direct: true,
        dependencies: [],
        location: { path: 'pubspec.lock', line: 4 },
      },
    ]);
  });

  it('tells direct main, direct dev and transitive packages apart', () => {
    expect(summary(extractFixture('mixed-packages.lock'))).toEqual([
      ['back_button_interceptor', '6.0.1', 'runtime', true, 4],
      ['build_runner', '2.2.1', 'development', true, 11],
      ['shelf', '1.3.2', 'runtime', false, 18],
      ['shelf_web_socket', '1.0.2', 'runtime', false, 25],
    ]);
    expect(summary(extractFixture('one-package-dev.lock'))).toEqual([
      ['build_runner', '2.2.1', 'development', true, 4],
    ]);
    expect(summary(extractFixture('two-packages.lock'))).toHaveLength(2);
  });

  it('keeps git packages with their pubspec version', () => {
    expect(summary(extractFixture('source-git.lock'))).toEqual([
      ['flutter_rust_bridge', '1.32.0', 'runtime', true, 4],
      ['screen_retriever', '0.1.2', 'runtime', false, 13],
      ['toggle_switch', '1.4.0', 'runtime', true, 22],
      ['tray_manager', '0.1.8', 'runtime', true, 29],
      ['window_manager', '0.2.7', 'runtime', true, 38],
    ]);
  });

  it('skips SDK and path packages with the reason', () => {
    expect(extractFixture('source-sdk.lock')).toEqual({
      components: [],
      skipped: [
        {
          name: 'flutter_web_plugins',
          reason: 'part of the flutter SDK, versioned with it',
          location: { path: 'pubspec.lock', line: 4 },
        },
      ],
    });
    expect(extractFixture('source-path.lock')).toEqual({
      components: [],
      skipped: [
        { name: 'maa_core', reason: 'local package from the path ..', location: { path: 'pubspec.lock', line: 4 } },
      ],
    });
  });
});

describe('pubspec.lock edge cases', () => {
  it('keeps versions as written, takes the sha256 and reads direct overridden as direct', () => {
    const text = `packages:
  collection:
    dependency: "direct overridden"
    description:
      name: collection
      sha256: "${'AB'.repeat(32)}"
      url: "https://pub.dev"
    source: hosted
    version: 1.10
`;
    expect(extractText(text).components[0]).toMatchObject({
      version: '1.10',
      direct: true,
      scope: 'runtime',
      hashes: [{ algorithm: 'SHA-256', value: 'ab'.repeat(32) }],
    });
  });

  it('reports broken YAML and duplicate packages at their line', () => {
    expect(() => extractText('packages:\n  a:\n    version: "1"\n  - b\n')).toThrow(ExtractError);
    expect(() => extractText('packages:\n  a:\n    version: "1"\n  a:\n    version: "2"\n')).toThrow(
      expect.objectContaining({ line: 4 }),
    );
  });

  // The yaml package reads about 60 µs per pubspec.lock entry (20,000 entries: about 1.5 s). Real
  // pubspec.locks hold hundreds of packages; this checks that a large one stays fast.
  it('reads 2,000 packages quickly', () => {
    const entries = Array.from(
      { length: 2_000 },
      (_, i) =>
        `  p${i}:\n    dependency: transitive\n    description:\n      name: p${i}\n      sha256: ${'0'.repeat(64)}\n      url: "https://pub.dev"\n    source: hosted\n    version: "1.0.${i}"`,
    );
    const { components } = extractText(`packages:\n${entries.join('\n')}\n`);
    expect(components).toHaveLength(2_000);
    expect(components[1_999]?.location.line).toBe(2 + 1_999 * 8);
  });
});
