// The OIDC auth-provider's credential: the kubeconfig's id-token while its JWT `exp` is ahead, then
// a refresh — the issuer's discovery document (`/.well-known/openid-configuration`) names the
// token endpoint, which gets grant_type=refresh_token. Refreshed tokens stay in memory: unlike
// kubectl we do not write them back to the kubeconfig (often a read-only Secret mount, and shared
// with a kubectl that may be rewriting it at the same moment). Tokens never reach a message.
import type { Agent, request } from './undici-core.js';
import { OrkError } from '../../shared/errors.js';
import type { OidcConfig } from '../../shared/kube/index.js';
import { registerSecret } from '../../shared/secrets.js';

/** Refresh this long before the id-token expires, so none expires in flight. */
const EXPIRY_MARGIN_MS = 10_000;
const TIMEOUT_MS = 30_000;
const MAX_BODY_BYTES = 1024 * 1024;

export interface OidcToken { idToken: string; expiresAt?: number }

/** Expiry (ms since epoch) from a JWT's `exp`; undefined when the token is not a readable JWT. */
export function jwtExpiry(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const exp = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

export function oidcTokenSource(oidc: OidcConfig, source: string, now: () => number = Date.now): { get(): Promise<string>; invalidate(): boolean } {
  let current: OidcToken | undefined = oidc.idToken ? withExpiry(oidc.idToken) : undefined;
  let refreshToken = oidc.refreshToken;
  let running: Promise<string> | undefined;
  const fresh = () => current !== undefined && (current.expiresAt === undefined || current.expiresAt - EXPIRY_MARGIN_MS > now());
  return {
    get() {
      if (fresh()) return Promise.resolve(current!.idToken);
      running ??= refresh(oidc, refreshToken, source).then((r) => {
        current = withExpiry(r.idToken);
        if (r.refreshToken) refreshToken = r.refreshToken;
        return r.idToken;
      }).finally(() => { running = undefined; });
      return running;
    },
    invalidate() {
      // After a 401 the id-token is worth replacing only when we can refresh it.
      if (!refreshToken) return false;
      current = undefined;
      return true;
    },
  };
}

function withExpiry(idToken: string): OidcToken {
  const expiresAt = jwtExpiry(idToken);
  return expiresAt === undefined ? { idToken } : { idToken, expiresAt };
}

async function refresh(oidc: OidcConfig, refreshToken: string | undefined, source: string): Promise<{ idToken: string; refreshToken?: string }> {
  const fail = (message: string) => new OrkError('KUBE_CREDENTIALS_FAILED', `OIDC auth-provider: ${message}`, { source, retry: 'transient' });
  if (!refreshToken || !oidc.issuerUrl || !oidc.clientId) throw fail('the id-token has expired and there is no refresh-token, idp-issuer-url and client-id to renew it; log in again');
  // undici only here, loaded on the first refresh: a controller without OIDC never loads it.
  const { Agent: UndiciAgent } = await import('./undici-core.js');
  const dispatcher = new UndiciAgent({ connect: { ...(oidc.issuerCa ? { ca: oidc.issuerCa } : {}), timeout: TIMEOUT_MS } });
  try {
    const discoveryUrl = `${oidc.issuerUrl.replace(/\/+$/, '')}/.well-known/openid-configuration`;
    const discovery = await call(dispatcher, discoveryUrl, undefined, fail) as { token_endpoint?: unknown };
    if (typeof discovery.token_endpoint !== 'string' || !discovery.token_endpoint.startsWith('https://')) throw fail(`${discoveryUrl} names no https token_endpoint`);
    const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: oidc.clientId });
    if (oidc.clientSecret) form.set('client_secret', oidc.clientSecret);
    const answer = await call(dispatcher, discovery.token_endpoint, form.toString(), fail) as { id_token?: unknown; refresh_token?: unknown };
    if (typeof answer.id_token !== 'string' || answer.id_token === '') throw fail(`the token endpoint ${discovery.token_endpoint} returned no id_token`);
    registerSecret(answer.id_token);
    if (typeof answer.refresh_token === 'string' && answer.refresh_token !== '') {
      registerSecret(answer.refresh_token);
      return { idToken: answer.id_token, refreshToken: answer.refresh_token };
    }
    return { idToken: answer.id_token };
  } finally {
    await dispatcher.close();
  }
}

async function call(dispatcher: Agent, url: string, form: string | undefined, fail: (m: string) => OrkError): Promise<unknown> {
  const { request: send } = await import('./undici-core.js');
  let res: Awaited<ReturnType<typeof request>>;
  try {
    res = await send(url, {
      dispatcher,
      method: form === undefined ? 'GET' : 'POST',
      headers: { accept: 'application/json', ...(form === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' }) },
      ...(form === undefined ? {} : { body: form }),
      headersTimeout: TIMEOUT_MS,
      bodyTimeout: TIMEOUT_MS,
    });
  } catch (e) {
    throw fail(`cannot reach ${url}: ${(e as Error).message}`);
  }
  const text = await res.body.text();
  // The body of an error answer may echo what we sent; it is never shown.
  if (res.statusCode < 200 || res.statusCode >= 300) throw fail(`${url} answered HTTP ${res.statusCode}`);
  if (text.length > MAX_BODY_BYTES) throw fail(`${url} answered more than ${MAX_BODY_BYTES} bytes`);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw fail(`${url} did not answer JSON`);
  }
}
