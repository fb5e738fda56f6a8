import { expect } from 'chai';
import { canonicalJson, canonicalJsonBytes, MAX_CANONICAL_CHARS, MAX_CANONICAL_DEPTH } from '../../../shared/bundle/canonical-json.js';
import { OrkError } from '../../../shared/errors.js';

/** An IEEE 754 double from its big-endian bit pattern, as RFC 8785 Appendix B lists them. */
function double(bits: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${bits}`));
  return view.getFloat64(0);
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof OrkError ? e.code : `non-OrkError: ${String(e)}`;
  }
  return undefined;
}

describe('shared/bundle/canonical-json', () => {
  describe('RFC 8785 vectors', () => {
    it('§3.2.2/§3.2.3: the sample object, parsed from its JSON text, serialises as the RFC shows', () => {
      // The RFC's input text, with its escapes, parsed by JSON.parse so that the escapes are real.
      const input = JSON.parse(
        '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],' +
          ' "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/",' +
          ' "literals": [null, true, false]}',
      );
      const expected =
        '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"\u20ac$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}';
      expect(canonicalJson(input)).to.equal(expected);
    });

    it('§3.2.4: the sample is emitted as UTF-8 (the euro sign is e2 82 ac)', () => {
      const bytes = canonicalJsonBytes({ string: '\u20ac$' });
      expect(bytes.toString('hex')).to.equal('7b22737472696e67223a22e282ac24227d');
    });

    it('§3.2.3: property names sort by UTF-16 code units, not code points or locale', () => {
      const input = {
        '\u20ac': 'Euro Sign',
        '\r': 'Carriage Return',
        '\ufb33': 'Hebrew Letter Dalet With Dagesh',
        '1': 'One',
        '\ud83d\ude00': 'Emoji: Grinning Face',
        '\u0080': 'Control',
        '\u00f6': 'Latin Small Letter O With Diaeresis',
      };
      const order = ['\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33'];
      const expected = `{${order.map((k) => `${JSON.stringify(k)}:${JSON.stringify((input as Record<string, string>)[k])}`).join(',')}}`;
      expect(canonicalJson(input)).to.equal(expected);
      // The emoji (U+1F600, surrogates D83D DE00) sorts before U+FB33 only under UTF-16 ordering.
      expect(canonicalJson(input).indexOf('Emoji')).to.be.lessThan(canonicalJson(input).indexOf('Hebrew'));
    });

    const appendixB: [string, string][] = [
      ['0000000000000000', '0'],
      ['8000000000000000', '0'],
      ['0000000000000001', '5e-324'],
      ['8000000000000001', '-5e-324'],
      ['7fefffffffffffff', '1.7976931348623157e+308'],
      ['ffefffffffffffff', '-1.7976931348623157e+308'],
      ['4340000000000000', '9007199254740992'],
      ['c340000000000000', '-9007199254740992'],
      ['4430000000000000', '295147905179352830000'],
      ['44b52d02c7e14af5', '9.999999999999997e+22'],
      ['44b52d02c7e14af6', '1e+23'],
      ['44b52d02c7e14af7', '1.0000000000000001e+23'],
      ['444b1ae4d6e2ef4e', '999999999999999700000'],
      ['444b1ae4d6e2ef4f', '999999999999999900000'],
      ['444b1ae4d6e2ef50', '1e+21'],
      ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
      ['3eb0c6f7a0b5ed8d', '0.000001'],
      ['41b3de4355555553', '333333333.3333332'],
      ['41b3de4355555554', '333333333.33333325'],
      ['41b3de4355555555', '333333333.3333333'],
      ['41b3de4355555556', '333333333.3333334'],
      ['41b3de4355555557', '333333333.33333343'],
      ['becbf647612f3696', '-0.0000033333333333333333'],
      ['43143ff3c1cb0959', '1424953923781206.2'],
    ];
    for (const [bits, text] of appendixB) {
      it(`Appendix B: 0x${bits} → ${text}`, () => {
        expect(canonicalJson(double(bits))).to.equal(text);
        expect(canonicalJson([double(bits)])).to.equal(`[${text}]`);
      });
    }

    for (const bits of ['7fffffffffffffff', '7ff0000000000000', 'fff0000000000000']) {
      it(`Appendix B: 0x${bits} (NaN / ±Infinity) is an error`, () => {
        expect(codeOf(() => canonicalJson({ n: double(bits) }))).to.equal('JSON_UNREPRESENTABLE');
      });
    }
  });

  describe('escaping', () => {
    const cases: [string, string, string][] = [
      ['named controls', '\b\t\n\f\r', '"\\b\\t\\n\\f\\r"'],
      ['other controls as lowercase \\u00xx', '\u0000\u001f\u000b', '"\\u0000\\u001f\\u000b"'],
      ['quote and backslash', '"\\', '"\\"\\\\"'],
      ['solidus and DEL verbatim', '/\u007f', '"/\u007f"'],
      ['non-ASCII verbatim', 'é😀\u2028', '"é😀\u2028"'],
    ];
    for (const [name, input, expected] of cases) {
      it(name, () => expect(canonicalJson(input)).to.equal(expected));
    }
  });

  describe('determinism', () => {
    it('gives byte-identical output for every permutation of key order, at every depth', () => {
      const entries: [string, unknown][] = [['b', 1], ['a', { z: [1, { y: 2, x: 3 }], m: null }], ['é', 'e'], ['A', true]];
      const permutations = (xs: [string, unknown][]): [string, unknown][][] =>
        xs.length <= 1 ? [xs] : xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
      const outputs = new Set(permutations(entries).map((p) => canonicalJsonBytes(Object.fromEntries(p)).toString('hex')));
      expect(outputs.size).to.equal(1);
      expect(canonicalJson(Object.fromEntries(entries))).to.equal('{"A":true,"a":{"m":null,"z":[1,{"x":3,"y":2}]},"b":1,"é":"e"}');
    });

    it('keeps array order', () => expect(canonicalJson([3, 1, 2])).to.equal('[3,1,2]'));
    it('writes no whitespace', () => expect(canonicalJson({ a: [1, { b: 'c d' }] })).to.equal('{"a":[1,{"b":"c d"}]}'));
    it('omits object properties whose value is undefined', () => expect(canonicalJson({ a: undefined, b: 1 })).to.equal('{"b":1}'));
    it('accepts null-prototype objects', () => expect(canonicalJson(Object.assign(Object.create(null), { b: 2, a: 1 }))).to.equal('{"a":1,"b":2}'));
  });

  describe('rejections', () => {
    class Custom { x = 1; }
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    let deep: unknown = 'leaf';
    for (let i = 0; i < MAX_CANONICAL_DEPTH + 1; i++) deep = [deep];
    const cases: [string, unknown, RegExp][] = [
      ['undefined inside an array', [1, undefined], /\$\[1\]: undefined inside an array/],
      ['a hole inside an array', [1, , 3], /\$\[1\]: undefined inside an array/], // eslint-disable-line no-sparse-arrays
      ['a Date', { when: new Date(0) }, /\$\.when: a Date is not a plain object/],
      ['a Map', { m: new Map() }, /\$\.m: a Map is not a plain object/],
      ['a class instance', { c: new Custom() }, /\$\.c: a Custom is not a plain object/],
      ['a Buffer', { b: Buffer.from('x') }, /\$\.b: a Buffer is not a plain object/],
      ['a bigint', { n: 1n }, /\$\.n: bigint is not a JSON value/],
      ['a function', { f: () => 1 }, /\$\.f: function is not a JSON value/],
      ['a symbol value', { s: Symbol('s') }, /\$\.s: symbol is not a JSON value/],
      ['a symbol key', { [Symbol('k')]: 1 }, /\$: symbol-keyed property/],
      ['top-level undefined', undefined, /\$: undefined is not a JSON value/],
      ['NaN', { spec: { n: Number.NaN } }, /\$\.spec\.n: NaN is not a finite number/],
      ['-Infinity', [Number.NEGATIVE_INFINITY], /\$\[0\]: -Infinity is not a finite number/],
      ['a lone high surrogate', { s: 'ok\ud800' }, /\$\.s: string holds an unpaired UTF-16 surrogate/],
      ['a lone low surrogate in a key', { ['\udc00']: 1 }, /unpaired UTF-16 surrogate/],
      ['a cycle', cyclic, /\$\.self: the value contains itself/],
      ['nesting beyond the bound', deep, new RegExp(`nesting deeper than ${MAX_CANONICAL_DEPTH}`)],
    ];
    for (const [name, value, message] of cases) {
      it(`rejects ${name}`, () => {
        let caught: unknown;
        try {
          canonicalJson(value);
        } catch (e) {
          caught = e;
        }
        expect(caught).to.be.instanceOf(OrkError);
        expect((caught as OrkError).code).to.equal('JSON_UNREPRESENTABLE');
        expect((caught as OrkError).message).to.match(message);
      });
    }

    it('accepts nesting just inside the bound', () => {
      let v: unknown = 1;
      for (let i = 0; i < MAX_CANONICAL_DEPTH; i++) v = [v];
      expect(canonicalJson(v)).to.have.length(2 * MAX_CANONICAL_DEPTH + 1);
    });

    it('rejects output larger than the size bound', () => {
      expect(codeOf(() => canonicalJson('x'.repeat(MAX_CANONICAL_CHARS - 2)))).to.equal(undefined);
      expect(codeOf(() => canonicalJson('x'.repeat(MAX_CANONICAL_CHARS - 1)))).to.equal('JSON_UNREPRESENTABLE');
    });

    it('never echoes the offending value', () => {
      try {
        canonicalJson({ token: 'hunter2-secret\ud800' });
        expect.fail('should throw');
      } catch (e) {
        expect((e as Error).message).not.to.contain('hunter2');
      }
    });

    it('is not fooled by a shared (non-cyclic) reference', () => {
      const shared = { k: 1 };
      expect(canonicalJson({ a: shared, b: [shared] })).to.equal('{"a":{"k":1},"b":[{"k":1}]}');
    });
  });
});
