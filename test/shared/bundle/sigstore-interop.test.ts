// Signing interoperability: a bundle Orkestra signs is verified by a stock, independent verifier —
// sigstore-js (@sigstore/verify, the library behind `npm audit signatures`), fed the envelope
// bytes and the public key PEM only. Nothing of Orkestra's verification code is used here: the
// statement is decoded and its subject digest recomputed with node:crypto in this file.
import { bundleFromJSON } from '@sigstore/bundle';
import { toSignedEntity, toTrustMaterial, Verifier } from '@sigstore/verify';
import { expect } from 'chai';
import { createHash, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { keyObjectSigner, signBundleWith } from '../../../shared/bundle/index.js';
import { samplePayload } from './fixtures.js';

/** PKIX_ECDSA_P256_SHA_256 in the sigstore protobuf-specs PublicKeyDetails enum. */
const PKIX_ECDSA_P256_SHA_256 = 5;
const EMPTY_ROOT = { mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1', tlogs: [], certificateAuthorities: [], ctlogs: [], timestampAuthorities: [] };

/** The sigstore bundle (v0.3, public-key material, no transparency log) carrying our envelope as is. */
function sigstoreBundle(envelopeJson: string, hint: string) {
  return bundleFromJSON({
    mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
    verificationMaterial: { publicKey: { hint }, tlogEntries: [], timestampVerificationData: { rfc3161Timestamps: [] } },
    dsseEnvelope: JSON.parse(envelopeJson),
  });
}

/** sigstore-js's Verifier trusting exactly one key (PEM), with no log or timestamp required (a key, not keyless). */
function verifyWithSigstore(envelopeJson: string, publicKeyPem: string): void {
  const der = createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
  const hint = 'trusted';
  const trust = toTrustMaterial(EMPTY_ROOT as never, { [hint]: { rawBytes: der, keyDetails: PKIX_ECDSA_P256_SHA_256 } } as never);
  const verifier = new Verifier(trust, { tlogThreshold: 0, ctlogThreshold: 0, timestampThreshold: 0 });
  verifier.verify(toSignedEntity(sigstoreBundle(envelopeJson, hint)));
}

function pemOf(key: KeyObject): string {
  return key.export({ type: 'spki', format: 'pem' }).toString();
}

describe('shared/bundle: a stock verifier (sigstore-js) verifies a signed bundle', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });

  it('verifies the envelope, whose in-toto statement names bundle.json by its sha256', async () => {
    const signed = await signBundleWith(samplePayload(), keyObjectSigner(privateKey), { configChecksum: 'c'.repeat(64), issuedAt: new Date('2026-01-02T03:04:05Z') });
    const envelopeJson = signed.envelopeBytes.toString('utf8');
    verifyWithSigstore(envelopeJson, pemOf(publicKey));

    const envelope = JSON.parse(envelopeJson) as { payloadType: string; payload: string; signatures: Array<{ keyid: string }> };
    expect(envelope.payloadType).to.equal('application/vnd.in-toto+json');
    const statement = JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8'));
    expect(statement._type).to.equal('https://in-toto.io/Statement/v1');
    expect(statement.subject).to.deep.equal([{ name: 'bundle.json', digest: { sha256: createHash('sha256').update(signed.bundleBytes).digest('hex') } }]);
    // The keyid is the hex sha256 of the SPKI DER, as cosign and sigstore compute it.
    expect(envelope.signatures[0]!.keyid).to.equal(createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex'));
  });

  it('refuses a changed statement and another key (the verifier is a real judge)', async () => {
    const signed = await signBundleWith(samplePayload(), keyObjectSigner(privateKey));
    const envelope = JSON.parse(signed.envelopeBytes.toString('utf8')) as { payload: string };
    const statement = JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8'));
    statement.subject[0].digest.sha256 = '0'.repeat(64);
    const altered = JSON.stringify({ ...envelope, payload: Buffer.from(JSON.stringify(statement)).toString('base64') });
    expect(() => verifyWithSigstore(altered, pemOf(publicKey))).to.throw(/signature/i);
    const other = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey;
    expect(() => verifyWithSigstore(signed.envelopeBytes.toString('utf8'), pemOf(other))).to.throw(/signature/i);
  });

  it('verifies a bundle signed through the signer port by a key outside this process (a KMS stand-in)', async () => {
    const remote = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const local = keyObjectSigner(remote.privateKey);
    // Only the public key and an async sign call cross the port, as with a KMS.
    const kms = { publicKey: remote.publicKey, sign: (message: Uint8Array) => new Promise<Uint8Array>((resolve) => setTimeout(() => resolve(local.signSync(message)), 1)) };
    const signed = await signBundleWith(samplePayload(), kms);
    verifyWithSigstore(signed.envelopeBytes.toString('utf8'), pemOf(remote.publicKey));
  });
});
