import { isDirectory } from '../core/fs.js';
import type { Diagnostic, Inventory } from '../core/model.js';
import { EXTRACTOR_MODULES, extractorsFor, LOCKFILE_MODULES } from '../extract/registry.js';
import { extractDependencies } from '../extract/run.js';
import type { ScanOptions } from './pipeline.js';
import { filesOf, treeTargets } from './targets.js';

/**
 * The dependency scanner: every lockfile, manifest or SBOM in the scanned trees, read by its extractor.
 * It reads files, so it does not run on a diff or standard input (said in a diagnostic).
 */
export async function scanDependencies(
  options: ScanOptions,
  source: { targets: string[]; readsStdin: boolean; diagnostics: Diagnostic[] },
): Promise<Inventory | undefined> {
  const { diagnostics } = source;
  if (source.readsStdin || options.mode !== 'tree') {
    diagnostics.push({
      level: 'info',
      code: 'deps-needs-files',
      message: `the deps scanner reads lockfiles in a tree; it does not run on ${source.readsStdin ? 'standard input' : `--${options.mode}`}`,
      hint: 'run `paved scan --scanners deps PATH` on the checkout',
    });
    return undefined;
  }
  const inventories: Inventory[] = [];
  for (const target of treeTargets(source.targets, options.cwd)) {
    // SBOMs are read when named (`paved scan app.cdx.json`), not when met in a walk: an SBOM written into
    // the tree (by `paved sbom -o bom.json`, say) describes the same lockfiles again.
    const modules = isDirectory(target.absolutePath) ? LOCKFILE_MODULES : EXTRACTOR_MODULES;
    const candidates = [...filesOf(target, options, diagnostics)].filter((file) =>
      modules.some((module) => module.mayRead(file.path)),
    );
    const extractors = await extractorsFor(
      modules,
      candidates.map((file) => file.path),
    );
    // extractDependencies reads only the files an extractor matches.
    inventories.push(extractDependencies(candidates, extractors, diagnostics));
  }
  return {
    components: inventories.flatMap((inventory) => inventory.components),
    skipped: inventories.flatMap((inventory) => inventory.skipped),
    lockfiles: inventories.flatMap((inventory) => inventory.lockfiles),
  };
}
