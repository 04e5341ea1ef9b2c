import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExtractResult } from '../component.js';
import { ExtractError } from '../extractor.js';
import { inputFromFile, inputFromText, SHARED_DATA } from '../test-input.js';
import { gradleLockfileExtractor } from './gradle-lockfile.js';

const FIXTURES = join(SHARED_DATA, 'lockfile-fixtures/java/gradlelockfile/testdata');

const extractFixture = (name: string) => gradleLockfileExtractor.extract(inputFromFile(join(FIXTURES, name)));
const extractInline = (text: string, path = 'gradle.lockfile') =>
  gradleLockfileExtractor.extract(inputFromText(path, text));

function summary(result: ExtractResult): string[] {
  return result.components.map((c) => `${c.name}@${c.version} ${c.scope} ${c.location.line}`);
}

function errorOf(run: () => unknown): ExtractError | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof ExtractError) return error;
    throw error;
  }
  return undefined;
}

describe('maven/gradle-lockfile matches', () => {
  it('reads the project, build script and settings lockfiles and the per-configuration ones', () => {
    expect(gradleLockfileExtractor.matches('gradle.lockfile')).toBe(true);
    expect(gradleLockfileExtractor.matches('app/gradle.lockfile')).toBe(true);
    expect(gradleLockfileExtractor.matches('app/buildscript-gradle.lockfile')).toBe(true);
    expect(gradleLockfileExtractor.matches('settings-gradle.lockfile')).toBe(true);
    expect(gradleLockfileExtractor.matches('gradle/dependency-locks/compileClasspath.lockfile')).toBe(true);
    expect(gradleLockfileExtractor.matches('app/gradle/dependency-locks/runtimeClasspath.lockfile')).toBe(true);
    expect(gradleLockfileExtractor.matches('other.lockfile')).toBe(false);
    expect(gradleLockfileExtractor.matches('gradle/other/compileClasspath.lockfile')).toBe(false);
  });
});

describe.skipIf(!existsSync(FIXTURES))('maven/gradle-lockfile fixtures', () => {
  it('reads every fixture, or rejects the malformed one at its first bad line', () => {
    const names = readdirSync(FIXTURES);
    expect(names).toHaveLength(5);
    for (const name of names) {
      if (name === 'with-bad-pkg') {
        const error = errorOf(() => extractFixture(name));
        expect(error?.line).toBe(3);
        expect(error?.message).toBe('line 3 is not a locked module (group:artifact:version=configurations): ">>>"');
      } else {
        expect(() => extractFixture(name), name).not.toThrow();
      }
    }
  });

  it('gives nothing for comments and `empty=`', () => {
    expect(extractFixture('only-comments')).toEqual({ components: [], skipped: [] });
    expect(extractFixture('only-empty')).toEqual({ components: [], skipped: [] });
  });

  it('lists one locked module, not marked direct, without edges', () => {
    const result = extractFixture('one-pkg');
    expect(result.components).toEqual([
      {
        ecosystem: 'Maven',
        name: 'org.springframework.security:spring-security-crypto',
        version: '5.7.3',
        purl: 'pkg:maven/org.springframework.security/spring-security-crypto@5.7.3',
        scope: 'runtime',
        direct: false,
        dependencies: [],
        location: { path: 'one-pkg', line: 4 },
      },
    ]);
  });

  it('marks Spring Boot developmentOnly modules that are not in the production classpath as development', () => {
    expect(summary(extractFixture('5-pkg'))).toEqual([
      'org.springframework.boot:spring-boot-autoconfigure@2.7.4 runtime 5',
      'org.springframework.boot:spring-boot-configuration-processor@2.7.5 runtime 6',
      'org.springframework.boot:spring-boot-devtools@2.7.6 development 7',
      'org.springframework.boot:spring-boot-starter-aop@2.7.7 runtime 8',
      'org.springframework.boot:spring-boot-starter-data-jpa@2.7.8 runtime 9',
    ]);
  });
});

