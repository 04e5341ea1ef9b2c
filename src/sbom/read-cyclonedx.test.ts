import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExtractResult } from '../extract/component.js';
import { ExtractError } from '../extract/extractor.js';
import { cycloneDxExtractor } from './read-cyclonedx.js';
import { spdxExtractor } from './read-spdx.js';
import { exists, inputOf, inputOfFile, SHARED_DATA } from './test-inventory.js';

const extract = (text: string, path = 'bom.json'): ExtractResult => cycloneDxExtractor.extract(inputOf(path, text));

function errorOf(text: string, path = 'bom.json'): ExtractError {
  try {
    extract(text, path);
  } catch (error) {
    expect(error).toBeInstanceOf(ExtractError);
    return error as ExtractError;
  }
  throw new Error('expected an ExtractError');
}

describe('sbom/cyclonedx matches', () => {
  it.each(['bom.json', 'sbom/bom.xml', 'app.cdx.json', 'dist/app.cdx.xml', 'release.bom.json', 'BOM.JSON'])(
    'reads %s',
    (path) => {
      expect(cycloneDxExtractor.matches(path)).toBe(true);
    },
  );

  it.each(['package.json', 'bom.yaml', 'bom.json.bak', 'mybom.json', 'app.spdx.json'])('ignores %s', (path) => {
    expect(cycloneDxExtractor.matches(path)).toBe(false);
  });
});

// Line numbers matter below: the components' bom-refs are on lines 15, 25, 36, 42, 52 and 57.
const JSON_BOM = `{
  "bomFormat": "CycloneDX",
  "specVersion": "1.5",
  "metadata": {
    "component": {
      "type": "application",
      "bom-ref": "pkg:npm/my-app@1.0.0",
      "name": "my-app",
      "purl": "pkg:npm/my-app@1.0.0"
    }
  },
  "components": [
    {
      "type": "library",
      "bom-ref": "pkg:npm/%40scope/lib@2.0.0",
      "group": "@scope",
      "name": "lib",
      "version": "2.0.0",
      "purl": "pkg:npm/%40scope/lib@2.0.0",
      "hashes": [{ "alg": "SHA-512", "content": "${'AB'.repeat(64)}" }, { "alg": "BLAKE3", "content": "00" }],
      "licenses": [{ "license": { "id": "MIT" } }, { "license": { "name": "Custom" } }],
      "components": [
        {
          "type": "library",
          "bom-ref": "nested-ref",
          "name": "inner",
          "version": "1.0.0",
          "scope": "optional",
          "purl": "pkg:npm/inner@1.0.0",
          "hashes": [{ "alg": "SHA-1", "content": "not hex" }]
        }
      ]
    },
    {
      "type": "library",
      "bom-ref": "helper",
      "name": "helper",
      "purl": "pkg:pypi/Flask_Login@0.6.3", "scope": "excluded", "licenses": [{ "expression": "MIT OR BSD-3-Clause" }]
    },
    {
      "type": "library",
      "bom-ref": "curl-ref",
      "name": "curl",
      "purl": "pkg:deb/debian/curl@7.88.1"
    },
    {
      "type": "file",
      "name": "app.js"
    },
    {
      "type": "library",
      "bom-ref": "no-version",
      "purl": "pkg:npm/left-pad"
    },
    {
      "type": "library",
      "bom-ref": "helper-again",
      "purl": "pkg:pypi/flask-login@0.6.3"
    }
  ],
  "dependencies": [
    { "ref": "pkg:npm/my-app@1.0.0", "dependsOn": ["pkg:npm/%40scope/lib@2.0.0", "helper", "missing-ref"] },
    { "ref": "pkg:npm/%40scope/lib@2.0.0", "dependsOn": ["nested-ref", "curl-ref", "helper-again"] },
    { "ref": "nested-ref", "dependsOn": [] },
    { "ref": "curl-ref", "dependsOn": ["nested-ref"] }
  ]
}
`;

