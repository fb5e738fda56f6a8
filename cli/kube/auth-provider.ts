// kubectl's `auth-provider` user entry. Only `oidc` still exists in kubectl; `gcp` and `azure` were
// removed (Kubernetes 1.26) in favour of exec plugins, so those are refused naming the plugin to
// use. Every token and secret read here is registered with the scrub before anything can print it.
import { OrkError } from '../../shared/errors.js';
import type { OidcConfig } from '../../shared/kube/index.js';
import { registerSecret } from '../../shared/secrets.js';

type Dict = Record<string, unknown>;
/** Reads `<key>-data` (base64 PEM) or `<key>` (a file beside the kubeconfig) from `body`. */
export type ReadPem = (body: Dict, dataKey: string, fileKey: string) => string | undefined;

const REPLACED_BY: Record<string, string> = {
  gcp: 'gke-gcloud-auth-plugin (exec plugin; `gcloud components install gke-gcloud-auth-plugin`, then `gcloud container clusters get-credentials`)',
  azure: 'kubelogin (exec plugin; `kubelogin convert-kubeconfig`)',
};

export function authProviderPart(raw: unknown, file: string, at: string, readPem: ReadPem): OidcConfig {
  const fail = (message: string) => new OrkError('KUBECONFIG_INVALID', `${file}: ${at}.auth-provider${message}`, { source: file });
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw fail(' must be a mapping with name and config');
  const { name, config } = raw as Dict;
  if (typeof name === 'string' && REPLACED_BY[name]) {
    throw fail(`.name is ${name}: kubectl removed this provider in Kubernetes 1.26; use ${REPLACED_BY[name]}`);
  }
  if (name !== 'oidc') throw fail(`.name ${JSON.stringify(name)} is not supported; only oidc is (or use an exec credential plugin)`);
  if (config !== undefined && (typeof config !== 'object' || config === null || Array.isArray(config))) throw fail('.config must be a mapping');
  const body = (config ?? {}) as Dict;
  const text = (key: string): string | undefined => {
    const v = body[key];
    if (v === undefined || v === null || v === '') return undefined;
    if (typeof v !== 'string') throw fail(`.config.${key} must be a string`);
    return v;
  };
  const oidc: OidcConfig = {};
  const idToken = text('id-token');
  const refreshToken = text('refresh-token');
  const issuerUrl = text('idp-issuer-url');
  const clientId = text('client-id');
  const clientSecret = text('client-secret');
  for (const secret of [idToken, refreshToken, clientSecret]) if (secret) registerSecret(secret);
  if (idToken) oidc.idToken = idToken;
  if (refreshToken) oidc.refreshToken = refreshToken;
  if (issuerUrl) oidc.issuerUrl = issuerUrl;
  if (clientId) oidc.clientId = clientId;
  if (clientSecret) oidc.clientSecret = clientSecret;
  const ca = readPem(body, 'idp-certificate-authority-data', 'idp-certificate-authority');
  if (ca) oidc.issuerCa = ca;
  if (!idToken && !refreshToken) throw fail('.config has neither id-token nor refresh-token; log in again (e.g. `kubectl oidc-login`)');
  if (refreshToken && (!issuerUrl || !clientId)) throw fail('.config has a refresh-token but no idp-issuer-url or client-id; both are needed to refresh');
  if (issuerUrl && !issuerUrl.startsWith('https://')) throw fail('.config.idp-issuer-url must be an https:// URL');
  return oidc;
}
