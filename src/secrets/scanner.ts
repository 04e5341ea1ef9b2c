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
/** Tasks queued inside each worker, so it never waits for the (often busy) calling thread. */
const TASKS_PER_WORKER = 2;

/**
 * Runs secret tasks on worker threads when there is enough work to pay for starting them, otherwise
 * inline. The calling thread counts as one of the `threads`: whenever every worker is busy (or still
 * starting), it scans the next task itself instead of queueing it. Callers submit tasks and await
 * results; the choice is invisible to them.
 */
export class SecretScanner {
  readonly engine: SecretEngine;
  private pool: Piscina | undefined;
  private readonly threads: number;
  private inlineBytes = 0;
  /** Tasks handed to the pool and not finished. */
  private pooled = 0;

  constructor(
    private readonly ruleSet: SecretRuleSet,
    options: { threads: number },
  ) {
    this.engine = new SecretEngine(ruleSet);
    const canThread = existsSync(WORKER_FILE) && import.meta.url.endsWith('.js');
    this.threads = canThread ? Math.min(options.threads, availableParallelism()) : 1;
  }

  async run(task: SecretTask, bytes: number): Promise<SecretTaskResult> {
    if (!this.pool && (this.threads < 2 || this.inlineBytes + bytes <= INLINE_BYTES)) {
      this.inlineBytes += bytes;
      return runSecretTask(this.engine, task);
    }
    // Imported on first use: most scans (pre-commit, small repositories) never start a thread.
    const { Piscina: Pool } = await import('piscina');
    this.pool ??= new Pool({
      filename: WORKER_FILE,
      workerData: this.ruleSet,
      minThreads: this.threads - 1,
      maxThreads: this.threads - 1,
      // Keep a few tasks waiting inside each worker: the calling thread is often busy scanning and
      // could not hand a worker its next task the moment it finishes one.
      concurrentTasksPerWorker: TASKS_PER_WORKER,
    });
    if (this.pooled >= (this.threads - 1) * TASKS_PER_WORKER) {
      // Every worker has its share: scan this one here, then let the event loop hand out results.
      const result = runSecretTask(this.engine, task);
      await new Promise((resolve) => setImmediate(resolve));
      return result;
    }
    this.pooled++;
    try {
      return (await this.pool.run(task)) as SecretTaskResult;
    } finally {
      this.pooled--;
    }
  }

  async close(): Promise<void> {
    await this.pool?.destroy();
  }
}
