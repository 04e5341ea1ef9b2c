import { describe, expect, it } from 'vitest';
import type { Extractor } from '../extractor.js';
import { pypiExtractors } from './index.js';
import { inputFromText } from './test-input.js';

function reader(path: string): string | undefined {
  return pypiExtractors.find((extractor) => extractor.matches(path))?.id;
}

describe('pypiExtractors', () => {
  it('has unique pypi/ ids, all for PyPI', () => {
    const ids = pypiExtractors.map((extractor) => extractor.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => id.startsWith('pypi/'))).toBe(true);
    expect(pypiExtractors.every((extractor) => extractor.ecosystem === 'PyPI')).toBe(true);
  });

  it('gives each file to exactly one extractor', () => {
    const expected: Record<string, string | undefined> = {
      'poetry.lock': 'pypi/poetry-lock',
      'svc/Pipfile.lock': 'pypi/pipfile-lock',
      'uv.lock': 'pypi/uv-lock',
      'pdm.lock': 'pypi/pdm-lock',
      'requirements.txt': 'pypi/requirements',
      'requirements/base.txt': 'pypi/requirements',
      'constraints.txt': 'pypi/requirements',
      'pyproject.toml': undefined,
      Pipfile: undefined,
      'package-lock.json': undefined,
    };
    for (const [path, id] of Object.entries(expected)) {
      expect(reader(path), path).toBe(id);
      expect(pypiExtractors.filter((extractor) => extractor.matches(path)).length, path).toBe(id ? 1 : 0);
    }
  });
});

/**
 * 20,000 packages, each depending on the next (a chain: the deepest graph walk). The bound is loose for
 * shared CI machines (they take a few hundred milliseconds, most of it TOML parsing); a pass that
 * searched the text from the start for each package would take far longer.
 */
describe('large lockfiles', () => {
  const COUNT = 20_000;
  const hash = (i: number) => i.toString(16).padStart(64, '0');
  const chain = (line: (i: number, next: string | undefined) => string[]) =>
    Array.from({ length: COUNT }, (_, i) => line(i, i + 1 < COUNT ? `p${i + 1}` : undefined).join('\n')).join('\n\n');
  const files: [string, string][] = [
    [
      'uv.lock',
      `version = 1\n\n[[package]]\nname = "root"\nversion = "0.1.0"\nsource = { editable = "." }\ndependencies = [{ name = "p0" }]\n\n${chain(
        (i, next) => [
          '[[package]]',
          `name = "p${i}"`,
          'version = "1.0.0"',
          'source = { registry = "https://pypi.org/simple" }',
          `dependencies = [${next ? `{ name = "${next}" }` : ''}]`,
          `sdist = { url = "https://files.example/p${i}.tar.gz", hash = "sha256:${hash(i)}" }`,
        ],
      )}`,
    ],
    [
      'poetry.lock',
      chain((i, next) => [
        '[[package]]',
        `name = "p${i}"`,
        'version = "1.0.0"',
        'groups = ["main"]',
        `files = [{file = "p${i}-1.0.0.tar.gz", hash = "sha256:${hash(i)}"}]`,
        ...(next ? ['', '[package.dependencies]', `${next} = ">=1.0"`] : []),
      ]),
    ],
    [
      'pdm.lock',
      chain((i, next) => [
        '[[package]]',
        `name = "p${i}"`,
        'version = "1.0.0"',
        'groups = ["default"]',
        `dependencies = [${next ? `"${next}>=1"` : ''}]`,
      ]),
    ],
    ['requirements.txt', Array.from({ length: COUNT }, (_, i) => `p${i}==1.0.0 --hash=sha256:${hash(i)}`).join('\n')],
    [
      'Pipfile.lock',
      JSON.stringify(
        {
          _meta: {},
          default: Object.fromEntries(Array.from({ length: COUNT }, (_, i) => [`p${i}`, { version: '==1.0.0' }])),
        },
        null,
        4,
      ),
    ],
  ];

  it.each(files)('reads every package of a %s of 20,000, with its line (speed: bench/sbom.mjs)', (path, text) => {
    const extractor = pypiExtractors.find((candidate) => candidate.matches(path)) as Extractor;
    const result = extractor.extract(inputFromText(path, text));
    expect(result.components).toHaveLength(COUNT);
    expect(result.components[COUNT - 1]?.location.line).toBeGreaterThanOrEqual(COUNT);
  });
});
