// The one bounded, retrying HTTP GET that every remote source (https, helm, oci) uses. It owns TLS
// trust, timeouts, retries with backoff, manual redirects and size limits; it does NOT decide what a
// 401/404 means for a given source (errorForStatus offers the common wording) and never puts a
// header value or a URL's userinfo/query into a message: callers pass a sanitised `label`.
import { request } from 'undici';
import type { Dispatcher } from 'undici';
import { OrkError } from '../../shared/errors.js';
import { LIMITS } from '../../shared/limits.js';
import { sanitizeUrl } from './sanitize.js';
import { createAgent, type HttpConnections } from './connections.js';

export interface RetryPolicy {
  /** Attempts in all, first included. */
  maxAttempts: number;
  /** Delay before the second attempt; doubles each time, with jitter. */
  baseDelayMs: number;
  /** Cap on any single wait, a server's Retry-After included. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: LIMITS.maxAttempts,
  baseDelayMs: 500,
  maxDelayMs: LIMITS.maxBackoffMs,
};

export interface HttpGetOptions {
  /** Sanitised name of what is fetched (`url:https://host/path`); the `source` of every error. */
  label: string;
  /** Largest body accepted for a 2xx answer; more is IMPORT_TOO_LARGE, detected while streaming. */
  maxBytes: number;
  /** Request headers. `authorization` is dropped as soon as a redirect leaves the original origin. */
  headers?: Record<string, string>;
  accept?: string;
  /** Budget for one attempt: connect, redirects, headers and whole body. Default LIMITS.requestTimeoutMs. */
  timeoutMs?: number;
  /** Extra PEM CA certificates trusted in addition to Node's bundled roots. */
  caCertificates?: string;
  /** Keep-alive pools shared with the other fetches of a resolve; without, one connection set per call. */
  connections?: HttpConnections;
  /** Caller's cancellation (overall deadline); if its reason is an OrkError, that error is thrown. */
  signal?: AbortSignal;
  retry?: Partial<RetryPolicy>;
  /** Permit plain `http://` to 127.0.0.1, ::1 and localhost (development and tests only). */
  allowHttpLoopback?: boolean;
}

export interface HttpResponse {
  /** Final status: 2xx, or a 4xx/3xx that is not retried; 408/429/5xx only ever end in a throw. */
  status: number;
  /** Lower-case names; repeated headers joined with `, `. */
  headers: Record<string, string>;
  /** The whole body for 2xx; for other statuses at most the first ERROR_BODY_BYTES of it. */
  body: Buffer;
  /** URL after redirects (may hold a query string: sanitise before showing it). */
  finalUrl: string;
}

/** How much of a non-2xx body is kept (error details, OCI auth challenges); the rest is discarded. */
export const ERROR_BODY_BYTES = 64 * 1024;

const MAX_REDIRECTS = LIMITS.maxRedirects;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const CERTIFICATE_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_REVOKED',
  'CERT_SIGNATURE_FAILURE',
  'INVALID_CA',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status <= 599);
}

/**
 * GET a URL: follows up to 5 redirects by hand (refusing https→http and stripping Authorization
 * when the origin changes), retries 408/429/5xx and network errors with exponential backoff and
 * jitter (honouring Retry-After, capped), verifies TLS always, and bounds time and bytes.
 * Throws OrkError: IMPORT_INVALID (scheme), IMPORT_TIMEOUT, IMPORT_TOO_LARGE, IMPORT_FETCH_FAILED
 * (retries exhausted: retry class 'transient'; TLS or redirect refusals: 'never').
 * Timeouts are not retried: a server that does not answer within the budget gets no second budget.
 */
