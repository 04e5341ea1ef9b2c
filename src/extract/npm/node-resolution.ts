/**
 * Node's module lookup over installed paths as package-lock.json keys them (`node_modules/a`,
 * `node_modules/a/node_modules/@s/b`; `packages/app` is a workspace folder, '' the project root).
 */

const NODE_MODULES = 'node_modules/';

/** Installed packages indexed by the folder whose node_modules holds them, then by name. */
export class InstalledTree<T> {
  private readonly byFolder = new Map<string, Map<string, T>>();

  /** Records the package installed at `path` (a path inside some node_modules). */
  add(path: string, value: T): void {
    const at = path.lastIndexOf(NODE_MODULES);
    const folder = at <= 0 ? '' : path.slice(0, at - 1);
    let names = this.byFolder.get(folder);
    if (!names) {
      names = new Map();
      this.byFolder.set(folder, names);
    }
    names.set(path.slice(at + NODE_MODULES.length), value);
  }

  /**
   * What node loads for `name` required from the package or folder at `from`: its own node_modules
   * first, then the node_modules of each folder above it.
   */
  resolve(from: string, name: string): T | undefined {
    let folder = from;
    for (;;) {
      const found = this.byFolder.get(folder)?.get(name);
      if (found !== undefined || folder === '') return found;
      folder = parentFolder(folder);
    }
  }
}

/** The folder whose node_modules lookup continues from `path`: the package holding it, or the folder above. */
function parentFolder(path: string): string {
  const nested = path.lastIndexOf(`/${NODE_MODULES}`);
  if (nested !== -1) return path.slice(0, nested);
  if (path.startsWith(NODE_MODULES)) return '';
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}

/** The package name an installed path is loaded under (`node_modules/@s/b` gives `@s/b`). */
export function installedName(path: string): string {
  const at = path.lastIndexOf(NODE_MODULES);
  return at === -1 ? path : path.slice(at + NODE_MODULES.length);
}

/** Whether a path is inside some node_modules (an installed package) rather than a project folder. */
export function isInstalledPath(path: string): boolean {
  return path.startsWith(NODE_MODULES) || path.includes(`/${NODE_MODULES}`);
}
