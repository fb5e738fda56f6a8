import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { decodeUtf8, parsePin, sha256Digest, verifyPin } from '../../resolver/content.js';
import { OrkError } from '../../shared/errors.js';

const hex = (s: string): string => createHash('sha256').update(s).digest('hex');

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    return (err as OrkError).code;
  }
  return 'none';
}

describe('resolver/sources/content', () => {
  it('sha256Digest is sha256:<hex> of the bytes', () => {
    expect(sha256Digest(Buffer.from('kind: Katalog\n'))).to.equal(`sha256:${hex('kind: Katalog\n')}`);
  });

  const pins: Array<[string | undefined, string | undefined | 'IMPORT_INVALID']> = [
    [undefined, undefined],
    [`sha256:${hex('a')}`, `sha256:${hex('a')}`],
    [`sha256:${hex('a').toUpperCase()}`, `sha256:${hex('a')}`],
    [` sha256:${hex('a')} `, `sha256:${hex('a')}`],
    [hex('a'), 'IMPORT_INVALID'],
    ['sha256:abc', 'IMPORT_INVALID'],
    [`sha512:${hex('a')}`, 'IMPORT_INVALID'],
  ];
  for (const [pin, expected] of pins) {
    it(`parsePin(${JSON.stringify(pin)})`, () => {
      if (expected === 'IMPORT_INVALID') expect(codeOf(() => parsePin(pin, 'x'))).to.equal('IMPORT_INVALID');
      else expect(parsePin(pin, 'x')).to.equal(expected);
    });
  }

  it('verifyPin passes a match and names both digests on a mismatch', () => {
    const a = `sha256:${hex('a')}`;
    const b = `sha256:${hex('b')}`;
    expect(() => verifyPin(undefined, a, 'x')).not.to.throw();
    expect(() => verifyPin(a, a, 'x')).not.to.throw();
    try {
      verifyPin(a, b, 'file:./k.yaml');
      expect.fail('no throw');
    } catch (err) {
      const e = err as OrkError;
      expect(e.code).to.equal('PIN_MISMATCH');
      expect(e.message).to.contain(`expected ${a}`).and.to.contain(`got ${b}`);
      expect(e.source).to.equal('file:./k.yaml');
    }
  });

  it('decodeUtf8 refuses bytes that are not UTF-8', () => {
    expect(decodeUtf8(Buffer.from('naïve: true\n'), 'x')).to.equal('naïve: true\n');
    expect(codeOf(() => decodeUtf8(Buffer.from([0xff, 0xfe, 0x00]), 'x'))).to.equal('IMPORT_INVALID');
  });
});