export async function httpGet(url: string, options: HttpGetOptions): Promise<HttpResponse> {
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  const timeoutMs = options.timeoutMs ?? LIMITS.requestTimeoutMs;
  const start = parseAllowedUrl(url, options);
  const own = options.connections ? undefined : createAgent(options.caCertificates, timeoutMs);
  const agent = options.connections?.agent(options.caCertificates, timeoutMs) ?? own!;
  try {
    let lastFailure = '';
    for (let attempt = 1; attempt <= policy.maxAttempts; attempt++) {
      throwIfCancelled(options);
      const outcome = await attemptOnce(start, options, agent, timeoutMs);
      if (outcome.kind === 'done') return outcome.response;
      lastFailure = outcome.reason;
      if (attempt < policy.maxAttempts) {
        await sleep(retryDelay(attempt, outcome.retryAfterMs, policy), options);
      }
    }
    throw new OrkError(
      'IMPORT_FETCH_FAILED',
      `gave up after ${policy.maxAttempts} attempts: ${lastFailure}; the server may be overloaded or down, try again later`,
      { source: options.label, retry: 'transient' },
    );
  } finally {
    await own?.destroy().catch(() => undefined);
  }
}

/**
 * The usual meaning of a final non-2xx status for an import, worded for the user:
 * 401/403 → IMPORT_AUTH_FAILED naming the auth variables (never their values), 404 →
 * IMPORT_NOT_FOUND (private files on GitHub and similar hosts answer 404 without a valid token),
 * anything else → IMPORT_FETCH_FAILED.
 */
export function errorForStatus(status: number, label: string, authVariables: readonly string[]): OrkError {
  const vars = authVariables.map((v) => `$${v}`).join(' and ');
  const source = { source: label };
  if (status === 401) {
    return vars
      ? new OrkError('IMPORT_AUTH_FAILED', `credentials in ${vars} were rejected (401); check that they are valid and not expired`, source)
      : new OrkError('IMPORT_AUTH_FAILED', 'the server requires credentials (401); add auth: naming the environment variable that holds them', source);
  }
  if (status === 403) {
    return vars
      ? new OrkError('IMPORT_AUTH_FAILED', `credentials in ${vars} lack access (403); grant them read access to this resource`, source)
      : new OrkError('IMPORT_AUTH_FAILED', 'access denied (403); if the resource is private, add auth: naming the environment variable that holds a credential', source);
  }
  if (status === 404) {
    const hint = vars
      ? `check the address, and that ${vars} holds a token that can read it: private files on GitHub answer 404, not 401, to a token without access`
      : 'check the address; if it is a private file (GitHub answers 404 for private files requested without a valid token), add auth:';
    return new OrkError('IMPORT_NOT_FOUND', `not found (404); ${hint}`, source);
  }
  return new OrkError('IMPORT_FETCH_FAILED', `the server answered ${status}`, {
    ...source,
    retry: isRetryableStatus(status) ? 'transient' : 'never',
  });
}

type Outcome =
  | { kind: 'done'; response: HttpResponse }
  | { kind: 'retry'; reason: string; retryAfterMs?: number };

