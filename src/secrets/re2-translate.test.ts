import { describe, expect, it } from 'vitest';
import { PavedError } from '../core/errors.js';
import { analyzeRe2, compileRe2, translateRe2 } from './re2-translate.js';

/** Asserts the translated pattern finds a match in each `matching` string and none in the others, as Go's would. */
function expectGoBehaviour(goSource: string, matching: string[], notMatching: string[]): void {
  const re = compileRe2(goSource);
  for (const text of matching) expect(re.test(text), `${goSource} should match ${JSON.stringify(text)}`).toBe(true);
  for (const text of notMatching)
    expect(re.test(text), `${goSource} should not match ${JSON.stringify(text)}`).toBe(false);
}

function rejection(goSource: string): PavedError {
  try {
    translateRe2(goSource);
  } catch (error) {
    expect(error).toBeInstanceOf(PavedError);
    expect((error as PavedError).code).toBe('RULE');
    return error as PavedError;
  }
  throw new Error(`expected ${goSource} to be rejected`);
}

/** A gitleaks-style generic rule, written for this test. */
const GENERIC_ASSIGNMENT = String.raw`(?i)(?:key|api|token|secret|client|passwd|password|auth|access)(?:[0-9a-z\-_\t .]{0,20})(?:[\s|']|[\s|"]){0,3}(?:=|>|:{1,3}=|\|\|:|<=|=>|:|\?=)(?:'|\"|\s|=|\x60){0,5}([0-9a-z\-_.=]{10,150})(?:['|\"|\n|\r|\s|\x60|;]|$)`;

describe('translateRe2: flags', () => {
  it('turns leading inline flags into JS flags, always with u', () => {
    expect(translateRe2('(?i)abc')).toEqual({ source: 'abc', flags: 'iu' });
    expect(translateRe2('(?s)a.b')).toEqual({ source: 'a.b', flags: 'su' });
    expect(translateRe2('(?is)a.b').flags).toBe('isu');
    expect(translateRe2('abc').flags).toBe('u');
  });

  it('case-insensitivity over the whole pattern', () => {
    expectGoBehaviour('(?i)ghp_[a-z]{4}', ['GHP_AbCd', 'ghp_abcd'], ['gh_abcd']);
    // Go folds k with the Kelvin sign; so must we.
    expectGoBehaviour('(?i)^k$', ['k', 'K', '\u212A'], ['x']);
  });

  it('expands scoped (?i:...) by hand', () => {
    const { source, flags } = translateRe2('x(?i:ab[c-e])y');
    expect(flags).toBe('u');
    expect(source).toBe('x(?:[Aa][Bb][c-eC-E])y');
    expectGoBehaviour('x(?i:ab[c-e])y', ['xABDy', 'xaBcy'], ['XABy', 'xABY', 'xABfy']);
  });

  it('handles flags turned on and off mid-pattern', () => {
    expectGoBehaviour('(?i)abc(?-i)def', ['ABCdef', 'abcdef'], ['ABCDEF', 'abcDef']);
    // A flag set mid-group lasts to the end of the group, across alternatives (as in Go).
    expectGoBehaviour('^(?:a(?i)b|c)$', ['aB', 'C', 'c'], ['Ab']);
    expectGoBehaviour('^(?:(?i)a)b$', ['Ab'], ['AB']);
  });

  it('scoped and mid-pattern (?s)', () => {
    expectGoBehaviour('a.(?s:.)b', ['ax\nb'], ['a\nxb']);
    expectGoBehaviour('a(?s).b', ['a\nb'], []);
  });

  it('(?m) anchors stop at \\n only', () => {
    expectGoBehaviour('(?m)^key$', ['x\nkey\ny', 'key'], ['x key', 'key\r\nnext']);
    expectGoBehaviour('^key$', ['key'], ['x\nkey\ny', 'key\n']);
  });

  it('(?U) swaps greedy and lazy', () => {
    expect(compileRe2('(?U)a+').exec('aaa')?.[0]).toBe('a');
    expect(compileRe2('(?U)a+?').exec('aaa')?.[0]).toBe('aaa');
    expect(compileRe2('a+?').exec('aaa')?.[0]).toBe('a');
  });
});

