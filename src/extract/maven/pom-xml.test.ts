import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExtractResult } from '../component.js';
import { ExtractError } from '../extractor.js';
import { inputFromFile, inputFromText, SHARED_DATA } from '../test-input.js';
import { pomXmlExtractor } from './pom-xml.js';

const FIXTURES = join(SHARED_DATA, 'lockfile-fixtures/java/pomxml/testdata');
const PETCLINIC = join(SHARED_DATA, 'lockfiles/Maven/spring-petclinic/pom.xml');
const MALFORMED = new Map([
  ['invalid-syntax.xml', 3],
  ['not-pom.txt', undefined],
]);

const extractFixture = (name: string) => pomXmlExtractor.extract(inputFromFile(join(FIXTURES, name)));
const extractInline = (text: string, siblings: Record<string, string> = {}, path = 'app/pom.xml') =>
  pomXmlExtractor.extract(inputFromText(path, text, siblings));

/** name@version scope line, one per component: what a user reads in the inventory. */
function summary(result: ExtractResult): string[] {
  return result.components.map((c) => `${c.name}@${c.version} ${c.scope} ${c.location.line}`);
}

function skippedSummary(result: ExtractResult): string[] {
  return result.skipped.map((s) => `${s.name} ${s.location.line}`);
}

function pom(body: string, head = ''): string {
  return `<project>\n<groupId>org.app</groupId>\n<artifactId>app</artifactId>\n<version>7.0</version>\n${head}${body}\n</project>\n`;
}

function dependency(groupId: string, artifactId: string, extra = ''): string {
  return `<dependency><groupId>${groupId}</groupId><artifactId>${artifactId}</artifactId>${extra}</dependency>`;
}

describe('maven/pom-xml matches', () => {
  it('reads pom.xml files only', () => {
    expect(pomXmlExtractor.matches('pom.xml')).toBe(true);
    expect(pomXmlExtractor.matches('services/api/pom.xml')).toBe(true);
    expect(pomXmlExtractor.matches('services/api/other.xml')).toBe(false);
    expect(pomXmlExtractor.matches('foo-1.0.pom')).toBe(false);
  });
});

