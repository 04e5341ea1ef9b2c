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

export class DiffParser {
  private carry: Buffer | undefined;
  private commit: CommitInfo | undefined;
  private commitCount = 0;
  private path: string | undefined;
  private inHunk = false;
  private nextLine = 0;
  private lines: Buffer[] = [];
  private lineNumbers: number[] = [];

  constructor(private readonly onBlock: (block: AddedBlock) => void) {}

  get commitsSeen(): number {
    return this.commitCount;
  }

  write(chunk: Buffer): void {
    let start = 0;
    let data = chunk;
    if (this.carry) {
      data = Buffer.concat([this.carry, chunk]);
      this.carry = undefined;
    }
    for (let newline = data.indexOf(NEWLINE, start); newline !== -1; newline = data.indexOf(NEWLINE, start)) {
      this.line(data.subarray(start, newline));
      start = newline + 1;
    }
    if (start < data.length) this.carry = Buffer.from(data.subarray(start));
  }

  end(): void {
    if (this.carry) {
      this.line(this.carry);
      this.carry = undefined;
    }
    this.flush();
  }

  private line(line: Buffer): void {
    const first = line[0];
    if (this.inHunk && first === PLUS) {
      this.lines.push(line.subarray(1));
      this.lineNumbers.push(this.nextLine++);
      return;
    }
    if (first === AT) {
      const hunk = HUNK.exec(line.toString('latin1', 0, Math.min(line.length, 200)));
      if (hunk) {
        this.inHunk = true;
        this.nextLine = Number(hunk[1]);
        return;
      }
    }
    if (first === RECORD_SEPARATOR) {
      this.flush();
      const [sha = '', author = '', email = '', date = ''] = line.toString('utf8', 1).split(UNIT_SEPARATOR);
      this.commit = { sha, author, email, date, ordinal: this.commitCount++ };
      this.path = undefined;
      this.inHunk = false;
      return;
    }
    if (line.subarray(0, 11).toString('latin1') === 'diff --git ') {
      this.flush();
      this.path = undefined;
      this.inHunk = false;
      return;
    }
    if (!this.inHunk && line.subarray(0, 4).toString('latin1') === '+++ ') {
      const target = line.toString('utf8', 4);
      this.path = target === '/dev/null' ? undefined : unquotePath(target).replace(/^b\//, '');
    }
    // Removed lines, context, "\ No newline", index/mode/rename headers: nothing to scan.
  }

  private flush(): void {
    if (this.path !== undefined && this.lines.length > 0) {
      const text = Buffer.allocUnsafe(this.lines.reduce((sum, l) => sum + l.length + 1, 0) - 1);
      let offset = 0;
      this.lines.forEach((l, i) => {
        if (i > 0) text[offset++] = NEWLINE;
        offset += l.copy(text, offset);
      });
      this.onBlock({ commit: this.commit, path: this.path, text, lineNumbers: this.lineNumbers });
    }
    this.lines = [];
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
