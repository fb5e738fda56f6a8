import { expect } from 'chai';
import { executeTemplate } from '../../../../shared/template/index.js';
import { REGEX_NOTES } from '../../../../shared/template/notes/regex.js';
import { arity, runTable, type Case } from './table.js';

const LOOKAHEAD = 'invalid RE2 regular expression "(?=x)": invalid or unsupported Perl syntax: `(?=`; lookahead and lookbehind are not RE2 syntax: match the text itself, or use two conditions (one with negate: true)';
const UNCLOSED = 'invalid RE2 regular expression "a(": missing closing ): `a(` (RE2 syntax, as Go\'s regexp package reads it)';

const plain: Record<string, Case[]> = {
  regexMatch: [['{{ regexMatch "^[a-z0-9-]+$" "my-app" }}', 'true'], ['{{ regexMatch "^[a-z]+$" .spec.name }}', 'false'], ['{{ regexMatch "" .spec.nope }}', 'true'], ['{{ regexMatch "(?=x)" "a" }}', { error: `regexMatch: ${LOOKAHEAD}` }]],
  regexFind: [['{{ regexFind "[0-9]+" "app:v12" }}', '12'], ['[{{ regexFind "z" "abc" }}]', '[]'], ['{{ regexFind "é." .spec.unicode }}', 'él'], ['{{ regexFind "a(" "a" }}', { error: `regexFind: ${UNCLOSED}` }]],
  regexFindAll: [['{{ regexFindAll "a." "paranormal" 2 }}', '[ar an]'], ['{{ regexFindAll "a." "paranormal" -1 }}', '[ar an al]'], ['{{ regexFindAll "a." "paranormal" 0 }}', { value: [] }], ['{{ regexFindAll "a." "x" "2" }}', { error: 'regexFindAll: the count must be an integer, not string "2"' }]],
  regexReplaceAll: [['{{ regexReplaceAll "a(x*)b" "-ab-axxb-" "${1}W" }}', '-W-xxW-'], ['{{ regexReplaceAll "(?P<v>[0-9]+)" "v12" "<${v}>" }}', 'v<12>'], ['{{ regexReplaceAll "z" "abc" "x" }}', 'abc'], ['{{ regexReplaceAll "a(" "a" "b" }}', { error: `regexReplaceAll: ${UNCLOSED}` }]],
  regexReplaceAllLiteral: [['{{ regexReplaceAllLiteral "a(x*)b" "-ab-axxb-" "${1}" }}', '-${1}-${1}-'], ['{{ regexReplaceAllLiteral "[.]" "a.b" "$" }}', 'a$b'], ['{{ regexReplaceAllLiteral "" "ab" "-" }}', '-a-b-'], ['{{ regexReplaceAllLiteral "x" "y" }}', arity('regexReplaceAllLiteral', '3', 2)]],
  regexSplit: [['{{ regexSplit "z+" "pizza" -1 }}', '[pi a]'], ['{{ regexSplit "[,;] *" "a, b;c" 2 }}', { value: ['a', 'b;c'] }], ['{{ regexSplit "," "" -1 }}', { value: [''] }], ['{{ regexSplit "(?=x)" "a" -1 }}', { error: `regexSplit: ${LOOKAHEAD}` }]],
};

const must: Record<string, Case[]> = {};
for (const [name, cases] of Object.entries(plain)) {
  const mustName = `must${name[0]?.toUpperCase()}${name.slice(1)}`;
  must[mustName] = cases.map(([t, e]) => {
    const template = t.replace(name, mustName);
    if (typeof e === 'object' && 'error' in e) {
      return [template, { ...e, error: e.error.replace(name, mustName) }] as const;
    }
    return [template, e] as const;
  });
}

runTable('shared/template notes: regular expressions (RE2)', REGEX_NOTES, {
  ...plain,
  ...must,
  regexQuoteMeta: [['{{ regexQuoteMeta "a.b*c" }}', 'a\\.b\\*c'], ['{{ regexMatch (regexQuoteMeta "1+1") "x1+1y" }}', 'true'], ['{{ regexQuoteMeta "plain" }}', 'plain'], ['{{ regexQuoteMeta }}', arity('regexQuoteMeta', '1', 0)]],
});

describe('shared/template notes: regular expressions run in linear time', () => {
  it('a pattern that backtracks exponentially in JavaScript finishes at once on RE2', () => {
    const started = Date.now();
    const text = `${'a'.repeat(5000)}!`;
    expect(executeTemplate('{{ regexMatch "^(a+)+$" .t }}', { t: text })).to.equal('false');
    expect(Date.now() - started).to.be.lessThan(2000);
  });
});