describe('translateRe2: Go syntax', () => {
  it('(?P<name>...) becomes a JS named group', () => {
    const match = compileRe2(String.raw`(?P<tok>[a-z]+)_\d`).exec('abc_1');
    expect(match?.groups?.tok).toBe('abc');
    expect(compileRe2('(?<tok>x)').exec('x')?.groups?.tok).toBe('x');
  });

  it('\\A and \\z are start and end of text', () => {
    expect(translateRe2(String.raw`\Aabc\z`).source).toBe(String.raw`(?<![\s\S])abc(?![\s\S])`);
    expectGoBehaviour(String.raw`\Aabc\z`, ['abc'], ['abc\n', 'xabc', 'abcx']);
  });

  it('. does not match \\n but does match \\r, like Go', () => {
    expectGoBehaviour('a.b', ['a\rb', 'a\u2028b', 'axb'], ['a\nb']);
    expectGoBehaviour('^.$', ['😀'], []); // one code point, as Go reads runes
  });

  it("\\s is Go's ASCII whitespace; \\S its complement", () => {
    expectGoBehaviour(String.raw`^\s$`, [' ', '\t', '\n', '\f', '\r'], ['\v', '\u00a0', '\u2003']);
    expectGoBehaviour(String.raw`^\S$`, ['a', '\v', '\u00a0'], [' ', '\n']);
    expectGoBehaviour(String.raw`^[\S]$`, ['\u00a0'], [' ']);
    expectGoBehaviour(String.raw`^[\s\S]{3}$`, ['a\nb', '\v\u00a0 '], []);
  });

  it('POSIX classes inside brackets, negated ones too', () => {
    expectGoBehaviour('^[[:alpha:]]+$', ['abcDEF'], ['abc1']);
    expectGoBehaviour('^[[:^digit:]]$', ['x', '!'], ['5']);
    expectGoBehaviour('^[[:xdigit:]]{4}$', ['beef', 'C0DE'], ['beeg']);
    expectGoBehaviour('^[[:punct:]]$', ['!', '~', '_'], ['a', ' ']);
    expectGoBehaviour('^[[:space:]]$', ['\v', ' '], ['a']); // unlike \s, POSIX space has \v
    expectGoBehaviour('^[[:word:][:space:]]+$', ['a_b c'], ['a-b']);
    expectGoBehaviour('^[[:upper:][:digit:]]+$', ['AB12'], ['ab']);
  });

  it('\\Q...\\E quotes literally', () => {
    expectGoBehaviour(String.raw`^\Qa.b*\E$`, ['a.b*'], ['axb*', 'a.bbb']);
    expectGoBehaviour(String.raw`^\Q(x)`, ['(x)'], ['x']); // unterminated: to the end
  });

  it('Unicode classes need and get the u flag', () => {
    expectGoBehaviour(String.raw`^\pL+$`, ['héllo', 'Ωmega'], ['h3llo']);
    expectGoBehaviour(String.raw`^\p{Greek}+$`, ['αβγ'], ['abc']);
    expectGoBehaviour(String.raw`^\PL$`, ['1'], ['a']);
    expectGoBehaviour(String.raw`^\p{^Greek}$`, ['a'], ['α']);
    expectGoBehaviour(String.raw`^[\p{Lu}\d]+$`, ['AB1'], ['ab']);
  });

  it('hex and octal escapes', () => {
    expectGoBehaviour(String.raw`^\x{1F600}$`, ['😀'], ['x']);
    expectGoBehaviour(String.raw`^\x41\101\x{42}$`, ['AAB'], []);
    expectGoBehaviour(String.raw`^\0$`, ['\0'], []);
  });

  it('braces RE2 reads as literals', () => {
    expectGoBehaviour('^a{,5}$', ['a{,5}'], ['aaa']);
    expectGoBehaviour('^x{$', ['x{'], []);
    expectGoBehaviour('^x{a}$', ['x{a}'], []);
    expectGoBehaviour('^a{2}$', ['aa'], ['a']);
  });

  it('] right after [ or [^ is a literal', () => {
    expectGoBehaviour('^[]a]+$', [']a]'], ['b']);
    expectGoBehaviour('^[^]a]$', ['b'], [']', 'a']);
    expectGoBehaviour('^[a-]+$', ['a-a'], ['b']);
  });

  it('escaped punctuation and characters JS would read differently', () => {
    expectGoBehaviour(String.raw`^\-\_\:\"\/$`, ['-_:"/'], []);
    expectGoBehaviour(String.raw`^[\-_\/.]+$`, ['-_/.'], ['a']);
  });

  it('quantifiers on empty-width assertions, which JS refuses as written', () => {
    expectGoBehaviour(String.raw`^*a\b+`, ['a'], []);
  });

  it('keeps lazy quantifiers', () => {
    expect(compileRe2('<.+?>').exec('<a><b>')?.[0]).toBe('<a>');
  });
});

