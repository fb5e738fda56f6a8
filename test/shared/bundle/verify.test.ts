import { expect } from 'chai';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { canonicalJsonBytes } from '../../../shared/bundle/canonical-json.js';
import { digestOf, sha256Hex } from '../../../shared/bundle/digest.js';
import { IN_TOTO_PAYLOAD_TYPE, serialiseEnvelope, signEnvelope } from '../../../shared/bundle/dsse.js';
import { keyIdOf } from '../../../shared/bundle/keys.js';
import { MAX_BUNDLE_BYTES, MAX_ENVELOPE_BYTES } from '../../../shared/bundle/layout.js';
import { signBundle } from '../../../shared/bundle/sign.js';
import { buildStatement } from '../../../shared/bundle/statement.js';
import { verifyBundle, type VerifyBundleInput } from '../../../shared/bundle/verify.js';
import { OrkError, type ErrorCode } from '../../../shared/errors.js';
import { flipByte, p256, samplePayload } from './fixtures.js';

const predicate = { schemaVersion: 1, resolver: { name: 'orkestra', version: '0.1.0' }, importCount: 0 };

/** An envelope that honestly signs whatever bytes it is given: for bundles our signer would refuse. */
function envelopeFor(bundleBytes: Uint8Array, key: KeyObject, options: { statement?: unknown; payloadType?: string } = {}): Buffer {
  const statement = options.statement ?? buildStatement(sha256Hex(bundleBytes), predicate);
  return serialiseEnvelope(signEnvelope(canonicalJsonBytes(statement), options.payloadType ?? IN_TOTO_PAYLOAD_TYPE, key));
}

function failure(input: VerifyBundleInput): OrkError {
  try {
    verifyBundle(input);
  } catch (e) {
    expect(e).to.be.instanceOf(OrkError);
    return e as OrkError;
  }
  throw new Error('verifyBundle accepted a bundle it should have refused');
}

