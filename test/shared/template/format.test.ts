import { expect } from 'chai';
import { formatG, formatNumber, formatValue, goQuote, toText } from '../../../shared/template/format.js';

describe('shared/template value formatting (Go %v)', () => {
  const numbers: [number, string][] = [
    [3, '3'],
    [-12, '-12'],
    [0.1, '0.1'],
    [123456.5, '123456.5'],
    [1234567.5, '1.2345675e+06'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [1e21, '1e+21'],
    [Infinity, '+Inf'],
    [NaN, 'NaN'],
  ];
  for (const [n, text] of numbers) {
    it(`number ${n} prints ${text}`, () => expect(formatNumber(n)).to.equal(text));
  }

  it('formats %g with a precision like Go', () => {
    expect(formatG(1234.5, 3)).to.equal('1.23e+03');
    expect(formatG(0.000012345, 2)).to.equal('1.2e-05');
    expect(formatG(100, 3)).to.equal('100');
  });

  it('prints nested values with <nil> and sorted map keys', () => {
    expect(formatValue({ b: [1, null], a: { y: true, x: 's' } })).to.equal('map[a:map[x:s y:true] b:[1 <nil>]]');
  });

  it('prints missing and null as nothing at the top level', () => {
    expect(toText(undefined)).to.equal('');
    expect(toText(null)).to.equal('');
    expect(toText(0)).to.equal('0');
    expect(toText(false)).to.equal('false');
  });

  const quotes: [string, string][] = [
    ['plain', '"plain"'],
    ['a"b\\c', '"a\\"b\\\\c"'],
    ['\x07\b\f\n\r\t\v', '"\\a\\b\\f\\n\\r\\t\\v"'],
    ['\x01\x7f', '"\\x01\\x7f"'],
    ['é😀', '"é😀"'],
    ['\u00a0\u200b', '"\\u00a0\\u200b"'],
  ];
  for (const [s, q] of quotes) {
    it(`quotes ${JSON.stringify(s)} like strconv.Quote`, () => expect(goQuote(s)).to.equal(q));
  }
});
