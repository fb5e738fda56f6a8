// Who signs a bundle: a port, so the private key can live elsewhere (a cloud KMS, an HSM, a
// signing service) without changing the bundle format. A signer signs the DSSE pre-authentication
// encoding with ECDSA P-256 / SHA-256 and returns a DER signature — what KMS asymmetric-sign APIs
// answer for an EC_SIGN_P256_SHA256 key. The local signer wraps a node KeyObject. Pure.
import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { OrkError } from '../errors.js';
import { keyIdOf, requireP256 } from './keys.js';

export interface BundleSigner {
  /** The public half: the envelope's keyid is derived from it, and each signature is checked with it. */
  readonly publicKey: KeyObject;
  /** A DER-encoded ECDSA P-256 signature over SHA-256 of `message` (the DSSE PAE bytes). */
  sign(message: Uint8Array): Promise<Uint8Array>;
}

/** A signer that also signs synchronously: a key in this process. */
export interface LocalBundleSigner extends BundleSigner {
  signSync(message: Uint8Array): Uint8Array;
}

/** The signer for a private key held in this process (`ork resolve --key`, `ork run`'s ephemeral key). */
export function keyObjectSigner(privateKey: KeyObject): LocalBundleSigner {
  requireP256(privateKey, 'private', 'signing key');
  const signSync = (message: Uint8Array) => sign('sha256', message, { key: privateKey, dsaEncoding: 'der' });
  return {
    publicKey: createPublicKey(privateKey),
    signSync,
    sign: async (message) => signSync(message),
  };
}

/**
 * Refuses a signature that does not verify with the signer's own public key: a misconfigured
 * remote signer (another key, another algorithm, a raw r||s signature) must fail at signing time,
 * not at every controller start.
 */
export function checkOwnSignature(signer: Pick<BundleSigner, 'publicKey'>, message: Uint8Array, signature: Uint8Array): void {
  let ok = false;
  try {
    ok = verify('sha256', message, { key: signer.publicKey, dsaEncoding: 'der' }, signature);
  } catch {
    ok = false;
  }
  if (!ok) {
    throw new OrkError(
      'KEY_INVALID',
      `the signer's signature does not verify with its public key (keyid ${keyIdOf(signer.publicKey)}); ` +
        'a signer must sign SHA-256 with that ECDSA P-256 key and return a DER signature',
      { source: 'signing key' },
    );
  }
}
