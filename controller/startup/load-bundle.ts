// Verify before start: read the bundle directory and the trusted public key, and check signature,
// digest, (when pinned) the expected digest and (when given) that the bundle was resolved for this
// pod's configuration checksum — before any API call is made. The controller never fetches
// configuration from anywhere else: this directory is all it knows.
import { parsePublicKeyPem } from '../../shared/bundle/keys.js';
import { verifyBundle } from '../../shared/bundle/verify.js';
import type { BundlePayload } from '../../shared/bundle/payload.js';
import { readBundleDir, readKeyFile } from './bundle-files.js';

export interface VerifiedBundleDir {
  digest: string;
  keyid: string;
  payload: BundlePayload;
  /** The signed binding (absent from bundles of earlier resolvers). */
  configChecksum?: string;
  issuedAt?: string;
}

export interface BundleDirSource {
  bundleDir: string;
  publicKeyPath: string;
  expectedDigest?: string;
  /** This pod's configuration checksum: a bundle resolved for another one is a replay. */
  configChecksum?: string;
}

export async function loadVerifiedBundle(options: BundleDirSource): Promise<VerifiedBundleDir> {
  const publicKey = parsePublicKeyPem(await readKeyFile(options.publicKeyPath), options.publicKeyPath);
  const { bundleBytes, envelopeBytes } = await readBundleDir(options.bundleDir);
  const verified = verifyBundle({
    bundleBytes, envelopeBytes, publicKey,
    ...(options.expectedDigest ? { expectedDigest: options.expectedDigest } : {}),
    ...(options.configChecksum !== undefined ? { configChecksum: options.configChecksum } : {}),
  });
  const { digest, keyid, payload, configChecksum, issuedAt } = verified;
  return { digest, keyid, payload, ...(configChecksum !== undefined ? { configChecksum } : {}), ...(issuedAt !== undefined ? { issuedAt } : {}) };
}
