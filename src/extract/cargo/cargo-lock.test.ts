import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExtractError } from '../extractor.js';
import { inputFromFile, inputFromText, SHARED_DATA } from '../test-input.js';
import { cargoLockExtractor } from './cargo-lock.js';

const FIXTURES = join(SHARED_DATA, 'lockfile-fixtures/rust/cargolock/testdata');
const RIPGREP = join(SHARED_DATA, 'lockfiles/crates.io/ripgrep');
const CRATES_IO = 'registry+https://github.com/rust-lang/crates.io-index';

function extractFixture(name: string) {
  return cargoLockExtractor.extract(inputFromFile(join(FIXTURES, name), 'Cargo.lock'));
}

function extractText(text: string) {
  return cargoLockExtractor.extract(inputFromText('Cargo.lock', text));
}

function summary(result: {
  components: { name: string; version: string; direct: boolean; location: { line: number } }[];
}) {
  return result.components.map((c) => [c.name, c.version, c.direct, c.location.line]);
}

describe('cargoLockExtractor.matches', () => {
  it('reads Cargo.lock only', () => {
    expect(cargoLockExtractor.matches('crates/x/Cargo.lock')).toBe(true);
    expect(cargoLockExtractor.matches('Cargo.toml')).toBe(false);
  });
});

describe.skipIf(!existsSync(FIXTURES))('Cargo.lock fixtures', () => {
  it('parses every fixture, and rejects the one that is not TOML', () => {
    for (const name of readdirSync(FIXTURES)) {
      if (name === 'not-toml.txt') {
        expect(() => extractFixture(name)).toThrow(ExtractError);
        expect(() => extractFixture(name)).toThrow(expect.objectContaining({ line: 1 }));
      } else expect(() => extractFixture(name), name).not.toThrow();
    }
  });

  it('gives nothing for a lock without packages', () => {
    expect(extractFixture('empty.lock')).toEqual({ components: [], skipped: [] });
  });

  it('reads one package with its checksum as SHA-256, at its name line', () => {
    const { components } = extractFixture('one-package.lock');
    expect(components).toEqual([
      {
        ecosystem: 'crates.io',
        name: 'addr2line',
        version: '0.15.2',
        purl: 'pkg:cargo/addr2line@0.15.2',
        scope: 'runtime',
        // No workspace crate in this lock: its roots count as what the project asked for.
        direct: true,
        // gimli is named but not locked: no edge is invented.
        dependencies: [],
        location: { path: 'Cargo.lock', line: 6 },
        hashes: [{ algorithm: 'SHA-256', value: 'e7a2e47a1fbe209ee101dd6d61285226744c6c8d3c21c8dc878ba6cb9f467f3a' }],
      },
    ]);
  });

  it('keeps both versions of a crate locked twice, and build metadata in versions', () => {
    expect(summary(extractFixture('duplicate.lock'))).toEqual([
      ['syn', '1.0.73', true, 6],
      ['syn', '2.0.0', true, 12],
    ]);
    expect(extractFixture('package-with-build-string.lock').components[0]).toMatchObject({
      version: '0.10.2+wasi-snapshot-preview1',
      purl: 'pkg:cargo/wasi@0.10.2+wasi-snapshot-preview1',
    });
  });

  it('reads every package of a larger lock, with the dependency edge it resolves', () => {
    const { components } = extractFixture('many-packages.lock');
    expect(components.map((c) => `${c.name}@${c.version}`)).toEqual([
      'zstd@0.11.2',
      'aho-corasick@0.7.18',
      'memchr@2.4.1',
      'syn@1.0.109',
      'libc@0.2.140',
      'syn@2.0.15',
    ]);
    expect(components[1]?.dependencies).toEqual(['pkg:cargo/memchr@2.4.1']);
    expect(components[2]?.direct).toBe(false);
  });

  it('skips comments between a [[package]] header and its name, and keeps git sources', () => {
    expect(summary(extractFixture('package-with-comments.lock'))).toEqual([
      ['addr2line', '0.15.2', true, 6],
      ['syn', '1.0.73', true, 13],
    ]);
  });

  it('does not count a workspace crate (no source) as a component; its dependencies are direct', () => {
    expect(summary(extractFixture('two-packages-with-local.lock'))).toEqual([['addr2line', '0.15.2', false, 6]]);
  });
});

