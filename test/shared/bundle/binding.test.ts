// The binding against replay, as pure functions: the checksum format, the issue-time format, and
// every way a bundle's signed binding can fail what a reader expects.
import { expect } from 'chai';
import { MAX_CLOCK_SKEW_MS, checkBinding, formatIssuedAt, isConfigChecksum, isIssuedAt, parseConfigChecksum, type BindingExpectation, type BundleBinding } from '../../../shared/bundle/binding.js';
import { OrkError, type ErrorCode } from '../../../shared/errors.js';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const NOW = new Date('2027-01-10T12:00:00.750Z');
const HOUR = 3_600_000;

function refusal(binding: BundleBinding, expected: BindingExpectation): OrkError {
  try {
    checkBinding(binding, expected, 'bundle.sig.json');
  } catch (e) {
    expect(e).to.be.instanceOf(OrkError);
    return e as OrkError;
  }
  throw new Error('checkBinding accepted a binding it should have refused');
}

describe('shared/bundle/binding', () => {
  it('knows a checksum: the chart\'s 64 hex, sha256:<hex>, a short token; not empty, spaces, slashes or 129 characters', () => {
    for (const ok of [A, `sha256:${A}`, 'v1', 'r.2_3+4-5']) expect(isConfigChecksum(ok), ok).to.equal(true);
    for (const bad of ['', ' a', 'a b', 'a/b', '-a', 'x'.repeat(129), 'é']) expect(isConfigChecksum(bad), bad).to.equal(false);
  });

  it('writes issue times in UTC to the second, and reads back only real instants in that form', () => {
    expect(formatIssuedAt(NOW)).to.equal('2027-01-10T12:00:00Z');
    expect(isIssuedAt('2027-01-10T12:00:00Z')).to.equal(true);
    for (const bad of ['2027-01-10T12:00:00.000Z', '2027-01-10T12:00:00+00:00', '2027-02-30T00:00:00Z', '2027-01-10T25:00:00Z', '2027-01-10', 'yesterday']) {
      expect(isIssuedAt(bad), bad).to.equal(false);
    }
  });

  it('parses a flag value (trimmed) and names the flag when it is empty or not a checksum', () => {
    expect(parseConfigChecksum(` ${A}\n`, '--config-checksum')).to.equal(A);
    for (const [value, message] of [['', /--config-checksum needs a value/], ['  ', /needs a value/], ['a b', /--config-checksum must be 1 to 128 characters/]] as const) {
      try {
        parseConfigChecksum(value, '--config-checksum');
        expect.fail(`accepted ${JSON.stringify(value)}`);
      } catch (e) {
        expect((e as OrkError).code).to.equal('CONFIG_CHECKSUM_INVALID');
        expect((e as OrkError).message).to.match(message);
      }
    }
  });

  it('accepts a bundle bound to the expected configuration, and anything when nothing is expected', () => {
    expect(() => checkBinding({ configChecksum: A }, { configChecksum: A }, 's')).not.to.throw();
    expect(() => checkBinding({ configChecksum: A }, {}, 's')).not.to.throw();
    expect(() => checkBinding({}, {}, 's')).not.to.throw();
  });

  const cases: [string, BundleBinding, BindingExpectation, ErrorCode, RegExp][] = [
    ['a bundle resolved for another configuration (a replayed older bundle)', { configChecksum: A }, { configChecksum: B }, 'CONFIG_CHECKSUM_MISMATCH', new RegExp(`resolved for configuration ${A}, but this pod runs configuration ${B}.*replay`)],
    ['a bundle bound to no configuration while one is expected (a bundle from before the binding)', {}, { configChecksum: B }, 'CONFIG_CHECKSUM_MISMATCH', /is bound to no configuration/],
    ['a bundle older than the maximum age', { issuedAt: '2027-01-10T09:59:59Z' }, { maxAgeMs: 2 * HOUR, now: NOW }, 'BUNDLE_EXPIRED', /issued at 2027-01-10T09:59:59Z, 2h ago, longer than the maximum age of 2h; roll the Deployment/],
    ['a bundle without an issue time under a maximum age', {}, { maxAgeMs: HOUR, now: NOW }, 'BUNDLE_EXPIRED', /no signed issue time/],
    ['a bundle from further in the future than the clock skew allows', { issuedAt: formatIssuedAt(new Date(NOW.getTime() + MAX_CLOCK_SKEW_MS + 2000)) }, { maxAgeMs: HOUR, now: NOW }, 'BUNDLE_EXPIRED', /a clock is wrong/],
    ['the right configuration but too old: both are checked', { configChecksum: A, issuedAt: '2027-01-01T00:00:00Z' }, { configChecksum: A, maxAgeMs: HOUR, now: NOW }, 'BUNDLE_EXPIRED', /9d ago/],
  ];
  for (const [name, binding, expected, code, message] of cases) {
    it(`refuses ${name}: ${code}`, () => {
      const e = refusal(binding, expected);
      expect(e.code).to.equal(code);
      expect(e.message).to.match(message);
      expect(e.source).to.equal('bundle.sig.json');
    });
  }

  it('accepts a bundle exactly at the maximum age, and one from within the clock skew', () => {
    expect(() => checkBinding({ issuedAt: '2027-01-10T11:00:00Z' }, { maxAgeMs: HOUR + 750, now: NOW }, 's')).not.to.throw();
    expect(() => checkBinding({ issuedAt: '2027-01-10T12:04:00Z' }, { maxAgeMs: HOUR, now: NOW }, 's')).not.to.throw();
  });
});
