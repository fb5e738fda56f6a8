// Signing keys: PEM text in (keys, or a certificate carrying the public key), node:crypto KeyObjects out, ECDSA P-256 only; key ids; new key pairs.
// Pure (no files: the shell reads them). Never puts key material, or a library's message about it,
// into an error: only the kind of key that was found and what to do.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, X509Certificate, type KeyObject } from 'node:crypto';
import { OrkError } from '../errors.js';

/** OpenSSL's name for NIST P-256 / secp256r1, as node reports it. */
const P256 = 'prime256v1';

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)-----END \1-----/g;

interface PemBlock {
  label: string;
  text: string;
}

/**
 * An SPKI (`PUBLIC KEY`) PEM, or an X.509 `CERTIFICATE` PEM (the chart keeps a self-signed one beside
 * its generated key, as Helm cannot derive a bare public key), holding an EC P-256 key → a public
 * KeyObject. The certificate is only a carrier: its dates, issuer and signature are not checked.
 */
export function parsePublicKeyPem(pem: string, source: string): KeyObject {
  const blocks = pemBlocks(pem);
  if (blocks.some((b) => b.label.includes('PRIVATE KEY'))) {
    throw keyInvalid(source, 'holds a private key where a public key is expected; pass the public key file (the --out-public of ork keygen) and keep the private key out of the controller');
  }
  const keys = blocks.filter((b) => b.label === 'PUBLIC KEY' || b.label === 'CERTIFICATE');
  if (keys.length !== 1) {
    throw keyInvalid(source, `must hold exactly one PEM "PUBLIC KEY" or "CERTIFICATE" block (found ${describeLabels(blocks)}); export one with 'openssl pkey -pubout' or create a pair with 'ork keygen'`);
  }
  const block = keys[0]!;
  let key: KeyObject;
  try {
    key = block.label === 'CERTIFICATE' ? new X509Certificate(block.text).publicKey : createPublicKey({ key: block.text, format: 'pem' });
  } catch {
    const what = block.label === 'CERTIFICATE' ? 'X.509 certificate' : 'SPKI public key';
    throw keyInvalid(source, `is not a readable ${what}; export one with 'openssl pkey -pubout' or create a pair with 'ork keygen'`);
  }
  requireP256(key, 'public', source);
  return key;
}

/** A PKCS#8 (`PRIVATE KEY`) or SEC1 (`EC PRIVATE KEY`) PEM holding an EC P-256 key → a private KeyObject. */
export function parsePrivateKeyPem(pem: string, source: string): KeyObject {
  const blocks = pemBlocks(pem);
  const encrypted = blocks.some((b) => b.label === 'ENCRYPTED PRIVATE KEY' || /^Proc-Type:.*ENCRYPTED/m.test(b.text));
  if (encrypted) {
    throw keyInvalid(source, "is encrypted; Orkestra reads unencrypted keys from a Secret — decrypt it with 'openssl pkey -in KEY -out PLAIN'");
  }
  const keys = blocks.filter((b) => b.label === 'PRIVATE KEY' || b.label === 'EC PRIVATE KEY');
  const others = blocks.filter((b) => b.label.endsWith('PRIVATE KEY') && !keys.includes(b));
  if (others.length > 0 && keys.length === 0) {
    throw keyInvalid(source, `holds a "${others[0]!.label}" block; Orkestra signs with ECDSA P-256 only — create a key with 'ork keygen'`);
  }
  if (keys.length !== 1) {
    throw keyInvalid(source, `must hold exactly one PEM "PRIVATE KEY" or "EC PRIVATE KEY" block (found ${describeLabels(blocks)}); create a key with 'ork keygen'`);
  }
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: keys[0]!.text, format: 'pem' });
  } catch {
    throw keyInvalid(source, "is not a readable PKCS#8 or SEC1 private key; create a key with 'ork keygen'");
  }
  requireP256(key, 'private', source);
  return key;
}

/** Throws KEY_INVALID unless `key` is an EC P-256 key of the given type. */
export function requireP256(key: KeyObject, type: 'public' | 'private', source: string): void {
  if (key.type !== type) throw keyInvalid(source, `is a ${key.type} key where a ${type} key is expected`);
  if (key.asymmetricKeyType !== 'ec') {
    const kind = (key.asymmetricKeyType ?? 'unknown').toUpperCase();
    throw keyInvalid(source, `is not an EC key (found ${kind}); Orkestra signs with ECDSA P-256 only — create a key with 'ork keygen'`);
  }
  const curve = key.asymmetricKeyDetails?.namedCurve;
  if (curve !== P256) {
    throw keyInvalid(source, `is an EC key on curve ${curve ?? 'unknown'}; Orkestra signs with ECDSA P-256 (prime256v1) only — create a key with 'ork keygen'`);
  }
}

/** Lowercase hex SHA-256 of the public key's SPKI DER encoding (a private key's public half). */
export function keyIdOf(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex');
}

export interface GeneratedKeyPair {
  /** PKCS#8 PEM. */
  privateKeyPem: string;
  /** SPKI PEM. */
  publicKeyPem: string;
  keyid: string;
}

/** A fresh ECDSA P-256 key pair (from the system's secure random source). */
export function generateSigningKeyPair(): GeneratedKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: P256 });
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    keyid: keyIdOf(publicKey),
  };
}

function pemBlocks(pem: string): PemBlock[] {
  return [...pem.matchAll(PEM_BLOCK)].map((m) => ({ label: m[1]!, text: m[0] }));
}

function describeLabels(blocks: PemBlock[]): string {
  if (blocks.length === 0) return 'no PEM block';
  return blocks.map((b) => `"${b.label}"`).join(', ');
}

function keyInvalid(source: string, why: string): OrkError {
  return new OrkError('KEY_INVALID', `key ${why}`, { source });
}
