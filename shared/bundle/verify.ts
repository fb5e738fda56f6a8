// Verifying a bundle: the one function the controller, the resolver's rollout reuse and `ork verify`
// call before trusting a byte of it. Order matters: the envelope is authenticated first, then
// bundle.json is matched to the signed digest (and the pinned one), the signed binding to what the
// reader expects (replay), and only then is bundle.json parsed. Pure given the key and the time.
import type { KeyObject } from 'node:crypto';
import { OrkError } from '../errors.js';
import { checkBinding, parseConfigChecksum, type BindingExpectation } from './binding.js';
import { canonicalJsonBytes } from './canonical-json.js';
import { digestOf, parseDigest } from './digest.js';
import { IN_TOTO_PAYLOAD_TYPE, parseEnvelope, verifyEnvelope } from './dsse.js';
import { BUNDLE_FILE, ENVELOPE_FILE, MAX_BUNDLE_BYTES, MAX_ENVELOPE_BYTES } from './layout.js';
import { parseBundlePayload, type BundlePayload } from './payload.js';
import { parseStatement } from './statement.js';
import { malformed } from './untrusted-json.js';

export interface VerifyBundleInput extends BindingExpectation {
  bundleBytes: Uint8Array;
  envelopeBytes: Uint8Array;
  /** The trusted EC P-256 public key. */
  publicKey: KeyObject;
  /** `sha256:<hex>` the operator pinned (values `bundle.expectedDigest`); checked when given. */
  expectedDigest?: string | undefined;
}

export interface VerifiedBundle {
  /** `sha256:<hex>` of bundle.json. */
  digest: string;
  payload: BundlePayload;
  /** Key id of the trusted key that verified the signature. */
  keyid: string;
  /** The signed binding: the configuration it was resolved for and when (absent from older bundles). */
  configChecksum?: string;
  issuedAt?: string;
}

/**
 * Throws OrkError: DIGEST_INVALID (the pin is not a digest), MALFORMED_BUNDLE, SIGNATURE_INVALID,
 * DIGEST_MISMATCH, EXPECTED_DIGEST_MISMATCH, CONFIG_CHECKSUM_INVALID (the expected checksum is not
 * one), CONFIG_CHECKSUM_MISMATCH, BUNDLE_EXPIRED, KEY_INVALID (the key is not EC P-256).
 */
export function verifyBundle(input: VerifyBundleInput): VerifiedBundle {
  const expected = input.expectedDigest === undefined ? undefined : parseDigest(input.expectedDigest, 'the expected bundle digest');
  const configChecksum = input.configChecksum === undefined ? undefined : parseConfigChecksum(input.configChecksum, 'the expected configuration checksum');
  if (input.envelopeBytes.length > MAX_ENVELOPE_BYTES) throw malformed(ENVELOPE_FILE, `is larger than ${MAX_ENVELOPE_BYTES} bytes`);
  if (input.bundleBytes.length > MAX_BUNDLE_BYTES) throw malformed(BUNDLE_FILE, `is larger than ${MAX_BUNDLE_BYTES} bytes`);

  const envelope = parseEnvelope(input.envelopeBytes, ENVELOPE_FILE);
  if (envelope.payloadType !== IN_TOTO_PAYLOAD_TYPE) throw malformed(ENVELOPE_FILE, `payloadType must be ${IN_TOTO_PAYLOAD_TYPE}`);
  const { payload: statementBytes, keyid } = verifyEnvelope(envelope, input.publicKey, ENVELOPE_FILE);
  const { subjectSha256, predicate } = parseStatement(statementBytes, ENVELOPE_FILE);

  const digest = digestOf(input.bundleBytes);
  const signed = `sha256:${subjectSha256}`;
  if (digest !== signed) {
    throw new OrkError('DIGEST_MISMATCH', `${BUNDLE_FILE} has digest ${digest} but the signature is for ${signed}; the file was changed or replaced after signing — rebuild the bundle with the resolver`, { source: BUNDLE_FILE });
  }
  if (expected !== undefined && digest !== expected) {
    throw new OrkError('EXPECTED_DIGEST_MISMATCH', `bundle digest ${digest} is not the pinned expected digest ${expected}; a source changed since the pin was taken — review it, then update bundle.expectedDigest (ork lock) or restore the source`, { source: BUNDLE_FILE });
  }
  checkBinding(predicate, { configChecksum, maxAgeMs: input.maxAgeMs, now: input.now }, ENVELOPE_FILE);

  const payload = parseBundlePayload(input.bundleBytes, BUNDLE_FILE);
  if (!isCanonical(payload, input.bundleBytes)) {
    throw malformed(BUNDLE_FILE, 'is not in canonical JSON form (RFC 8785: sorted keys, no whitespace, shortest numbers)');
  }
  const { configChecksum: bound, issuedAt } = predicate;
  return { digest, payload, keyid, ...(bound !== undefined ? { configChecksum: bound } : {}), ...(issuedAt !== undefined ? { issuedAt } : {}) };
}

/** Two byte strings that parse alike must not both be valid bundles: only the canonical one is. */
function isCanonical(payload: BundlePayload, bytes: Uint8Array): boolean {
  try {
    return canonicalJsonBytes(payload).equals(bytes);
  } catch {
    return false;
  }
}
