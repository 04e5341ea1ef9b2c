import { describe, expect, it } from 'vitest';
import { ExtractError } from '../extractor.js';
import { parseYarnV1 } from './yarn-v1-parser.js';

describe('parseYarnV1', () => {
  it('reads headers, fields and sections, quoted or bare', () => {
    const text = [
      '# yarn lockfile v1',
      '',
      '"@babel/code-frame@^7.0.0", "@babel/code-frame@^7.12.13":',
      '  version "7.12.13"',
      '  "resolved" "https://r/x.tgz#abc"',
      '  dependencies:',
      '    "@babel/highlight" "^7.12.13"',
      '    chalk ">= 1 < 3"',
      'domelementtype@1, domelementtype@^1.3.1:',
      '  version: "1.3.1"',
      'balanced-match:',
      '  version "1.0.2"',
    ].join('\r\n');
    expect(parseYarnV1(text)).toEqual([
      {
        descriptors: ['@babel/code-frame@^7.0.0', '@babel/code-frame@^7.12.13'],
        line: 3,
        fields: new Map([
          ['version', '7.12.13'],
          ['resolved', 'https://r/x.tgz#abc'],
        ]),
        sections: new Map([
          [
            'dependencies',
            new Map([
              ['@babel/highlight', '^7.12.13'],
              ['chalk', '>= 1 < 3'],
            ]),
          ],
        ]),
      },
      {
        descriptors: ['domelementtype@1', 'domelementtype@^1.3.1'],
        line: 9,
        fields: new Map([['version', '1.3.1']]),
        sections: new Map(),
      },
      { descriptors: ['balanced-match'], line: 11, fields: new Map([['version', '1.0.2']]), sections: new Map() },
    ]);
  });

  it('throws an ExtractError with the line for what is not a yarn v1 lockfile', () => {
    expect(() => parseYarnV1('{"lockfileVersion": 3}')).toThrow(ExtractError);
    for (const [text, line] of [
      ['a@1:\n  version "1\n', 2],
      ['a@1:\n      version "1"\n', 2],
      ['a@1:\n  version "1"\nnot a header\n', 3],
    ] as const) {
      try {
        parseYarnV1(text);
        expect.unreachable();
      } catch (error) {
        expect((error as ExtractError).line).toBe(line);
      }
    }
  });
});
