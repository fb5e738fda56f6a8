// `ork webhook`'s flags turned into what startWebhook takes: where the API server reaches the
// webhook (a Service or a URL), where its certificates come from (memory, a Secret it manages, a
// Secret someone else manages), their host names and lifetimes. Values only: no I/O but reading
// the pod's namespace from the service account mount.
import type { CertificateMode, Lifetimes } from '../controller/index.js';
import { DEFAULT_LIFETIMES } from '../controller/index.js';
import { FAILURE_POLICIES, type FailurePolicy, type WebhookEndpoint } from '../shared/admission/index.js';
import { OrkError } from '../shared/errors.js';
import { parseDuration } from '../shared/katalog/index.js';
import { serviceAccountNamespace } from './kube/in-cluster.js';

/** cert-manager's cainjector copies the Certificate's CA into objects carrying this annotation. */
export const INJECT_CA_FROM = 'cert-manager.io/inject-ca-from';

export const WEBHOOK_FLAGS = {
  address: { type: 'string', default: '127.0.0.1:9443' },
  name: { type: 'string' },
  service: { type: 'string' },
  'service-port': { type: 'string', default: '443' },
  url: { type: 'string' },
  'no-register': { type: 'boolean', default: false },
  'failure-policy': { type: 'string', default: 'Fail' },
  'tls-secret': { type: 'string' },
  'tls-secret-namespace': { type: 'string' },
  'tls-secret-external': { type: 'boolean', default: false },
  'inject-ca-from': { type: 'string' },
  host: { type: 'string', multiple: true },
  'cert-lifetime': { type: 'string' },
  'ca-lifetime': { type: 'string' },
  'cert-check-interval': { type: 'string', default: '1h' },
} as const;

export interface WebhookFlagValues {
  name?: string;
  service?: string;
  'service-port'?: string;
  url?: string;
  'no-register'?: boolean;
  'failure-policy'?: string;
  'tls-secret'?: string;
  'tls-secret-namespace'?: string;
  'tls-secret-external'?: boolean;
  'inject-ca-from'?: string;
  host?: string[];
  'cert-lifetime'?: string;
  'ca-lifetime'?: string;
  'cert-check-interval'?: string;
}

export interface WebhookSettings {
  registration?: { name: string; failurePolicy: FailurePolicy; endpoint: WebhookEndpoint; annotations?: Record<string, string> };
  certificates: CertificateMode;
  renewalCheckMs: number;
}

const usage = (message: string) => new OrkError('USAGE', `${message} (see 'ork webhook --help')`);

export function webhookSettings(values: WebhookFlagValues, env: NodeJS.ProcessEnv): WebhookSettings {
  const endpoint = endpointOf(values);
  const hosts = [...new Set([...(endpoint ? hostsOf(endpoint) : []), ...(values.host ?? [])])];
  const register = !values['no-register'];
  if (register && !values.name) throw usage('--name is required to register the webhook (or pass --no-register)');
  if (register && !endpoint) throw usage('name where the API server reaches the webhook: --service NAMESPACE/NAME or --url https://HOST:PORT (or pass --no-register)');
  const certificates = certificatesOf(values, env, hosts);
  const renewalCheckMs = duration('cert-check-interval', values['cert-check-interval'] ?? '1h');
  if (!register || !values.name || !endpoint) return { certificates, renewalCheckMs };
  const failurePolicy = values['failure-policy'] ?? 'Fail';
  if (!(FAILURE_POLICIES as readonly string[]).includes(failurePolicy)) throw usage(`--failure-policy must be Fail or Ignore, not ${JSON.stringify(failurePolicy)}`);
  const inject = values['inject-ca-from'];
  if (inject !== undefined && !/^[a-z0-9-]+\/[a-z0-9.-]+$/.test(inject)) throw usage(`--inject-ca-from must be NAMESPACE/CERTIFICATE, not ${JSON.stringify(inject)}`);
  return {
    registration: { name: values.name, failurePolicy: failurePolicy as FailurePolicy, endpoint, ...(inject ? { annotations: { [INJECT_CA_FROM]: inject } } : {}) },
    certificates,
    renewalCheckMs,
  };
}

function endpointOf(values: WebhookFlagValues): WebhookEndpoint | undefined {
  if (values.service && values.url) throw usage('--service and --url exclude each other: the API server reaches the webhook one way');
  if (values.url) {
    let url: URL;
    try {
      url = new URL(values.url);
    } catch {
      throw usage(`--url must be an https URL such as https://10.0.0.5:9443, not ${JSON.stringify(values.url)}`);
    }
    if (url.protocol !== 'https:' || url.search || url.hash || url.username) throw usage(`--url must be an https URL without query, fragment or user (got ${JSON.stringify(values.url)})`);
    return { url: values.url.replace(/\/+$/, '') };
  }
  if (!values.service) return undefined;
  const match = /^([a-z0-9-]+)\/([a-z0-9-]+)$/.exec(values.service);
  if (!match) throw usage(`--service must be NAMESPACE/NAME, not ${JSON.stringify(values.service)}`);
  const port = Number(values['service-port'] ?? '443');
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw usage(`--service-port must be a port number, not ${JSON.stringify(values['service-port'])}`);
  return { service: { namespace: match[1]!, name: match[2]!, port } };
}

/** The names the API server may use for the webhook: the Service's DNS names, or the URL's host. */
export function hostsOf(endpoint: WebhookEndpoint): string[] {
  if ('url' in endpoint) return [new URL(endpoint.url).hostname.replace(/^\[|\]$/g, '')];
  const { name, namespace } = endpoint.service;
  return [`${name}.${namespace}.svc`, `${name}.${namespace}.svc.cluster.local`, `${name}.${namespace}`, name];
}

function certificatesOf(values: WebhookFlagValues, env: NodeJS.ProcessEnv, hosts: string[]): CertificateMode {
  const secret = values['tls-secret'];
  const lifetimes: Lifetimes = {
    caMs: values['ca-lifetime'] ? duration('ca-lifetime', values['ca-lifetime']) : DEFAULT_LIFETIMES.caMs,
    servingMs: values['cert-lifetime'] ? duration('cert-lifetime', values['cert-lifetime']) : DEFAULT_LIFETIMES.servingMs,
  };
  if (lifetimes.servingMs > lifetimes.caMs) throw usage('--cert-lifetime must not be longer than --ca-lifetime (a serving certificate never outlives its CA)');
  if (!secret) {
    if (values['tls-secret-external']) throw usage('--tls-secret-external needs --tls-secret NAME');
    if (hosts.length === 0) throw usage('in-memory certificates need a host name: pass --service, --url or --host');
    return { kind: 'ephemeral', hosts, lifetimes };
  }
  const namespace = values['tls-secret-namespace'] ?? env.POD_NAMESPACE ?? serviceAccountNamespace();
  if (!namespace) throw usage('--tls-secret-namespace is required outside a pod (or set POD_NAMESPACE)');
  if (values['tls-secret-external']) return { kind: 'external-secret', namespace, name: secret };
  if (hosts.length === 0) throw usage('a managed --tls-secret needs a host name for its certificate: pass --service, --url or --host');
  return { kind: 'managed-secret', namespace, name: secret, hosts, lifetimes };
}

function duration(flag: string, text: string): number {
  const ms = parseDuration(text);
  if (ms === undefined || ms <= 0) throw usage(`--${flag} must be a duration such as 8760h, 1h or 30s, not ${JSON.stringify(text)}`);
  return ms;
}
