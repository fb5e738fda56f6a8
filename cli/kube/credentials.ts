// What each request carries to authenticate, obtained fresh when it may have changed: token files
// are re-read on an interval, exec plugins re-run when their credential expires, and either is
// refreshed once after a 401. Static tokens and certificates never change.
import { describeReadFailure, readBounded } from '../../platform/index.js';
import { OrkError } from '../../shared/errors.js';
import type { KubeConfig } from '../../shared/kube/index.js';
import { runExecPlugin, type ExecCredentialResult } from './exec-credential.js';
import { oidcTokenSource } from './oidc-credentials.js';

/** A bearer token is a few KiB; a larger token file is not one. */
const MAX_TOKEN_FILE_BYTES = 1024 * 1024;

export interface Credentials {
  authorization?: string;
  /** Client certificate for TLS; changes only with exec plugins that issue certificates. */
  clientCert?: { cert: string; key: string };
}

export interface CredentialSource {
  get(): Promise<Credentials>;
  /** Drops what is cached; true when a new `get()` may yield something different (worth a retry). */
  invalidate(): boolean;
}

/** An exec credential is renewed this long before it expires, so none expires in flight. */
const EXPIRY_MARGIN_MS = 10_000;

export interface CredentialDeps {
  now?: () => number;
  runExec?: typeof runExecPlugin;
}

export function credentialSourceFor(config: KubeConfig, deps: CredentialDeps = {}): CredentialSource {
  const now = deps.now ?? Date.now;
  const base: Credentials = config.clientCert ? { clientCert: config.clientCert } : {};
  const auth = config.auth;
  switch (auth.type) {
    case 'none':
      return fixed(base);
    case 'token':
      return fixed({ ...base, authorization: `Bearer ${auth.token}` });
    case 'basic':
      return fixed({ ...base, authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}` });
    case 'tokenFile': {
      let cached: { value: Credentials; readAt: number } | undefined;
      return {
        async get() {
          if (cached && now() - cached.readAt < auth.reloadMs) return cached.value;
          const token = await readToken(auth.path, config.source);
          cached = { value: { ...base, authorization: `Bearer ${token}` }, readAt: now() };
          return cached.value;
        },
        invalidate() {
          cached = undefined;
          return true;
        },
      };
    }
    case 'exec': {
      const run = deps.runExec ?? runExecPlugin;
      const cluster = { server: config.server, insecureSkipTLSVerify: config.insecureSkipTLSVerify, ...(config.ca ? { ca: config.ca } : {}), ...(config.tlsServerName ? { tlsServerName: config.tlsServerName } : {}) };
      let cached: { value: Credentials; expiresAt?: number } | undefined;
      let running: Promise<Credentials> | undefined;
      const fresh = () => cached !== undefined && (cached.expiresAt === undefined || cached.expiresAt - EXPIRY_MARGIN_MS > now());
      return {
        get() {
          if (fresh()) return Promise.resolve(cached!.value);
          // One plugin run for all requests that need it at the same time.
          running ??= run(auth.exec, cluster).then((r: ExecCredentialResult) => {
            const value: Credentials = { ...base };
            if (r.token) value.authorization = `Bearer ${r.token}`;
            if (r.clientCert) value.clientCert = r.clientCert;
            cached = r.expiresAt === undefined ? { value } : { value, expiresAt: r.expiresAt };
            return value;
          }).finally(() => { running = undefined; });
          return running;
        },
        invalidate() {
          cached = undefined;
          return true;
        },
      };
    }
    case 'oidc': {
      const tokens = oidcTokenSource(auth.oidc, config.source, now);
      return {
        get: async () => ({ ...base, authorization: `Bearer ${await tokens.get()}` }),
        invalidate: () => tokens.invalidate(),
      };
    }
  }
}

function fixed(value: Credentials): CredentialSource {
  return { get: () => Promise.resolve(value), invalidate: () => false };
}

async function readToken(path: string, source: string): Promise<string> {
  const read = await readBounded(path, MAX_TOKEN_FILE_BYTES);
  if ('failure' in read) {
    throw new OrkError('KUBE_CREDENTIALS_FAILED', `cannot read token file ${path} (${describeReadFailure(read.failure)})`, { source, retry: 'transient' });
  }
  const token = read.bytes.toString('utf8').trim();
  if (token === '') throw new OrkError('KUBE_CREDENTIALS_FAILED', `token file ${path} is empty`, { source, retry: 'transient' });
  return token;
}
