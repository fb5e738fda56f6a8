// cli/kube: the Kubernetes client both programs use — kubeconfig and in-cluster loading,
// credentials (tokens, exec plugins), the HTTPS transport and the REST client. It lives in the
// composition root: the CLI builds it and hands the shared/kube KubeClient interface to the
// controller and the resolver, so neither imports the other and shared/ stays free of I/O.
import type { KubeClient } from '../../shared/kube/index.js';
import { loadKubeConfig } from './config.js';
import { createKubeClient } from './http-client.js';

export { loadKubeConfig, type LoadKubeConfigOptions } from './config.js';
export { serviceAccountNamespace } from './in-cluster.js';
export { createKubeClient, type HttpKubeClient, type KubeClientOptions } from './http-client.js';

/** A client for `--kubeconfig FILE` (an absolute path) or, without it, the default search order. */
export function kubeClientFor(env: Record<string, string | undefined>, kubeconfig: string | undefined, userAgent: string): KubeClient {
  return createKubeClient(loadKubeConfig({ env, ...(kubeconfig ? { path: kubeconfig } : {}) }), { userAgent });
}
