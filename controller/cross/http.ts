// The controller's one outbound HTTP(S) request, for remote cross reads and `external` calls alike:
// a timeout, a cap on the answer's size (read as a stream, abandoned past the cap), no redirects
// (a 3xx could lead anywhere the Katalog does not name), a URL's user:password moved into a Basic
// header. Errors are one short reason that never carries a URL's credentials or query.

export const DEFAULT_HTTP_TIMEOUT_MS = 5_000;
export const DEFAULT_HTTP_MAX_BYTES = 1 << 20;

export interface BoundedRequest {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs?: number;
  maxBytes?: number;
}

export interface BoundedAnswer {
  status: number;
  text: string;
}

/** Why a request got no answer, as a short reason (`no answer within 5000 ms`, …). */
export class HttpCallError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'HttpCallError';
  }
}

/**
 * The answer's status and text (any status: the caller decides what counts).
 * @throws HttpCallError on a timeout, a refused connection, a redirect or an answer too large.
 */
export async function boundedRequest(request: BoundedRequest): Promise<BoundedAnswer> {
  const timeoutMs = request.timeoutMs ?? DEFAULT_HTTP_TIMEOUT_MS;
  const maxBytes = request.maxBytes ?? DEFAULT_HTTP_MAX_BYTES;
  try {
    const target = new URL(request.url);
    const headers: Record<string, string> = { ...(request.headers ?? {}) };
    if (target.username || target.password) {
      headers.authorization ??= `Basic ${Buffer.from(`${decodeURIComponent(target.username)}:${decodeURIComponent(target.password)}`).toString('base64')}`;
      target.username = '';
      target.password = '';
    }
    const response = await fetch(target, {
      method: request.method ?? 'GET',
      headers,
      ...(request.body !== undefined ? { body: request.body } : {}),
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (response.status >= 300 && response.status < 400 && response.headers.has('location')) {
      await response.body?.cancel();
      throw new HttpCallError(`HTTP ${response.status} redirect, not followed`);
    }
    return { status: response.status, text: await readCapped(response, maxBytes) };
  } catch (e) {
    if (e instanceof HttpCallError) throw e;
    const name = e instanceof Error ? e.name : '';
    if (name === 'TimeoutError' || name === 'AbortError') throw new HttpCallError(`no answer within ${timeoutMs} ms`);
    throw new HttpCallError(networkReason(e));
  }
}

/** The URL as it may be shown: no user:password, no query (tokens travel there too). */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}${u.search ? '?…' : ''}`;
  } catch {
    return '<unparsable URL>';
  }
}

/** fetch's "fetch failed" says nothing; its cause (ECONNREFUSED, a TLS error) does. */
function networkReason(e: unknown): string {
  const cause = e instanceof Error ? (e.cause as { code?: string; message?: string } | undefined) : undefined;
  if (cause?.code) return `${cause.code}${cause.message && !cause.message.includes('://') ? `: ${cause.message}` : ''}`;
  if (e instanceof TypeError && e.message.includes('Invalid URL')) return 'not a URL';
  return e instanceof Error ? e.message.replace(/https?:\/\/\S+/g, '<url>') : String(e);
}

async function readCapped(response: Response, maxBytes: number): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new HttpCallError(`the answer is larger than ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
