// DSSE v1 envelopes (github.com/secure-systems-lab/dsse): the pre-authentication encoding, signing
// and verifying with ECDSA P-256 / SHA-256 (DER signatures, as cosign and sigstore produce), and a
// strict reader of envelope JSON. Pure given KeyObjects. It knows nothing of what the payload says.
import { sign, verify, type KeyObject } from 'node:crypto';
import { OrkError } from '../errors.js';
import { canonicalJsonBytes } from './canonical-json.js';
import { keyIdOf, requireP256 } from './keys.js';
import { MAX_SIGNATURES } from './layout.js';
import { checkOwnSignature, type BundleSigner } from './signer.js';
import { isRecord, malformed, parseJsonStrict } from './untrusted-json.js';

/** The payload type of an envelope carrying an in-toto Statement. */
export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';

export interface DsseSignature {
  keyid: string;
  /** Base64 of the DER-encoded ECDSA signature over the PAE. */
  sig: string;
}

export interface DsseEnvelope {
  /** Base64 of the payload bytes. */
  payload: string;
  payloadType: string;
  signatures: DsseSignature[];
}

/** `DSSEv1 <len(type)> <type> <len(body)> <body>`, lengths in bytes as ASCII decimal. */
export function preAuthEncoding(payloadType: string, payload: Uint8Array): Buffer {
  const type = Buffer.from(payloadType, 'utf8');
  const header = `DSSEv1 ${type.length} ${payloadType} ${payload.length} `;
  return Buffer.concat([Buffer.from(header, 'utf8'), payload]);
}

/** An envelope over `payload` with one signature by `privateKey`, keyid = hex sha256(SPKI DER). */
export function signEnvelope(payload: Uint8Array, payloadType: string, privateKey: KeyObject): DsseEnvelope {
  requireP256(privateKey, 'private', 'signing key');
  const sig = sign('sha256', preAuthEncoding(payloadType, payload), { key: privateKey, dsaEncoding: 'der' });
  return envelopeOf(payload, payloadType, keyIdOf(privateKey), sig);
}

/** The same with any BundleSigner (a KMS key, say); its signature is checked with its public key first. */
export async function signEnvelopeWith(payload: Uint8Array, payloadType: string, signer: BundleSigner): Promise<DsseEnvelope> {
  requireP256(signer.publicKey, 'public', 'signer public key');
  const pae = preAuthEncoding(payloadType, payload);
  const sig = await signer.sign(pae);
  checkOwnSignature(signer, pae, sig);
  return envelopeOf(payload, payloadType, keyIdOf(signer.publicKey), sig);
}

function envelopeOf(payload: Uint8Array, payloadType: string, keyid: string, sig: Uint8Array): DsseEnvelope {
  return {
    payload: Buffer.from(payload).toString('base64'),
    payloadType,
    signatures: [{ keyid, sig: Buffer.from(sig).toString('base64') }],
  };
}

/** The envelope's bytes on disk: canonical JSON, so re-signing the same payload changes only `sig`. */
export function serialiseEnvelope(envelope: DsseEnvelope): Buffer {
  return canonicalJsonBytes(envelope);
}

/** Reads envelope JSON; MALFORMED_BUNDLE naming the field when it is not a DSSE envelope. */
export function parseEnvelope(bytes: Uint8Array, source: string): DsseEnvelope {
  const doc = parseJsonStrict(bytes, source);
  if (!isRecord(doc)) throw malformed(source, 'is not a JSON object (expected a DSSE envelope)');
  const { payload, payloadType, signatures } = doc;
  if (typeof payload !== 'string' || !isBase64(payload)) throw malformed(source, 'payload must be a base64 string');
  if (typeof payloadType !== 'string' || payloadType === '') throw malformed(source, 'payloadType must be a non-empty string');
  if (!Array.isArray(signatures) || signatures.length === 0) throw malformed(source, 'signatures must be a non-empty list; the bundle is not signed');
  if (signatures.length > MAX_SIGNATURES) throw malformed(source, `has ${signatures.length} signatures; at most ${MAX_SIGNATURES} are examined`);
  const parsed = signatures.map((s, i): DsseSignature => {
    if (!isRecord(s)) throw malformed(source, `signatures[${i}] must be an object`);
    if (typeof s.sig !== 'string' || s.sig === '' || !isBase64(s.sig)) throw malformed(source, `signatures[${i}].sig must be a non-empty base64 string`);
    if (s.keyid !== undefined && typeof s.keyid !== 'string') throw malformed(source, `signatures[${i}].keyid must be a string`);
    return { keyid: s.keyid ?? '', sig: s.sig };
  });
  return { payload, payloadType, signatures: parsed };
}

/**
 * The payload bytes if at least one signature verifies with `publicKey`. Every signature is tried,
 * whatever its keyid says: DSSE keyids are unauthenticated hints. SIGNATURE_INVALID otherwise,
 * naming the expected keyid and the ones found.
 */
export function verifyEnvelope(envelope: DsseEnvelope, publicKey: KeyObject, source: string): { payload: Buffer; keyid: string } {
  requireP256(publicKey, 'public', 'trusted key');
  const payload = Buffer.from(envelope.payload, 'base64');
  const pae = preAuthEncoding(envelope.payloadType, payload);
  const keyid = keyIdOf(publicKey);
  for (const s of envelope.signatures) {
    if (checkSignature(pae, publicKey, Buffer.from(s.sig, 'base64'))) return { payload, keyid };
  }
  const found = envelope.signatures.map((s) => printableKeyId(s.keyid)).join(', ');
  throw new OrkError(
    'SIGNATURE_INVALID',
    `no signature verifies with the trusted key (keyid ${keyid}); signatures found: ${found}. ` +
      'The bundle was altered or signed with another key: re-run the resolver with the matching signing key, or trust the key that signed it',
    { source },
  );
}

function checkSignature(pae: Buffer, publicKey: KeyObject, sig: Buffer): boolean {
  try {
    return verify('sha256', pae, { key: publicKey, dsaEncoding: 'der' }, sig);
  } catch {
    // A signature that is not even valid DER is simply not a valid signature.
    return false;
  }
}

function printableKeyId(keyid: string): string {
  if (keyid === '') return '(no keyid)';
  return /^[0-9A-Za-z_-]{1,128}$/.test(keyid) ? keyid : '(unprintable keyid)';
}

const STANDARD_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const URL_SAFE_BASE64 = /^[A-Za-z0-9_-]*$/;

/** DSSE lets writers use either alphabet; node's decoder would silently skip anything else. */
function isBase64(text: string): boolean {
  return STANDARD_BASE64.test(text) || (URL_SAFE_BASE64.test(text) && text.length % 4 !== 1);
}