describe('CycloneDX JSON', () => {
  const result = extract(JSON_BOM, 'sbom/bom.json');
  const byName = new Map(result.components.map((c) => [c.name, c]));

  it('makes components of supported purls, nested ones too, merging duplicates by purl', () => {
    expect(result.components.map((c) => c.purl)).toEqual([
      'pkg:npm/%40scope/lib@2.0.0',
      'pkg:npm/inner@1.0.0',
      'pkg:pypi/flask-login@0.6.3',
    ]);
    expect(byName.get('@scope/lib')).toEqual({
      ecosystem: 'npm',
      name: '@scope/lib',
      version: '2.0.0',
      purl: 'pkg:npm/%40scope/lib@2.0.0',
      scope: 'runtime',
      direct: true,
      dependencies: ['pkg:npm/inner@1.0.0', 'pkg:pypi/flask-login@0.6.3'],
      location: { path: 'sbom/bom.json', line: 15 },
      hashes: [{ algorithm: 'SHA-512', value: 'ab'.repeat(64) }],
      licenses: ['MIT', 'Custom'],
    });
  });

  it('direct = what the metadata component depends on; scope from CycloneDX scope (absent = required)', () => {
    expect(byName.get('inner')).toMatchObject({ direct: false, scope: 'optional', dependencies: [] });
    expect(byName.get('inner')).not.toHaveProperty('hashes');
    // flask-login is listed twice (excluded, and with no scope = required): runtime wins; direct via "helper".
    expect(byName.get('flask-login')).toMatchObject({
      ecosystem: 'PyPI',
      version: '0.6.3',
      direct: true,
      scope: 'runtime',
      licenses: ['MIT OR BSD-3-Clause'],
      location: { path: 'sbom/bom.json', line: 36 },
    });
  });

  it('skips what cannot be a component, with the reason and line', () => {
    expect(result.skipped).toEqual([
      {
        name: 'pkg:deb/debian/curl@7.88.1',
        reason: 'ecosystem not supported yet',
        location: { path: 'sbom/bom.json', line: 42 },
      },
      // Neither bom-ref nor purl to find it by: the line of the entry before it.
      { name: 'app.js', reason: 'no package URL (purl)', location: { path: 'sbom/bom.json', line: 42 } },
      {
        name: 'pkg:npm/left-pad',
        reason: 'the package URL has no version',
        location: { path: 'sbom/bom.json', line: 52 },
      },
    ]);
  });

  it('without a metadata component, the components nothing depends on are the direct ones', () => {
    const bom = JSON.parse(JSON_BOM) as { metadata?: unknown; dependencies: { ref: string }[] };
    delete bom.metadata;
    bom.dependencies = bom.dependencies.filter((d) => d.ref !== 'pkg:npm/my-app@1.0.0');
    const direct = extract(JSON.stringify(bom, null, 2)).components.filter((c) => c.direct);
    expect(direct.map((c) => c.name)).toEqual(['@scope/lib']);
  });

  it('without any dependency graph, every component is direct', () => {
    const bom = JSON.parse(JSON_BOM) as { dependencies?: unknown };
    delete bom.dependencies;
    const components = extract(JSON.stringify(bom)).components;
    expect(components.every((c) => c.direct && c.dependencies.length === 0)).toBe(true);
  });

  it('finds lines when slashes are escaped and keys come in any order', () => {
    const text = [
      '{"bomFormat": "CycloneDX", "specVersion": "1.4", "components": [',
      '  {"name": "a", "version": "1", "purl": "pkg:npm\\/a@1"},',
      '  {"purl": "pkg:npm\\/b@2",',
      '   "bom-ref": "b"}',
      ']}',
    ].join('\n');
    expect(extract(text).components.map((c) => [c.name, c.location.line])).toEqual([
      ['a', 2],
      ['b', 3],
    ]);
  });

  it('reads an empty BOM (no components) as nothing', () => {
    expect(extract('{"bomFormat": "CycloneDX", "specVersion": "1.6"}')).toEqual({ components: [], skipped: [] });
  });

  it('rejects malformed documents with the line', () => {
    expect(errorOf('{\n  "bomFormat": "CycloneDX",\n  "components": [,]\n}')).toMatchObject({ line: 3 });
    expect(errorOf('{\n  "bomFormat": "SPDX"\n}')).toMatchObject({
      message: 'not a CycloneDX BOM: "bomFormat" is not "CycloneDX"',
      line: 2,
    });
    expect(errorOf('[1, 2]').message).toMatch(/not a CycloneDX BOM/);
    expect(errorOf('{\n"bomFormat": "CycloneDX",\n"components": {}\n}')).toMatchObject({
      message: '"components" is not a list',
      line: 3,
    });
    expect(errorOf('{"bomFormat": "CycloneDX",\n"components": [42]}').message).toBe('a component is not an object');
    expect(errorOf('{"bomFormat": "CycloneDX",\n\n"dependencies": [{"dependsOn": []}]}')).toMatchObject({
      message: 'a "dependencies" entry has no "ref"',
      line: 3,
    });
  });
});

