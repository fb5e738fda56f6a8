// X.509 v3 certificates in pure Node: a key pair from node:crypto (ECDSA P-256, or RSA 2048 where
// the Go runtime's shape is wanted), the certificate body written with der.ts, signed with
// ecdsa-with-SHA256 or sha256WithRSAEncryption after the issuer's key. Two shapes: a self-signed
// CA (keyCertSign) and a serving certificate (serverAuth) for DNS names and IP addresses. Shared
// by the webhook's own certificates and the Katalog's `tls` Secrets (controller/reconcile).
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { isIP } from 'node:net';
import {
  bitString, boolean, explicit, implicitPrimitive, namedBits, nullValue, octetString, oid, sequence, set, smallInteger, time, unsignedInteger, utf8String,
} from './der.js';

const ECDSA_WITH_SHA256 = '1.2.840.10045.4.3.2';
const SHA256_WITH_RSA = '1.2.840.113549.1.1.11';
const COMMON_NAME = '2.5.4.3';
const ORGANIZATION = '2.5.4.10';
const EXT = { subjectKeyId: '2.5.29.14', keyUsage: '2.5.29.15', subjectAltName: '2.5.29.17', basicConstraints: '2.5.29.19', authorityKeyId: '2.5.29.35', extKeyUsage: '2.5.29.37' };
const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
// keyUsage bits (RFC 5280 4.2.1.3)
const DIGITAL_SIGNATURE = 0;
const KEY_ENCIPHERMENT = 2;
const KEY_CERT_SIGN = 5;
const CRL_SIGN = 6;

export interface KeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

/** A distinguished name: the common name and, optionally, an organization (O). */
export interface DistinguishedName {
  commonName: string;
  organization?: string;
}

export interface CertificateRequest {
  subject: string | DistinguishedName;
  /** The issuer's name (byte for byte the CA's subject) and key; absent: self-signed by `keys`. */
  issuer?: { name: string | DistinguishedName; keys: KeyPair };
  keys: KeyPair;
  notBefore: Date;
  notAfter: Date;
  ca: boolean;
  /** DNS names and IP addresses for subjectAltName (serving certificates). */
  hosts?: string[];
}

export type KeyType = 'ec' | 'rsa';

/** ECDSA P-256 (default), or RSA 2048 (what the Go runtime generates for `tls` Secrets). */
export function newKeyPair(type: KeyType = 'ec'): KeyPair {
  return type === 'rsa' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
}

/** The certificate as PEM. */
export function createCertificate(req: CertificateRequest): string {
  const issuer = req.issuer ?? { name: req.subject, keys: req.keys };
  const rsa = issuer.keys.privateKey.asymmetricKeyType === 'rsa';
  const algorithm = rsa ? sequence(oid(SHA256_WITH_RSA), nullValue()) : sequence(oid(ECDSA_WITH_SHA256));
  const spki = req.keys.publicKey.export({ type: 'spki', format: 'der' });
  const tbs = sequence(
    explicit(0, smallInteger(2)),
    unsignedInteger(Buffer.concat([Buffer.from([0x01]), randomBytes(15)])),
    algorithm,
    name(issuer.name),
    sequence(time(req.notBefore), time(req.notAfter)),
    name(req.subject),
    spki,
    explicit(3, sequence(...extensions(req, spki, issuer.keys))),
  );
  const signature = sign('sha256', tbs, issuer.keys.privateKey);
  const der = sequence(tbs, algorithm, bitString(signature));
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

/** O before CN, in the order Go's pkix.Name writes them. */
function name(dn: string | DistinguishedName): Buffer {
  const { commonName, organization } = typeof dn === 'string' ? { commonName: dn, organization: undefined } : dn;
  const rdn = (type: string, value: string) => set(sequence(oid(type), utf8String(value)));
  return sequence(...(organization ? [rdn(ORGANIZATION, organization)] : []), rdn(COMMON_NAME, commonName));
}

function extensions(req: CertificateRequest, spki: Buffer, issuerKeys: KeyPair): Buffer[] {
  const ext = (id: string, critical: boolean, value: Buffer) => sequence(oid(id), ...(critical ? [boolean(true)] : []), octetString(value));
  const out = [
    ext(EXT.basicConstraints, true, req.ca ? sequence(boolean(true)) : sequence()),
    ext(EXT.keyUsage, true, namedBits(req.ca ? [DIGITAL_SIGNATURE, KEY_CERT_SIGN, CRL_SIGN] : servingUsage(req.keys))),
    ext(EXT.subjectKeyId, false, octetString(keyId(spki))),
    ext(EXT.authorityKeyId, false, sequence(implicitPrimitive(0, keyId(issuerKeys.publicKey.export({ type: 'spki', format: 'der' }))))),
  ];
  if (!req.ca) out.push(ext(EXT.extKeyUsage, false, sequence(oid(SERVER_AUTH))));
  if (req.hosts && req.hosts.length > 0) out.push(ext(EXT.subjectAltName, false, sequence(...req.hosts.map(altName))));
  return out;
}

/** An RSA serving key may also encipher (RSA key exchange), as Go's server certificates allow. */
function servingUsage(keys: KeyPair): number[] {
  return keys.publicKey.asymmetricKeyType === 'rsa' ? [DIGITAL_SIGNATURE, KEY_ENCIPHERMENT] : [DIGITAL_SIGNATURE];
}

/** RFC 5280 4.2.1.2 method 1 over the whole SPKI (any stable hash of the key does). */
function keyId(spki: Buffer): Buffer {
  return createHash('sha1').update(spki).digest();
}

function altName(host: string): Buffer {
  const family = isIP(host);
  if (family === 4) return implicitPrimitive(7, Buffer.from(host.split('.').map(Number)));
  if (family === 6) return implicitPrimitive(7, ipv6Bytes(host));
  return implicitPrimitive(2, Buffer.from(host, 'ascii'));
}

function ipv6Bytes(text: string): Buffer {
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const groups = (s: string | undefined) => (s ? s.split(':').filter((g) => g !== '') : []);
  const left = groups(head);
  const right = groups(tail);
  const all = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return Buffer.from(all.flatMap((g) => { const v = Number.parseInt(g, 16); return [v >> 8, v & 0xff]; }));
}
