import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Component, Ecosystem } from '../extract/component.js';
import type { ExtractInput } from '../extract/extractor.js';
import { purlOf } from '../extract/purl.js';
import type { SbomInput } from './sbom.js';

/** Test support for src/sbom: a small inventory with every feature the writers handle, and input helpers. */

export const SCHEMA_DIR = fileURLToPath(
  new URL('../../node_modules/@cyclonedx/cyclonedx-library/res/schema/', import.meta.url),
);
export const SHARED_DATA = fileURLToPath(new URL('../../../shared/data/', import.meta.url));

export function component(
  ecosystem: Ecosystem,
  name: string,
  version: string,
  extra: Partial<Omit<Component, 'ecosystem' | 'name' | 'version' | 'purl'>> = {},
): Component {
  return {
    ecosystem,
    name,
    version,
    purl: purlOf(ecosystem, name, version),
    scope: 'runtime',
    direct: false,
    dependencies: [],
    location: { path: 'package-lock.json', line: 10 },
    ...extra,
  };
}

const p = purlOf;

/**
 * A project with npm (scoped and not), Maven, Go, Packagist and PyPI components: direct and transitive,
 * runtime, development and optional, hashes, SPDX ids, expressions and free-text licenses, and one
 * dependency on a package that is not in the inventory (writers must drop it).
 */
export function sampleComponents(): Component[] {
  return [
    component('npm', '@babel/core', '7.24.0', {
      direct: true,
      dependencies: [p('npm', 'debug', '4.3.4'), p('npm', '@babel/parser', '7.24.1')],
      licenses: ['MIT'],
      hashes: [{ algorithm: 'SHA-512', value: 'ab'.repeat(64) }],
      location: { path: 'package-lock.json', line: 12 },
    }),
    component('npm', '@babel/parser', '7.24.1', {
      licenses: ['MIT'],
      location: { path: 'package-lock.json', line: 30 },
    }),
    component('npm', 'debug', '4.3.4', {
      dependencies: [p('npm', 'ms', '2.1.2')],
      licenses: ['MIT'],
      location: { path: 'package-lock.json', line: 40 },
    }),
    component('npm', 'ms', '2.1.2', {
      dependencies: [p('npm', 'not-in-inventory', '1.0.0')],
      location: { path: 'package-lock.json', line: 50 },
    }),
    component('npm', 'eslint', '8.57.0', {
      direct: true,
      scope: 'development',
      dependencies: [p('npm', 'debug', '4.3.4'), p('npm', 'chalk', '4.1.2')],
      location: { path: 'package-lock.json', line: 60 },
    }),
    component('npm', 'chalk', '4.1.2', { scope: 'development', location: { path: 'package-lock.json', line: 70 } }),
    component('npm', 'typescript', '5.4.5', {
      direct: true,
      scope: 'development',
      licenses: ['Apache-2.0'],
      hashes: [{ algorithm: 'SHA-512', value: 'cd'.repeat(64) }],
      location: { path: 'package-lock.json', line: 80 },
    }),
    component('npm', 'fsevents', '2.3.3', {
      direct: true,
      scope: 'optional',
      licenses: ['MIT OR Apache-2.0'],
      location: { path: 'package-lock.json', line: 90 },
    }),
    component('Maven', 'org.springframework:spring-core', '6.1.0', {
      direct: true,
      licenses: ['Apache-2.0'],
      hashes: [
        { algorithm: 'SHA-1', value: '0123456789abcdef0123456789abcdef01234567' },
        { algorithm: 'SHA-256', value: 'ef'.repeat(32) },
      ],
      location: { path: 'pom.xml', line: 20 },
    }),
    component('Go', 'github.com/prometheus/common', 'v0.48.0', {
      direct: true,
      dependencies: [p('Go', 'golang.org/x/net', 'v0.20.0')],
      location: { path: 'go.mod', line: 5 },
    }),
    component('Go', 'golang.org/x/net', 'v0.20.0', { location: { path: 'go.mod', line: 9 } }),
    component('Packagist', 'laravel/framework', 'v10.0.0', {
      direct: true,
      licenses: ['MIT', 'GPL-2.0-or-later OR MIT'],
      location: { path: 'composer.lock', line: 7 },
    }),
    component('PyPI', 'requests', '2.31.0', {
      direct: true,
      licenses: ['Apache Software License', 'MIT'],
      hashes: [{ algorithm: 'MD5', value: '0123456789abcdef0123456789abcdef' }],
      location: { path: 'requirements.txt', line: 3 },
    }),
  ];
}

export function sbomInput(overrides: Partial<SbomInput> = {}): SbomInput {
  return {
    subject: { name: 'demo-app', version: '1.2.0' },
    components: sampleComponents(),
    tool: { name: 'paved', version: '0.1.0' },
    reproducible: true,
    ...overrides,
  };
}

/** An ExtractInput for text that is not on disk (SBOM readers read no sibling files). */
export function inputOf(path: string, text: string): ExtractInput {
  return { path, text, readRelative: () => undefined, listRelative: () => [] };
}

/** An ExtractInput for a real file, named by `path` relative to the scan root. */
export function inputOfFile(file: string, path: string): ExtractInput {
  return inputOf(path, readFileSync(file, 'utf8'));
}

export function exists(path: string): boolean {
  return existsSync(path);
}
