import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExtractResult } from '../component.js';
import { isDevelopmentFile, isRequirementsFile, requirementsExtractor } from './requirements.js';
import { component, FIXTURES, ids, inputFromFile, inputFromText, REAL } from './test-input.js';

const DIR = join(FIXTURES, 'requirements/testdata');
const HOME_ASSISTANT = join(REAL, 'home-assistant/requirements_all.txt');
const read = (name: string): ExtractResult => requirementsExtractor.extract(inputFromFile(join(DIR, name)));
const skippedAt = (result: ExtractResult) => result.skipped.map((s) => `${s.name}:${s.location.line}`);
const SHA_A = 'a'.repeat(64);
const SHA_B = 'b'.repeat(64);

describe('requirements file names', () => {
  it.each([
    'requirements.txt',
    'src/requirements-dev.txt',
    'requirements_test.txt',
    'dev-requirements.txt',
    'requirements/prod.txt',
    'constraints.txt',
    'constraints-py3.txt',
    'Requirements.TXT',
  ])('reads %s', (path) => {
    expect(isRequirementsFile(path)).toBe(true);
  });

  it.each(['requirements.in', 'setup.txt', 'notes/requirements.md', 'docs/readme.txt', 'Pipfile.lock'])(
    'leaves %s',
    (path) => {
      expect(isRequirementsFile(path)).toBe(false);
    },
  );

  it('tells development files by a dev or test word in the name', () => {
    const development = [
      'requirements-dev.txt',
      'requirements_test.txt',
      'dev-requirements.txt',
      'requirements/tests.txt',
      'test.txt',
    ];
    for (const path of development) expect(isDevelopmentFile(path), path).toBe(true);
    for (const path of [
      'requirements.txt',
      'requirements_all.txt',
      'requirements/prod.txt',
      'latest.txt',
      'devices.txt',
    ]) {
      expect(isDevelopmentFile(path), path).toBe(false);
    }
  });
});