describe.skipIf(!existsSync(FIXTURES))('maven/pom-xml fixtures', () => {
  it('reads every fixture, or rejects the malformed ones with the line', () => {
    const names = readdirSync(FIXTURES).filter((name) => name !== 'parent');
    expect(names).toHaveLength(19);
    for (const name of names) {
      if (!MALFORMED.has(name)) {
        expect(() => extractFixture(name), name).not.toThrow();
        continue;
      }
      let error: unknown;
      try {
        extractFixture(name);
      } catch (caught) {
        error = caught;
      }
      expect(error, name).toBeInstanceOf(ExtractError);
      expect((error as ExtractError).line, name).toBe(MALFORMED.get(name));
    }
  });

  it('says what is wrong in a malformed POM', () => {
    expect(() => extractFixture('invalid-syntax.xml')).toThrow(
      /not well-formed XML: invalid tagName:\$\{Id\}\.version/,
    );
  });

  it('gives nothing for a POM without dependencies', () => {
    expect(extractFixture('empty.xml')).toEqual({ components: [], skipped: [] });
  });

  it('lists declared dependencies as direct, with the line of <dependency> and no edges', () => {
    const result = extractFixture('two-packages.xml');
    expect(summary(result)).toEqual([
      'io.netty:netty-all@4.1.42.Final runtime 7',
      'org.slf4j:slf4j-log4j12@1.7.25 runtime 12',
    ]);
    expect(result.components[0]).toMatchObject({
      ecosystem: 'Maven',
      purl: 'pkg:maven/io.netty/netty-all@4.1.42.Final',
      direct: true,
      dependencies: [],
      location: { path: 'two-packages.xml', line: 7 },
    });
  });

  it('reads a POM in the Maven namespace', () => {
    expect(summary(extractFixture('encoding.xml'))).toEqual(['junit:junit@4.12 runtime 16']);
  });

  it('interpolates properties with dots and skips a range that comes from a property', () => {
    const result = extractFixture('interpolation.xml');
    expect(summary(result)).toEqual(['org.mine:mypackage@1.0.0 runtime 18', 'org.mine:my.package@2.3.4 runtime 24']);
    expect(result.skipped).toEqual([
      {
        name: 'org.mine:ranged-package',
        reason: 'a version range, resolved only by Maven',
        location: { path: 'interpolation.xml', line: 30 },
      },
    ]);
  });

  it('maps test scope to development', () => {
    expect(summary(extractFixture('with-scope.xml'))).toEqual([
      'abc:xyz@1.2.3 runtime 3',
      'junit:junit@4.12 development 9',
    ]);
  });

  it('keeps an explicit version over dependencyManagement, and lists no managed-only package', () => {
    expect(summary(extractFixture('with-dependency-management.xml'))).toEqual([
      'io.netty:netty-all@4.1.9 runtime 7',
      'org.slf4j:slf4j-log4j12@1.7.25 runtime 12',
    ]);
    expect(summary(extractFixture('transitive.xml'))).toEqual([
      'org.direct:alice@1.0.0 runtime 17',
      'org.direct:bob@2.0.0 runtime 22',
      'org.direct:chris@3.0.0 runtime 27',
    ]);
  });

  it('uses the last of two declarations with different versions, as Maven does, and says so', () => {
    const result = extractFixture('multi-version.xml');
    expect(summary(result)).toEqual(['abc:example.com@1.1.1 runtime 13']);
    expect(result.skipped).toEqual([
      {
        name: 'abc:example.com:1.0.0',
        reason: 'declared again at line 13 with another version; Maven uses the last declaration',
        location: { path: 'multi-version.xml', line: 8 },
      },
    ]);
  });

  it('merges declarations that resolve to the same package (properties, classifiers, types)', () => {
    const ambiguous = extractFixture('ambiguous-interpolation.xml');
    expect(summary(ambiguous)).toEqual(['com.example:common-lib@1.0.0 runtime 13']);
    expect(ambiguous.skipped).toEqual([]);
    expect(summary(extractFixture('with-multiple-classifiers.xml'))).toEqual(['com.example:my-lib@1.0.0 runtime 8']);
    expect(summary(extractFixture('explicit-jar.xml'))).toEqual([
      'org.different:my-lib@1.0.0 runtime 12',
      'com.example:my-lib@1.0.0 runtime 17',
    ]);
    expect(extractFixture('with-type-classifier.xml').components.map((c) => c.purl)).toEqual([
      'pkg:maven/abc/xyz@1.0.0',
    ]);
  });

  it('skips a dependency without groupId', () => {
    const result = extractFixture('interpolate-drop.xml');
    expect(summary(result)).toEqual(['com.example:actual-artifact@1.0.0 runtime 11']);
    expect(skippedSummary(result)).toEqual(['?:drop-me 8']);
    expect(result.skipped[0]?.reason).toBe('no groupId');
  });

  it('ignores build plugin dependencies', () => {
    expect(summary(extractFixture('plugin-dependency.xml'))).toEqual(['com.example:hijack-lib@1.0.0 runtime 27']);
  });

  it('applies a profile that is active by default', () => {
    const result = extractFixture('profiles.xml');
    expect(summary(result)).toEqual(['org.profile:profile-dep@1.2.3 runtime 15']);
    expect(result.skipped).toEqual([]);
  });

  it('takes versions from the local parent chain and reports what the missing grandparent or BOM may manage', () => {
    const result = extractFixture('with-parent.xml');
    // org.dave:dave is declared by the parent: parent/pom.xml lists it itself.
    expect(summary(result)).toEqual([
      'org.alice:alice@1.0.0 runtime 18',
      'org.bob:bob@2.0.0 runtime 23',
      'org.chuck:chuck@3.0.0 runtime 28',
    ]);
    expect(skippedSummary(result)).toEqual(['org.frank:frank 32', 'org.import:import 45']);
    expect(result.skipped[0]?.reason).toBe(
      'no version and none in dependencyManagement; parent org.upstream:parent-pom:1.0 may manage it but is not available' +
        ' locally (no POM at ../pom.xml); the imported BOM org.import:import:1.2.3 may manage it but BOMs are not read' +
        ' (they come from a repository)',
    );
    expect(result.skipped[1]?.reason).toBe('BOM import: it manages versions, it is not a dependency of the product');
  });
});

