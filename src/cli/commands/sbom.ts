import { resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { writeFileAtomic } from '../../core/atomic-write.js';
import { EXIT } from '../../core/errors.js';
import { isDirectory } from '../../core/fs.js';
import { mergeByPurl } from '../../extract/merge.js';
import { projectIdentity } from '../../extract/project.js';
import { SBOM_FORMATS, type SbomFormat } from '../../sbom/formats.js';
import { DEFAULT_MAX_FILE_SIZE, nothingScanned } from '../../scan/pipeline.js';
import { VERSION } from '../../version.js';
import { printDiagnostics, runScanWithProgress } from './scan.js';

interface SbomFlags {
  format: SbomFormat;
  output?: string;
  reproducible?: boolean;
  gitignore: boolean;
  quiet?: boolean;
}

export function registerSbom(program: Command): void {
  program
    .command('sbom')
    .description('write a software bill of materials (CycloneDX or SPDX) of the lockfiles under PATH')
    .argument('[path]', 'project folder (default: .)', '.')
    .addOption(new Option('-f, --format <format>', 'SBOM format').choices(SBOM_FORMATS).default('cyclonedx-json'))
    .option('-o, --output <file>', 'write the SBOM to FILE (atomically) instead of standard output')
    .option('--reproducible', 'no timestamp and no random serial number: the same input gives the same bytes')
    .option('--no-gitignore', 'also read lockfiles that .gitignore excludes')
    .option('-q, --quiet', 'no progress output, errors only on stderr')
    .action(async (path: string, flags: SbomFlags) => {
      const report = await runScanWithProgress(
        {
          targets: [path],
          cwd: process.cwd(),
          mode: 'tree',
          scanners: ['deps'],
          maxFileSize: DEFAULT_MAX_FILE_SIZE,
          gitignore: flags.gitignore,
          history: {},
          threads: 1,
        },
        flags.quiet === true,
      );
      const root = resolve(path);
      const { renderSbom } = await import('../../sbom/sbom.js');
      const sbom = renderSbom(flags.format, {
        subject: projectIdentity(isDirectory(root) ? root : resolve(root, '..')),
        components: mergeByPurl(report.inventory?.components ?? []),
        tool: { name: 'paved', version: VERSION },
        reproducible: flags.reproducible === true,
      });
      if (flags.output) writeFileAtomic(flags.output, sbom);
      else process.stdout.write(sbom);
      printDiagnostics(report, flags.quiet === true);
      process.exitCode = nothingScanned(report) ? EXIT.ERROR : EXIT.PASS;
    });
}
