import { pep503 } from '../purl.js';
import { parseRequirement } from './pep508.js';
import { asTable, readOptionalToml, type TomlTable } from './toml.js';

/**
 * What a pyproject.toml declares (PEP 503 names), from every table the Python tools use: PEP 621
 * `[project]`, PEP 735 `[dependency-groups]`, `[tool.poetry]`, `[tool.pdm]` and `[tool.uv]`. A lockfile
 * reader uses it to tell the project's own dependencies from the ones they pull in.
 */
export interface DeclaredDependencies {
  runtime: Set<string>;
  /** Extra name -> names (installed only when the extra is asked for). */
  optional: Map<string, Set<string>>;
  /** Dependency group name -> names (development tools, tests, docs). */
  development: Map<string, Set<string>>;
}

/** The declared dependencies of a pyproject.toml text; undefined when absent or not valid TOML. */
export function declaredDependencies(pyprojectText: string | undefined): DeclaredDependencies | undefined {
  const pyproject = readOptionalToml(pyprojectText);
  if (!pyproject) return undefined;
  const declared: DeclaredDependencies = { runtime: new Set(), optional: new Map(), development: new Map() };
  const project = asTable(pyproject.project);
  addRequirements(declared.runtime, project.dependencies);
  for (const [extra, requirements] of Object.entries(asTable(project['optional-dependencies']))) {
    addRequirements(group(declared.optional, extra), requirements);
  }
  for (const [name, requirements] of Object.entries(asTable(pyproject['dependency-groups']))) {
    addRequirements(group(declared.development, name), requirements);
  }
  const tool = asTable(pyproject.tool);
  addPoetry(declared, asTable(tool.poetry));
  for (const [name, requirements] of Object.entries(asTable(asTable(tool.pdm)['dev-dependencies']))) {
    addRequirements(group(declared.development, name), requirements);
  }
  addRequirements(group(declared.development, 'dev'), asTable(tool.uv)['dev-dependencies']);
  for (const groups of [declared.optional, declared.development]) {
    for (const [name, names] of groups) if (names.size === 0) groups.delete(name);
  }
  return declared;
}

/** Whether the project declares `name` (PEP 503) in any table. */
export function isDeclared(declared: DeclaredDependencies, name: string): boolean {
  return (
    declared.runtime.has(name) ||
    [...declared.optional.values(), ...declared.development.values()].some((names) => names.has(name))
  );
}

function addPoetry(declared: DeclaredDependencies, poetry: TomlTable): void {
  for (const [name, spec] of Object.entries(asTable(poetry.dependencies))) {
    if (name === 'python') continue; // the interpreter constraint, not a package
    const optional = Array.isArray(spec) ? spec.every(isOptionalSpec) : isOptionalSpec(spec);
    (optional ? group(declared.optional, '') : declared.runtime).add(pep503(name));
  }
  for (const name of Object.keys(asTable(poetry['dev-dependencies'])))
    group(declared.development, 'dev').add(pep503(name));
  for (const [groupName, groupTable] of Object.entries(asTable(poetry.group))) {
    // `[tool.poetry.group.main]` is another spelling of `[tool.poetry.dependencies]`.
    const names = groupName === 'main' ? declared.runtime : group(declared.development, groupName);
    for (const name of Object.keys(asTable(asTable(groupTable).dependencies))) names.add(pep503(name));
  }
}

function isOptionalSpec(spec: unknown): boolean {
  return asTable(spec).optional === true;
}

function addRequirements(names: Set<string>, requirements: unknown): void {
  if (!Array.isArray(requirements)) return;
  for (const text of requirements) {
    // Entries that are not strings are `{ include-group = "..." }` references, whose group is read on its own.
    const requirement = typeof text === 'string' ? parseRequirement(text) : undefined;
    if (requirement) names.add(pep503(requirement.name));
  }
}

function group(groups: Map<string, Set<string>>, name: string): Set<string> {
  const existing = groups.get(name);
  if (existing) return existing;
  const names = new Set<string>();
  groups.set(name, names);
  return names;
}