// Line numbers matter: the component start tags are on lines 10, 17 and 24.
const XML_BOM = `<?xml version="1.0" encoding="UTF-8"?>
<!-- written by hand, CycloneDX 1.5 with a prefixed namespace -->
<cdx:bom xmlns:cdx="http://cyclonedx.org/schema/bom/1.5" version="1">
  <cdx:metadata>
    <cdx:component type="application" bom-ref="root">
      <cdx:name>root</cdx:name>
    </cdx:component>
  </cdx:metadata>
  <cdx:components>
    <cdx:component type="library" bom-ref="pkg:maven/org.example/core@1.0?type=jar">
      <cdx:group>org.example</cdx:group>
      <cdx:name>core</cdx:name>
      <cdx:hashes><cdx:hash alg="SHA-256">${'0F'.repeat(32)}</cdx:hash></cdx:hashes>
      <cdx:licenses><cdx:expression><![CDATA[Apache-2.0 OR MIT]]></cdx:expression></cdx:licenses>
      <cdx:purl>pkg:maven/org.example/core@1.0?type=jar</cdx:purl>
      <cdx:components>
        <cdx:component type="library" bom-ref="dep">
          <cdx:name>dep &amp; co</cdx:name>
          <cdx:scope>excluded</cdx:scope>
          <cdx:purl>pkg:golang/github.com/a/b@v1.2.3</cdx:purl>
        </cdx:component>
      </cdx:components>
    </cdx:component>
    <cdx:component type="operating-system" bom-ref="os"><cdx:name>debian</cdx:name></cdx:component>
  </cdx:components>
  <cdx:dependencies>
    <cdx:dependency ref="root"><cdx:dependency ref="pkg:maven/org.example/core@1.0?type=jar"/></cdx:dependency>
    <cdx:dependency ref="pkg:maven/org.example/core@1.0?type=jar">
      <cdx:dependency ref="dep"/>
    </cdx:dependency>
  </cdx:dependencies>
</cdx:bom>
`;

