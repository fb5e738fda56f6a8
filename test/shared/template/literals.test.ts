// Go literals decoded as text/template's lexer hands them on: numbers in every base Go accepts
// (and the spellings it refuses), quoted strings with their escapes, and the errors at the
// offending offset.
import { expect } from 'chai';
import { parseGoNumber, unquoteGo } from '../../../shared/template/literals.js';
import { TemplateError } from '../../../shared/template/template-error.js';

describe('shared/template literals', () => {
  const numbers: [string, number | undefined][] = [
    ['42', 42],
    ['-7', -7],
    ['+3', 3],
    ['1.5', 1.5],
    ['.5', 0.5],
    ['1e3', 1000],
    ['1.5e-2', 0.015],
    ['0x1F', 31],
    ['0o17', 15],
    ['017', 15],
    ['0b101', 5],
    ['1_000_000', 1_000_000],
    ['1__0', undefined],
    ['08', undefined],
    ['1x', undefined],
    ['1e400', undefined],
  ];
  for (const [text, value] of numbers) {
    it(`number ${text} → ${String(value)}`, () => expect(parseGoNumber(text)).to.equal(value));
  }

  it('unquotes a string from its opening quote and returns the offset after the closing one', () => {
    const src = '{{ "a\\tb" }}';
    expect(unquoteGo(src, 3, '"')).to.deep.equal(['a\tb', 9]);
  });

  it('refuses an unterminated string at its opening quote and a bad escape at the backslash', () => {
    const at = (src: string): [string, number, string] => {
      try {
        unquoteGo(src, 3, '"');
      } catch (e) {
        if (e instanceof TemplateError) return [e.code, e.col, e.reason];
        throw e;
      }
      throw new Error('no error');
    };
    expect(at('{{ "abc }}')).to.deep.equal(['TEMPLATE_SYNTAX', 4, 'unterminated string: missing closing \'"\'']);
    expect(at('{{ "a\\qb" }}')).to.deep.equal(['TEMPLATE_SYNTAX', 6, 'invalid escape "\\q" in string']);
  });
});