describe.skipIf(!existsSync(DIR))('requirements fixtures', () => {
  it('reads every fixture without throwing (bad lines are skipped, not fatal)', () => {
    for (const name of readdirSync(DIR)) expect(() => read(name), name).not.toThrow();
  });

  it('reads pinned requirements around comments, with the line each starts on', () => {
    const result = read('comments.txt');
    expect(ids(result)).toEqual(['pycrypto@1.2-alpha', 'gmpy2@1', 'sympy@1.2', 'requests@1.0', 'six@1.2']);
    expect(result.components.map((c) => c.location.line)).toEqual([2, 3, 6, 7, 8]);
    expect(component(result, 'requests')).toMatchObject({
      purl: 'pkg:pypi/requests@1.0',
      scope: 'runtime',
      direct: true,
      dependencies: [],
      location: { path: 'comments.txt', line: 7 },
    });
  });

  it('skips what is not pinned, URLs, paths and a missing include, and reads an include', () => {
    const result = read('example.txt');
    expect(ids(result)).toEqual(['docopt@0.6.1', 'pandas@2.2.3']);
    // The included file's own path and line.
    expect(component(result, 'pandas').location).toEqual({ path: 'other-requirements.txt', line: 1 });
    expect(skippedAt(result)).toEqual([
      'pytest:3',
      'pytest-cov:4',
      'beautifulsoup4:5',
      'requests:9',
      'urllib3:10',
      'keyring:13',
      'coverage:15',
      'Mopidy-Dirble:17',
      'constraints.txt:22',
      'numpy:25',
      'wxPython_Phoenix:28',
    ]);
    expect(result.skipped.find((s) => s.name === 'pytest')?.reason).toBe('not pinned to one version (name==version)');
    expect(result.skipped.find((s) => s.name === 'urllib3')?.reason).toMatch(/direct URL requirement/);
    expect(result.skipped.find((s) => s.name === 'constraints.txt')?.reason).toBe(
      'included constraints file not found',
    );
  });

  it('keeps the requirement of an extras entry', () => {
    expect(ids(read('extras.txt'))).toEqual(['pyjwt@2.1.0', 'celery@4.4.7']);
  });

  it('reports invalid lines as skipped; `-foo==1.0` is pip option -f with value "oo==1.0"', () => {
    const result = read('invalid.txt');
    expect(result.components).toEqual([]);
    expect(skippedAt(result)).toEqual(['asdf==:1', '==1.0:2', 'asdf 1.0:3', 'urllib3:4']);
  });

  it('stops include cycles', () => {
    expect(read('loop.txt')).toEqual({ components: [], skipped: [] });
  });

  it('joins continuation lines and reports the first line', () => {
    expect(read('multiline_and_comments.txt').components.map((c) => `${c.name}:${c.location.line}`)).toEqual([
      'pkga:3',
      'pkgb:7',
    ]);
    expect(read('with_versions.txt').components.find((c) => c.name === 'qwerty')?.location.line).toBe(5);
    expect(ids(read('trailing_backslash.txt'))).toEqual(['pkg1@1.0']);
  });

  it('normalises names and reads == and === pins', () => {
    const result = read('with_versions.txt');
    expect(ids(result)).toEqual([
      'nltk@3.2.2',
      'tabulate@0.7.7',
      'qwerty@0.1',
      'hy-phen@1.2',
      'under-score@1.3',
      'pkg-dot-name@5.0.0',
      'yolo@1.0',
    ]);
    expect(skippedAt(result)).toEqual(['newspaper3k:3', 'asdf:4', 'combination-._-.also_-._valid:10', 'pkg:12']);
  });

  it('separates per-requirement options from the requirement as pip does', () => {
    const result = read('per_req_options.txt');
    expect(result.components.map((c) => c.name)).toEqual([
      'foo1',
      'foo2',
      'foo3',
      'foo4',
      'foo5',
      'foo6',
      'foo8',
      'foo9',
      'foo11',
      'foo12',
      'foo13',
      'foo14',
      'foo16-client',
      'foo17-hash',
      'foo18-client',
    ]);
    // Their --hash values are placeholders, not digests.
    expect(result.components.some((c) => c.hashes)).toBe(false);
    expect(skippedAt(result)).toEqual([
      'foo7==1.0 unexpected_text_before_options_stays_around:13',
      'foo10==:20',
      'foo15==:30',
    ]);
  });

  it('skips a requirement whose version is an environment variable', () => {
    const result = read('env_var.txt');
    expect(ids(result)).toEqual(['asdf@1.2', 'another@1.0']);
    expect(result.skipped).toEqual([
      {
        name: 'qwert',
        reason: 'uses the environment variable ${MY_VARIABLE_1}, known only at install time',
        location: { path: 'env_var.txt', line: 2 },
      },
    ]);
  });
});

describe.skipIf(!existsSync(HOME_ASSISTANT))('home-assistant requirements_all.txt', () => {
  const result = requirementsExtractor.extract(inputFromFile(HOME_ASSISTANT, 'requirements_all.txt'));

  it('reads every pinned requirement', () => {
    // Counted with pip's own parser (pip 23.2, parse_requirements) on the file without its two include
    // lines: 714 requirements, all `name==version`, 714 distinct names. Commented-out pins do not count.
    expect(result.components).toHaveLength(714);
    expect(result.components.every((c) => c.scope === 'runtime' && c.direct)).toBe(true);
    expect(component(result, 'adafruit-gpio')).toMatchObject({ version: '1.0.3', location: { line: 12 } });
    expect(component(result, 'mastodon-py').version).toBe('1.5.1');
    expect(component(result, 'pynacl').version).toBe('1.3.0');
    expect(result.components.some((c) => c.name === 'adafruit-dht')).toBe(false);
  });

  it('reports the includes it cannot read and the pin pip ignores after an option', () => {
    expect(result.skipped.map((s) => [s.name, s.location.line])).toEqual([
      ['homeassistant/package_constraints.txt', 2],
      ['requirements.txt', 3],
      ['nuimo', 6],
    ]);
  });
});

