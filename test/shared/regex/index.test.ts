import { expect } from 'chai';
import { compileRe2, quoteMeta, RegexError, REGEX_LIMITS } from '../../../shared/regex/index.js';

function refusal(pattern: string): RegexError {
  try {
    compileRe2(pattern);
  } catch (e) {
    expect(e).to.be.instanceOf(RegexError);
    return e as RegexError;
  }
  return expect.fail(`expected ${pattern} to be refused`);
}

describe('shared/regex syntax', () => {
  // RE2 (Go regexp) syntax a Katalog may use.
  const accepted: [string, string, boolean][] = [
    ['^[a-z0-9]([-a-z0-9]*[a-z0-9])?$', 'my-app-1', true],
    ['^[a-z0-9]([-a-z0-9]*[a-z0-9])?$', '-bad', false],
    ['(?i)^prod$', 'PROD', true],
    ['(?P<major>\\d+)\\.(?P<minor>\\d+)', 'v1.28', true],
    ['(?<major>\\d+)', 'v1', true],
    ['[[:alpha:]]+\\z', 'abc', true],
    ['\\pL+', 'é', true],
    ['\\x{41}', 'A', true],
    ['\\Q.*\\E', 'a.*b', true],
    ['\\Q.*\\E', 'ab', false],
    ['(?s)a.b', 'a\nb', true],
    ['a.b', 'a\nb', false],
    ['(?m)^b$', 'a\nb\nc', true],
    ['^b$', 'a\nb\nc', false],
    ['\\bword\\b', 'a word here', true],
    ['', 'anything', true],
  ];
  for (const [pattern, input, expected] of accepted) {
    it(`${JSON.stringify(pattern)} on ${JSON.stringify(input)} is ${expected}`, () => {
      expect(compileRe2(pattern).test(input)).to.equal(expected);
    });
  }

  // JavaScript/PCRE features RE2 leaves out: [pattern, reason fragment, hint fragment]
  const refused: [string, string, string][] = [
    ['^(?=.*\\d)\\w+$', 'invalid or unsupported Perl syntax: `(?=`', 'lookahead and lookbehind are not RE2'],
    ['^(?!admin)\\w+$', 'invalid or unsupported Perl syntax: `(?!`', 'lookahead and lookbehind are not RE2'],
    ['(?<=\\$)\\d+', '`(?<=', 'lookahead and lookbehind are not RE2'],
    ['(a)\\1', 'invalid escape sequence: `\\1`', 'backreferences are not RE2'],
    ['abc\\Z', 'invalid escape sequence: `\\Z`', 'write \\z'],
    ['a++', 'invalid nested repetition operator: `++`', 'possessive quantifiers'],
    ['\\u0041', 'invalid escape sequence: `\\u`', '\\x{41}'],
    ['[a-', 'missing closing ]: `[a-`', 'RE2 syntax'],
    ['(ab', 'missing closing ): `(ab`', 'RE2 syntax'],
    ['a{1001}', 'invalid repeat count: `{1001}`', 'RE2 syntax'],
    ['(?P<n>a)(?P<n>b)', 'duplicate capture group name', 'RE2 syntax'],
  ];
  for (const [pattern, reason, hint] of refused) {
    it(`refuses ${JSON.stringify(pattern)} saying why`, () => {
      const e = refusal(pattern);
      expect(e.kind).to.equal('invalid');
      expect(e.message).to.contain(`invalid RE2 regular expression ${JSON.stringify(pattern)}: `);
      expect(e.message).to.contain(reason);
      expect(e.message).to.contain(hint);
    });
  }

  it('refuses a pattern over the length limit', () => {
    const e = refusal('a'.repeat(REGEX_LIMITS.maxPatternChars + 1));
    expect(e.kind).to.equal('limit');
    expect(e.message).to.contain(`the limit is ${REGEX_LIMITS.maxPatternChars}`);
  });

  it('refuses a call whose program size × input length is too much work, before matching', () => {
    // Linear, but with 1 002 instructions per character: ≈ 0.5 s per 100 000 characters.
    const re = compileRe2('[\\pL\\pN]{1000}');
    expect(re.size).to.be.above(1000);
    const started = performance.now();
    expect(() => re.test('a'.repeat(200_000))).to.throw(RegexError, 'is too much work');
    expect(performance.now() - started).to.be.below(50);
    expect(re.test('a'.repeat(1000))).to.equal(true);
  });

  it('refuses input over the length limit', () => {
    const re = compileRe2('a');
    expect(() => re.test('b'.repeat(REGEX_LIMITS.maxInputChars + 1))).to.throw(RegexError, 'text to match is');
  });
});

describe('shared/regex linear time', () => {
  // Each of these takes exponential time with a backtracking engine on the input below.
  const pathological = ['(a+)+$', '(a|aa)+$', '(a|a?)+$', '^(\\w+\\s?)*$', '(.*a){8}$', '(x+x+)+y'];
  const input = `${'a'.repeat(100_000)}!`;
  for (const pattern of pathological) {
    // test() is the ReDoS case (hours before RE2; ≈ 1–20 ms now). findAll and replaceAll also
    // track groups, so they get more room: the bound is for "linear", not a benchmark on a shared
    // machine (all three together took 1.2 s at a load average of 20).
    it(`${pattern} on 100k characters: test in under 1 s, findAll and replaceAll in under 3 s`, () => {
      const re = compileRe2(pattern);
      let started = performance.now();
      re.test(input);
      expect(performance.now() - started).to.be.below(1000);
      started = performance.now();
      re.findAll(input, -1);
      re.replaceAll(input, 'x');
      expect(performance.now() - started).to.be.below(3000);
    });
  }
});

