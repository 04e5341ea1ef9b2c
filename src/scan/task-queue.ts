import type { SecretScanner } from '../secrets/scanner.js';
import { mergeResults, type SecretTask, type SecretTaskResult } from '../secrets/task.js';

/**
 * Submits tasks to the scanner with bounded concurrency: `submit` resolves once there is room again,
 * so producers (the tree walk, the git log stream) slow down instead of piling work up in memory.
 */
export class TaskQueue {
  private readonly inFlight = new Set<Promise<void>>();
  private failure: unknown;

  constructor(
    private readonly scanner: SecretScanner,
    readonly result: SecretTaskResult,
    /** Tasks handed to the scanner and not finished: enough to keep every thread busy. */
    private readonly maxInFlight = 8,
    private readonly onResult?: (result: SecretTaskResult) => void,
  ) {}

  async submit(task: SecretTask): Promise<void> {
    if (this.failure) throw this.failure;
    const running = this.scanner.run(task).then(
      (taskResult) => {
        mergeResults(this.result, taskResult);
        this.onResult?.(taskResult);
      },
      (error) => {
        this.failure ??= error;
      },
    );
    this.inFlight.add(running);
    void running.finally(() => this.inFlight.delete(running));
    while (this.inFlight.size >= this.maxInFlight) await Promise.race(this.inFlight);
    if (this.failure) throw this.failure;
  }

  async drain(): Promise<SecretTaskResult> {
    await Promise.all(this.inFlight);
    if (this.failure) throw this.failure;
    return this.result;
  }
}
