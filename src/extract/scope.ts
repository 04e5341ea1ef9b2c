import type { DependencyScope } from './component.js';

const STRENGTH: Record<DependencyScope, number> = { development: 0, optional: 1, runtime: 2 };
const BY_STRENGTH: DependencyScope[] = ['development', 'optional', 'runtime'];

/** The scope that wins when a package is needed in two ways: runtime over optional over development. */
export function strongerScope(a: DependencyScope, b: DependencyScope): DependencyScope {
  return STRENGTH[a] >= STRENGTH[b] ? a : b;
}

/** The scope of a path: as weak as its weakest step (a runtime dependency of a dev tool is dev). */
export function weakerScope(a: DependencyScope, b: DependencyScope): DependencyScope {
  return STRENGTH[a] <= STRENGTH[b] ? a : b;
}

export interface ScopedEdge<Node> {
  to: Node;
  scope: DependencyScope;
}

/**
 * The scope of every node reachable from the project's declared dependencies, for lockfiles that do
 * not record it: the strongest over all paths from a root, a path being as strong as its weakest edge.
 * Three strength levels make this a bucket queue: linear in nodes plus edges.
 */
export function scopesFromRoots<Node>(
  roots: Iterable<ScopedEdge<Node>>,
  edgesOf: (node: Node) => Iterable<ScopedEdge<Node>>,
): Map<Node, DependencyScope> {
  const best = new Map<Node, number>();
  const done = new Map<Node, DependencyScope>();
  const buckets: Node[][] = [[], [], []];
  const offer = (node: Node, strength: number) => {
    if ((best.get(node) ?? -1) >= strength) return;
    best.set(node, strength);
    (buckets[strength] as Node[]).push(node);
  };
  for (const root of roots) offer(root.to, STRENGTH[root.scope]);
  for (let strength = 2; strength >= 0; strength--) {
    const bucket = buckets[strength] as Node[];
    while (bucket.length > 0) {
      const node = bucket.pop() as Node;
      if (done.has(node)) continue;
      done.set(node, BY_STRENGTH[strength] as DependencyScope);
      for (const edge of edgesOf(node)) {
        if (!done.has(edge.to)) offer(edge.to, Math.min(strength, STRENGTH[edge.scope]));
      }
    }
  }
  return done;
}
