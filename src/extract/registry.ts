import { type Extractor, fileName } from './extractor.js';

/**
 * One folder of extractors (an ecosystem, or SBOM readers), loaded on first use: a scan loads only the
 * parsers its lockfiles need (YAML, XML, TOML readers are most of paved's code and start-up time).
 */
export interface ExtractorModule {
  folder: string;
  /**
   * Whether one of the folder's extractors may read `path`: a cheap test on the file name, broader than
   * (never narrower than) the extractors' own `matches`, which decide once the folder is loaded.
   */
  mayRead(path: string): boolean;
  load(): Promise<readonly Extractor[]>;
}

const named =
  (...names: string[]) =>
  (path: string) =>
    names.includes(fileName(path));

/** In the order files are offered to them: the first extractor whose `matches` accepts a file reads it. */
export const EXTRACTOR_MODULES: readonly ExtractorModule[] = [
  {
    folder: 'npm',
    mayRead: named(
      'package-lock.json',
      'npm-shrinkwrap.json',
      'yarn.lock',
      'pnpm-lock.yaml',
      'bun.lock',
      'package.json',
    ),
    load: async () => (await import('./npm/index.js')).npmExtractors,
  },
  {
    folder: 'pypi',
    mayRead: (path) => /\.txt$/i.test(path) || named('poetry.lock', 'Pipfile.lock', 'uv.lock', 'pdm.lock')(path),
    load: async () => (await import('./pypi/index.js')).pypiExtractors,
  },
  { folder: 'go', mayRead: named('go.mod'), load: async () => (await import('./go/index.js')).goExtractors },
  {
    folder: 'cargo',
    mayRead: named('Cargo.lock'),
    load: async () => (await import('./cargo/index.js')).cargoExtractors,
  },
  {
    folder: 'rubygems',
    mayRead: named('Gemfile.lock', 'gems.locked'),
    load: async () => (await import('./rubygems/index.js')).rubygemsExtractors,
  },
  {
    folder: 'packagist',
    mayRead: named('composer.lock'),
    load: async () => (await import('./packagist/index.js')).packagistExtractors,
  },
  {
    folder: 'nuget',
    mayRead: named('packages.lock.json'),
    load: async () => (await import('./nuget/index.js')).nugetExtractors,
  },
  {
    folder: 'pub',
    mayRead: named('pubspec.lock'),
    load: async () => (await import('./pub/index.js')).pubExtractors,
  },
  { folder: 'hex', mayRead: named('mix.lock'), load: async () => (await import('./hex/index.js')).hexExtractors },
  {
    folder: 'maven',
    mayRead: (path) => fileName(path) === 'pom.xml' || fileName(path).endsWith('.lockfile'),
    load: async () => (await import('./maven/index.js')).mavenExtractors,
  },
  {
    folder: 'sbom',
    mayRead: (path) => /(?:^|[./])(?:bom|cdx|spdx)\.(?:json|xml)$/i.test(fileName(path)),
    load: async () => (await import('../sbom/read-index.js')).sbomExtractors,
  },
];

/** The folders that read lockfiles and manifests: what a walk reads (SBOMs are read when named). */
export const LOCKFILE_MODULES = EXTRACTOR_MODULES.filter((module) => module.folder !== 'sbom');

/** The extractors of `modules` that may read one of `paths`, loaded, in registry order. */
export async function extractorsFor(
  modules: readonly ExtractorModule[],
  paths: readonly string[],
): Promise<Extractor[]> {
  const needed = modules.filter((module) => paths.some((path) => module.mayRead(path)));
  return (await Promise.all(needed.map((module) => module.load()))).flat();
}

/** Every extractor (for tools and tests that list them all). */
export function allExtractors(): Promise<Extractor[]> {
  return Promise.all(EXTRACTOR_MODULES.map((module) => module.load())).then((lists) => lists.flat());
}
