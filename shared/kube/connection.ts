// The connection description: which API server, which CAs, which credentials. Loaded from a
// kubeconfig or the in-cluster service account by cli/kube/config.ts; read by the client and
// by `ork plan` (whose identity it names). Types only — and it holds secrets, so never log it whole.

export interface ExecConfig {
  apiVersion: 'client.authentication.k8s.io/v1' | 'client.authentication.k8s.io/v1beta1';
  command: string;
  args: string[];
  /** Added to the controller's own environment for the plugin. */
  env: { name: string; value: string }[];
  installHint?: string;
  provideClusterInfo: boolean;
  /** The kubeconfig's directory: a relative command with a `/` is resolved against it. */
  dir: string;
}

/** How requests prove who they are, besides a static client certificate. */
export type AuthConfig =
  | { type: 'none' }
  | { type: 'token'; token: string }
  /** Re-read every `reloadMs`: projected service-account tokens rotate (hourly by default). */
  | { type: 'tokenFile'; path: string; reloadMs: number }
  | { type: 'basic'; username: string; password: string }
  | { type: 'exec'; exec: ExecConfig }
  /** kubectl's `auth-provider: {name: oidc}`: the id-token until it expires, then a refresh. */
  | { type: 'oidc'; oidc: OidcConfig };

export interface OidcConfig {
  idToken?: string;
  refreshToken?: string;
  issuerUrl?: string;
  clientId?: string;
  clientSecret?: string;
  /** PEM of the CAs for the issuer (idp-certificate-authority(-data)); system roots when absent. */
  issuerCa?: string;
}

/** A resolved connection: holds secrets, so never log it whole. */
export interface KubeConfig {
  /** For messages: `<kubeconfig path> (context <name>)` or `in-cluster`. */
  source: string;
  /** `https://host:port` (or `http://` for a local proxy), no trailing slash. */
  server: string;
  /** PEM bundle of the CAs to trust; the system roots when absent. */
  ca?: string;
  tlsServerName?: string;
  /** An http:// proxy reached with CONNECT: kubeconfig `proxy-url`, else HTTPS_PROXY/NO_PROXY. */
  proxyUrl?: string;
  insecureSkipTLSVerify: boolean;
  /** The context's namespace (or the pod's, in-cluster). */
  namespace?: string;
  clientCert?: { cert: string; key: string };
  auth: AuthConfig;
  /** kubectl's `as`, `as-uid`, `as-groups`, `as-user-extra`: act as this identity (Impersonate-* headers). */
  impersonate?: Impersonation;
}

export interface Impersonation {
  user: string;
  uid?: string;
  groups: string[];
  extra: Record<string, string[]>;
}
