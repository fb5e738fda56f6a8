// Where the controller finds its API server and credentials: an explicit kubeconfig, KUBECONFIG,
// the in-cluster service account, then ~/.kube/config (controller-runtime's order). Reads files
// only; credential plugins run later, when the client first needs a credential.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { OrkError } from '../../shared/errors.js';
import type { KubeConfig } from '../../shared/kube/index.js';

export type { AuthConfig, ExecConfig, KubeConfig } from '../../shared/kube/index.js';
import { loadKubeconfigFiles } from './kubeconfig.js';
import { proxyFromEnv } from './proxy-tunnel.js';
import { loadInClusterConfig, SERVICE_ACCOUNT_DIR } from './in-cluster.js';

export interface LoadKubeConfigOptions {
  env: Record<string, string | undefined>;
  /** An explicit kubeconfig (e.g. `--kubeconfig`); wins over everything else. */
  path?: string;
  /** A context other than current-context. */
  context?: string;
  /**
   * Told about settings that are honoured but weaken security (today `insecure-skip-tls-verify:
   * true`, which kubectl also honours). Commands print these to stderr; without a callback the
   * warning goes to this process's stderr, never nowhere.
   */
  onWarning?: (message: string) => void;
  /** For tests: where the service account files are mounted. */
  serviceAccountDir?: string;
}

export function loadKubeConfig(options: LoadKubeConfigOptions): KubeConfig {
  const config = loadWithoutProxyEnv(options);
  // kubectl: the cluster's proxy-url wins; else HTTPS_PROXY unless NO_PROXY names the server.
  if (config.proxyUrl === undefined) {
    const proxy = proxyFromEnv(config.server, options.env);
    if (proxy) {
      if (!/^http:\/\/[^/]+\/?$/.test(proxy)) throw new OrkError('KUBECONFIG_INVALID', 'HTTPS_PROXY must be an http://host:port proxy (https:// and socks5:// proxies are not supported); unset it or add the API server to NO_PROXY', { source: config.source });
      config.proxyUrl = proxy;
    }
  }
  return config;
}

function loadWithoutProxyEnv(options: LoadKubeConfigOptions): KubeConfig {
  const { env } = options;
  const fileOptions = { context: options.context, onWarning: options.onWarning ?? warnOnStderr };
  if (options.path) return loadKubeconfigFiles([options.path], fileOptions);
  const list = (env.KUBECONFIG ?? '').split(':').filter((p) => p !== '');
  if (list.length > 0) return loadKubeconfigFiles(list, fileOptions);
  if (env.KUBERNETES_SERVICE_HOST) return loadInClusterConfig({ env, dir: options.serviceAccountDir ?? SERVICE_ACCOUNT_DIR });
  const home = env.HOME || homedir();
  const defaultPath = join(home, '.kube', 'config');
  if (!existsSync(defaultPath)) {
    throw new OrkError('KUBECONFIG_INVALID', `no Kubernetes configuration found: set KUBECONFIG, pass a kubeconfig path, create ${defaultPath}, or run inside a cluster`);
  }
  return loadKubeconfigFiles([defaultPath], fileOptions);
}

function warnOnStderr(message: string): void {
  process.stderr.write(`warning: ${message}\n`);
}
