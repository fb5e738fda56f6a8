import { expect } from 'chai';
import { generateKeyPairSync } from 'node:crypto';
import { canonicalJsonBytes } from '../../../shared/bundle/canonical-json.js';
import { digestOf } from '../../../shared/bundle/digest.js';
import { parseEnvelope } from '../../../shared/bundle/dsse.js';
import { keyIdOf } from '../../../shared/bundle/keys.js';
import { signBundle } from '../../../shared/bundle/sign.js';
import { parseStatement } from '../../../shared/bundle/statement.js';
import { OrkError } from '../../../shared/errors.js';
import { p256, samplePayload } from './fixtures.js';

describe('shared/bundle/sign', () => {
  const { privateKey, publicKey } = p256();

  it('writes bundle.json as the canonical bytes of the payload, and names their digest', () => {
    const payload = samplePayload();
    const signed = signBundle(payload, privateKey);
    expect(signed.bundleBytes.equals(canonicalJsonBytes(payload))).to.equal(true);
    expect(signed.digest).to.equal(digestOf(signed.bundleBytes));
  });

  it('gives the same bundle.json and digest for the same inputs, whatever their key order', () => {
    const reverseKeys = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(reverseKeys)
        : v !== null && typeof v === 'object' ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reverseKeys(x)]))
          : v;
    const a = samplePayload();
    const reordered = reverseKeys(samplePayload()) as typeof a;
    expect(Object.keys(reordered)[0]).to.equal('imports');
    expect(JSON.stringify(reordered)).not.to.equal(JSON.stringify(a));
    const [s1, s2] = [a, reordered].map((p) => signBundle(p, privateKey));
    expect(s1!.bundleBytes.equals(s2!.bundleBytes)).to.equal(true);
    expect(s1!.digest).to.equal(s2!.digest);
    // ECDSA signatures are randomised: only the envelope differs between runs.
    expect(s1!.envelopeBytes.equals(s2!.envelopeBytes)).to.equal(false);
  });

  it('signs a statement whose subject is bundle.json with that digest, under our keyid', () => {
    const signed = signBundle(samplePayload(), privateKey);
    const env = parseEnvelope(signed.envelopeBytes, 'e');
    expect(env.payloadType).to.equal('application/vnd.in-toto+json');
    expect(env.signatures).to.have.length(1);
    expect(env.signatures[0]!.keyid).to.equal(keyIdOf(publicKey));
    const statement = JSON.parse(Buffer.from(env.payload, 'base64').toString()) as Record<string, unknown>;
    expect(`sha256:${parseStatement(Buffer.from(env.payload, 'base64'), 'e').subjectSha256}`).to.equal(signed.digest);
    expect(statement.predicate).to.deep.equal({ schemaVersion: 1, resolver: { name: 'orkestra', version: '0.1.0' }, importCount: 2 });
  });

  it('signs the binding into the predicate — the checksum as given, the time in UTC to the second — and leaves bundle.json alone', () => {
    const signed = signBundle(samplePayload(), privateKey, { configChecksum: 'f'.repeat(64), issuedAt: new Date('2027-05-06T07:08:09.987Z') });
    const { predicate } = parseStatement(Buffer.from(parseEnvelope(signed.envelopeBytes, 'e').payload, 'base64'), 'e');
    expect(predicate).to.deep.equal({ schemaVersion: 1, resolver: { name: 'orkestra', version: '0.1.0' }, importCount: 2, configChecksum: 'f'.repeat(64), issuedAt: '2027-05-06T07:08:09Z' });
    expect(signed.bundleBytes.equals(canonicalJsonBytes(samplePayload()))).to.equal(true);
  });

  it('refuses to sign a configuration checksum that is not one: CONFIG_CHECKSUM_INVALID', () => {
    expect(() => signBundle(samplePayload(), privateKey, { configChecksum: 'not one' })).to.throw(OrkError).with.property('code', 'CONFIG_CHECKSUM_INVALID');
  });

  it('refuses to sign a payload verification would reject', () => {
    const payload = { ...samplePayload(), schemaVersion: 2 } as never;
    expect(() => signBundle(payload, privateKey)).to.throw(OrkError).with.property('code', 'MALFORMED_BUNDLE');
  });

  it('refuses a payload canonical JSON cannot hold (a YAML .inf in a Katalog)', () => {
    const payload = samplePayload();
    (payload.katalog.metadata as unknown as Record<string, unknown>).weight = Number.POSITIVE_INFINITY;
    expect(() => signBundle(payload, privateKey)).to.throw(OrkError).with.property('code', 'JSON_UNREPRESENTABLE');
  });

  it('refuses a key that is not EC P-256', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    expect(() => signBundle(samplePayload(), rsa)).to.throw(OrkError).with.property('code', 'KEY_INVALID');
  });
});
