import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse as parseToml } from 'smol-toml';

/** The project an SBOM describes: its manifest's name and version, else the folder's name. */
export interface ProjectIdentity {
  name: string;
  version?: string;
}

/** Manifests that name the project, in the order they are tried. */
const MANIFESTS: { file: string; read: (text: string) => ProjectIdentity | undefined }[] = [
  { file: 'package.json', read: (text) => fromFields(JSON.parse(text)) },
  {
    file: 'pyproject.toml',
    read: (text) => fromFields(tomlTable(text, 'project') ?? tomlTable(text, 'tool', 'poetry')),
  },
  { file: 'Cargo.toml', read: (text) => fromFields(tomlTable(text, 'package')) },
  { file: 'composer.json', read: (text) => fromFields(JSON.parse(text)) },
];

export function projectIdentity(dir: string): ProjectIdentity {
  for (const { file, read } of MANIFESTS) {
    try {
      const identity = read(readFileSync(join(dir, file), 'utf8'));
      if (identity) return identity;
    } catch {
      // Absent or unreadable manifest: try the next one; the folder name is the last resort.
    }
  }
  return { name: basename(dir) || 'project' };
}

function fromFields(fields: unknown): ProjectIdentity | undefined {
  const { name, version } = (fields ?? {}) as { name?: unknown; version?: unknown };
  if (typeof name !== 'string' || name === '') return undefined;
  return typeof version === 'string' && version !== '' ? { name, version } : { name };
}

function tomlTable(text: string, ...path: string[]): unknown {
  let node: unknown = parseToml(text);
  for (const key of path) node = (node as Record<string, unknown> | undefined)?.[key];
  return node;
}
