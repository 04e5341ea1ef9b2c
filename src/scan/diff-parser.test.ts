import { describe, expect, it } from 'vitest';
import { type AddedBlock, DiffParser, unquotePath } from './diff-parser.js';

const LOG = [
  '\x1eaaaa1111\x1fAda Lovelace\x1fada@example.org\x1f2024-03-01T10:00:00+01:00',
  '',
  'diff --git a/src/app.ts b/src/app.ts',
  'index 83db48f..bf269f4 100644',
  '--- a/src/app.ts',
  '+++ b/src/app.ts',
  '@@ -3,0 +4,2 @@ function main() {',
  '+const a = 1;',
  '++not a header, an added line starting with +',
  '@@ -10 +12 @@',
  '-old',
  '+new line 12',
  'diff --git a/gone.txt b/gone.txt',
  'deleted file mode 100644',
  '--- a/gone.txt',
  '+++ /dev/null',
  '@@ -1 +0,0 @@',
  '-bye',
  '\x1ebbbb2222\x1fGrace Hopper\x1fgrace@example.org\x1f2024-02-01T09:00:00Z',
  '',
  'diff --git "a/dir/sp ace\\303\\251.txt" "b/dir/sp ace\\303\\251.txt"',
  'new file mode 100644',
  '--- /dev/null',
  '+++ "b/dir/sp ace\\303\\251.txt"',
  '@@ -0,0 +1 @@',
  '+hello',
  '\\ No newline at end of file',
  'diff --git a/img.png b/img.png',
  'Binary files /dev/null and b/img.png differ',
].join('\n');

function parse(text: string, chunkSize: number): { blocks: AddedBlock[]; commits: number } {
  const blocks: AddedBlock[] = [];
  const parser = new DiffParser((b) => blocks.push(b));
  const bytes = Buffer.from(text);
  for (let i = 0; i < bytes.length; i += chunkSize) parser.write(bytes.subarray(i, i + chunkSize));
  parser.end();
  return { blocks, commits: parser.commitsSeen };
}

describe('DiffParser', () => {
  it('keeps added lines with their new line numbers, per commit and file', () => {
    const { blocks, commits } = parse(LOG, 1 << 20);
    expect(commits).toBe(2);
    expect(blocks.map((b) => [b.commit?.sha, b.path, b.text.toString(), b.lineNumbers])).toEqual([
      ['aaaa1111', 'src/app.ts', 'const a = 1;\n+not a header, an added line starting with +\nnew line 12', [4, 5, 12]],
      ['bbbb2222', 'dir/sp aceé.txt', 'hello', [1]],
    ]);
    expect(blocks[0]?.commit).toMatchObject({ author: 'Ada Lovelace', email: 'ada@example.org', ordinal: 0 });
    expect(blocks[1]?.commit?.ordinal).toBe(1);
  });

  it('gives the same result whatever the chunk boundaries', () => {
    const whole = parse(LOG, 1 << 20).blocks.map((b) => b.text.toString());
    for (const size of [1, 2, 7, 64]) expect(parse(LOG, size).blocks.map((b) => b.text.toString())).toEqual(whole);
  });

  it('parses a staged diff without commit headers', () => {
    const diff =
      'diff --git a/.env b/.env\nnew file mode 100644\n--- /dev/null\n+++ b/.env\n@@ -0,0 +1,2 @@\n+A=1\n+B=2\n';
    const { blocks } = parse(diff, 1 << 20);
    expect(blocks).toHaveLength(1);
    expect(blocks[0]).toMatchObject({ path: '.env', commit: undefined, lineNumbers: [1, 2] });
  });

  it('unquotes C-style quoted paths', () => {
    expect(unquotePath('"b/tab\\there"')).toBe('b/tab\there');
    expect(unquotePath('b/plain.txt')).toBe('b/plain.txt');
  });
});
