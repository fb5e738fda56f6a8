// The webhook's self-managed certificates: a CA (10 years) and a serving certificate it signs
// (1 year) for the webhook's host names, both renewed once two thirds of their life has passed.
// The lifetimes can be shortened (tests force a rotation under load with seconds-long ones).
// A renewed CA is trusted next to the previous one (the caBundle holds both) so that the API
// server accepts the old serving certificate and the new one while the change propagates.
import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import { OrkError } from '../../../shared/errors.js';
import { createCertificate, newKeyPair, type KeyPair } from '../../certs/x509.js';

const DAY_MS = 86_400_000;
export const CA_VALIDITY_DAYS = 3650;
export const SERVING_VALIDITY_DAYS = 365;

/** How long newly issued certificates are valid, in milliseconds. */
export interface Lifetimes {
  caMs: number;
  servingMs: number;
}
export const DEFAULT_LIFETIMES: Lifetimes = { caMs: CA_VALIDITY_DAYS * DAY_MS, servingMs: SERVING_VALIDITY_DAYS * DAY_MS };
/** Issued a little in the past, so a node whose clock lags a few minutes accepts it. */
const BACKDATE_MS = 5 * 60_000;
/** Never more than this share of a lifetime: a seconds-long test certificate is not mostly backdating. */
const backdate = (lifetimeMs: number): number => Math.min(BACKDATE_MS, Math.floor(lifetimeMs / 10));

/** Everything the webhook serves and registers with, as PEM. */
export interface ServingCertificates {
  /** The CA(s) the API server should trust: the current one first, maybe the previous one. */
  caBundlePem: string;
  caCertPem: string;
  /** The CA's key (kept only in the Secret, to sign the next serving certificate). */
  caKeyPem: string;
  certPem: string;
  keyPem: string;
}

export function issueCa(now: Date, validityMs = DEFAULT_LIFETIMES.caMs): { certPem: string; keyPem: string } {
  const keys = newKeyPair();
  const subject = `orkestra-webhook-ca@${now.getTime()}`;
  const certPem = createCertificate({ subject, keys, notBefore: new Date(now.getTime() - backdate(validityMs)), notAfter: new Date(now.getTime() + validityMs), ca: true });
  return { certPem, keyPem: keyPem(keys) };
}

/** A serving certificate for `hosts`, signed by the CA given as PEM. */
export function issueServing(ca: { certPem: string; keyPem: string }, hosts: string[], now: Date, validityMs = DEFAULT_LIFETIMES.servingMs): { certPem: string; keyPem: string } {
  const caCert = parseCert(ca.certPem, 'the CA certificate');
  const caKeys = { privateKey: createPrivateKey(ca.keyPem), publicKey: createPublicKey(ca.keyPem) };
  const keys = newKeyPair();
  const certPem = createCertificate({
    subject: hosts[0] ?? 'orkestra-webhook',
    issuer: { name: caCert.subject.replace(/^CN=/, ''), keys: caKeys },
    keys,
    notBefore: new Date(now.getTime() - backdate(validityMs)),
    notAfter: new Date(Math.min(now.getTime() + validityMs, Date.parse(caCert.validTo))),
    ca: false,
    hosts,
  });
  return { certPem, keyPem: keyPem(keys) };
}

/** A fresh CA and serving certificate (first start, or a Secret that cannot be used). */
export function issueAll(hosts: string[], now: Date, lifetimes = DEFAULT_LIFETIMES): ServingCertificates {
  const ca = issueCa(now, lifetimes.caMs);
  const serving = issueServing(ca, hosts, now, lifetimes.servingMs);
  return { caBundlePem: ca.certPem, caCertPem: ca.certPem, caKeyPem: ca.keyPem, certPem: serving.certPem, keyPem: serving.keyPem };
}

/** Whether two thirds of the certificate's life has passed (or it is not valid yet or expired). */
export function renewalDue(certPem: string, now: Date): boolean {
  const cert = parseCert(certPem, 'a certificate');
  const from = Date.parse(cert.validFrom);
  const to = Date.parse(cert.validTo);
  return now.getTime() < from || now.getTime() >= from + ((to - from) * 2) / 3;
}

/** Whether the serving certificate names every host (a changed Service name needs a new one). */
export function coversHosts(certPem: string, hosts: string[]): boolean {
  const cert = parseCert(certPem, 'the serving certificate');
  return hosts.every((h) => (/^[\d.]+$|:/.test(h) ? cert.checkIP(h) !== undefined : cert.checkHost(h) !== undefined));
}

/**
 * Renews what is due: a new CA (trusted next to the old one) and a serving certificate from it,
 * or only a new serving certificate. Returns undefined when nothing is due.
 */
export function renew(current: ServingCertificates, hosts: string[], now: Date, lifetimes = DEFAULT_LIFETIMES): ServingCertificates | undefined {
  if (renewalDue(current.caCertPem, now)) {
    const ca = issueCa(now, lifetimes.caMs);
    const serving = issueServing(ca, hosts, now, lifetimes.servingMs);
    const stillValid = Date.parse(parseCert(current.caCertPem, 'the CA certificate').validTo) > now.getTime();
    const caBundlePem = stillValid ? `${ca.certPem}${current.caCertPem}` : ca.certPem;
    return { caBundlePem, caCertPem: ca.certPem, caKeyPem: ca.keyPem, certPem: serving.certPem, keyPem: serving.keyPem };
  }
  if (renewalDue(current.certPem, now) || !coversHosts(current.certPem, hosts)) {
    const serving = issueServing({ certPem: current.caCertPem, keyPem: current.caKeyPem }, hosts, now, lifetimes.servingMs);
    return { ...current, certPem: serving.certPem, keyPem: serving.keyPem };
  }
  return undefined;
}

/** The CA signed the serving certificate and the key matches it; throws WEBHOOK_TLS_INVALID. */
export function checkConsistent(certs: ServingCertificates, where: string): void {
  const cert = parseCert(certs.certPem, `${where}: tls.crt`);
  const ca = parseCert(certs.caCertPem, `${where}: the CA certificate`);
  let keyMatches = false;
  try {
    keyMatches = cert.checkPrivateKey(createPrivateKey(certs.keyPem));
  } catch {
    keyMatches = false;
  }
  if (!keyMatches) throw new OrkError('WEBHOOK_TLS_INVALID', `${where}: tls.key does not belong to tls.crt; delete the Secret so the webhook issues a new pair`);
  if (!cert.verify(ca.publicKey)) throw new OrkError('WEBHOOK_TLS_INVALID', `${where}: tls.crt is not signed by the CA in ca.crt; delete the Secret so the webhook issues a new pair`);
}

export function parseCert(pem: string, what: string): X509Certificate {
  try {
    return new X509Certificate(pem);
  } catch {
    throw new OrkError('WEBHOOK_TLS_INVALID', `${what} is not a PEM certificate`);
  }
}

function keyPem(keys: KeyPair): string {
  return keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}
