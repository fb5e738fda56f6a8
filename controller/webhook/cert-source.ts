// Where the serving certificates come from: made in memory (`ork run`: the process is the only
// server and registers with what it made), a Secret the webhook manages (the chart's default: the
// first replica creates it, every replica serves from it, the one that finds it due renews it,
// the others pick the change up on their next check), or a Secret someone else manages
// (cert-manager, or one given as is) that is only read. Private keys never reach a log.
import type { Logger } from '../../shared/log.js';
import { OrkError } from '../../shared/errors.js';
import { isKubeError, type KubeClient, type KubeObject } from '../../shared/kube/index.js';
import { checkConsistent, DEFAULT_LIFETIMES, issueAll, renew, type Lifetimes, type ServingCertificates } from './certs/issue.js';

export type CertificateMode =
  | { kind: 'ephemeral'; hosts: string[]; lifetimes?: Lifetimes }
  | { kind: 'managed-secret'; namespace: string; name: string; hosts: string[]; lifetimes?: Lifetimes }
  | { kind: 'external-secret'; namespace: string; name: string };

export interface CertificateSource {
  /** The certificates to serve now, renewing (managed) what is due. */
  current(): Promise<ServingCertificates>;
}

const KEYS = { ca: 'ca.crt', caKey: 'ca.key', cert: 'tls.crt', key: 'tls.key' } as const;

export function certificateSource(mode: CertificateMode, context: { kube?: KubeClient; now: () => Date; logger: Logger }): CertificateSource {
  if (mode.kind === 'ephemeral') {
    const lifetimes = mode.lifetimes ?? DEFAULT_LIFETIMES;
    let certs = issueAll(mode.hosts, context.now(), lifetimes);
    return {
      current: async () => {
        certs = renew(certs, mode.hosts, context.now(), lifetimes) ?? certs;
        return certs;
      },
    };
  }
  const kube = context.kube;
  if (!kube) throw new OrkError('INTERNAL', 'a Secret-backed webhook certificate needs a Kubernetes client');
  return { current: () => (mode.kind === 'managed-secret' ? managed(kube, mode, context) : external(kube, mode)) };
}

async function managed(kube: KubeClient, mode: Extract<CertificateMode, { kind: 'managed-secret' }>, context: { now: () => Date; logger: Logger }): Promise<ServingCertificates> {
  const secrets = await kube.resourceFor('v1', 'Secret');
  const where = `Secret ${mode.namespace}/${mode.name}`;
  const lifetimes = mode.lifetimes ?? DEFAULT_LIFETIMES;
  for (let attempt = 0; attempt < 5; attempt++) {
    const live = await kube.get(secrets, mode.namespace, mode.name);
    if (!live) {
      const certs = issueAll(mode.hosts, context.now(), lifetimes);
      try {
        await kube.create(secretOf(mode, certs));
        context.logger.info('webhook certificates issued', { secret: where });
        return certs;
      } catch (e) {
        if (isKubeError(e, 409)) continue; // another replica made it first: read theirs
        throw e;
      }
    }
    const certs = certsOf(live, where, true);
    const renewed = renew(certs, mode.hosts, context.now(), lifetimes);
    if (!renewed) return certs;
    try {
      await replace(kube, live, renewed, mode);
      context.logger.info('webhook certificates renewed', { secret: where, caRenewed: renewed.caCertPem !== certs.caCertPem });
      return renewed;
    } catch (e) {
      if (isKubeError(e, 409)) continue; // another replica renewed at the same time: use theirs
      throw e;
    }
  }
  throw new OrkError('KUBE_API_FAILED', `${where} kept changing while the webhook read it; try again`, { retry: 'transient' });
}

async function external(kube: KubeClient, mode: Extract<CertificateMode, { kind: 'external-secret' }>): Promise<ServingCertificates> {
  const secrets = await kube.resourceFor('v1', 'Secret');
  const where = `Secret ${mode.namespace}/${mode.name}`;
  const live = await kube.get(secrets, mode.namespace, mode.name);
  if (!live) throw new OrkError('WEBHOOK_TLS_INVALID', `${where} does not exist; create it (tls.crt, tls.key, ca.crt) or let cert-manager issue it`, { retry: 'transient' });
  return certsOf(live, where, false);
}

function certsOf(secret: KubeObject, where: string, withCaKey: boolean): ServingCertificates {
  const data = (secret.data ?? {}) as Record<string, string>;
  const field = (key: string) => {
    const value = data[key];
    if (typeof value !== 'string' || value === '') throw new OrkError('WEBHOOK_TLS_INVALID', `${where} has no ${key}; delete it so the webhook issues new certificates, or add ${key}`);
    return Buffer.from(value, 'base64').toString('utf8');
  };
  const caBundlePem = field(KEYS.ca);
  const firstCa = caBundlePem.slice(0, caBundlePem.indexOf('-----END CERTIFICATE-----') + '-----END CERTIFICATE-----\n'.length);
  const certs = { caBundlePem, caCertPem: firstCa, caKeyPem: withCaKey ? field(KEYS.caKey) : '', certPem: field(KEYS.cert), keyPem: field(KEYS.key) };
  checkConsistent(certs, where);
  return certs;
}

function secretOf(mode: { namespace: string; name: string }, certs: ServingCertificates, resourceVersion?: string): KubeObject {
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: mode.name, namespace: mode.namespace, labels: { 'app.kubernetes.io/managed-by': 'orkestra', 'app.kubernetes.io/component': 'webhook' }, ...(resourceVersion ? { resourceVersion } : {}) },
    type: 'kubernetes.io/tls',
    data: { [KEYS.ca]: b64(certs.caBundlePem), [KEYS.caKey]: b64(certs.caKeyPem), [KEYS.cert]: b64(certs.certPem), [KEYS.key]: b64(certs.keyPem) },
  };
}

/** PUT with the resourceVersion read: a concurrent renewal makes this fail with 409, never overwrite. */
async function replace(kube: KubeClient, live: KubeObject, certs: ServingCertificates, mode: { namespace: string; name: string }): Promise<void> {
  const path = `/api/v1/namespaces/${encodeURIComponent(mode.namespace)}/secrets/${encodeURIComponent(mode.name)}`;
  await kube.request('PUT', path, secretOf(mode, certs, live.metadata.resourceVersion));
}
