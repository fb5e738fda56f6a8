// The Katalog's `tls` Secrets, in the Go runtime's shape: each Secret gets a self-signed CA of its
// own (CN orkestra-ca, O Orkestra, valid `validFor` plus one day) that signs one serving
// certificate (CN `commonName`, O `organization`, the DNS names as SANs, serverAuth, valid
// `validFor`), both backdated five minutes for clock skew. Keys are RSA 2048, written as PKCS#1
// PEM ("RSA PRIVATE KEY"), as the Go runtime writes them. The CA's key is not kept, as there.
import type { KeyObject } from 'node:crypto';
import { createCertificate, newKeyPair, type DistinguishedName } from './x509.js';

export interface TlsRequest {
  commonName: string;
  dnsNames: readonly string[];
  organization: string;
  validForMs: number;
}

/** The Secret's data, as text: kubernetes.io/tls keys plus the CA for clients. */
export interface TlsBundle {
  'tls.crt': string;
  'tls.key': string;
  'ca.crt': string;
}

const BACKDATE_MS = 5 * 60_000;
const CA_EXTRA_MS = 86_400_000;
const CA_NAME: DistinguishedName = { commonName: 'orkestra-ca', organization: 'Orkestra' };

export function generateTlsBundle(req: TlsRequest, now: Date): TlsBundle {
  const from = new Date(now.getTime() - BACKDATE_MS);
  const caKeys = newKeyPair('rsa');
  const caPem = createCertificate({ subject: CA_NAME, keys: caKeys, notBefore: from, notAfter: new Date(now.getTime() + req.validForMs + CA_EXTRA_MS), ca: true });
  const keys = newKeyPair('rsa');
  const certPem = createCertificate({
    subject: { commonName: req.commonName, organization: req.organization },
    issuer: { name: CA_NAME, keys: caKeys },
    keys,
    notBefore: from,
    notAfter: new Date(now.getTime() + req.validForMs),
    ca: false,
    hosts: [...req.dnsNames],
  });
  return { 'tls.crt': certPem, 'tls.key': pkcs1(keys.privateKey), 'ca.crt': caPem };
}

function pkcs1(key: KeyObject): string {
  return key.export({ type: 'pkcs1', format: 'pem' }).toString();
}