describe('translateRe2: rejections', () => {
  it.each([
    ['password=(?=[a-z])', /lookahead and lookbehind/],
    ['(?<!x)y', /lookahead and lookbehind/],
    [String.raw`(a)\1`, /backreference/],
    ['(?P=name)', /backreference/],
    ['a*+', /possessive/],
    ['a**', /nested repetition/],
    [String.raw`\C`, /\\C/],
    [String.raw`abc\Z`, /\\Z/],
    ['x{1001}', /repeat count/],
    ['x{3,2}', /repeat count/],
    ['[z-a]', /character class range/],
    ['(?P<1x>a)', /must not start with a digit/],
    ['(?P<a>x)(?P<a>y)', /duplicate/],
    ['[[:foo:]]', /POSIX/],
    [String.raw`\p{Klingon}`, /Unicode class/],
    ['(abc', /missing closing \)/],
    ['abc)', /unexpected \)/],
    ['[abc', /missing closing \]/],
    ['*a', /missing argument/],
    [String.raw`\8`, /backreference/],
    [String.raw`\q`, /invalid escape/],
    [String.raw`[\b]`, /not allowed inside a character class/],
    ['(?>a)', /atomic/],
  ])('%s', (goSource, reason) => {
    expect(rejection(goSource).message).toMatch(reason);
  });

  it('names the construct and gives a hint', () => {
    const error = rejection('secret=(?=x)');
    expect(error.message).toContain('secret=(?=x)');
    expect(error.hint).toBeTruthy();
  });
});

describe('translateRe2: catastrophic backtracking', () => {
  it.each([
    ['(a+)+$'],
    ['(a|a)*'],
    ['(.*a){12}'],
    [String.raw`(\w+\s?)+`],
    ['(a|aa)+b'],
    ['(x+x+)+y'],
    ['([a-z]+-[a-z]+)+$'],
    [String.raw`(?:\d+)*x`],
  ])('rejects %s', (goSource) => {
    expect(rejection(goSource).message).toMatch(/catastrophic backtracking/);
  });

  it.each([
    [GENERIC_ASSIGNMENT],
    [String.raw`\b(ghp|gho|ghu|ghs|ghr)_[0-9a-zA-Z]{36}\b`],
    [String.raw`(?:[a-z0-9-]+\.)+[a-z]{2,}`],
    [String.raw`(?:\.[a-z0-9]+)+`],
    ['(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?'],
    [String.raw`\b(ey[a-zA-Z0-9]{17,}\.ey[a-zA-Z0-9\/\\_-]{17,}\.(?:[a-zA-Z0-9\/\\_-]{10,}={0,2})?)`],
    [String.raw`(?i)-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----[\s\S-]*?KEY(?: BLOCK)?-----`],
    [String.raw`(?:\\.|[^"\\])*`],
    ['(?:[a-z]{1,3}){1,3}'],
  ])('accepts %s', (goSource) => {
    expect(() => translateRe2(goSource)).not.toThrow();
  });

  it('accepted patterns stay fast on hostile lines (the engine caps segments at a few KB)', () => {
    const hostile = [`${'a'.repeat(8192)}!`, `${'a-'.repeat(4096)}!`, `${'key = '.repeat(1365)}\u0000`];
    for (const goSource of [
      GENERIC_ASSIGNMENT,
      String.raw`(?:[a-z0-9-]+\.)+[a-z]{2,}`,
      String.raw`(?:\.[a-z0-9]+)+x`,
    ]) {
      const re = compileRe2(goSource);
      const started = performance.now();
      for (const text of hostile) re.test(text);
      expect(performance.now() - started, goSource).toBeLessThan(500);
    }
  });
});