describe.skipIf(!existsSync(PETCLINIC))('maven/pom-xml on spring-petclinic', () => {
  const result = pomXmlExtractor.extract(inputFromFile(PETCLINIC, 'spring-petclinic/pom.xml'));

  it('lists the three dependencies whose versions the file itself sets', () => {
    expect(summary(result)).toEqual([
      'org.webjars:jquery@2.2.4 runtime 100',
      'org.webjars:jquery-ui@1.11.4 runtime 105',
      'org.webjars:bootstrap@3.3.6 runtime 110',
    ]);
    expect(result.components.every((c) => c.direct && c.location.path === 'spring-petclinic/pom.xml')).toBe(true);
  });

  it('skips the 15 versions managed by the Spring Boot parent, which is not local, instead of guessing', () => {
    expect(skippedSummary(result)).toEqual([
      'org.springframework.boot:spring-boot-starter-actuator 37',
      'org.springframework.boot:spring-boot-starter-cache 41',
      'org.springframework.boot:spring-boot-starter-data-jpa 45',
      'org.springframework.boot:spring-boot-starter-web 49',
      'org.springframework.boot:spring-boot-starter-validation 53',
      'org.springframework.boot:spring-boot-starter-thymeleaf 57',
      'org.springframework.boot:spring-boot-starter-test 61',
      'com.h2database:h2 74',
      'mysql:mysql-connector-java 79',
      'javax.cache:cache-api 86',
      'org.ehcache:ehcache 90',
      'org.webjars:webjars-locator-core 96',
      'org.junit.jupiter:junit-jupiter-engine 118',
      'org.mockito:mockito-junit-jupiter 123',
      'org.springframework.boot:spring-boot-devtools 129',
    ]);
    for (const skipped of result.skipped) {
      expect(skipped.reason).toBe(
        'no version and none in dependencyManagement; parent org.springframework.boot:spring-boot-starter-parent:' +
          '2.3.3.RELEASE may manage it but is not available locally (no POM at ../pom.xml)',
      );
    }
  });
});

