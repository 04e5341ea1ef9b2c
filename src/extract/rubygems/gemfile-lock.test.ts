import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExtractResult } from '../component.js';
import { ExtractError } from '../extractor.js';
import { inputFromFile, inputFromText, SHARED_DATA } from '../test-input.js';
import { gemfileLockExtractor } from './gemfile-lock.js';

const FIXTURES = join(SHARED_DATA, 'lockfile-fixtures/ruby/gemfilelock/testdata');
const MASTODON = join(SHARED_DATA, 'lockfiles/RubyGems/mastodon');

function extractFixture(name: string) {
  return gemfileLockExtractor.extract(inputFromFile(join(FIXTURES, name), 'Gemfile.lock'));
}

function extractText(text: string) {
  return gemfileLockExtractor.extract(inputFromText('Gemfile.lock', text));
}

function summary(result: ExtractResult) {
  return result.components.map((c) => [c.name, c.version, c.direct, c.location.line]);
}

describe('gemfileLockExtractor.matches', () => {
  it('reads Gemfile.lock and gems.locked', () => {
    expect(gemfileLockExtractor.matches('app/Gemfile.lock')).toBe(true);
    expect(gemfileLockExtractor.matches('app/gems.locked')).toBe(true);
    expect(gemfileLockExtractor.matches('app/Gemfile')).toBe(false);
  });
});

describe.skipIf(!existsSync(FIXTURES))('Gemfile.lock fixtures', () => {
  it('parses every fixture, and rejects the one with a gem without a version', () => {
    for (const name of readdirSync(FIXTURES)) {
      if (name === 'invalid.lock') continue;
      expect(() => extractFixture(name), name).not.toThrow();
    }
    expect(() => extractFixture('invalid.lock')).toThrow(ExtractError);
    expect(() => extractFixture('invalid.lock')).toThrow(expect.objectContaining({ line: 4 }));
  });

  it('gives nothing when there are no gems', () => {
    for (const name of ['no-gem-section.lock', 'no-gems.lock', 'no-spec-section.lock']) {
      expect(extractFixture(name), name).toEqual({ components: [], skipped: [] });
    }
  });

  it('reads one gem', () => {
    expect(extractFixture('one-gem.lock').components).toEqual([
      {
        ecosystem: 'RubyGems',
        name: 'ast',
        version: '2.4.2',
        purl: 'pkg:gem/ast@2.4.2',
        scope: 'runtime',
        direct: true,
        dependencies: [],
        location: { path: 'Gemfile.lock', line: 4 },
      },
    ]);
  });

  it('marks the DEPENDENCIES as direct and resolves edges to locked versions', () => {
    const result = extractFixture('multiple-gems.lock');
    expect(summary(result)).toEqual([
      ['bundler-audit', '0.9.0.1', true, 4],
      ['coderay', '1.1.3', false, 7],
      ['dotenv', '2.7.6', true, 8],
      ['method_source', '1.0.0', false, 9],
      ['pry', '0.14.1', true, 10],
      ['thor', '1.2.1', false, 13],
    ]);
    // bundler is required but not locked: no edge to it.
    expect(result.components[0]?.dependencies).toEqual(['pkg:gem/thor@1.2.1']);
    expect(result.components[4]?.dependencies).toEqual(['pkg:gem/coderay@1.1.3', 'pkg:gem/method_source@1.0.0']);
  });

  it('reads a GEM section that comes after the others', () => {
    expect(summary(extractFixture('source-section-at-end.lock'))).toEqual([['ast', '2.4.2', true, 16]]);
  });

  it('keeps gems from GIT sources, with `!` marking a declared one', () => {
    expect(summary(extractFixture('has-git-gem.lock'))).toEqual([
      ['hanami-controller', '2.0.0.alpha1', false, 6],
      ['hanami-utils', '2.0.0.alpha1', true, 15],
      ['concurrent-ruby', '1.1.7', false, 22],
      ['rack', '2.2.3', false, 23],
      ['transproc', '1.1.1', false, 24],
    ]);
  });

  it('skips a PATH gem with its folder, and counts what it depends on as direct', () => {
    const result = extractFixture('has-local-gem.lock');
    expect(result.skipped).toEqual([
      {
        name: 'backbone-on-rails',
        reason: 'local gem from the path vendor/gem/backbone-on-rails, not a published gem',
        location: { path: 'Gemfile.lock', line: 4 },
      },
    ]);
    expect(result.components).toHaveLength(29);
    expect(result.components.filter((c) => c.direct).map((c) => c.name)).toEqual([
      'eco',
      'ejs',
      'jquery-rails',
      'railties',
    ]);
    // A platform suffix is not part of the version.
    expect(result.components.find((c) => c.name === 'nokogiri')).toMatchObject({
      version: '1.13.3',
      purl: 'pkg:gem/nokogiri@1.13.3',
      dependencies: ['pkg:gem/racc@1.6.0'],
    });
  });

  it('reads the rails and rubocop locks', () => {
    const rails = extractFixture('rails.lock');
    expect(rails.components.filter((c) => c.direct).map((c) => c.name)).toEqual(['rails']);
    const rubocop = extractFixture('rubocop.lock').components;
    expect(rubocop).toHaveLength(10);
    expect(rubocop.find((c) => c.name === 'rubocop')?.dependencies).toHaveLength(8);
  });
});

