import type { Command } from 'commander';
import { EXIT } from '../../core/errors.js';
import { writeBaseline } from '../../scan/baseline.js';
import { nothingScanned } from '../../scan/pipeline.js';
import { addScanOptions, printDiagnostics, runScanWithProgress, type ScanFlags, toScanOptions } from './scan.js';

export const DEFAULT_BASELINE = '.paved-baseline.json';

export function registerBaseline(program: Command): void {
  addScanOptions(
    program
      .command('baseline')
      .description('record the current findings so that later scans with --baseline report only new ones'),
  )
    .option('-o, --output <file>', 'baseline file to write', DEFAULT_BASELINE)
    .action(async (paths: string[], flags: ScanFlags & { output: string }) => {
      const report = await runScanWithProgress(toScanOptions(paths, flags), flags.quiet === true);
      if (nothingScanned(report)) {
        printDiagnostics(report, flags.quiet === true);
        process.exitCode = EXIT.ERROR;
        return;
      }
      const count = writeBaseline(flags.output, report.findings);
      process.stderr.write(
        `paved: wrote ${count} fingerprint${count === 1 ? '' : 's'} to ${flags.output}; ` +
          `use it with: paved scan --baseline ${flags.output}\n`,
      );
    });
}
