import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { SecretEngine } from './engine.js';
import type { SecretRuleSet } from './rule.js';
import { runSecretTask, type SecretTask, type SecretTaskResult } from './task.js';

/** The compiled worker module sits next to this one (absent when running from TypeScript sources). */
const WORKER_FILE = fileURLToPath(new URL('./worker.js', import.meta.url));

/**
 * Runs secret tasks on worker threads when there is enough work to pay for starting them, otherwise
 * inline. Callers submit tasks and await results; the choice is invisible to them.
 */
export class SecretScanner {
  readonly engine: SecretEngine;
  private readonly pool: Piscina | undefined;

  constructor(ruleSet: SecretRuleSet, options: { threads: number }) {
    this.engine = new SecretEngine(ruleSet);
    const threads = Math.min(options.threads, availableParallelism());
    if (threads > 1 && existsSync(WORKER_FILE) && import.meta.url.endsWith('.js')) {
      this.pool = new Piscina({ filename: WORKER_FILE, workerData: ruleSet, minThreads: threads, maxThreads: threads });
    }
  }

  get threaded(): boolean {
    return this.pool !== undefined;
  }

  /** Tasks waiting for a thread; callers use it for backpressure. */
  get queued(): number {
    return this.pool ? this.pool.queueSize : 0;
  }

  async run(task: SecretTask): Promise<SecretTaskResult> {
    if (!this.pool) return runSecretTask(this.engine, task);
    return this.pool.run(task) as Promise<SecretTaskResult>;
  }

  async close(): Promise<void> {
    await this.pool?.destroy();
  }
}
