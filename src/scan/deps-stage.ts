import { isDirectory } from '../core/fs.js';
import type { Diagnostic, Inventory } from '../core/model.js';
import { EXTRACTORS, LOCKFILE_EXTRACTORS } from '../extract/registry.js';
import { extractDependencies, extractorFor } from '../extract/run.js';
import type { ScanOptions } from './pipeline.js';
import { filesOf, treeTargets } from './targets.js';

/**
 * The dependency scanner: every lockfile, manifest or SBOM in the scanned trees, read by its extractor.
 * It reads files, so it does not run on a diff or standard input (said in a diagnostic).
 */
export function scanDependencies(
  options: ScanOptions,
  source: { targets: string[]; readsStdin: boolean; diagnostics: Diagnostic[] },
): Inventory | undefined {
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
  const inventories = treeTargets(source.targets, options.cwd).map((target) => {
    // SBOMs are read when named (`paved scan app.cdx.json`), not when met in a walk: an SBOM written into
    // the tree (by `paved sbom -o bom.json`, say) describes the same lockfiles again.
    const extractors = isDirectory(target.absolutePath) ? LOCKFILE_EXTRACTORS : EXTRACTORS;
    const lockfiles = [...filesOf(target, options, diagnostics)].filter((file) => extractorFor(file.path, extractors));
    return extractDependencies(lockfiles, extractors, diagnostics);
  });
  return {
    components: inventories.flatMap((inventory) => inventory.components),
    skipped: inventories.flatMap((inventory) => inventory.skipped),
    lockfiles: inventories.flatMap((inventory) => inventory.lockfiles),
  };
}