describe('requirements edge cases', () => {
  it('reads nested includes relative to the including file, with their paths', () => {
    const input = inputFromText('app/requirements.txt', 'flask==3.0.0\r\n--requirement=base/common.txt\r\n', {
      'base/common.txt': '-c ../constraints.txt\nrequests==2.32.0\n-rmore.txt\n',
      'base/more.txt': 'idna==3.7\n-r common.txt\n',
      'constraints.txt': 'urllib3==2.2.1\nrequests==2.32.0\n',
    });
    const result = requirementsExtractor.extract(input);
    expect(result.components.map((c) => [c.name, c.location.path, c.location.line, c.direct])).toEqual([
      ['flask', 'app/requirements.txt', 1, true],
      // requests is pinned in a constraint and required: the requirement makes it direct.
      ['urllib3', 'app/constraints.txt', 1, false],
      ['requests', 'app/constraints.txt', 2, true],
      ['idna', 'app/base/more.txt', 1, true],
    ]);
    expect(result.skipped).toEqual([]);
  });

  it('makes constraints files and their entries not direct', () => {
    const result = requirementsExtractor.extract(inputFromText('constraints.txt', 'six==1.16.0\n'));
    expect(component(result, 'six').direct).toBe(false);
  });

  it('gives development scope to requirements written in a dev file, not to what it includes', () => {
    const input = inputFromText('requirements-dev.txt', '-r requirements.txt\npytest==8.0.0\n', {
      'requirements.txt': 'attrs==23.2.0\n',
    });
    const result = requirementsExtractor.extract(input);
    expect(result.components.map((c) => [c.name, c.scope])).toEqual([
      ['attrs', 'runtime'],
      ['pytest', 'development'],
    ]);
  });

  it('keeps hashes, markers and extras of a pinned requirement', () => {
    const text = `Django[argon2]==4.2.1 ; python_version >= "3.8" \\\n    --hash=sha256:${SHA_A} \\\n    --hash sha256:${SHA_B}\n`;
    const result = requirementsExtractor.extract(inputFromText('requirements.txt', text));
    expect(result.components).toEqual([
      {
        ecosystem: 'PyPI',
        name: 'django',
        version: '4.2.1',
        purl: 'pkg:pypi/django@4.2.1',
        scope: 'runtime',
        direct: true,
        dependencies: [],
        location: { path: 'requirements.txt', line: 1 },
        hashes: [
          { algorithm: 'SHA-256', value: SHA_A },
          { algorithm: 'SHA-256', value: SHA_B },
        ],
      },
    ]);
  });

  it('skips editable requirements and remote includes, ignores index options', () => {
    const text = [
      '-i https://pypi.example.com/simple',
      '--extra-index-url https://other.example.com/simple',
      '--pre',
      '-e git+https://github.com/org/tool.git#egg=tool',
      '--editable ./local-pkg',
      '-r https://example.com/requirements.txt',
      'git+https://github.com/org/lib.git@v1#egg=lib',
      'six==1.16.0',
    ].join('\n');
    const result = requirementsExtractor.extract(inputFromText('requirements.txt', text));
    expect(ids(result)).toEqual(['six@1.16.0']);
    expect(result.skipped.map((s) => [s.name, s.location.line])).toEqual([
      ['tool', 4],
      ['local-pkg', 5],
      ['https://example.com/requirements.txt', 6],
      ['lib', 7],
    ]);
    expect(result.skipped[0]?.reason).toMatch(/^editable requirement/);
  });

  it('merges a requirement pinned twice into one component', () => {
    const result = requirementsExtractor.extract(
      inputFromText('requirements.txt', 'six==1.16.0\nSix==1.16.0\nsix==1.17.0\n'),
    );
    expect(ids(result)).toEqual(['six@1.16.0', 'six@1.17.0']);
    expect(component(result, 'six', '1.16.0').location.line).toBe(1);
  });
});
