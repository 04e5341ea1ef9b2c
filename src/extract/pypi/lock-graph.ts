import type { DependencyScope } from '../component.js';
import { satisfies } from './pep440.js';

/** A dependency edge between packages of one lockfile, by index in the lock's package list. */
export interface LockEdge {
  target: number;
  /** Extras asked for (`coverage[toml]`), whose own dependencies come along. */
  extras?: readonly string[];
}

/**
 * The locked packages by PEP 503 name, to turn a dependency's name (and constraint) into the locked
 * package(s) it means. A lock may hold several versions of one name, each for other environment markers.
 */
export class LockedNames {
  private readonly byName = new Map<string, { index: number; version: string }[]>();

  add(name: string, version: string, index: number): void {
    const entries = this.byName.get(name);
    if (entries) entries.push({ index, version });
    else this.byName.set(name, [{ index, version }]);
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  /**
   * The packages a dependency on `name` can mean: the one with `exactVersion` when given, else the
   * versions its `specifiers` accept (any of them), else every locked version of the name when none is
   * accepted or the constraint cannot be read (the lock chose among them by markers we do not evaluate).
   */
  resolve(name: string, specifiers: readonly string[] = [], exactVersion?: string): number[] {
    const entries = this.byName.get(name) ?? [];
    if (entries.length <= 1) return entries.map((entry) => entry.index);
    if (exactVersion !== undefined) {
      const exact = entries.filter((entry) => entry.version === exactVersion);
      if (exact.length > 0) return exact.map((entry) => entry.index);
    }
    const accepted = entries.filter((entry) =>
      specifiers.some((specifier) => specifier.trim() !== '' && satisfies(entry.version, specifier) === true),
    );
    return (accepted.length > 0 ? accepted : entries).map((entry) => entry.index);
  }
}

/** Where a traversal starts: the edges a project declares for one scope. */
export interface ScopeRoots {
  scope: DependencyScope;
  edges: readonly LockEdge[];
}

const SCOPE_ORDER: readonly DependencyScope[] = ['runtime', 'optional', 'development'];

/**
 * The scope of every package reachable from the project: runtime when any runtime dependency leads to
 * it, else optional when an extra does, else development. `edgesOf(index, extra)` gives a package's
 * edges (with `extra`, the dependencies that extra adds). Linear: each (package, extra) is walked once.
 */
export function scopesByReachability(
  roots: readonly ScopeRoots[],
  edgesOf: (index: number, extra?: string) => readonly LockEdge[],
): Map<number, DependencyScope> {
  const scopes = new Map<number, DependencyScope>();
  const visited = new Set<string>();
  for (const scope of SCOPE_ORDER) {
    const queue: [number, string | undefined][] = [];
    const enqueue = (edge: LockEdge): void => {
      for (const extra of [undefined, ...(edge.extras ?? [])]) {
        const key = extra === undefined ? `${edge.target}` : `${edge.target}[${extra}]`;
        if (visited.has(key)) continue;
        visited.add(key);
        queue.push([edge.target, extra]);
      }
    };
    for (const root of roots) if (root.scope === scope) root.edges.forEach(enqueue);
    for (let at = 0; at < queue.length; at++) {
      const [index, extra] = queue[at] as [number, string | undefined];
      if (!scopes.has(index)) scopes.set(index, scope);
      edgesOf(index, extra).forEach(enqueue);
    }
  }
  return scopes;
}

/** Packages no other package depends on: the best guess at the project's own when no manifest says. */
export function notDependedOn(count: number, edgesOf: (index: number) => readonly LockEdge[]): Set<number> {
  const dependedOn = new Set<number>();
  for (let index = 0; index < count; index++) {
    for (const edge of edgesOf(index)) if (edge.target !== index) dependedOn.add(edge.target);
  }
  const roots = new Set<number>();
  for (let index = 0; index < count; index++) if (!dependedOn.has(index)) roots.add(index);
  return roots;
}