describe('Cargo.lock edge cases', () => {
  it('resolves `name version` and `name version (source)` dependency strings to the locked package', () => {
    const text = `
version = 3

[[package]]
name = "app"
version = "0.1.0"
dependencies = ["rand 0.8.5", "rand 0.7.3 (${CRATES_IO})", "log"]

[[package]]
name = "rand"
version = "0.7.3"
source = "${CRATES_IO}"
dependencies = ["log"]

[[package]]
name = "rand"
version = "0.8.5"
source = "${CRATES_IO}"

[[package]]
name = "log"
version = "0.4.20"
source = "git+https://github.com/rust-lang/log?branch=main#0123456789abcdef"
`;
    const { components } = extractText(text);
    expect(summary({ components })).toEqual([
      ['rand', '0.7.3', true, 10],
      ['rand', '0.8.5', true, 16],
      ['log', '0.4.20', true, 21],
    ]);
    expect(components[0]?.dependencies).toEqual(['pkg:cargo/log@0.4.20']);
  });

  it('reads format 1 checksums from [metadata]', () => {
    const text = `
[[package]]
name = "app"
version = "0.1.0"
dependencies = [
 "libc 0.2.40 (${CRATES_IO})",
]

[[package]]
name = "libc"
version = "0.2.40"
source = "${CRATES_IO}"

[metadata]
"checksum libc 0.2.40 (${CRATES_IO})" = "${'ab'.repeat(32)}"
`;
    const [libc] = extractText(text).components;
    expect(libc).toMatchObject({ direct: true, hashes: [{ algorithm: 'SHA-256', value: 'ab'.repeat(32) }] });
  });

  it('reports a package without a version at its line', () => {
    expect(() => extractText('[[package]]\nname = "x"\n')).toThrow(
      expect.objectContaining({ name: 'ExtractError', line: 2, message: 'a [[package]] has no name or version' }),
    );
  });

  it('reads 20,000 packages quickly', () => {
    const parts = ['version = 3'];
    for (let i = 0; i < 20_000; i++) {
      parts.push(
        `[[package]]\nname = "c${i}"\nversion = "1.0.${i}"\nsource = "${CRATES_IO}"\ndependencies = ["c${i + 1}"]`,
      );
    }
    const { components } = extractText(parts.join('\n\n'));
    expect(components).toHaveLength(20_000);
    expect(components[5]?.dependencies).toEqual(['pkg:cargo/c6@1.0.6']);
  });
});

describe.skipIf(!existsSync(RIPGREP))('ripgrep Cargo.lock (real)', () => {
  // Counted independently with Python's tomllib: 69 [[package]] tables; 10 have no source (ripgrep and
  // its 9 workspace crates), leaving 59 registry crates, all with a checksum. The local crates depend
  // on 30 distinct registry crates (no crate is locked in two versions, so names resolve directly).
  const { components, skipped } = cargoLockExtractor.extract(
    inputFromFile(join(RIPGREP, 'Cargo.lock'), 'crates.io/ripgrep/Cargo.lock'),
  );

  it('gives the 59 registry crates, 30 of them direct', () => {
    expect(components).toHaveLength(59);
    expect(skipped).toEqual([]);
    expect(components.filter((c) => c.direct)).toHaveLength(30);
    expect(components.every((c) => c.hashes?.[0]?.algorithm === 'SHA-256')).toBe(true);
    expect(components.some((c) => c.name.startsWith('grep') || c.name === 'ripgrep')).toBe(false);
  });

  it('records edges to the locked versions', () => {
    const regex = components.find((c) => c.name === 'regex');
    expect(regex).toMatchObject({ version: '1.5.5', direct: true, location: { line: 460 } });
    expect(regex?.dependencies).toEqual([
      'pkg:cargo/aho-corasick@0.7.18',
      'pkg:cargo/memchr@2.4.1',
      'pkg:cargo/regex-syntax@0.6.25',
    ]);
    const edges = components.reduce((sum, c) => sum + c.dependencies.length, 0);
    expect(edges).toBe(69);
  });
});
