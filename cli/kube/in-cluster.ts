// The in-cluster configuration: the API server from KUBERNETES_SERVICE_HOST/PORT, the pod's
// service account token (re-read periodically, bound tokens rotate), CA and namespace.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OrkError } from '../../shared/errors.js';
import type { KubeConfig } from '../../shared/kube/index.js';

export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';
/** client-go re-reads the token every minute; kubelet refreshes it at 80 % of its lifetime. */
export const TOKEN_RELOAD_MS = 60_000;

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
  let ca: string;
  try {
    ca = readFileSync(caPath, 'utf8');
  } catch {
    throw new OrkError('KUBECONFIG_INVALID', `${caPath} cannot be read: the cluster CA is needed to verify the API server`, { source: 'in-cluster' });
  }
  let namespace: string | undefined;
  try {
    namespace = readFileSync(join(dir, 'namespace'), 'utf8').trim() || undefined;
  } catch {
    namespace = undefined;
  }
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
