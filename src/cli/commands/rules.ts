import type { Command } from 'commander';

export function registerRules(program: Command): void {
  program
    .command('rules')
    .description('list the built-in secret rules')
    .option('--json', 'as JSON (id, title, severity, keywords, references)')
    .action(async (flags: { json?: boolean }) => {
      // Loaded here, not at start-up: every other command would pay for compiling the rule catalogue.
      const { BUILTIN_RULES } = await import('../../secrets/rules/index.js');
      if (flags.json) {
        const rules = BUILTIN_RULES.map(({ id, title, severity, keywords, references }) => ({
          id,
          title,
          severity,
          keywords,
          references,
        }));
        process.stdout.write(`${JSON.stringify(rules, null, 2)}\n`);
        return;
      }
      const width = Math.max(...BUILTIN_RULES.map((r) => r.id.length));
      for (const rule of BUILTIN_RULES) {
        process.stdout.write(`${rule.id.padEnd(width)}  ${rule.severity.padEnd(8)}  ${rule.title}\n`);
      }
      process.stdout.write(`${BUILTIN_RULES.length} rules\n`);
    });
}
