// Verify before start: read the bundle directory and the trusted public key, and check signature,
// digest and (when pinned) the expected digest — before any API call is made. The controller never
// fetches configuration from anywhere else: this directory is all it knows.
import { parsePublicKeyPem } from '../../shared/bundle/keys.js';
import { verifyBundle } from '../../shared/bundle/verify.js';
import type { BundlePayload } from '../../shared/bundle/payload.js';
import { readBundleDir, readKeyFile } from './bundle-files.js';

export interface VerifiedBundleDir {
  digest: string;
  keyid: string;
  payload: BundlePayload;
}

export async function loadVerifiedBundle(options: { bundleDir: string; publicKeyPath: string; expectedDigest?: string }): Promise<VerifiedBundleDir> {
  const publicKey = parsePublicKeyPem(await readKeyFile(options.publicKeyPath), options.publicKeyPath);
  const { bundleBytes, envelopeBytes } = await readBundleDir(options.bundleDir);
  const verified = verifyBundle({ bundleBytes, envelopeBytes, publicKey, ...(options.expectedDigest ? { expectedDigest: options.expectedDigest } : {}) });
  return { digest: verified.digest, keyid: verified.keyid, payload: verified.payload };
}
