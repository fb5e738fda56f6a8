// Replay through verifyBundle: an older bundle, validly signed with the same key, is refused when
// it was resolved for another configuration or is older than the maximum age — after the signature
// and digest checks, before bundle.json is parsed. The pure function with real keys.
import { expect } from 'chai';
import { canonicalJsonBytes } from '../../../shared/bundle/canonical-json.js';
import { sha256Hex } from '../../../shared/bundle/digest.js';
import { IN_TOTO_PAYLOAD_TYPE, serialiseEnvelope, signEnvelope } from '../../../shared/bundle/dsse.js';
import { signBundle } from '../../../shared/bundle/sign.js';
import { buildStatement } from '../../../shared/bundle/statement.js';
import { verifyBundle, type VerifyBundleInput } from '../../../shared/bundle/verify.js';
import { OrkError } from '../../../shared/errors.js';
import { p256, samplePayload } from './fixtures.js';

const OLD_CONFIG = '1'.repeat(64);
const NEW_CONFIG = '2'.repeat(64);
const ISSUED = new Date('2027-03-01T08:00:00Z');

function refusal(input: VerifyBundleInput): OrkError {
  try {
    verifyBundle(input);
  } catch (e) {
    expect(e).to.be.instanceOf(OrkError);
    return e as OrkError;
  }
  throw new Error('verifyBundle accepted a replayed bundle');
}

describe('shared/bundle/verify: replay', () => {
  const { privateKey, publicKey } = p256();
  // The bundle of the previous rollout: same key, same payload even, another configuration.
  const old = signBundle(samplePayload(), privateKey, { configChecksum: OLD_CONFIG, issuedAt: ISSUED });
  const files = { bundleBytes: old.bundleBytes, envelopeBytes: old.envelopeBytes, publicKey };

  it('the binding lives in the statement: bundle.json and its digest are the same with or without it', () => {
    const unbound = signBundle(samplePayload(), privateKey);
    expect(old.bundleBytes.equals(unbound.bundleBytes)).to.equal(true);
    expect(old.digest).to.equal(unbound.digest);
  });

  it('accepts it for its own configuration and returns the signed checksum and issue time', () => {
    const v = verifyBundle({ ...files, configChecksum: OLD_CONFIG, maxAgeMs: 60_000, now: new Date(ISSUED.getTime() + 59_000) });
    expect(v.digest).to.equal(old.digest);
    expect(v.configChecksum).to.equal(OLD_CONFIG);
    expect(v.issuedAt).to.equal('2027-03-01T08:00:00Z');
  });

  it('refuses it in a pod that runs another configuration: CONFIG_CHECKSUM_MISMATCH naming both', () => {
    const e = refusal({ ...files, configChecksum: NEW_CONFIG });
    expect(e.code).to.equal('CONFIG_CHECKSUM_MISMATCH');
    expect(e.message).to.contain(OLD_CONFIG).and.to.contain(NEW_CONFIG);
    expect(e.source).to.equal('bundle.sig.json');
  });

  it('refuses it after the maximum age even for its own configuration: BUNDLE_EXPIRED', () => {
    const e = refusal({ ...files, configChecksum: OLD_CONFIG, maxAgeMs: 60_000, now: new Date(ISSUED.getTime() + 61_000) });
    expect(e.code).to.equal('BUNDLE_EXPIRED');
  });

  it('refuses a bundle signed before the binding existed (no checksum) where one is required', () => {
    const unbound = signBundle(samplePayload(), privateKey);
    const e = refusal({ bundleBytes: unbound.bundleBytes, envelopeBytes: unbound.envelopeBytes, publicKey, configChecksum: NEW_CONFIG });
    expect(e.code).to.equal('CONFIG_CHECKSUM_MISMATCH');
    expect(e.message).to.match(/bound to no configuration/);
  });

  it('checks the signature first: a bundle forged to carry the right checksum under another key is SIGNATURE_INVALID', () => {
    const forged = signBundle(samplePayload(), p256().privateKey, { configChecksum: NEW_CONFIG });
    const e = refusal({ bundleBytes: forged.bundleBytes, envelopeBytes: forged.envelopeBytes, publicKey, configChecksum: NEW_CONFIG });
    expect(e.code).to.equal('SIGNATURE_INVALID');
  });

  it('refuses an expected checksum that is not one before reading anything: CONFIG_CHECKSUM_INVALID', () => {
    const e = refusal({ bundleBytes: Buffer.alloc(0), envelopeBytes: Buffer.alloc(0), publicKey, configChecksum: 'not a checksum' });
    expect(e.code).to.equal('CONFIG_CHECKSUM_INVALID');
  });

  const predicate = { schemaVersion: 1, resolver: { name: 'orkestra', version: '0.1.0' }, importCount: 2 };
  const signedStatement = (p: Record<string, unknown>) => {
    const statement = { ...buildStatement(sha256Hex(old.bundleBytes), predicate), predicate: p };
    return serialiseEnvelope(signEnvelope(canonicalJsonBytes(statement), IN_TOTO_PAYLOAD_TYPE, privateKey));
  };
  const malformedPredicates: [string, Record<string, unknown>, RegExp][] = [
    ['a checksum that is not a string', { ...predicate, configChecksum: 7 }, /predicate\.configChecksum/],
    ['an issue time with a zone offset', { ...predicate, issuedAt: '2027-03-01T08:00:00+01:00' }, /predicate\.issuedAt/],
    ['an unknown binding field', { ...predicate, namespace: 'prod' }, /unknown field "namespace"/],
    ['another format version', { ...predicate, schemaVersion: 2 }, /schemaVersion 2 is not supported/],
  ];
  for (const [name, p, message] of malformedPredicates) {
    it(`refuses a signed predicate with ${name}: MALFORMED_BUNDLE`, () => {
      const e = refusal({ bundleBytes: old.bundleBytes, envelopeBytes: signedStatement(p), publicKey });
      expect(e.code).to.equal('MALFORMED_BUNDLE');
      expect(e.message).to.match(message);
    });
  }
});