describe('CycloneDX XML', () => {
  const result = extract(XML_BOM, 'bom.xml');

  it('reads components, nested ones, the graph, hashes and licenses; lines are the start tags', () => {
    expect(result.components).toEqual([
      {
        ecosystem: 'Maven',
        name: 'org.example:core',
        version: '1.0',
        purl: 'pkg:maven/org.example/core@1.0',
        scope: 'runtime',
        direct: true,
        dependencies: ['pkg:golang/github.com/a/b@v1.2.3'],
        location: { path: 'bom.xml', line: 10 },
        hashes: [{ algorithm: 'SHA-256', value: '0f'.repeat(32) }],
        licenses: ['Apache-2.0 OR MIT'],
      },
      {
        ecosystem: 'Go',
        name: 'github.com/a/b',
        version: 'v1.2.3',
        purl: 'pkg:golang/github.com/a/b@v1.2.3',
        scope: 'development',
        direct: false,
        dependencies: [],
        location: { path: 'bom.xml', line: 17 },
      },
    ]);
    expect(result.skipped).toEqual([
      { name: 'debian', reason: 'no package URL (purl)', location: { path: 'bom.xml', line: 24 } },
    ]);
  });

  it('decides by content: XML in a .json name is still read', () => {
    expect(extract(XML_BOM, 'bom.json').components).toHaveLength(2);
  });

  it('rejects XML that is not well-formed, or not a CycloneDX BOM, with the line', () => {
    expect(
      errorOf(
        '<?xml version="1.0"?>\n<bom xmlns="http://cyclonedx.org/schema/bom/1.6">\n<components>\n</bom>',
        'bom.xml',
      ),
    ).toMatchObject({
      message: 'not well-formed XML: </bom> closes <components>',
      line: 4,
    });
    expect(errorOf('<bom xmlns="http://cyclonedx.org/schema/bom/1.6">\n  <components>', 'bom.xml')).toMatchObject({
      message: 'not well-formed XML: <components> is never closed',
      line: 2,
    });
    expect(
      errorOf('<bom xmlns="http://cyclonedx.org/schema/bom/1.6">\n\n<a>&nbsp;</a></bom>', 'bom.xml'),
    ).toMatchObject({
      line: 3,
    });
    expect(
      errorOf('<?xml version="1.0"?>\n<project xmlns="http://maven.apache.org/POM/4.0.0"/>', 'bom.xml').message,
    ).toMatch(/not a CycloneDX BOM/);
    expect(errorOf('<!DOCTYPE bom [<!ENTITY x "y">]><bom/>', 'bom.xml').message).toMatch(/DOCTYPE/);
  });
});

/**
 * Real SBOMs made by another tool: cdxgen's plugin package ships CycloneDX 1.7 BOMs of its binaries
 * (minified JSON: every line is 1). Present where that optional, platform-specific package is installed.
 */
const PLUGINS = fileURLToPath(
  new URL('../../node_modules/@cdxgen/cdxgen-plugins-bin-linux-amd64/plugins/', import.meta.url),
);

describe.skipIf(!exists(PLUGINS))('real CycloneDX BOMs shipped by cdxgen-plugins-bin', () => {
  it('sbom-postbuild.cdx.json: 606 Go and Rust components, 10 of other ecosystems skipped', () => {
    const result = cycloneDxExtractor.extract(
      inputOfFile(join(PLUGINS, 'sbom-postbuild.cdx.json'), 'sbom-postbuild.cdx.json'),
    );
    expect(result.components).toHaveLength(606);
    expect(result.components.filter((c) => c.ecosystem === 'Go')).toHaveLength(408);
    expect(result.components.filter((c) => c.ecosystem === 'crates.io')).toHaveLength(198);
    expect(result.skipped).toHaveLength(10);
    expect(result.skipped.every((s) => s.reason === 'ecosystem not supported yet')).toBe(true);
    expect(result.skipped.map((s) => s.name)).toContain('pkg:swift/github.com/jpsim/Yams@6.2.1');
    // Listed twice (optional and required): merged into one runtime component.
    expect(result.components.filter((c) => c.name === 'golang.org/x/mod')).toMatchObject([
      { version: 'v0.30.0', scope: 'runtime' },
    ]);
    const anstream = result.components.find((c) => c.purl === 'pkg:cargo/anstream@1.0.0');
    expect(anstream).toMatchObject({
      ecosystem: 'crates.io',
      hashes: [{ algorithm: 'SHA-256', value: '824a212faf96e9acacdbd09febd34438f8f711fb84e09a8916013cd7815ca28d' }],
      location: { path: 'sbom-postbuild.cdx.json', line: 1 },
    });
    expect(anstream?.dependencies).toEqual([
      'pkg:cargo/anstyle-parse@1.0.0',
      'pkg:cargo/anstyle-query@1.1.5',
      'pkg:cargo/anstyle-wincon@3.0.11',
      'pkg:cargo/anstyle@1.0.14',
      'pkg:cargo/colorchoice@1.0.5',
      'pkg:cargo/is_terminal_polyfill@1.70.2',
      'pkg:cargo/utf8parse@0.2.2',
    ]);
  });

  it('trustinspector: one Go module, the only and so direct component', () => {
    const file = join(PLUGINS, 'trustinspector/sbom-trustinspector-postbuild.cdx.json');
    const result = cycloneDxExtractor.extract(inputOfFile(file, 'sbom.cdx.json'));
    expect(result.components).toMatchObject([
      { name: 'golang.org/x/crypto', version: 'v0.39.0', direct: true, scope: 'runtime', licenses: ['CUSTOM'] },
    ]);
  });
});

