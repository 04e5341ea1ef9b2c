import { describe, expect, it } from 'vitest';
import { logicalLines, parseOptions, splitRequirementLine } from './requirement-lines.js';

describe('requirements file lines', () => {
  it('joins continuations, drops comments and keeps the starting line', () => {
    const text = '\uFEFF# header\r\na==1 \\\r\n  --hash=sha256:x\r\n\r\nb==2 # trailing\nurl#egg=c\n';
    expect(logicalLines(text)).toEqual([
      { line: 2, text: 'a==1   --hash=sha256:x' },
      { line: 5, text: 'b==2' },
      { line: 6, text: 'url#egg=c' },
    ]);
  });

  it('lets a comment end joined lines, as pip does', () => {
    // pip joins `b==1 # note \` with the next line, then the comment hides it.
    expect(logicalLines('b==1 # note \\\nc==2\nd==3 \\\n# comment\ne==4')).toEqual([
      { line: 1, text: 'b==1' },
      { line: 3, text: 'd==3' },
      { line: 5, text: 'e==4' },
    ]);
  });

  it('splits the requirement from its options at the first word starting with -', () => {
    expect(splitRequirementLine('foo==1; python_version < "3" --hash=sha256:1 --hash sha256:2')).toEqual({
      requirement: 'foo==1; python_version < "3"',
      optionWords: ['--hash=sha256:1', '--hash', 'sha256:2'],
    });
    expect(splitRequirementLine('-r other.txt').requirement).toBe('');
  });

  it('reads attached, spaced and flag options, and the words no option takes', () => {
    expect(
      parseOptions(['-rbase.txt', '--pre', '--index-url', 'https://x', '--only-binary=:all:', 'stray==1']),
    ).toEqual({
      options: [
        { name: '-r', value: 'base.txt' },
        { name: '--pre' },
        { name: '--index-url', value: 'https://x' },
        { name: '--only-binary', value: ':all:' },
      ],
      stray: ['stray==1'],
    });
    // How many words an unknown option takes is unknown: reading stops there.
    expect(parseOptions(['--unknown', 'x==1'])).toEqual({ options: [], stray: [] });
  });
});