/** One attempt: the redirect chain and the final body, all under one timeout. */
async function attemptOnce(start: URL, options: HttpGetOptions, agent: Dispatcher, timeoutMs: number): Promise<Outcome> {
  const timer = new AbortController();
  const timeout = setTimeout(() => timer.abort(), timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timer.signal]) : timer.signal;
  let current = start;
  let headers = requestHeaders(options);
  try {
    for (let hop = 0; ; hop++) {
      const res = await request(current, { method: 'GET', headers, signal, dispatcher: agent });
      const status = res.statusCode;
      const resHeaders = flattenHeaders(res.headers);
      if (REDIRECT_STATUSES.has(status)) {
        await discard(res.body);
        const next = redirectTarget(current, start, resHeaders['location'], hop, options);
        if (next.origin !== start.origin) headers = withoutAuthorization(headers);
        current = next;
        continue;
      }
      if (isRetryableStatus(status)) {
        await discard(res.body);
        return { kind: 'retry', reason: `last status ${status}`, retryAfterMs: parseRetryAfter(resHeaders['retry-after']) };
      }
      const ok = status >= 200 && status < 300;
      const declared = parseContentLength(resHeaders['content-length']);
      if (ok && declared !== undefined && declared > options.maxBytes) {
        // Destroying an unread body may emit an abort error; with no listener it would be uncaught.
        res.body.on('error', () => undefined);
        res.body.destroy();
        throw tooLarge(options, `the server declares ${declared} bytes`);
      }
      const body = await readBody(res.body, ok ? options.maxBytes : Math.min(options.maxBytes, ERROR_BODY_BYTES), ok, options);
      if (!ok) {
        // An error answer is acted on by its status; a broken error body changes nothing.
        const kept = Buffer.isBuffer(body) ? body : Buffer.alloc(0);
        return { kind: 'done', response: { status, headers: resHeaders, body: kept, finalUrl: current.href } };
      }
      const received = Buffer.isBuffer(body) ? body.length : body.truncatedAfter;
      if (!Buffer.isBuffer(body) || (declared !== undefined && received !== declared)) {
        const announced = declared === undefined ? '' : ` of ${declared} announced`;
        return { kind: 'retry', reason: `the response body was truncated after ${received} bytes${announced}` };
      }
      return { kind: 'done', response: { status, headers: resHeaders, body, finalUrl: current.href } };
    }
  } catch (err) {
    if (err instanceof OrkError) throw err;
    if (timer.signal.aborted || isTimeoutError(err)) {
      throw new OrkError(
        'IMPORT_TIMEOUT',
        `no complete answer from ${current.host} within ${timeoutMs} ms; the server is slow or unreachable, try again later`,
        { source: options.label, retry: 'transient', cause: err },
      );
    }
    throwIfCancelled(options, err);
    const tlsCode = tlsErrorCode(err);
    if (tlsCode) {
      throw new OrkError(
        'IMPORT_FETCH_FAILED',
        tlsCode.startsWith('ERR_SSL_')
          ? `the TLS handshake with ${current.host} failed (${tlsCode}); check that the server speaks https on this port`
          : `the TLS certificate of ${current.host} could not be verified (${tlsCode}); if it is issued by a private CA, pass that CA's PEM certificate with --ca-file (or $ORKESTRA_CA_FILE)`,
        { source: options.label, cause: err },
      );
    }
    return { kind: 'retry', reason: `${describeNetworkError(err)} (${current.host})` };
  } finally {
    clearTimeout(timeout);
  }
}

function parseAllowedUrl(raw: string, options: HttpGetOptions): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OrkError('IMPORT_INVALID', `not a valid URL: ${sanitizeUrl(raw)}`, { source: options.label });
  }
  assertAllowedScheme(url, options);
  return url;
}

function assertAllowedScheme(url: URL, options: HttpGetOptions): void {
  if (url.protocol === 'https:') return;
  if (url.protocol === 'http:' && options.allowHttpLoopback && isLoopbackHost(url.hostname)) return;
  const shown = sanitizeUrl(url.href);
  throw new OrkError(
    'IMPORT_INVALID',
    url.protocol === 'http:'
      ? `plain http is refused (${shown}): imports are fetched over https:// only`
      : `unsupported scheme ${url.protocol} in ${shown}: use https://`,
    { source: options.label },
  );
}

export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || hostname === '::1' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

function redirectTarget(current: URL, start: URL, location: string | undefined, hop: number, options: HttpGetOptions): URL {
  const fail = (message: string): OrkError => new OrkError('IMPORT_FETCH_FAILED', message, { source: options.label });
  if (location === undefined || location === '') throw fail(`${current.host} answered a redirect without a Location header`);
  let next: URL;
  try {
    next = new URL(location, current);
  } catch {
    throw fail(`${current.host} redirected to an invalid URL`);
  }
  if (start.protocol === 'https:' && next.protocol !== 'https:') {
    throw fail(`refused a redirect from https to ${sanitizeUrl(next.href)}: an import fetched over https must stay on https`);
  }
  if (hop + 1 > MAX_REDIRECTS) throw fail(`more than ${MAX_REDIRECTS} redirects; point the import at the final address`);
  assertAllowedScheme(next, options);
  return next;
}

function requestHeaders(options: HttpGetOptions): Record<string, string> {
  const headers: Record<string, string> = { 'user-agent': 'orkestra-resolver' };
  if (options.accept) headers['accept'] = options.accept;
  for (const [name, value] of Object.entries(options.headers ?? {})) headers[name.toLowerCase()] = value;
  return headers;
}

function withoutAuthorization(headers: Record<string, string>): Record<string, string> {
  const { authorization: _dropped, ...rest } = headers;
  return rest;
}