describe('maven/gradle-lockfile scopes', () => {
  it('is development only when every configuration builds or tests the product', () => {
    const result = extractInline(
      [
        '# This is a Gradle generated file for dependency locking.',
        'junit:junit:4.13.2=testCompileClasspath,testRuntimeClasspath',
        'org.projectlombok:lombok:1.18.30=annotationProcessor,testAnnotationProcessor',
        'org.mockito:mockito-core:5.0.0=integrationTestRuntimeClasspath',
        'com.google.dagger:dagger-compiler:2.50=kapt',
        'com.puppycrawl.tools:checkstyle:10.12.0=checkstyle',
        'org.slf4j:slf4j-api:2.0.9=compileClasspath,testCompileClasspath',
        'com.h2database:h2:2.2.224=runtimeClasspath,testRuntimeClasspath',
        'org.example:dev-tool:1.0=developmentOnly,productionRuntimeClasspath,runtimeClasspath',
        'empty=archives,signatures',
      ].join('\n'),
    );
    expect(summary(result)).toEqual([
      'junit:junit@4.13.2 development 2',
      'org.projectlombok:lombok@1.18.30 development 3',
      'org.mockito:mockito-core@5.0.0 development 4',
      'com.google.dagger:dagger-compiler@2.50 development 5',
      'com.puppycrawl.tools:checkstyle@10.12.0 development 6',
      'org.slf4j:slf4j-api@2.0.9 runtime 7',
      'com.h2database:h2@2.2.224 runtime 8',
      'org.example:dev-tool@1.0 runtime 9',
    ]);
    expect(result.components.every((c) => !c.direct && c.dependencies.length === 0)).toBe(true);
  });

  it('treats the build script and settings classpaths as development', () => {
    const text = 'org.springframework.boot:spring-boot-gradle-plugin:3.2.0=classpath\nempty=\n';
    expect(summary(extractInline(text, 'buildscript-gradle.lockfile'))).toEqual([
      'org.springframework.boot:spring-boot-gradle-plugin@3.2.0 development 1',
    ]);
    expect(summary(extractInline(text, 'settings-gradle.lockfile'))[0]).toContain('development');
    expect(summary(extractInline(text, 'gradle.lockfile'))[0]).toContain('runtime');
  });

  it('takes the configuration of a per-configuration lockfile from its name', () => {
    const text = '# comment\r\ncom.google.guava:guava:33.0.0-jre\r\n';
    expect(summary(extractInline(text, 'gradle/dependency-locks/testRuntimeClasspath.lockfile'))).toEqual([
      'com.google.guava:guava@33.0.0-jre development 2',
    ]);
    expect(summary(extractInline(text, 'gradle/dependency-locks/runtimeClasspath.lockfile'))).toEqual([
      'com.google.guava:guava@33.0.0-jre runtime 2',
    ]);
    expect(summary(extractInline(text, 'gradle/dependency-locks/buildscript-classpath.lockfile'))).toEqual([
      'com.google.guava:guava@33.0.0-jre development 2',
    ]);
  });
});

describe('maven/gradle-lockfile errors', () => {
  it('rejects a line that is not a module, with its line', () => {
    const conflict = errorOf(() => extractInline('a:b:1=compileClasspath\n<<<<<<< HEAD\na:b:2=compileClasspath\n'));
    expect(conflict).toMatchObject({ line: 2 });
    expect(errorOf(() => extractInline('a:b=compileClasspath\n'))?.line).toBe(1);
    expect(errorOf(() => extractInline('a:b:1:extra=compileClasspath\n'))?.line).toBe(1);
    expect(
      errorOf(() => extractInline('a:b:1=compileClasspath\n', 'gradle/dependency-locks/x.lockfile'))?.message,
    ).toBe('line 1 is not a locked module (group:artifact:version): "a:b:1=compileClasspath"');
  });
});

describe('maven/gradle-lockfile at scale', () => {
  it('reads every one of 20,000 modules, with its line', () => {
    const lines = Array.from(
      { length: 20_000 },
      (_, i) => `org.g${i % 50}:artifact-${i}:1.${i}=compileClasspath,runtimeClasspath`,
    );
    const result = extractInline(`${lines.join('\n')}\nempty=\n`);
    expect(result.components).toHaveLength(20_000);
    expect(result.components[19_999]?.location.line).toBe(20_000);
  });
});
