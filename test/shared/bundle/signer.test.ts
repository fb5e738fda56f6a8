import { expect } from 'chai';
import { generateKeyPairSync, sign } from 'node:crypto';
import { keyIdOf } from '../../../shared/bundle/keys.js';
import { signBundle, signBundleWith } from '../../../shared/bundle/sign.js';
import { keyObjectSigner, type BundleSigner } from '../../../shared/bundle/signer.js';
import { verifyBundle } from '../../../shared/bundle/verify.js';
import { OrkError } from '../../../shared/errors.js';
import { p256, samplePayload } from './fixtures.js';

describe('shared/bundle/signer: the signing port', () => {
  const { privateKey, publicKey } = p256();

  it('signs the same bundle.json and digest as signBundle, with the keyid of the signer\'s public key', async () => {
    const binding = { configChecksum: 'a'.repeat(64), issuedAt: new Date('2026-03-04T05:06:07Z') };
    const [viaPort, direct] = [await signBundleWith(samplePayload(), keyObjectSigner(privateKey), binding), signBundle(samplePayload(), privateKey, binding)];
    expect(viaPort.bundleBytes.equals(direct.bundleBytes)).to.equal(true);
    expect(viaPort.digest).to.equal(direct.digest);
    const envelope = JSON.parse(viaPort.envelopeBytes.toString('utf8'));
    expect(envelope.signatures[0].keyid).to.equal(keyIdOf(publicKey));
    expect(verifyBundle({ bundleBytes: viaPort.bundleBytes, envelopeBytes: viaPort.envelopeBytes, publicKey }).digest).to.equal(direct.digest);
  });

  it('refuses a signer whose signature does not verify with its own public key (KEY_INVALID)', async () => {
    const other = p256();
    const wrongKey: BundleSigner = { publicKey, sign: async (m) => sign('sha256', m, { key: other.privateKey, dsaEncoding: 'der' }) };
    // A KMS answering raw r||s (IEEE P1363) instead of DER is the classic misconfiguration.
    const rawSignature: BundleSigner = { publicKey, sign: async (m) => sign('sha256', m, { key: privateKey, dsaEncoding: 'ieee-p1363' }) };
    for (const signer of [wrongKey, rawSignature]) {
      const err = await signBundleWith(samplePayload(), signer).then(() => undefined, (e: unknown) => e);
      expect(err).to.be.instanceOf(OrkError).with.property('code', 'KEY_INVALID');
      expect((err as OrkError).message).to.include(keyIdOf(publicKey)).and.include('DER');
    }
  });

  it('takes only ECDSA P-256 keys, private for the local signer and public for any signer', async () => {
    const ed = generateKeyPairSync('ed25519');
    expect(() => keyObjectSigner(ed.privateKey)).to.throw(OrkError).with.property('code', 'KEY_INVALID');
    expect(() => keyObjectSigner(publicKey)).to.throw(OrkError).with.property('code', 'KEY_INVALID');
    const err = await signBundleWith(samplePayload(), { publicKey: ed.publicKey, sign: async () => new Uint8Array() }).then(() => undefined, (e: unknown) => e);
    expect(err).to.be.instanceOf(OrkError).with.property('code', 'KEY_INVALID');
  });
});