function flattenHeaders(raw: Dispatcher.ResponseData['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function parseContentLength(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value.trim())) return undefined;
  return Number(value.trim());
}

/**
 * Reads at most `limit` bytes. Over the limit: IMPORT_TOO_LARGE when `strict` (a 2xx body), else
 * the first `limit` bytes (an error body). `truncatedAfter` when the stream broke before its end.
 */
async function readBody(
  body: Dispatcher.ResponseData['body'],
  limit: number,
  strict: boolean,
  options: HttpGetOptions,
): Promise<Buffer | { truncatedAfter: number }> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      const buf = chunk as Buffer;
      if (size + buf.length > limit) {
        body.destroy();
        if (strict) throw tooLarge(options, 'the body');
        chunks.push(buf.subarray(0, limit - size));
        return Buffer.concat(chunks);
      }
      size += buf.length;
      chunks.push(buf);
    }
  } catch (err) {
    if (err instanceof OrkError || isAbort(err) || isTimeoutError(err)) throw err;
    return { truncatedAfter: size };
  }
  return Buffer.concat(chunks);
}

async function discard(body: Dispatcher.ResponseData['body']): Promise<void> {
  // Small bodies are drained so the connection can be reused; large ones are cut off.
  await body.dump({ limit: ERROR_BODY_BYTES }).catch(() => undefined);
}

function tooLarge(options: HttpGetOptions, what: string): OrkError {
  return new OrkError(
    'IMPORT_TOO_LARGE',
    `${what} exceeds the limit of ${options.maxBytes} bytes for this import; nothing more was read`,
    { source: options.label },
  );
}

/** Retry-After as seconds or an HTTP date, in ms from now; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // An HTTP date always names a day or month; this keeps Date.parse from reading "-1" as a year.
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Wait before attempt `attempt + 1`: Retry-After when given, else base·2^(attempt−1) with jitter; always ≤ maxDelayMs. */
export function retryDelay(attempt: number, retryAfterMs: number | undefined, policy: RetryPolicy, random: () => number = Math.random): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, policy.maxDelayMs);
  const exponential = Math.min(policy.baseDelayMs * 2 ** (attempt - 1), policy.maxDelayMs);
  // Jitter in [½, 1] of the step spreads clients that failed together without shrinking the wait much.
  return Math.round(exponential * (0.5 + random() / 2));
}

function sleep(ms: number, options: HttpGetOptions): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const signal = options.signal;
    const onAbort = (): void => {
      clearTimeout(timer);
      try {
        throwIfCancelled(options);
      } catch (err) {
        reject(err);
      }
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function throwIfCancelled(options: HttpGetOptions, cause?: unknown): void {
  const signal = options.signal;
  if (!signal?.aborted) return;
  if (signal.reason instanceof OrkError) throw signal.reason;
  throw new OrkError('IMPORT_TIMEOUT', 'the fetch was cancelled before it completed (overall deadline reached)', {
    source: options.label,
    retry: 'transient',
    cause: cause ?? signal.reason,
  });
}

function errorCodes(err: unknown): string[] {
  const codes: string[] = [];
  let e: unknown = err;
  for (let depth = 0; depth < 5 && e && typeof e === 'object'; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    e = (e as { cause?: unknown }).cause;
  }
  return codes;
}

function tlsErrorCode(err: unknown): string | undefined {
  return errorCodes(err).find((c) => CERTIFICATE_CODES.has(c) || c.startsWith('ERR_SSL_'));
}

function isTimeoutError(err: unknown): boolean {
  return errorCodes(err).some((c) => c === 'UND_ERR_CONNECT_TIMEOUT' || c === 'UND_ERR_HEADERS_TIMEOUT' || c === 'UND_ERR_BODY_TIMEOUT');
}

function isAbort(err: unknown): boolean {
  return (err as { name?: unknown } | null)?.name === 'AbortError' || errorCodes(err).includes('UND_ERR_ABORTED');
}

function describeNetworkError(err: unknown): string {
  const code = errorCodes(err)[0];
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return 'the connection was closed by the server';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host name not found';
    case 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH':
      return 'the response body was truncated';
    default:
      return code ? `network error ${code}` : 'network error';
  }
}