describe('translateRe2: realistic gitleaks rules', () => {
  it('a generic assignment rule', () => {
    const re = compileRe2(GENERIC_ASSIGNMENT);
    const value = ['Zx81', 'Qm0v', 'Tn4R'].join('');
    expect(re.exec(`API_KEY = "${value}"`)?.[1]).toBe(value);
    expect(re.exec(`auth_token: '${value}';`)?.[1]).toBe(value);
    expect(re.test('the key point is clear')).toBe(false);
  });

  it('a multi-line PEM rule', () => {
    const re = compileRe2(String.raw`-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY-----[\s\S-]*?KEY-----`);
    const pem = ['-----BEGIN RSA PRIVATE KEY-----', 'MIIBOgIBAAJBAK', '-----END RSA PRIVATE KEY-----'].join('\n');
    expect(re.exec(`x\n${pem}\ny`)?.[0]).toBe(pem);
  });
});

describe('analyzeRe2', () => {
  it.each([
    [String.raw`\b(ghp|gho)_[0-9a-zA-Z]{36}\b`, ['ghp_', 'gho_']],
    [String.raw`\b(acme_(?:live|test)_[0-9a-f]{32})\b`, ['acme_live_', 'acme_test_']],
    [String.raw`(?i)\b(?:sk(?:_live)?_[a-z0-9]{24})`, ['sk_live_', 'sk_']],
    ['(?i)AKIA[0-9A-Z]{16}', ['akia']],
    ['xoxb-[0-9]+-abc', ['xoxb-']],
    ['[a-z]+_secret_[0-9]+', ['_secret_']],
    ['(?:a|b)cd[0-9]', ['acd', 'bcd']],
    ['foo_[a-z]+|bar_[0-9]+', ['foo_', 'bar_']],
    ['tok+en_[a-z]', ['tok']], // the mandatory first k extends the run
    ['[0-9a-f]{32}', []],
    ['ab[0-9]', []],
    ['foo_[a-z]+|[0-9]+', []],
  ])('derives keywords from %s', (goSource, keywords) => {
    expect(analyzeRe2(goSource).literalKeywords).toEqual(keywords);
  });

  it('only the prefix for patterns that span lines', () => {
    const analysis = analyzeRe2(String.raw`-----BEGIN[ A-Z]{0,20}PRIVATE KEY-----[\s\S]*?-----END`);
    expect(analysis.spansLines).toBe(true);
    expect(analysis.prefixKeywords).toEqual(['-----begin']);
    expect(analyzeRe2(String.raw`key\s*=\s*"([^"]+)"`).spansLines).toBe(false);
    expect(analyzeRe2('(?s)a.b').spansLines).toBe(true);
  });

  it('counts capture groups and names', () => {
    const analysis = analyzeRe2('(a)(?:b)(?P<c>c)');
    expect(analysis.captureGroupCount).toBe(2);
    expect(analysis.groupNames).toEqual(['c']);
  });
});
