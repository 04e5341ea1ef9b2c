import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { declaredDependencies, isDeclared } from './pyproject.js';
import { FIXTURES, REAL } from './test-input.js';

const fixture = (name: string) => readFileSync(join(FIXTURES, 'pyprojecttoml/testdata', name), 'utf8');

function declaredIn(text: string) {
  const declared = declaredDependencies(text);
  if (!declared) throw new Error('no declared dependencies');
  return declared;
}

describe('declaredDependencies', () => {
  it('reads PEP 621 dependencies and extras', () => {
    const declared = declaredIn(fixture('optional_deps.toml'));
    expect([...declared.runtime]).toEqual(['requests']);
    expect(Object.fromEntries([...declared.optional].map(([extra, names]) => [extra, [...names]]))).toEqual({
      dev: ['pytest', 'black'],
      async: ['aiohttp'],
    });
    expect([...(declaredDependencies(fixture('extras_syntax.toml'))?.runtime ?? [])]).toEqual(['flask', 'requests']);
  });

  it('is undefined for absent or malformed TOML, empty without dependency tables', () => {
    expect(declaredDependencies(undefined)).toBeUndefined();
    expect(declaredDependencies(fixture('malformed.toml'))).toBeUndefined();
    const none = declaredIn(fixture('no_project_table.toml'));
    expect([none.runtime.size, none.optional.size, none.development.size]).toEqual([0, 0, 0]);
  });

  it('reads PEP 735 dependency groups, skipping include-group entries (pydantic)', () => {
    const declared = declaredIn(readFileSync(join(REAL, 'pydantic/pyproject.toml'), 'utf8'));
    expect([...declared.runtime].sort()).toEqual(['annotated-types', 'pydantic-core', 'typing-extensions']);
    // `all` only includes the other groups, so it names nothing itself.
    expect([...declared.development.keys()]).toEqual(['dev', 'docs', 'linting', 'testing-extra', 'typechecking']);
    expect(declared.development.get('docs')?.has('pydantic-extra-types')).toBe(true);
  });

  it('reads poetry tables: main, optional, dev-dependencies and groups, without python', () => {
    const declared = declaredIn(
      [
        '[tool.poetry.dependencies]',
        'python = "^3.9"',
        'Requests = "^2.0"',
        'redis = { version = "^5", optional = true }',
        '[tool.poetry.dev-dependencies]',
        'pytest = "*"',
        '[tool.poetry.group.docs.dependencies]',
        'Sphinx = "*"',
        '[tool.poetry.group.main.dependencies]',
        'attrs = "*"',
        '[tool.pdm.dev-dependencies]',
        'lint = ["ruff>=0.1"]',
        '[tool.uv]',
        'dev-dependencies = ["mypy"]',
      ].join('\n'),
    );
    expect([...declared.runtime]).toEqual(['requests', 'attrs']);
    expect([...(declared.optional.get('') ?? [])]).toEqual(['redis']);
    expect([...(declared.development.get('dev') ?? [])]).toEqual(['pytest', 'mypy']);
    expect([...(declared.development.get('docs') ?? [])]).toEqual(['sphinx']);
    expect([...(declared.development.get('lint') ?? [])]).toEqual(['ruff']);
    expect(isDeclared(declared, 'python')).toBe(false);
    expect(isDeclared(declared, 'sphinx')).toBe(true);
  });
});
