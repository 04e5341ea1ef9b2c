/**
 * PEP 508 requirement strings (`name[extra]>=1.0; python_version < "3.8"`, `name @ https://...`), as
 * requirements files, pdm.lock and pyproject.toml write them.
 */

export interface Requirement {
  /** As written (normalise with pep503 to compare). */
  name: string;
  extras: string[];
  /** Version clauses, e.g. [{ operator: '>=', version: '1.0' }]; empty when any version goes. */
  clauses: { operator: string; version: string }[];
  /** The target of a direct reference (`name @ url`). */
  url?: string;
  marker?: string;
}

const NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?/;
const CLAUSE = /^(===|==|!=|~=|<=|>=|<|>)\s*([A-Za-z0-9_.*+!-]+)$/;

/** The requirement, or undefined when `text` is not one. */
export function parseRequirement(text: string): Requirement | undefined {
  const trimmed = text.trim();
  const name = NAME.exec(trimmed)?.[0];
  if (!name) return undefined;
  let rest = trimmed.slice(name.length).trimStart();
  let extras: string[] = [];
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close === -1) return undefined;
    extras = rest
      .slice(1, close)
      .split(',')
      .map((extra) => extra.trim())
      .filter((extra) => extra !== '');
    if (!extras.every((extra) => NAME.exec(extra)?.[0] === extra)) return undefined;
    rest = rest.slice(close + 1).trimStart();
  }
  if (rest.startsWith('@')) return directReference(name, extras, rest.slice(1).trim());
  const semicolon = rest.indexOf(';');
  const marker = semicolon === -1 ? undefined : rest.slice(semicolon + 1).trim();
  const clauses = parseClauses(semicolon === -1 ? rest : rest.slice(0, semicolon));
  if (!clauses) return undefined;
  return marker ? { name, extras, clauses, marker } : { name, extras, clauses };
}

/** `name @ url ; marker`: the marker needs a space before its `;`, since URLs may hold `;`. */
function directReference(name: string, extras: string[], rest: string): Requirement | undefined {
  const split = /\s;/.exec(rest);
  const url = (split ? rest.slice(0, split.index) : rest).trim();
  if (url === '' || /\s/.test(url)) return undefined;
  const marker = split ? rest.slice(split.index + 2).trim() : undefined;
  return marker ? { name, extras, clauses: [], url, marker } : { name, extras, clauses: [], url };
}

function parseClauses(text: string): Requirement['clauses'] | undefined {
  let specifier = text.trim();
  if (specifier.startsWith('(') && specifier.endsWith(')')) specifier = specifier.slice(1, -1).trim();
  if (specifier === '') return [];
  const clauses: Requirement['clauses'] = [];
  for (const part of specifier.split(',')) {
    const match = CLAUSE.exec(part.trim());
    if (!match) return undefined;
    clauses.push({ operator: match[1] as string, version: match[2] as string });
  }
  return clauses;
}

/** The one version an `==` / `===` clause pins (no wildcard), or undefined when not pinned. */
export function pinnedVersion(requirement: Requirement): string | undefined {
  const pins = requirement.clauses.filter(
    (clause) => clause.operator === '===' || (clause.operator === '==' && !clause.version.endsWith('.*')),
  );
  return pins.length === 1 ? pins[0]?.version : undefined;
}

/** The specifier written back as text (`>=1,<2`), to match against locked versions. */
export function specifierText(requirement: Requirement): string {
  return requirement.clauses.map((clause) => `${clause.operator}${clause.version}`).join(',');
}
