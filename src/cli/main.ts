#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { EXIT, PavedError } from '../core/errors.js';
import { VERSION } from '../version.js';
import { registerBaseline } from './commands/baseline.js';
import { registerDb } from './commands/db.js';
import { registerHook } from './commands/hook.js';
import { registerRules } from './commands/rules.js';
import { registerSbom } from './commands/sbom.js';
import { registerScan } from './commands/scan.js';

const program = new Command('paved')
  .description('The DevSecOps paved road: find leaked secrets and list your dependencies before they ship.')
  .version(VERSION)
  .showHelpAfterError()
  .exitOverride();
registerScan(program);
registerBaseline(program);
registerHook(program);
registerRules(program);
registerSbom(program);
registerDb(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Help and --version exit 0; every usage error exits 2 (commander's own default is 1).
    process.exitCode = error.exitCode === 0 ? EXIT.PASS : EXIT.ERROR;
  } else if (error instanceof PavedError) {
    process.stderr.write(`paved: error: ${error.describe()}\n`);
    process.exitCode = EXIT.ERROR;
  } else {
    process.stderr.write(`paved: internal error: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = EXIT.ERROR;
  }
}
