// Signing a bundle: payload → canonical bundle.json bytes, an in-toto statement naming their
// sha256 (and the binding against replay: configuration checksum, issue time), and a DSSE envelope
// over it. Pure given the private key and the time. bundle.json is deterministic — the binding is
// in the statement, never in bundle.json, so digests and pins do not depend on it; the envelope is
// not (ECDSA signatures are randomised, the issue time changes), and need not be. The key is
// a KeyObject here or any BundleSigner (signer.ts: a KMS key could be one).
import type { KeyObject } from 'node:crypto';
import { formatIssuedAt } from './binding.js';
import { canonicalJsonBytes } from './canonical-json.js';
import { sha256Hex } from './digest.js';
import { IN_TOTO_PAYLOAD_TYPE, serialiseEnvelope, signEnvelope, signEnvelopeWith } from './dsse.js';
import { parseBundlePayload, type BundlePayload } from './payload.js';
import type { BundleSigner } from './signer.js';
import { buildStatement } from './statement.js';

export interface SignedBundle {
  /** Canonical JSON of the payload: the exact bytes of bundle.json. */
  bundleBytes: Buffer;
  /** The DSSE envelope: the exact bytes of bundle.sig.json. */
  envelopeBytes: Buffer;
  /** `sha256:<hex>` of bundleBytes, the audit handle. */
  digest: string;
}

/** What the statement binds the bundle to; each part is omitted from the statement when absent. */
export interface SigningBinding {
  /** The configuration the bundle is resolved for (`--config-checksum`; the chart's checksum/komposer). */
  configChecksum?: string | undefined;
  /** When it is signed (the resolver passes its clock). */
  issuedAt?: Date | undefined;
}

/** Signs with a key in this process; synchronous. */
export function signBundle(payload: BundlePayload, privateKey: KeyObject, binding: SigningBinding = {}): SignedBundle {
  const { bundleBytes, statementBytes, hex } = statementFor(payload, binding);
  const envelope = signEnvelope(statementBytes, IN_TOTO_PAYLOAD_TYPE, privateKey);
  return { bundleBytes, envelopeBytes: serialiseEnvelope(envelope), digest: `sha256:${hex}` };
}

/** Signs with any BundleSigner (signer.ts): the same bytes as signBundle, the key kept wherever the signer keeps it. */
export async function signBundleWith(payload: BundlePayload, signer: BundleSigner, binding: SigningBinding = {}): Promise<SignedBundle> {
  const { bundleBytes, statementBytes, hex } = statementFor(payload, binding);
  const envelope = await signEnvelopeWith(statementBytes, IN_TOTO_PAYLOAD_TYPE, signer);
  return { bundleBytes, envelopeBytes: serialiseEnvelope(envelope), digest: `sha256:${hex}` };
}

function statementFor(payload: BundlePayload, binding: SigningBinding): { bundleBytes: Buffer; statementBytes: Buffer; hex: string } {
  const bundleBytes = canonicalJsonBytes(payload);
  // Never sign what verification would refuse: the same reader the controller uses checks it first.
  parseBundlePayload(bundleBytes);
  const hex = sha256Hex(bundleBytes);
  const statement = buildStatement(hex, {
    schemaVersion: payload.schemaVersion,
    resolver: { name: payload.resolver.name, version: payload.resolver.version },
    importCount: payload.imports.length,
    ...(binding.configChecksum !== undefined ? { configChecksum: binding.configChecksum } : {}),
    ...(binding.issuedAt !== undefined ? { issuedAt: formatIssuedAt(binding.issuedAt) } : {}),
  });
  return { bundleBytes, statementBytes: canonicalJsonBytes(statement), hex };
}
