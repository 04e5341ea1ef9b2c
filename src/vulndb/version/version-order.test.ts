import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { versionScheme } from './index.js';

/**
 * Ordered version pairs from google/osv-scalibr's semantic test data (shared data, Apache-2.0):
 * one `a < b`, `a = b` or `a > b` a line; `#` and `//` start comments.
 */
const dir = fileURLToPath(new URL('../../../../shared/data/version-order/', import.meta.url));

/** Which scheme each fixture file proves. semver-versions.txt is the SemVer 2 order shared by four. */
const FIXTURES: ReadonlyArray<readonly [file: string, ecosystems: readonly string[]]> = [
  ['semver-versions.txt', ['npm', 'crates.io', 'Go', 'Hex']],
  ['pub-versions.txt', ['Pub']],
  ['pypi-versions.txt', ['PyPI']],
  ['pypi-versions-generated.txt', ['PyPI']],
  ['maven-versions.txt', ['Maven']],
  ['maven-versions-generated.txt', ['Maven']],
  ['rubygems-versions.txt', ['RubyGems']],
  ['nuget-versions.txt', ['NuGet']],
  ['packagist-versions.txt', ['Packagist']],
  ['debian-versions.txt', ['Debian']],
  ['alpine-versions.txt', ['Alpine']],
];

interface Pair {
  line: number;
  a: string;
  op: '<' | '=' | '>';
  b: string;
}

function readPairs(file: string): Pair[] {
  const pairs: Pair[] = [];
  readFileSync(`${dir}${file}`, 'utf8')
    .split('\n')
    .forEach((text, index) => {
      const trimmed = text.trim();
      if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith('//')) return;
      const [a, op, b, ...rest] = trimmed.split(/\s+/);
      if (a === undefined || b === undefined || rest.length > 0 || (op !== '<' && op !== '=' && op !== '>')) {
        throw new Error(`${file}:${index + 1}: cannot read "${trimmed}"`);
      }
      pairs.push({ line: index + 1, a, op, b });
    });
  return pairs;
}

const EXPECTED_SIGN = { '<': -1, '=': 0, '>': 1 } as const;

const OLD_MAVEN =
  'Maven <= 3.6 ordering: a dotted qualifier stayed beside the numbers (zeros before it kept, ranked below any ' +
  '`-` part); Maven 3.8.7 and 3.9.6 (ComparableVersion, run locally) give the opposite order, as we do';
const DOTTED_QUALIFIER =
  'ComparableVersion 3.9.6 agrees with the fixture only through its non-transitive nesting of a mid-version ' +
  '`.qualifier.`; the specification reads `.qualifier` as `-qualifier`, which gives the opposite order';

/**
 * Fixture lines this implementation orders the other way on purpose, each with the reason. The test
 * asserts the reversed order for exactly these lines, so the list cannot go stale silently.
 */
const DISPUTED: ReadonlyMap<string, string> = new Map([
  ...[2781, 2786, 5776, 9949, 11435, 11450, 11476, 11526, 11557, 11578, 11582, 11594, 11602, 11612, 11621]
    .concat([11687, 11748, 12642])
    .map((line) => [`maven-versions-generated.txt:${line}`, OLD_MAVEN] as const),
  ['maven-versions-generated.txt:7079', DOTTED_QUALIFIER],
  ['maven-versions-generated.txt:12042', DOTTED_QUALIFIER],
]);

describe.skipIf(!existsSync(dir))('version order fixtures (../shared/data/version-order)', () => {
  test('every fixture file in the folder is mapped to a scheme', () => {
    const mapped = FIXTURES.map(([file]) => file).sort();
    const present = readdirSync(dir)
      .filter((file) => file.endsWith('.txt'))
      .sort();
    expect(present).toEqual(mapped);
  });

  for (const [file, ecosystems] of FIXTURES) {
    for (const ecosystem of ecosystems) {
      test.skipIf(!existsSync(`${dir}${file}`))(`${ecosystem} orders every pair of ${file}, both ways`, () => {
        const scheme = versionScheme(ecosystem);
        if (!scheme) throw new Error(`no scheme for ${ecosystem}`);
        const pairs = readPairs(file);
        const failures: string[] = [];
        for (const { line, a, op, b } of pairs) {
          const forward = Math.sign(scheme.compare(a, b));
          const backward = Math.sign(scheme.compare(b, a));
          const disputed = DISPUTED.has(`${file}:${line}`);
          const expected = disputed ? -EXPECTED_SIGN[op] : EXPECTED_SIGN[op];
          if (forward !== expected || backward !== -expected) {
            const note = disputed ? ' [disputed line: expected the reverse]' : '';
            failures.push(`${file}:${line}: ${a} ${op} ${b} (compare gave ${forward}, reversed ${backward})${note}`);
          }
        }
        expect(pairs.length).toBeGreaterThan(0);
        expect(failures).toEqual([]);
        const known = new Set(pairs.map(({ line }) => `${file}:${line}`));
        const stale = [...DISPUTED.keys()].filter((key) => key.startsWith(`${file}:`) && !known.has(key));
        expect(stale).toEqual([]);
      });
    }
  }
});