describe('shared/bundle/verify', () => {
  const { privateKey, publicKey } = p256();
  const signed = signBundle(samplePayload(), privateKey);
  const good: VerifyBundleInput = { bundleBytes: signed.bundleBytes, envelopeBytes: signed.envelopeBytes, publicKey };

  it('accepts what signBundle wrote and returns the digest, payload and keyid', () => {
    const out = verifyBundle(good);
    expect(out.digest).to.equal(signed.digest).and.to.equal(digestOf(signed.bundleBytes));
    expect(out.payload).to.deep.equal(samplePayload());
    expect(out.keyid).to.equal(keyIdOf(publicKey));
  });

  it('accepts a matching pinned digest (surrounding whitespace tolerated)', () => {
    expect(verifyBundle({ ...good, expectedDigest: `${signed.digest}\n` }).digest).to.equal(signed.digest);
  });

  const nameOffset = signed.bundleBytes.indexOf('"websites"') + 1;
  const cases: [string, () => VerifyBundleInput, ErrorCode, RegExp?][] = [
    // Digest before parse: bytes that do not match the signed digest are refused as such, whether
    // or not they would still parse — nothing unauthenticated is ever parsed.
    ['one flipped byte that keeps bundle.json valid JSON ("websites" → "vebsites")', () => ({ ...good, bundleBytes: flipByte(signed.bundleBytes, nameOffset) }), 'DIGEST_MISMATCH', /has digest sha256:[0-9a-f]{64} but the signature is for sha256:[0-9a-f]{64}/],
    ['one flipped byte that breaks the JSON ("{" → "z")', () => ({ ...good, bundleBytes: flipByte(signed.bundleBytes, 0) }), 'DIGEST_MISMATCH'],
    ['a truncated bundle.json', () => ({ ...good, bundleBytes: signed.bundleBytes.subarray(0, signed.bundleBytes.length - 1) }), 'DIGEST_MISMATCH'],
    ['an empty bundle.json', () => ({ ...good, bundleBytes: Buffer.alloc(0) }), 'DIGEST_MISMATCH'],
    ['a bundle.json from another signed bundle', () => ({ ...good, bundleBytes: canonicalJsonBytes({ ...samplePayload(), imports: [] }) }), 'DIGEST_MISMATCH'],
    ['a flipped byte in the signature', () => ({ ...good, envelopeBytes: flipSignatureByte(signed.envelopeBytes) }), 'SIGNATURE_INVALID'],
    ['a different trusted key', () => ({ ...good, publicKey: p256().publicKey }), 'SIGNATURE_INVALID', /trusted key \(keyid [0-9a-f]{64}\); signatures found: [0-9a-f]{64}/],
    ['a truncated envelope', () => ({ ...good, envelopeBytes: signed.envelopeBytes.subarray(0, 40) }), 'MALFORMED_BUNDLE', /not valid JSON/],
    ['an empty envelope', () => ({ ...good, envelopeBytes: Buffer.alloc(0) }), 'MALFORMED_BUNDLE'],
    ['an envelope with no signatures', () => ({ ...good, envelopeBytes: withEnvelope(signed.envelopeBytes, (e) => { e.signatures = []; }) }), 'MALFORMED_BUNDLE', /not signed/],
    ['an envelope of another payloadType', () => ({ ...good, envelopeBytes: envelopeFor(signed.bundleBytes, privateKey, { payloadType: 'application/json' }) }), 'MALFORMED_BUNDLE', /payloadType/],
    ['a signed statement without a subject', () => ({ ...good, envelopeBytes: envelopeFor(signed.bundleBytes, privateKey, { statement: { ...buildStatement(sha256Hex(signed.bundleBytes), predicate), subject: [] } }) }), 'MALFORMED_BUNDLE', /exactly one subject/],
    ['a signed statement that is not JSON', () => ({ ...good, envelopeBytes: serialiseEnvelope(signEnvelope(Buffer.from('not json'), IN_TOTO_PAYLOAD_TYPE, privateKey)) }), 'MALFORMED_BUNDLE'],
    ['a signed statement about something else (other predicateType)', () => ({ ...good, envelopeBytes: envelopeFor(signed.bundleBytes, privateKey, { statement: { ...buildStatement(sha256Hex(signed.bundleBytes), predicate), predicateType: 'https://slsa.dev/provenance/v1' } }) }), 'MALFORMED_BUNDLE', /predicateType/],
    ['a wrong pinned digest', () => ({ ...good, expectedDigest: `sha256:${'0'.repeat(64)}` }), 'EXPECTED_DIGEST_MISMATCH'],
    ['a pinned digest that is not a digest', () => ({ ...good, expectedDigest: 'latest' }), 'DIGEST_INVALID'],
    ['a non-canonical bundle.json with a matching signature', () => nonCanonical(JSON.stringify(samplePayload(), null, 2)), 'MALFORMED_BUNDLE', /not in canonical JSON form/],
    ['a bundle.json with a trailing newline and a matching signature', () => nonCanonical(`${signed.bundleBytes.toString()}\n`), 'MALFORMED_BUNDLE', /canonical/],
    ['a bundle.json with duplicate keys and a matching signature', () => nonCanonical(signed.bundleBytes.toString().replace('{"crds"', '{"crds":[],"crds"')), 'MALFORMED_BUNDLE', /canonical/],
    ['a bundle.json with "1.0" for 1 and a matching signature', () => nonCanonical(signed.bundleBytes.toString().replace('"schemaVersion":1', '"schemaVersion":1.0')), 'MALFORMED_BUNDLE', /canonical/],
    ['a signed bundle.json that is not JSON', () => nonCanonical('{"schemaVersion":1'), 'MALFORMED_BUNDLE', /not valid JSON/],
    ['a signed, canonical bundle.json of the wrong shape', () => nonCanonical(canonicalJsonBytes({ ...samplePayload(), schemaVersion: 2 }).toString()), 'MALFORMED_BUNDLE', /schemaVersion/],
    ['an oversized bundle.json', () => ({ ...good, bundleBytes: Buffer.alloc(MAX_BUNDLE_BYTES + 1, 0x20) }), 'MALFORMED_BUNDLE', /larger than/],
    ['an oversized envelope', () => ({ ...good, envelopeBytes: Buffer.alloc(MAX_ENVELOPE_BYTES + 1, 0x20) }), 'MALFORMED_BUNDLE', /larger than/],
    ['an RSA trusted key', () => ({ ...good, publicKey: generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey }), 'KEY_INVALID'],
    ['a P-384 trusted key', () => ({ ...good, publicKey: generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).publicKey }), 'KEY_INVALID'],
  ];
  for (const [name, input, code, message] of cases) {
    it(`refuses ${name}: ${code}`, () => {
      const e = failure(input());
      expect(e.code).to.equal(code);
      if (message) expect(e.message).to.match(message);
    });
  }

  it('the two flipped-byte cases really are valid and invalid JSON respectively', () => {
    expect(() => JSON.parse(flipByte(signed.bundleBytes, nameOffset).toString())).not.to.throw();
    expect(() => JSON.parse(flipByte(signed.bundleBytes, 0).toString())).to.throw(SyntaxError);
  });

  it('shows both digests when the pin does not match', () => {
    const pin = `sha256:${'0'.repeat(64)}`;
    const e = failure({ ...good, expectedDigest: pin });
    expect(e.message).to.contain(pin).and.to.contain(signed.digest);
  });

  it('checks the signature before the pin: a forged bundle matching the pin is still refused', () => {
    const forged = canonicalJsonBytes({ ...samplePayload(), imports: [] });
    const e = failure({ bundleBytes: forged, envelopeBytes: envelopeFor(forged, p256().privateKey), publicKey, expectedDigest: digestOf(forged) });
    expect(e.code).to.equal('SIGNATURE_INVALID');
  });

  it('never puts bundle contents into a message', () => {
    const e = failure({ ...good, bundleBytes: flipByte(signed.bundleBytes, nameOffset) });
    expect(e.message).not.to.contain('vebsites').and.not.to.contain('index.html');
  });

  function nonCanonical(text: string): VerifyBundleInput {
    const bytes = Buffer.from(text);
    return { bundleBytes: bytes, envelopeBytes: envelopeFor(bytes, privateKey), publicKey };
  }
});

function withEnvelope(bytes: Buffer, change: (env: Record<string, unknown>) => void): Buffer {
  const env = JSON.parse(bytes.toString()) as Record<string, unknown>;
  change(env);
  return Buffer.from(JSON.stringify(env));
}

function flipSignatureByte(envelopeBytes: Buffer): Buffer {
  return withEnvelope(envelopeBytes, (env) => {
    const sigs = env.signatures as { sig: string }[];
    sigs[0]!.sig = flipByte(Buffer.from(sigs[0]!.sig, 'base64'), 30).toString('base64');
  });
}
