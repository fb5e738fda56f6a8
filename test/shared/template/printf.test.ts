import { expect } from 'chai';
import { sprintf } from '../../../shared/template/printf.js';

describe('shared/template printf (Go fmt verbs)', () => {
  // [format, args, expected] — expected values are what Go's fmt.Sprintf prints
  const cases: [string, unknown[], string][] = [
    ['%s', ['abc'], 'abc'],
    ['%v %v %v', ['a', 3, true], 'a 3 true'],
    ['%v', [1.5], '1.5'],
    ['%v', [1234567.5], '1.2345675e+06'],
    ['%v', [0.00001234], '1.234e-05'],
    ['%v', [['a', 1]], '[a 1]'],
    ['%v', [{ b: 1, a: 'x' }], 'map[a:x b:1]'],
    ['%d', [42], '42'],
    ['%5d|%-5d|%05d', [42, 42, -42], '   42|42   |-0042'],
    ['%+d % d', [5, 5], '+5  5'],
    ['%x %X %#x %o %#o %O %b', [255, 255, 255, 8, 8, 8, 5], 'ff FF 0xff 10 010 0o10 101'],
    ['%x', [-255], '-ff'],
    ['%x', ['hi'], '6869'],
    ['%.3d', [7], '007'],
    ['%f', [3.14159], '3.141590'],
    ['%.2f', [3.14159], '3.14'],
    ['%8.3f|%-8.3f|%08.3f', [3.14159, 3.14159, -3.14159], '   3.142|3.142   |-003.142'],
    ['%e', [1234.5678], '1.234568e+03'],
    ['%E', [0.000123], '1.230000E-04'],
    ['%g', [100000], '100000'],
    ['%g', [1000000], '1e+06'],
    ['%.3g', [1234.5], '1.23e+03'],
    ['%.3g', [1], '1'],
    ['%G', [1e-7], '1E-07'],
    ['%t %t', [true, false], 'true false'],
    ['%q', ['a"b\n'], '"a\\"b\\n"'],
    ['%#q', ['plain'], '`plain`'],
    ['%q', [65], "'A'"],
    ['%c%c', [72, 105], 'Hi'],
    ['%U', [0x1f600], 'U+1F600'],
    ['%10s|%-10s|', ['right', 'left'], '     right|left      |'],
    ['%.2s', ['héllo'], 'hé'],
    ['%*d', [4, 7], '   7'],
    ['100%%', [], '100%'],
    // wrong or missing arguments print like Go instead of failing
    ['%d', ['x'], '%!d(string=x)'],
    ['%d', [1.5], '%!d(float64=1.5)'],
    ['%s', [3], '%!s(int=3)'],
    ['%t', [1], '%!t(int=1)'],
    ['%d %d', [1], '1 %!d(MISSING)'],
    ['%d', [1, 'x'], '1%!(EXTRA string=x)'],
    ['%z', [1], '%!z(int=1)'],
    ['abc%', [], 'abc%!(NOVERB)'],
    // missing values print as nothing, never <no value>
    ['[%s][%v]', [undefined, null], '[%!s(<nil>)][<nil>]'],
    ['[%5v]', [null], '[<nil>]'],
    ['%d', [undefined], '%!d(<nil>)'],
  ];
  for (const [format, args, expected] of cases) {
    it(`${JSON.stringify(format)} ${JSON.stringify(args)} → ${JSON.stringify(expected)}`, () => {
      expect(sprintf(format, args, 1 << 20)).to.equal(expected);
    });
  }

  it('refuses widths beyond the output limit', () => {
    expect(() => sprintf('%2000d', [1], 1000)).to.throw('too large');
  });
});
