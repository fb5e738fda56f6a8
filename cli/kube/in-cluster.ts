// The in-cluster configuration: the API server from KUBERNETES_SERVICE_HOST/PORT, the pod's
// service account token (re-read periodically, bound tokens rotate), CA and namespace.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { OrkError } from '../../shared/errors.js';
import type { KubeConfig } from '../../shared/kube/index.js';
import { describeReadFailure, readBoundedSync } from '../../platform/index.js';

export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';
/** client-go re-reads the token every minute; kubelet refreshes it at 80 % of its lifetime. */
export const TOKEN_RELOAD_MS = 60_000;
/** A CA bundle or a namespace name is far smaller; more is not a service-account file. */
const MAX_SERVICE_ACCOUNT_FILE_BYTES = 1024 * 1024;

export function loadInClusterConfig(options: { env: Record<string, string | undefined>; dir?: string; reloadMs?: number }): KubeConfig {
  const { env } = options;
  const dir = options.dir ?? SERVICE_ACCOUNT_DIR;
  const host = env.KUBERNETES_SERVICE_HOST;
  const port = env.KUBERNETES_SERVICE_PORT;
  if (!host || !port) {
    throw new OrkError('KUBECONFIG_INVALID', 'in-cluster configuration needs KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT; outside a cluster set KUBECONFIG', { source: 'in-cluster' });
  }
  const tokenPath = join(dir, 'token');
  if (!existsSync(tokenPath)) {
    throw new OrkError('KUBECONFIG_INVALID', `${tokenPath} is missing: mount a service account token (automountServiceAccountToken must not be false)`, { source: 'in-cluster' });
  }
  const caPath = join(dir, 'ca.crt');
  const caRead = readBoundedSync(caPath, MAX_SERVICE_ACCOUNT_FILE_BYTES);
  if ('failure' in caRead) {
    throw new OrkError('KUBECONFIG_INVALID', `${caPath} cannot be read (${describeReadFailure(caRead.failure)}): the cluster CA is needed to verify the API server`, { source: 'in-cluster' });
  }
  const ca = caRead.bytes.toString('utf8');
  const namespace = serviceAccountNamespace(dir);
  const hostPart = host.includes(':') ? `[${host}]` : host;
  const config: KubeConfig = {
    source: 'in-cluster',
    server: `https://${hostPart}:${port}`,
    ca,
    insecureSkipTLSVerify: false,
    auth: { type: 'tokenFile', path: tokenPath, reloadMs: options.reloadMs ?? TOKEN_RELOAD_MS },
  };
  if (namespace) config.namespace = namespace;
  return config;
}

/** The pod's namespace from its service-account mount, or undefined outside a pod (or when unreadable). */
export function serviceAccountNamespace(dir: string = SERVICE_ACCOUNT_DIR): string | undefined {
  const read = readBoundedSync(join(dir, 'namespace'), MAX_SERVICE_ACCOUNT_FILE_BYTES);
  return 'failure' in read ? undefined : read.bytes.toString('utf8').trim() || undefined;
}