describe('Gemfile.lock edge cases', () => {
  const NATIVE = `GEM
  remote: https://rubygems.org/
  specs:
    nokogiri (1.15.4-arm64-darwin)
      racc (~> 1.4)
    nokogiri (1.15.4-x86_64-linux)
      racc (~> 1.4)
    racc (1.7.1)

PLATFORMS
  arm64-darwin
  x86_64-linux

DEPENDENCIES
  nokogiri (~> 1.15)

CHECKSUMS
  nokogiri (1.15.4-arm64-darwin) sha256=${'a1'.repeat(32)}
  nokogiri (1.15.4-x86_64-linux) sha256=${'b2'.repeat(32)}
  racc (1.7.1) sha256=${'C3'.repeat(32)}

BUNDLED WITH
   2.5.3
`;

  it('gives a gem locked for two platforms once, at its first line, with each platform’s checksum', () => {
    const { components } = extractText(NATIVE);
    expect(summary({ components, skipped: [] })).toEqual([
      ['nokogiri', '1.15.4', true, 4],
      ['racc', '1.7.1', false, 8],
    ]);
    expect(components[0]?.hashes).toEqual([
      { algorithm: 'SHA-256', value: 'a1'.repeat(32) },
      { algorithm: 'SHA-256', value: 'b2'.repeat(32) },
    ]);
    expect(components[1]?.hashes).toEqual([{ algorithm: 'SHA-256', value: 'c3'.repeat(32) }]);
  });

  it('reads Windows line endings', () => {
    expect(summary(extractText(NATIVE.replace(/\n/g, '\r\n')))).toEqual([
      ['nokogiri', '1.15.4', true, 4],
      ['racc', '1.7.1', false, 8],
    ]);
  });

  it('rejects text that is not a Gemfile.lock, and merge conflicts', () => {
    expect(() => extractText('hello world\n')).toThrow(ExtractError);
    expect(() => extractText('GEM\n  specs:\n<<<<<<< HEAD\n    a (1.0)\n')).toThrow(
      expect.objectContaining({ line: 3 }),
    );
  });

  it('reads 20,000 gems quickly', () => {
    const specs = Array.from({ length: 20_000 }, (_, i) => `    g${i} (1.0.${i})\n      g${i + 1} (>= 1)`);
    const text = `GEM\n  remote: https://rubygems.org/\n  specs:\n${specs.join('\n')}\n\nDEPENDENCIES\n  g0\n`;
    const { components } = extractText(text);
    expect(components).toHaveLength(20_000);
    expect(components[0]).toMatchObject({ direct: true, dependencies: ['pkg:gem/g1@1.0.1'] });
  });
});

describe.skipIf(!existsSync(MASTODON))('mastodon Gemfile.lock (real)', () => {
  // Counted independently with a one-off script: 292 gems under GEM/specs (no GIT or PATH section, no
  // platform-suffixed version), all with distinct names; DEPENDENCIES names 122 gems, all locked.
  // 421 dependency lines under the specs, 419 naming a locked gem (2 name bundler, which is not locked).
  const { components, skipped } = gemfileLockExtractor.extract(
    inputFromFile(join(MASTODON, 'Gemfile.lock'), 'RubyGems/mastodon/Gemfile.lock'),
  );

  it('gives the 292 gems, 122 of them direct', () => {
    expect(components).toHaveLength(292);
    expect(skipped).toEqual([]);
    expect(components.filter((c) => c.direct)).toHaveLength(122);
    expect(components.reduce((sum, c) => sum + c.dependencies.length, 0)).toBe(419);
  });

  it('records rails with its line and edges', () => {
    const rails = components.find((c) => c.name === 'rails');
    expect(rails).toMatchObject({ version: '6.1.5', direct: true, location: { line: 483 } });
    expect(rails?.dependencies).toHaveLength(13);
    expect(rails?.dependencies).toContain('pkg:gem/sprockets-rails@3.4.2');
  });
});