/**
 * cdxgen (a devDependency) run at test time on a real lockfile from shared/data: prettier's yarn.lock
 * has 890 distinct packages (hand-counted from the lockfile), so the BOM must give 890 components. It also
 * writes an SPDX export, which is SPDX 3 (JSON-LD): paved must say it cannot read that yet.
 */
const CDXGEN = fileURLToPath(new URL('../../node_modules/.bin/cdxgen', import.meta.url));
const PRETTIER = join(SHARED_DATA, 'lockfiles/npm/prettier');

describe.skipIf(!exists(CDXGEN) || !exists(join(PRETTIER, 'yarn.lock')))('a BOM cdxgen makes of prettier', () => {
  let folder = '';
  let result: ExtractResult;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'paved-cdxgen-'));
    const output = join(folder, 'bom.json');
    const options = ['-t', 'js', '--no-recurse', '--no-install-deps', '--json-pretty', '--spec-version', '1.6'];
    execFileSync(CDXGEN, [...options, '--format', 'cyclonedx,spdx', '-o', output, PRETTIER], {
      stdio: 'ignore',
      env: { ...process.env, FETCH_LICENSE: 'false', CDXGEN_DEBUG_MODE: '' },
      timeout: 120_000,
    });
    result = cycloneDxExtractor.extract(inputOfFile(output, 'bom.json'));
  }, 150_000);
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('gives one component per package in yarn.lock, none skipped', () => {
    expect(result.components).toHaveLength(890);
    expect(result.skipped).toEqual([]);
  });

  it('has the locked versions and the yarn.lock integrity as hex', () => {
    const codeFrames = result.components.filter((c) => c.name === '@babel/code-frame').map((c) => c.version);
    expect(codeFrames.sort()).toEqual(['7.0.0', '7.12.11', '7.14.5']);
    const syntax = result.components.find((c) => c.name === '@babel/plugin-syntax-typescript');
    // yarn.lock: integrity sha512-u6OXzDaIXjEstBRRoBCQ/uKQKlbuaeE5in0RvWdA4pN6AhqxTIwUsnHPU1CFZA/amYObMsuWhYfRl3Ch90HD0Q==
    const hex = Buffer.from(
      'u6OXzDaIXjEstBRRoBCQ/uKQKlbuaeE5in0RvWdA4pN6AhqxTIwUsnHPU1CFZA/amYObMsuWhYfRl3Ch90HD0Q==',
      'base64',
    ).toString('hex');
    expect(syntax).toMatchObject({ version: '7.14.5', hashes: [{ algorithm: 'SHA-512', value: hex }] });
  });

  it('points every component at the line of its bom-ref or purl', () => {
    const lines = readFileSync(join(folder, 'bom.json'), 'utf8').split('\n');
    for (const c of result.components) {
      expect(lines[c.location.line - 1]).toMatch(/^\s*"(bom-ref|purl)": "pkg:npm\//);
      const nameAndVersion = `/${c.name.replace(/^@[^/]+\//, '')}@${c.version}`.replace(/[.+]/g, '\\$&');
      expect(lines[c.location.line - 1]).toMatch(new RegExp(`${nameAndVersion}["?#]`));
    }
  });

  it('refuses its SPDX 3 export with a plain message', () => {
    const spdx = inputOfFile(join(folder, 'bom.spdx.json'), 'bom.spdx.json');
    expect(spdxExtractor.matches(spdx.path)).toBe(true);
    expect(() => spdxExtractor.extract(spdx)).toThrow('SPDX 3 documents are not supported yet');
  });
});
