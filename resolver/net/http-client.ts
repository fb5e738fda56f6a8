// The one bounded, retrying HTTP GET (or token-exchange POST) that every remote source (https, helm, oci) uses. It owns TLS
// trust, timeouts, retries with backoff, manual redirects and size limits; it does NOT decide what a
// 401/404 means for a given source (errorForStatus offers the common wording) and never puts a
// header value or a URL's userinfo/query into a message: callers pass a sanitised `label`.
import { request } from 'undici';
import type { Dispatcher } from 'undici';
import { OrkError } from '../../shared/errors.js';
import { LIMITS } from '../../shared/limits.js';
import { sanitizeUrl } from './sanitize.js';
import { createAgent, type HttpConnections } from './connections.js';
import { describeNetworkError, isAbort, isConnectTimeout, isTimeoutError, tlsFailure } from './failures.js';
import { redirectTarget, withoutAuthorization } from './redirect.js';
import { DEFAULT_RETRY, isRetryableStatus, parseRetryAfter, retryDelay, type RetryPolicy } from './retry.js';

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
  /** Budget for one connection (TCP connect and TLS handshake); default timeoutMs. */
  connectTimeoutMs?: number;
  /** Extra PEM CA certificates trusted in addition to Node's bundled roots. */
  caCertificates?: string;
  /** Keep-alive pools shared with the other fetches of a resolve; without, one connection set per call. */
  connections?: HttpConnections;
  /** Caller's cancellation (overall deadline); if its reason is an OrkError, that error is thrown. */
  signal?: AbortSignal;
  retry?: Partial<RetryPolicy>;
  /** Permit plain `http://` to 127.0.0.1, ::1 and localhost (development and tests only). */
  allowHttpLoopback?: boolean;
  /**
   * POST these fields (application/x-www-form-urlencoded) instead of a GET: an OAuth2 token
   * exchange. Redirects are then refused, since the body may carry a credential.
   */
  form?: Record<string, string>;
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

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
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
  const budget = { timeoutMs, connectTimeoutMs: options.connectTimeoutMs ?? timeoutMs };
  const own = options.connections ? undefined : createAgent(options.caCertificates, budget);
  const agent = options.connections?.agent(options.caCertificates, budget) ?? own!;
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
  const form = options.form ? { method: 'POST' as const, body: new URLSearchParams(options.form).toString() } : { method: 'GET' as const };
  try {
    for (let hop = 0; ; hop++) {
      const res = await request(current, { ...form, headers, signal, dispatcher: agent });
      const status = res.statusCode;
      const resHeaders = flattenHeaders(res.headers);
      if (REDIRECT_STATUSES.has(status)) {
        await discard(res.body);
        const next = redirectTarget(current, start, resHeaders['location'], hop, options, (url) => assertAllowedScheme(url, options));
        if (next.origin !== start.origin) headers = withoutAuthorization(headers);
        current = next;
        continue;
      }
      if (isRetryableStatus(status)) {
        await discard(res.body);
        return { kind: 'retry', reason: `last status ${status}`, retryAfterMs: parseRetryAfter(resHeaders['retry-after']) };
      }
      return await finalAnswer(res, resHeaders, current, options);
    }
  } catch (err) {
    if (err instanceof OrkError) throw err;
    if (timer.signal.aborted || isTimeoutError(err)) {
      const connect = isConnectTimeout(err) && options.connectTimeoutMs !== undefined;
      throw new OrkError(
        'IMPORT_TIMEOUT',
        connect
          ? `no connection to ${current.host} within ${options.connectTimeoutMs} ms; the host is unreachable or slow, try again later`
          : `no complete answer from ${current.host} within ${timeoutMs} ms; the server is slow or unreachable, try again later`,
        { source: options.label, retry: 'transient', cause: err },
      );
    }
    throwIfCancelled(options, err);
    const tls = tlsFailure(err, current.host, options.label);
    if (tls) throw tls;
    return { kind: 'retry', reason: `${describeNetworkError(err)} (${current.host})` };
  } finally {
    clearTimeout(timeout);
  }
}

/** The body of a final (non-redirect, non-retried) answer, bounded; a truncated 2xx body is retried. */
async function finalAnswer(res: Dispatcher.ResponseData, resHeaders: Record<string, string>, current: URL, options: HttpGetOptions): Promise<Outcome> {
  const status = res.statusCode;
  const ok = status >= 200 && status < 300;
  const declared = parseContentLength(resHeaders['content-length']);
  if (ok && declared !== undefined && declared > options.maxBytes) {
    // Destroying an unread body may emit an abort error; with no listener it would be uncaught.
    res.body.on('error', () => undefined);
    res.body.destroy();
    throw tooLarge(options, `the server declares ${declared} bytes`);
  }
  const answer = await readBody(res.body, ok ? options.maxBytes : Math.min(options.maxBytes, ERROR_BODY_BYTES), ok, options);
  if (!ok) {
    // An error answer is acted on by its status; a broken error body changes nothing.
    const kept = Buffer.isBuffer(answer) ? answer : Buffer.alloc(0);
    return { kind: 'done', response: { status, headers: resHeaders, body: kept, finalUrl: current.href } };
  }
  const received = Buffer.isBuffer(answer) ? answer.length : answer.truncatedAfter;
  if (!Buffer.isBuffer(answer) || (declared !== undefined && received !== declared)) {
    const announced = declared === undefined ? '' : ` of ${declared} announced`;
    return { kind: 'retry', reason: `the response body was truncated after ${received} bytes${announced}` };
  }
  return { kind: 'done', response: { status, headers: resHeaders, body: answer, finalUrl: current.href } };
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

function requestHeaders(options: HttpGetOptions): Record<string, string> {
  const headers: Record<string, string> = { 'user-agent': 'orkestra-resolver' };
  if (options.accept) headers['accept'] = options.accept;
  if (options.form) headers['content-type'] = 'application/x-www-form-urlencoded';
  for (const [name, value] of Object.entries(options.headers ?? {})) headers[name.toLowerCase()] = value;
  return headers;
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