describe('maven/pom-xml properties', () => {
  it('resolves nested properties and the project model values', () => {
    const result = extractInline(
      pom(
        `<properties><base>2.1</base><lib.version>\${base}.3</lib.version></properties>
<dependencies>
${dependency('a', 'nested', '<version>${lib.version}</version>')}
${dependency('${project.groupId}', 'sibling', '<version>${project.version}</version>')}
${dependency('a', 'old-spelling', '<version>${version}</version>')}
${dependency('a', 'pom-spelling', '<version>${pom.version}-${project.artifactId}</version>')}
</dependencies>`,
      ),
    );
    expect(summary(result)).toEqual([
      'a:nested@2.1.3 runtime 7',
      'org.app:sibling@7.0 runtime 8',
      'a:old-spelling@7.0 runtime 9',
      'a:pom-spelling@7.0-app runtime 10',
    ]);
  });

  it('inherits groupId and version from <parent> for ${project.*}', () => {
    const text = `<project>
<parent><groupId>org.base</groupId><artifactId>base</artifactId><version>3.2</version><relativePath/></parent>
<artifactId>child</artifactId>
<dependencies>
${dependency('${project.groupId}', 'core', '<version>${project.version}</version>')}
${dependency('org.other', 'x', '<version>${project.parent.version}</version>')}
</dependencies>
</project>`;
    expect(summary(extractInline(text))).toEqual(['org.base:core@3.2 runtime 5', 'org.other:x@3.2 runtime 6']);
  });

  it('reports an undefined property and a cycle, never a guess', () => {
    const result = extractInline(
      pom(`<properties><a>\${b}</a><b>\${a}</b></properties>
<dependencies>
${dependency('x', 'undefined', '<version>${nowhere.version}</version>')}
${dependency('x', 'cycle', '<version>${a}</version>')}
${dependency('x', 'half', '<version>1.0-${suffix}</version>')}
</dependencies>`),
    );
    expect(result.components).toEqual([]);
    expect(result.skipped.map((s) => `${s.name} ${s.location.line}: ${s.reason}`)).toEqual([
      'x:undefined 7: version comes from ${nowhere.version}, which is not defined in this file or its local parents',
      'x:cycle 8: version comes from ${a}, whose definition refers back to itself',
      'x:half 9: version comes from ${suffix}, which is not defined in this file or its local parents',
    ]);
  });

  it('skips a dependency whose artifactId does not interpolate', () => {
    const result = extractInline(
      pom(`<dependencies>\n${dependency('x', '${missing}', '<version>1</version>')}\n</dependencies>`),
    );
    expect(result.skipped[0]?.reason).toBe(
      'artifactId comes from ${missing}, which is not defined in this file or its local parents',
    );
  });
});

describe('maven/pom-xml versions and scopes', () => {
  it('keeps a pinned [1.0] and skips ranges and LATEST/RELEASE', () => {
    const result = extractInline(
      pom(`<dependencies>
${dependency('v', 'pinned', '<version>[1.5]</version>')}
${dependency('v', 'range', '<version>[1.0,2.0)</version>')}
${dependency('v', 'open', '<version>(,1.0]</version>')}
${dependency('v', 'latest', '<version>LATEST</version>')}
</dependencies>`),
    );
    expect(summary(result)).toEqual(['v:pinned@1.5 runtime 6']);
    expect(result.skipped.map((s) => s.reason)).toEqual([
      'a version range, resolved only by Maven',
      'a version range, resolved only by Maven',
      'LATEST is resolved only by Maven, against a repository',
    ]);
  });

  it('maps Maven scopes and <optional>', () => {
    const result = extractInline(
      pom(`<dependencies>
${dependency('s', 'compile', '<version>1</version><scope>compile</scope>')}
${dependency('s', 'runtime', '<version>1</version><scope>runtime</scope>')}
${dependency('s', 'provided', '<version>1</version><scope>provided</scope>')}
${dependency('s', 'system', '<version>1</version><scope>system</scope><systemPath>/x.jar</systemPath>')}
${dependency('s', 'test', '<version>1</version><scope>test</scope>')}
${dependency('s', 'optional', '<version>1</version><optional>true</optional>')}
${dependency('s', 'optional-test', '<version>1</version><scope>test</scope><optional>true</optional>')}
${dependency('s', 'import', '<version>1</version><type>pom</type><scope>import</scope>')}
</dependencies>`),
    );
    expect(summary(result)).toEqual([
      's:compile@1 runtime 6',
      's:runtime@1 runtime 7',
      's:provided@1 runtime 8',
      's:system@1 runtime 9',
      's:test@1 development 10',
      's:optional@1 optional 11',
      's:optional-test@1 development 12',
    ]);
    expect(result.skipped.map((s) => `${s.name} ${s.location.line}: ${s.reason}`)).toEqual([
      's:import 13: scope import belongs in dependencyManagement (a BOM import)',
    ]);
  });

  it('takes version, scope and optional from dependencyManagement by groupId:artifactId:type:classifier', () => {
    const result = extractInline(
      pom(`<properties><junit.version>5.10.0</junit.version></properties>
<dependencyManagement><dependencies>
${dependency('org.junit', 'junit-bom', '<version>${junit.version}</version><type>pom</type><scope>import</scope>')}
${dependency('m', 'tested', '<version>${junit.version}</version><scope>test</scope>')}
${dependency('m', 'maybe', '<version>2</version><optional>true</optional>')}
${dependency('m', 'classified', '<version>3</version><classifier>linux</classifier>')}
</dependencies></dependencyManagement>
<dependencies>
${dependency('m', 'tested')}
${dependency('m', 'maybe')}
${dependency('m', 'classified', '<classifier>linux</classifier>')}
${dependency('m', 'classified')}
</dependencies>`),
    );
    expect(summary(result)).toEqual([
      'm:tested@5.10.0 development 13',
      'm:maybe@2 optional 14',
      'm:classified@3 runtime 15',
    ]);
    expect(result.skipped.map((s) => `${s.name} ${s.location.line}: ${s.reason}`)).toEqual([
      'org.junit:junit-bom 7: BOM import: it manages versions, it is not a dependency of the product',
      'm:classified 16: no version and none in dependencyManagement; the imported BOM org.junit:junit-bom:5.10.0 may' +
        ' manage it but BOMs are not read (they come from a repository)',
    ]);
  });

  it('skips dependencies of profiles that are not active by default, naming the profile', () => {
    const result = extractInline(
      pom(`<profiles><profile><id>mysql</id><activation><property><name>db</name></property></activation>
<dependencies>${dependency('p', 'driver', '<version>8</version>')}</dependencies>
</profile></profiles>`),
    );
    expect(result.components).toEqual([]);
    expect(result.skipped.map((s) => `${s.name} ${s.location.line}: ${s.reason}`)).toEqual([
      'p:driver 6: declared in profile mysql, which is not active by default',
    ]);
  });
});

