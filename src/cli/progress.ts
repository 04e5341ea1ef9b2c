import { formatBytes } from '../scan/walker.js';
import type { ProgressEvent } from '../secrets/sources.js';

/**
 * Progress on stderr for people watching a terminal: one line rewritten in place, at most every
 * 100 ms. Off in CI, when stderr is not a terminal, and with --quiet.
 */
export function createProgress(quiet: boolean): { update(event: ProgressEvent): void; done(): void } {
  const enabled = !quiet && process.stderr.isTTY === true && !process.env.CI;
  let last = 0;
  let shown = false;
  return {
    update(event) {
      if (!enabled) return;
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      shown = true;
      const commits = event.commits !== undefined ? `${event.commits} commits, ` : '';
      process.stderr.write(`\r\x1b[2Kscanning: ${commits}${event.files} files, ${formatBytes(event.bytes)}`);
    },
    done() {
      if (shown) process.stderr.write('\r\x1b[2K');
    },
  };
}
