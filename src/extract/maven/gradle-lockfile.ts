import type { Component, DependencyScope, ExtractResult } from '../component.js';
import { ExtractError, type ExtractInput, type Extractor, fileName } from '../extractor.js';
import { mergeByPurl } from '../merge.js';
import { purlOf } from '../purl.js';

/**
 * Gradle dependency locking: `gradle.lockfile` (one line per module, `group:artifact:version=configurations`),
 * the build script's and settings' lockfiles, and the older one-file-per-configuration
 * `gradle/dependency-locks/<configuration>.lockfile` (lines `group:artifact:version`).
 *
 * Gradle records the resolved graph flattened: not which modules the build declares, nor who depends on
 * whom. Every component is therefore reported as `direct: false` with no edges.
 */
export const gradleLockfileExtractor: Extractor = {
  id: 'maven/gradle-lockfile',
  ecosystem: 'Maven',
  matches: (path) => LOCKFILE_NAMES.has(fileName(path)) || PER_CONFIGURATION_LOCKFILE.test(path),
  extract: extractGradleLockfile,
};

/** The build script's and settings' classpaths are the build's tooling (plugins), never shipped. */
const BUILD_TOOLING_LOCKFILES = new Set(['buildscript-gradle.lockfile', 'settings-gradle.lockfile']);
const LOCKFILE_NAMES = new Set(['gradle.lockfile', ...BUILD_TOOLING_LOCKFILES]);
const PER_CONFIGURATION_LOCKFILE = /(?:^|\/)gradle\/dependency-locks\/([^/]+)\.lockfile$/;

const NAME = '[^\\s:=,#]+';
const CONFIGURATIONS = '[\\w.-]+(?:,[\\w.-]+)*';
const LOCKED_MODULE = new RegExp(`^(${NAME}):(${NAME}):(${NAME})=(${CONFIGURATIONS})?$`);
const PER_CONFIGURATION_MODULE = new RegExp(`^(${NAME}):(${NAME}):(${NAME})$`);
const EMPTY_CONFIGURATIONS = new RegExp(`^empty=(${CONFIGURATIONS})?$`);

function extractGradleLockfile(input: ExtractInput): ExtractResult {
  const perConfiguration = PER_CONFIGURATION_LOCKFILE.exec(input.path)?.[1];
  const buildTooling =
    BUILD_TOOLING_LOCKFILES.has(fileName(input.path)) || perConfiguration?.startsWith('buildscript-');
  const components: Component[] = [];
  const lines = input.text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = (lines[index] as string).replace(/\r$/, '');
    if (line.trim() === '' || line.startsWith('#')) continue;
    const lineNumber = index + 1;
    const module = perConfiguration === undefined ? LOCKED_MODULE.exec(line) : PER_CONFIGURATION_MODULE.exec(line);
    if (!module) {
      if (perConfiguration === undefined && EMPTY_CONFIGURATIONS.test(line)) continue;
      throw new ExtractError(
        `line ${lineNumber} is not a locked module (${expectedLine(perConfiguration)}): ${quote(line)}`,
        lineNumber,
      );
    }
    const [, group, artifact, version, configurations] = module as RegExpExecArray & string[];
    const name = `${group}:${artifact}`;
    const lineConfigurations = perConfiguration !== undefined ? [perConfiguration] : (configurations ?? '').split(',');
    const scope: DependencyScope = buildTooling || onlyDevelopment(lineConfigurations) ? 'development' : 'runtime';
    components.push({
      ecosystem: 'Maven',
      name,
      version: version as string,
      purl: purlOf('Maven', name, version),
      scope,
      // Gradle lockfiles do not say which modules the build declares.
      direct: false,
      dependencies: [],
      location: { path: input.path, line: lineNumber },
    });
  }
  return { components: mergeByPurl(components), skipped: [] };
}

/** Configurations that only build or test the product: test code, annotation processors, quality tools. */
const DEVELOPMENT_CONFIGURATION = /^(?:test|kapt|ksp|jmh)|Test(?:[A-Z]|$)|[aA]nnotationProcessor/;
const TOOL_CONFIGURATIONS = new Set([
  'developmentOnly',
  'testAndDevelopmentOnly',
  'checkstyle',
  'pmd',
  'spotbugs',
  'spotbugsPlugins',
  'jacocoAgent',
  'jacocoAnt',
  'errorprone',
  'detekt',
  'ktlint',
  'codenarc',
]);

/**
 * Development when every configuration is a development one. Spring Boot's `developmentOnly` modules also
 * land on `runtimeClasspath` (for bootRun) but not on `productionRuntimeClasspath` (the packaged app): so
 * for them runtimeClasspath does not count as shipping.
 */
function onlyDevelopment(configurations: string[]): boolean {
  const set = new Set(configurations.filter((configuration) => configuration !== ''));
  if (set.size === 0) return false;
  const developmentOnly =
    (set.has('developmentOnly') || set.has('testAndDevelopmentOnly')) && !set.has('productionRuntimeClasspath');
  return [...set].every(
    (configuration) =>
      TOOL_CONFIGURATIONS.has(configuration) ||
      DEVELOPMENT_CONFIGURATION.test(configuration) ||
      (developmentOnly && configuration === 'runtimeClasspath'),
  );
}

function expectedLine(perConfiguration: string | undefined): string {
  return perConfiguration === undefined ? 'group:artifact:version=configurations' : 'group:artifact:version';
}

function quote(line: string): string {
  return JSON.stringify(line.length > 80 ? `${line.slice(0, 80)}…` : line);
}