describe('shared/regex Go semantics', () => {
  it('findAll takes successive non-overlapping matches, at most n', () => {
    const re = compileRe2('a.');
    expect(re.findAll('paranormal', -1)).to.deep.equal(['ar', 'an', 'al']);
    expect(re.findAll('paranormal', 2)).to.deep.equal(['ar', 'an']);
    expect(re.findAll('paranormal', 0)).to.deep.equal([]);
    expect(re.findAll('none', -1)).to.deep.equal([]);
    expect(re.find('graal')).to.equal('aa');
    expect(re.find('none')).to.equal(undefined);
  });

  it('findSubmatch gives "" for a group that did not take part', () => {
    const re = compileRe2('(\\w+)=(\\d+)?');
    expect(re.findSubmatch('k=')).to.deep.equal(['k=', 'k', '']);
    expect(re.findAllSubmatch('a=1 b=2', -1)).to.deep.equal([['a=1', 'a', '1'], ['b=2', 'b', '2']]);
    expect(re.groupCount).to.equal(2);
  });

  it('skips an empty match right after a match, as Go does', () => {
    expect(compileRe2('a*').replaceAll('baaac', '-')).to.equal('-b-c-');
    expect(compileRe2('a*').findAll('baaac', -1)).to.deep.equal(['', 'aaa', '']);
  });

  // [pattern, input, template, Go's result]
  const expansions: [string, string, string, string][] = [
    ['a(x*)b', '-ab-axxb-', '${1}W', '-W-xxW-'],
    ['a(x*)b', '-ab-axxb-', '$1W', '---'],
    ['a(x*)b', '-ab-axxb-', '$1', '--xx-'],
    ['(\\w+)@(\\w+)', 'a@b c@d', '$2@$1', 'b@a d@c'],
    ['(?P<v>\\d+)', 'v12', '<${v}>', 'v<12>'],
    ['(?P<v>\\d+)', 'v12', '<$v>', 'v<12>'],
    ['(?P<v>\\d+)', 'v12', '<$missing>', 'v<>'],
    ['(\\d)', 'a1', '$$1', 'a$1'],
    ['(\\d)', 'a1', 'cost: $', 'acost: $'],
    ['(\\d)', 'a1', '$!${', 'a$!${'],
    ['(\\d)', 'a1', '${1', 'a${1'],
    ['(\\d)', 'a1', '$01', 'a'],
    ['(\\d)', 'a1', '$2', 'a'],
    ['(a)|(b)', 'b', '[$1]', '[]'],
  ];
  for (const [pattern, input, template, expected] of expansions) {
    it(`replaceAll ${JSON.stringify(template)} gives ${JSON.stringify(expected)}`, () => {
      expect(compileRe2(pattern).replaceAll(input, template)).to.equal(expected);
    });
  }

  it('replaceAllLiteral does not expand $', () => {
    expect(compileRe2('(\\d)').replaceAllLiteral('a1b2', '$1')).to.equal('a$1b$1');
  });

  it('refuses a replacement that grows past the output limit', () => {
    const input = 'a'.repeat(10_000);
    expect(() => compileRe2('a').replaceAll(input, 'x'.repeat(200))).to.throw(RegexError, 'replacement result is longer');
    expect(() => compileRe2('a').replaceAllLiteral(input, 'x'.repeat(200))).to.throw(RegexError, 'replacement result is longer');
  });

  // [pattern, input, n, Go's result]
  const splits: [string, string, number, string[]][] = [
    ['a', 'banana', -1, ['b', 'n', 'n', '']],
    ['a', 'banana', 0, []],
    ['a', 'banana', 1, ['banana']],
    ['a', 'banana', 2, ['b', 'nana']],
    ['z+', 'pizza', -1, ['pi', 'a']],
    ['z+', 'pizza', 2, ['pi', 'a']],
    ['a*', 'abaabaccadaaae', 5, ['', 'b', 'b', 'c', 'cadaaae']],
    [',', '', -1, ['']],
    ['', 'abc', -1, ['a', 'b', 'c']],
  ];
  for (const [pattern, input, n, expected] of splits) {
    it(`split ${JSON.stringify(input)} by ${JSON.stringify(pattern)} with n=${n}`, () => {
      expect(compileRe2(pattern).split(input, n)).to.deep.equal(expected);
    });
  }

  it('quoteMeta escapes every metacharacter, and the result matches itself', () => {
    const text = 'a.b*c+d?(e)[f]{g}|h^i$j\\k';
    expect(compileRe2(`^${quoteMeta(text)}$`).test(text)).to.equal(true);
    expect(quoteMeta('1.5')).to.equal('1\\.5');
  });

  it('reuses a compiled pattern', () => {
    expect(compileRe2('^x$')).to.equal(compileRe2('^x$'));
  });
});
