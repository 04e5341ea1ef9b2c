/**
 * Streaming parser for `git log -p -U0` / `git diff -U0` output that keeps only what a secret scan needs:
 * the added lines of each file with their line numbers in the new version, grouped per commit and file.
 *
 * Works on raw Buffers line by line (git output can be gigabytes; lines are never decoded except the
 * short headers), so memory stays bounded by the largest single file diff.
 */

/** Commit header line written by our `--format`: RS, then fields separated by US. */
export const COMMIT_FORMAT = '%x1e%H%x1f%an%x1f%ae%x1f%aI';
const RECORD_SEPARATOR = 0x1e;
const UNIT_SEPARATOR = '\x1f';

export interface CommitInfo {
  sha: string;
  author: string;
  email: string;
  date: string;
  /** Position in git's output (0 = first printed). */
  ordinal: number;
}

/** The lines one commit (or the staged diff) added to one file. */
export interface AddedBlock {
  commit?: CommitInfo;
  path: string;
  /** The added lines joined with `\n`. */
  text: Buffer;
  /** Real 1-based line number of each line of `text`. */
  lineNumbers: number[];
}

const PLUS = 0x2b;
const AT = 0x40;
const NEWLINE = 0x0a;
const HUNK = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/;
const FILE_HEADER = Buffer.from('diff --git ');
const NEW_FILE_HEADER = Buffer.from('+++ ');

function hasPrefix(data: Buffer, start: number, end: number, prefix: Buffer): boolean {
  if (end - start < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (data[start + i] !== prefix[i]) return false;
  return true;
}

export class DiffParser {
  private carry: Buffer | undefined;
  private commit: CommitInfo | undefined;
  private commitCount = 0;
  private path: string | undefined;
  private inHunk = false;
  private nextLine = 0;
  /** Added lines of the current block, `\n`-joined, in a buffer that grows and is reused. */
  private text = Buffer.allocUnsafe(64 * 1024);
  private textLength = 0;
  private lineNumbers: number[] = [];

  constructor(private readonly onBlock: (block: AddedBlock) => void) {}

  get commitsSeen(): number {
    return this.commitCount;
  }

  write(chunk: Buffer): void {
    let start = 0;
    if (this.carry) {
      // Complete the line split across chunks; copy only that line, not the whole chunk.
      const newline = chunk.indexOf(NEWLINE);
      if (newline === -1) {
        this.carry = Buffer.concat([this.carry, chunk]);
        return;
      }
      const line = Buffer.concat([this.carry, chunk.subarray(0, newline)]);
      this.carry = undefined;
      this.line(line, 0, line.length);
      start = newline + 1;
    }
    for (let newline = chunk.indexOf(NEWLINE, start); newline !== -1; newline = chunk.indexOf(NEWLINE, start)) {
      this.line(chunk, start, newline);
      start = newline + 1;
    }
    if (start < chunk.length) this.carry = Buffer.from(chunk.subarray(start));
  }

  end(): void {
    if (this.carry) {
      this.line(this.carry, 0, this.carry.length);
      this.carry = undefined;
    }
    this.flush();
  }

  /**
   * One line: `data[start..end)`, without its newline. Added lines are copied, never sliced; other lines
   * are told apart by their first bytes without allocating (removed lines are as many as added ones).
   */
  private line(data: Buffer, start: number, end: number): void {
    const first = data[start];
    if (first === PLUS) {
      if (this.inHunk) this.appendAdded(data, start + 1, end);
      else if (hasPrefix(data, start, end, NEW_FILE_HEADER)) this.newPath(data.toString('utf8', start + 4, end));
    } else if (first === AT) {
      const hunk = HUNK.exec(data.toString('latin1', start, Math.min(end, start + 200)));
      if (hunk) {
        this.inHunk = true;
        this.nextLine = Number(hunk[1]);
      }
    } else if (first === RECORD_SEPARATOR) {
      this.flush();
      const [sha = '', author = '', email = '', date = ''] = data
        .toString('utf8', start + 1, end)
        .split(UNIT_SEPARATOR);
      this.commit = { sha, author, email, date, ordinal: this.commitCount++ };
      this.path = undefined;
      this.inHunk = false;
    } else if (hasPrefix(data, start, end, FILE_HEADER)) {
      this.flush();
      this.path = undefined;
      this.inHunk = false;
    }
    // Removed lines, context, "\ No newline", index/mode/rename headers: nothing to scan.
  }

  private newPath(target: string): void {
    this.path = target === '/dev/null' ? undefined : unquotePath(target).replace(/^b\//, '');
  }

  private appendAdded(data: Buffer, start: number, end: number): void {
    const needed = this.textLength + (end - start) + 1;
    if (needed > this.text.length) {
      const grown = Buffer.allocUnsafe(Math.max(needed, this.text.length * 2));
      this.text.copy(grown, 0, 0, this.textLength);
      this.text = grown;
    }
    if (this.lineNumbers.length > 0) this.text[this.textLength++] = NEWLINE;
    this.textLength += data.copy(this.text, this.textLength, start, end);
    this.lineNumbers.push(this.nextLine++);
  }

  private flush(): void {
    if (this.path !== undefined && this.lineNumbers.length > 0) {
      const text = Buffer.from(this.text.subarray(0, this.textLength));
      this.onBlock({ commit: this.commit, path: this.path, text, lineNumbers: this.lineNumbers });
    }
    this.textLength = 0;
    this.lineNumbers = [];
  }
}

/** Git quotes unusual paths C-style (`"b/tab\there"`, octal escapes for bytes); undo it. */
export function unquotePath(raw: string): string {
  if (!raw.startsWith('"') || !raw.endsWith('"')) return raw;
  const bytes: number[] = [];
  const body = raw.slice(1, -1);
  const simple: Record<string, number> = { n: 10, t: 9, r: 13, '"': 34, '\\': 92, a: 7, b: 8, f: 12, v: 11 };
  for (let i = 0; i < body.length; i++) {
    const char = body[i] as string;
    if (char !== '\\') {
      bytes.push(...Buffer.from(char, 'utf8'));
      continue;
    }
    const next = body[i + 1] ?? '';
    if (/[0-7]/.test(next)) {
      bytes.push(Number.parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(simple[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
