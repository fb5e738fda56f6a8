import { expect } from 'chai';
import { digestOf, isDigest, parseDigest, sha256Hex } from '../../../shared/bundle/digest.js';
import { OrkError } from '../../../shared/errors.js';

describe('shared/bundle/digest', () => {
  // FIPS 180-2 / well-known SHA-256 vectors.
  const vectors: [string, string][] = [
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
  ];
  for (const [input, hex] of vectors) {
    it(`sha256(${JSON.stringify(input)})`, () => {
      expect(sha256Hex(Buffer.from(input))).to.equal(hex);
      expect(digestOf(Buffer.from(input))).to.equal(`sha256:${hex}`);
    });
  }

  const good = `sha256:${'0123456789abcdef'.repeat(4)}`;
  const table: [string, string | RegExp][] = [
    [good, good],
    [`  ${good}\n`, good],
    [good.toUpperCase().replace('SHA256', 'sha256'), /must be lowercase/],
    [`sha512:${'a'.repeat(128)}`, /sha256:<64 hex digits>/],
    [`sha256:${'a'.repeat(63)}`, /sha256:<64 hex digits>/],
    [`sha256:${'a'.repeat(65)}`, /sha256:<64 hex digits>/],
    ['a'.repeat(64), /sha256:<64 hex digits>/],
    [`sha256:${'g'.repeat(64)}`, /sha256:<64 hex digits>/],
    ['', /sha256:<64 hex digits>/],
  ];
  for (const [input, want] of table) {
    it(`parseDigest(${JSON.stringify(input.slice(0, 20))}…) → ${want instanceof RegExp ? 'DIGEST_INVALID' : 'ok'}`, () => {
      if (typeof want === 'string') {
        expect(parseDigest(input, '--expected-digest')).to.equal(want);
        return;
      }
      try {
        parseDigest(input, '--expected-digest');
        expect.fail('should throw');
      } catch (e) {
        expect(e).to.be.instanceOf(OrkError);
        expect((e as OrkError).code).to.equal('DIGEST_INVALID');
        expect((e as OrkError).message).to.match(want).and.to.contain('--expected-digest');
      }
    });
  }

  it('isDigest is strict (no whitespace, no uppercase)', () => {
    expect(isDigest(good)).to.equal(true);
    expect(isDigest(` ${good}`)).to.equal(false);
    expect(isDigest(good.replace('a', 'A'))).to.equal(false);
    expect(isDigest(42)).to.equal(false);
  });
});
