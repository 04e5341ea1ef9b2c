import { describe, expect, it } from 'vitest';
import type { Component } from '../extract/component.js';
import type { Extractor } from '../extract/extractor.js';
import { purlOf } from '../extract/purl.js';
import { identityOfPurl } from './read.js';
import { cycloneDxExtractor } from './read-cyclonedx.js';
import { spdxExtractor } from './read-spdx.js';
import { renderSbom, type SbomFormat } from './sbom.js';
import { component, inputOf, sampleComponents, sbomInput } from './test-inventory.js';

/** What survives a trip through an SBOM: everything but the location (which becomes the SBOM's own). */
function essentials(components: readonly Component[]) {
  return [...components]
    .sort((a, b) => (a.purl < b.purl ? -1 : 1))
    .map((c) => ({
      purl: c.purl,
      ecosystem: c.ecosystem,
      name: c.name,
      version: c.version,
      direct: c.direct,
      scope: c.scope,
      dependencies: [...c.dependencies].sort(),
      hashes: c.hashes ?? [],
    }));
}

/** The sample inventory as it should come back: dependencies outside the inventory are not in any SBOM. */
function expectedBack() {
  const components = sampleComponents();
  const present = new Set(components.map((c) => c.purl));
  return essentials(components.map((c) => ({ ...c, dependencies: c.dependencies.filter((d) => present.has(d)) })));
}

const ROUND_TRIPS: [SbomFormat, Extractor, string][] = [
  ['cyclonedx-json', cycloneDxExtractor, 'sbom/app.cdx.json'],
  ['cyclonedx-xml', cycloneDxExtractor, 'sbom/bom.xml'],
  ['spdx-json', spdxExtractor, 'sbom/app.spdx.json'],
];

describe.each(ROUND_TRIPS)('round trip through %s', (format, extractor, path) => {
  const text = renderSbom(format, sbomInput());
  const result = extractor.extract(inputOf(path, text));
  const lines = text.split('\n');

  it('the extractor claims the file', () => {
    expect(extractor.matches(path)).toBe(true);
  });

  it('gives back the same purls, edges, direct flags, scopes and hashes, and skips nothing', () => {
    expect(result.skipped).toEqual([]);
    expect(essentials(result.components)).toEqual(expectedBack());
  });

  it('locates each component in the SBOM itself', () => {
    for (const c of result.components) {
      expect(c.location.path).toBe(path);
      const line = lines[c.location.line - 1] ?? '';
      if (format === 'spdx-json') expect(line).toMatch(/^\s*"SPDXID": "SPDXRef-Package-/);
      else expect(line).toContain(format === 'cyclonedx-xml' ? `bom-ref="${c.purl}"` : `"bom-ref": "${c.purl}"`);
    }
  });

  it('carries licenses over (combined or dropped only where the format could not hold them)', () => {
    const licenses = Object.fromEntries(result.components.map((c) => [c.name, c.licenses]));
    expect(licenses['@babel/core']).toEqual(['MIT']);
    expect(licenses.fsevents).toEqual(['MIT OR Apache-2.0']);
    expect(licenses['laravel/framework']).toEqual(['MIT AND (GPL-2.0-or-later OR MIT)']);
    expect(licenses.ms).toBeUndefined();
    // SPDX can only declare SPDX expressions; CycloneDX keeps license names.
    expect(licenses.requests).toEqual(format === 'spdx-json' ? undefined : ['Apache Software License', 'MIT']);
  });
});

describe('identity from a purl', () => {
  it('maps purl types to ecosystems and names to their ecosystem spelling', () => {
    expect(identityOfPurl('pkg:npm/%40babel/core@7.0.0')).toEqual({
      ecosystem: 'npm',
      name: '@babel/core',
      version: '7.0.0',
      purl: 'pkg:npm/%40babel/core@7.0.0',
    });
    expect(identityOfPurl('pkg:maven/org.a/b@1.0?type=jar')).toMatchObject({ ecosystem: 'Maven', name: 'org.a:b' });
    expect(identityOfPurl('pkg:maven/org.a/b@1.0?type=jar')).toMatchObject({ purl: 'pkg:maven/org.a/b@1.0' });
    expect(identityOfPurl('pkg:golang/github.com/x/y/v2@v2.1.0')).toMatchObject({
      ecosystem: 'Go',
      name: 'github.com/x/y/v2',
    });
    expect(identityOfPurl('pkg:pypi/Django_REST.framework@3.0')).toMatchObject({
      ecosystem: 'PyPI',
      name: 'django-rest-framework',
      purl: purlOf('PyPI', 'django-rest-framework', '3.0'),
    });
    expect(identityOfPurl('pkg:cargo/serde@1.0.0')).toMatchObject({ ecosystem: 'crates.io' });
    expect(identityOfPurl('pkg:gem/rails@7.0.0')).toMatchObject({ ecosystem: 'RubyGems' });
    expect(identityOfPurl('pkg:composer/laravel/framework@v10.0.0')).toMatchObject({
      ecosystem: 'Packagist',
      name: 'laravel/framework',
    });
    expect(identityOfPurl('pkg:nuget/Newtonsoft.Json@13.0.1')).toMatchObject({ ecosystem: 'NuGet' });
    expect(identityOfPurl('pkg:pub/http@1.0.0')).toMatchObject({ ecosystem: 'Pub' });
    expect(identityOfPurl('pkg:hex/phoenix@1.7.0')).toMatchObject({ ecosystem: 'Hex' });
  });

  it('says why a purl cannot be a component', () => {
    expect(identityOfPurl('pkg:deb/debian/curl@7.88.1')).toEqual({ skip: 'ecosystem not supported yet' });
    expect(identityOfPurl('pkg:generic/openssl@3.0.0')).toEqual({ skip: 'ecosystem not supported yet' });
    expect(identityOfPurl('pkg:npm/left-pad')).toEqual({ skip: 'the package URL has no version' });
    expect(identityOfPurl('left-pad@1.0.0')).toMatchObject({ skip: expect.stringMatching(/^invalid package URL/) });
  });
});

describe('reading at scale', () => {
  const components = Array.from({ length: 20_000 }, (_, index) =>
    component('npm', `package-${index}`, '1.0.0', {
      direct: index < 50,
      dependencies: index + 1 < 20_000 ? [purlOf('npm', `package-${index + 1}`, '1.0.0')] : [],
      hashes: [{ algorithm: 'SHA-512', value: 'ab'.repeat(64) }],
    }),
  );

  it.each(ROUND_TRIPS)('reads 20,000 components with their graph from %s', (format, extractor, path) => {
    const result = extractor.extract(inputOf(path, renderSbom(format, sbomInput({ components }))));
    expect(result.components).toHaveLength(20_000);
    expect(result.components.filter((c) => c.direct)).toHaveLength(50);
    expect(result.components.find((c) => c.name === 'package-19999')?.scope).toBe('runtime');
  });
});
