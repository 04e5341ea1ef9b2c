import { type Extractor, fileName } from './extractor.js';

/**
 * One folder of extractors (an ecosystem, or SBOM readers), loaded on first use: a scan loads only the
 * parsers its lockfiles need (YAML, XML, TOML readers are most of paved's code and start-up time).
 */
export interface ExtractorModule {
  /** The folder under src/extract (or `sbom`) the extractors live in. */
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
  // npm, PyPI and Maven formats load one by one: a package-lock.json needs neither YAML nor TOML readers.
  {
    folder: 'npm',
    mayRead: named('package-lock.json', 'npm-shrinkwrap.json'),
    load: async () => [(await import('./npm/package-lock.js')).packageLockExtractor],
  },
  {
    folder: 'npm',
    mayRead: named('yarn.lock'),
    load: async () => [(await import('./npm/yarn-lock.js')).yarnLockExtractor],
  },
  {
    folder: 'npm',
    mayRead: named('pnpm-lock.yaml'),
    load: async () => [(await import('./npm/pnpm-lock.js')).pnpmLockExtractor],
  },
  {
    folder: 'npm',
    mayRead: named('bun.lock'),
    load: async () => [(await import('./npm/bun-lock.js')).bunLockExtractor],
  },
  {
    folder: 'npm',
    mayRead: named('package.json'),
    load: async () => [(await import('./npm/node-modules.js')).nodeModulesExtractor],
  },
  {
    folder: 'pypi',
    mayRead: named('poetry.lock'),
    load: async () => [(await import('./pypi/poetry-lock.js')).poetryLockExtractor],
  },
  {
    folder: 'pypi',
    mayRead: named('Pipfile.lock'),
    load: async () => [(await import('./pypi/pipfile-lock.js')).pipfileLockExtractor],
  },
  {
    folder: 'pypi',
    mayRead: named('uv.lock'),
    load: async () => [(await import('./pypi/uv-lock.js')).uvLockExtractor],
  },
  {
    folder: 'pypi',
    mayRead: named('pdm.lock'),
    load: async () => [(await import('./pypi/pdm-lock.js')).pdmLockExtractor],
  },
  {
    folder: 'pypi',
    mayRead: (path) => /\.txt$/i.test(path),
    load: async () => [(await import('./pypi/requirements.js')).requirementsExtractor],
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
    mayRead: named('pom.xml'),
    load: async () => [(await import('./maven/pom-xml.js')).pomXmlExtractor],
  },
  {
    folder: 'maven',
    mayRead: (path) => fileName(path).endsWith('.lockfile'),
    load: async () => [(await import('./maven/gradle-lockfile.js')).gradleLockfileExtractor],
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
