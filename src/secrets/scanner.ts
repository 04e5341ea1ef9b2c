import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Piscina } from 'piscina';
import { SecretEngine } from './engine.js';
import type { SecretRuleSet } from './rule.js';
import { runSecretTask, type SecretTask, type SecretTaskResult } from './task.js';

/** The compiled worker module sits next to this one (absent when running from TypeScript sources). */
const WORKER_FILE = fileURLToPath(new URL('./worker.js', import.meta.url));

/**
 * Starting a thread and compiling the rules in it costs ~100 ms: the first megabytes are scanned inline
 * (a pre-commit scan never pays for threads); larger scans start the pool.
 */
const INLINE_BYTES = 4 * 1024 * 1024;

/**
 * Runs secret tasks on `threads` worker threads when there is enough work to pay for starting them,
 * otherwise inline on the calling thread (always, with one thread). Once the pool runs, the calling
 * thread only walks files and dispatches: measured faster than also scanning there, because a busy
 * calling thread cannot hand workers their next task. Callers submit tasks and await results; the
 * choice is invisible to them.
 */
export class SecretScanner {
  readonly engine: SecretEngine;
  private pool: Piscina | undefined;
  private readonly threads: number;
  private inlineBytes = 0;

  constructor(
    private readonly ruleSet: SecretRuleSet,
    options: { threads: number },
  ) {
    this.engine = new SecretEngine(ruleSet);
    const canThread = existsSync(WORKER_FILE) && import.meta.url.endsWith('.js');
    this.threads = canThread ? Math.min(options.threads, availableParallelism()) : 1;
  }

  async run(task: SecretTask): Promise<SecretTaskResult> {
    if (!this.pool && (this.threads < 2 || this.inlineBytes <= INLINE_BYTES)) {
      const result = runSecretTask(this.engine, task);
      this.inlineBytes += result.bytes;
      return result;
    }
    // Imported on first use: most scans (pre-commit, small repositories) never start a thread.
    const { Piscina: Pool } = await import('piscina');
    this.pool ??= new Pool({
      filename: WORKER_FILE,
      workerData: this.ruleSet,
      minThreads: this.threads,
      maxThreads: this.threads,
      concurrentTasksPerWorker: 2,
    });
    return (await this.pool.run(task)) as SecretTaskResult;
  }

  async close(): Promise<void> {
    await this.pool?.destroy();
  }
}