describe('maven/pom-xml local parents', () => {
  const grandparent = `<project>
<groupId>org.corp</groupId><artifactId>corp</artifactId><version>1</version>
<properties><log.version>2.0</log.version><shared.version>9</shared.version></properties>
<dependencyManagement><dependencies>${dependency('org.log', 'log', '<version>${log.version}</version>')}</dependencies></dependencyManagement>
<dependencies>${dependency('org.grand', 'only-in-grandparent', '<version>1</version>')}</dependencies>
</project>`;
  const parent = `<project>
<parent><groupId>org.corp</groupId><artifactId>corp</artifactId><version>1</version></parent>
<artifactId>platform</artifactId><version>4</version>
<properties><log.version>2.5</log.version></properties>
<dependencyManagement><dependencies>${dependency('org.web', 'web', '<version>${web.version}</version><scope>runtime</scope>')}</dependencies></dependencyManagement>
</project>`;
  const child = `<project>
<parent><groupId>org.corp</groupId><artifactId>platform</artifactId><version>4</version></parent>
<artifactId>app</artifactId>
<properties><web.version>3.1</web.version></properties>
<dependencies>
${dependency('org.log', 'log')}
${dependency('org.web', 'web')}
${dependency('org.shared', 'shared', '<version>${shared.version}</version>')}
</dependencies>
</project>`;

  it('applies properties and dependencyManagement of two levels of ../pom.xml, nearer winning', () => {
    const result = extractInline(child, { '../pom.xml': parent, '../../pom.xml': grandparent });
    expect(summary(result)).toEqual([
      'org.log:log@2.5 runtime 6',
      'org.web:web@3.1 runtime 7',
      'org.shared:shared@9 runtime 8',
    ]);
    expect(result.skipped).toEqual([]);
  });

  it('reads <relativePath> that names a folder', () => {
    const withPath = child.replace(
      '<version>4</version></parent>',
      '<version>4</version><relativePath>../platform</relativePath></parent>',
    );
    const result = extractInline(withPath, { '../platform/pom.xml': parent, '../pom.xml': grandparent });
    expect(summary(result)).toEqual([
      'org.log:log@2.5 runtime 6',
      'org.web:web@3.1 runtime 7',
      'org.shared:shared@9 runtime 8',
    ]);
  });

  it('does not take a POM at the relative path that is another project', () => {
    const result = extractInline(child, { '../pom.xml': grandparent });
    expect(result.components).toEqual([]);
    expect(result.skipped[0]?.reason).toBe(
      'no version and none in dependencyManagement; parent org.corp:platform:4 may manage it but is not available' +
        ' locally (../pom.xml is org.corp:corp:1)',
    );
    expect(result.skipped[2]?.reason).toBe(
      'version comes from ${shared.version}, which is not defined in this file or its local parents; parent' +
        ' org.corp:platform:4 may define it but is not available locally (../pom.xml is org.corp:corp:1)',
    );
  });

  it('stops at a parent that cannot be parsed or that is its own parent', () => {
    const broken = extractInline(child, { '../pom.xml': '<project><parent>' });
    expect(broken.skipped[0]?.reason).toMatch(
      /parent org.corp:platform:4 .* \(\.\.\/pom\.xml cannot be parsed \(not well-formed XML/,
    );
    const selfParent = parent.replace(
      '<version>1</version></parent>',
      '<version>1</version><relativePath>pom.xml</relativePath></parent>',
    );
    const cyclic = extractInline(child, {
      '../pom.xml': selfParent.replace('corp</artifactId><version>1', 'platform</artifactId><version>4'),
    });
    // The parent itself was read (it manages org.web:web); only what its missing parent would give is skipped.
    expect(summary(cyclic)).toEqual(['org.web:web@3.1 runtime 7']);
    expect(skippedSummary(cyclic)).toEqual(['org.log:log 6', 'org.shared:shared 8']);
    expect(cyclic.skipped[1]?.reason).toBe(
      'version comes from ${shared.version}, which is not defined in this file or its local parents; parent' +
        ' org.corp:platform:4 may define it but is not available locally (the parents form a cycle at ../pom.xml)',
    );
  });

  it('does not look for a parent with an empty <relativePath/>', () => {
    const result = extractInline(
      child.replace('<version>4</version></parent>', '<version>4</version><relativePath/></parent>'),
      {
        '../pom.xml': parent,
      },
    );
    expect(result.skipped[0]?.reason).toContain('(its <relativePath> is empty: it comes from a repository)');
  });
});

describe('maven/pom-xml errors', () => {
  it('rejects malformed XML with the line', () => {
    let error: unknown;
    try {
      extractInline('<project>\n<dependencies>\n<dependency>\n</project>\n');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ExtractError);
    expect((error as ExtractError).line).toBe(3);
    expect((error as ExtractError).message).toMatch(/^not well-formed XML: /);
  });

  it('rejects XML that is not a POM', () => {
    let error: unknown;
    try {
      extractInline('<?xml version="1.0"?>\n<settings/>');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ExtractError);
    expect(error).toMatchObject({ message: 'not a Maven POM: the root element is <settings>, not <project>', line: 2 });
  });
});

describe('maven/pom-xml at scale', () => {
  // xmldom parses about 2 MB/s (most of the time here), so the test uses 2,000 declarations: more than real POMs have.
  it('reads 2,000 dependencies with property versions', () => {
    const properties = Array.from({ length: 2_000 }, (_, i) => `<v${i}>\${base}.${i}</v${i}>`).join('\n');
    const dependencies = Array.from({ length: 2_000 }, (_, i) =>
      dependency('g', `a${i}`, `<version>\${v${i}}</version>`),
    );
    const text = pom(
      `<properties><base>1</base>\n${properties}</properties>\n<dependencies>\n${dependencies.join('\n')}\n</dependencies>`,
    );
    const result = extractInline(text);
    expect(result.components).toHaveLength(2_000);
    expect(result.components[1_999]?.version).toBe('1.1999');
  });
});
