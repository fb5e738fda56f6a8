// HTTP to the API server: one keep-alive pool per client for ordinary requests (bounded
// connections, one request per connection at a time) and one for watches, which hold a connection
// each for minutes and must not starve the writes. Node's own http/https (cli/kube/http-pool.ts).
// Credentials come from a CredentialSource; TLS from the KubeConfig.
// Knows nothing of Kubernetes objects: bytes in, status and bytes out.
import type { Readable } from 'node:stream';
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { createPool, poolRequest, type Pool } from './http-pool.js';
import type { KubeConfig, KubeRequestObserver } from '../../shared/kube/index.js';
import type { CredentialSource, Credentials } from './credentials.js';
import { MAX_ERROR_BODY_BYTES, stripQuery } from '../../shared/kube/index.js';
import { KubeError } from '../../shared/kube/index.js';

export interface TransportOptions {
  userAgent: string;
  /** Whole-request limit for non-watch calls (headers and body). */
  timeoutMs: number;
  /** Concurrent connections (= requests in flight) for non-watch calls. */
  maxConnections: number;
  maxResponseBytes: number;
  /** Told of every request attempt (the controller's rest_client_* metrics). */
  observer?: KubeRequestObserver | undefined;
}

export interface ConnectionStats {
  /** TCP(+TLS) connections opened since the client was created, watches included. */
  opened: number;
  /** Open right now. */
  open: number;
  peakOpen: number;
}

export interface SendRequest {
  method: string;
  path: string;
  body?: string;
  contentType?: string;
  /** Default `application/json`. */
  accept?: string;
}

export interface Answer {
  status: number;
  body: Buffer;
}

/** The API server closes idle HTTP/1.1 connections after 90 s; we let go well before it does. */
const KEEP_ALIVE_MS = 30_000;
const CONNECT_TIMEOUT_MS = 10_000;

interface Pools { key: string; requests: Pool; watches: Pool }

export class KubeTransport {
  private pools: Pools | undefined;
  private readonly retired: Pool[] = [];
  /** Every socket open now, so that close() can wait for them. */
  private readonly sockets = new Set<Socket>();
  private readonly counts: ConnectionStats = { opened: 0, open: 0, peakOpen: 0 };
  /** `host:port` of the API server, client-go's `host` label. */
  private readonly host: string;

  constructor(
    private readonly config: KubeConfig,
    private readonly credentials: CredentialSource,
    private readonly options: TransportOptions,
  ) {
    this.host = hostOf(config.server);
  }

  stats(): ConnectionStats {
    return { ...this.counts };
  }

  async send(req: SendRequest): Promise<Answer> {
    let refreshed = false;
    let retriedReset = false;
    for (;;) {
      const creds = await this.credentials.get();
      const pools = this.poolsFor(creds);
      const started = performance.now();
      let status: number | undefined;
      try {
        const res = await poolRequest(pools.requests, this.config.server + req.path, {
          method: req.method,
          headers: this.headers(creds, req.contentType, req.accept),
          body: req.body,
          headersTimeoutMs: this.options.timeoutMs,
          totalTimeoutMs: this.options.timeoutMs,
          idleTimeoutMs: 0,
        });
        status = res.status;
        // A rotated token or an expired plugin credential: refresh once and try again; the server
        // did nothing with an unauthenticated request, so this is safe for every method.
        if (res.status === 401 && !refreshed && this.credentials.invalidate()) {
          await drain(res.body);
          this.observe(req.method, '401', started);
          refreshed = true;
          continue;
        }
        const ok = res.status >= 200 && res.status < 300;
        const body = await readBounded(res.body, ok ? this.options.maxResponseBytes : MAX_ERROR_BODY_BYTES, !ok);
        this.observe(req.method, String(res.status), started);
        if (body === undefined) {
          throw new KubeError(0, 'ResponseTooLarge', `${req.method} ${stripQuery(req.path)}: the answer is larger than ${this.options.maxResponseBytes} bytes; use a smaller list limit`);
        }
        // The pool frees the connection just after the body ends; a request sent in the same turn
        // would find it busy and open another one. One turn of the event loop lets it be reused.
        await new Promise<void>((resolveTurn) => setImmediate(resolveTurn));
        return { status: res.status, body };
      } catch (e) {
        if (e instanceof KubeError) throw e;
        // An answer whose body failed to arrive still has its status; no answer is client-go's `<error>`.
        this.observe(req.method, status === undefined ? '<error>' : String(status), started);
        // A keep-alive connection the server closed just as we reused it: a GET is safe to resend.
        if (req.method === 'GET' && !retriedReset && isConnectionReset(e)) {
          retriedReset = true;
          continue;
        }
        throw networkError(e, req.method, req.path, this.options.timeoutMs);
      }
    }
  }

  /** A streaming GET for watches; the caller consumes or destroys the body. */
  async stream(path: string, signal: AbortSignal, idleTimeoutMs: number, accept?: string): Promise<{ status: number; body: Readable }> {
    let refreshed = false;
    for (;;) {
      const creds = await this.credentials.get();
      const pools = this.poolsFor(creds);
      let res;
      try {
        res = await poolRequest(pools.watches, this.config.server + path, {
          method: 'GET',
          headers: this.headers(creds, undefined, accept),
          signal,
          headersTimeoutMs: this.options.timeoutMs,
          totalTimeoutMs: 0,
          idleTimeoutMs: idleTimeoutMs,
        });
      } catch (e) {
        if (signal.aborted) throw e;
        this.observe('GET', '<error>');
        throw networkError(e, 'GET', path, this.options.timeoutMs);
      }
      this.observe('GET', String(res.status));
      if (res.status === 401 && !refreshed && this.credentials.invalidate()) {
        await drain(res.body);
        refreshed = true;
        continue;
      }
      return { status: res.status, body: res.body };
    }
  }

  async close(): Promise<void> {
    const all = [...this.retired];
    if (this.pools) all.push(this.pools.requests, this.pools.watches);
    this.pools = undefined;
    this.retired.length = 0;
    // Watches never finish by themselves: destroy rather than wait for them.
    const closed = [...this.sockets].map((s) => new Promise<void>((resolveClose) => (s.destroyed && s.closed ? resolveClose() : s.once('close', () => resolveClose()))));
    for (const pool of all) pool.agent.destroy();
    await Promise.all(closed);
  }

  /** Reports one attempt; a failing observer never fails the request. `started` absent: a watch. */
  private observe(method: string, code: string, started?: number): void {
    const observer = this.options.observer;
    if (!observer) return;
    try {
      observer.request({ method, host: this.host, code, ...(started === undefined ? {} : { seconds: Math.max(0, performance.now() - started) / 1000 }) });
    } catch {
      // metrics are never worth a failed API call
    }
  }

  private headers(creds: Credentials, contentType?: string, accept = 'application/json'): Record<string, string | string[]> {
    const headers: Record<string, string | string[]> = { accept, 'user-agent': this.options.userAgent, ...impersonationHeaders(this.config) };
    if (creds.authorization) headers.authorization = creds.authorization;
    if (contentType) headers['content-type'] = contentType;
    return headers;
  }

  /** The pools for this TLS identity; a new client certificate (exec plugins) means new pools. */
  private poolsFor(creds: Credentials): Pools {
    const key = creds.clientCert ? `${creds.clientCert.cert}\0${creds.clientCert.key}` : '';
    if (this.pools && this.pools.key === key) return this.pools;
    const old = this.pools;
    this.pools = { key, requests: this.pool(creds, this.options.maxConnections), watches: this.pool(creds, null) };
    // In-flight requests finish on the old connections; nothing new goes there, and idle ones close.
    if (old) this.retired.push(old.requests, old.watches);
    return this.pools;
  }

  private pool(creds: Credentials, connections: number | null): Pool {
    const counts = this.counts;
    const sockets = this.sockets;
    return createPool({
      server: this.config.server,
      tls: {
        rejectUnauthorized: !this.config.insecureSkipTLSVerify,
        ...(this.config.ca ? { ca: this.config.ca } : {}),
        ...(creds.clientCert ? { cert: creds.clientCert.cert, key: creds.clientCert.key } : {}),
      },
      serverName: this.config.tlsServerName,
      proxyUrl: this.config.proxyUrl,
      maxConnections: connections,
      keepAliveMs: KEEP_ALIVE_MS,
      connectTimeoutMs: CONNECT_TIMEOUT_MS,
      onSocket(socket) {
        counts.opened++;
        counts.open++;
        counts.peakOpen = Math.max(counts.peakOpen, counts.open);
        sockets.add(socket);
        socket.once('close', () => {
          counts.open--;
          sockets.delete(socket);
        });
      },
    });
  }
}

/** Reads and discards a body, so that its connection can serve the next request. */
async function drain(body: Readable): Promise<void> {
  for await (const _ of body) { /* discarded */ }
}

/**
 * The body, or undefined when it exceeds `limit` (or, with `truncate`, its first `limit` bytes:
 * enough of an error body to show).
 */
async function readBounded(body: Readable, limit: number, truncate: boolean): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buf = chunk as Buffer;
    if (size + buf.length > limit) {
      body.destroy();
      if (!truncate) return undefined;
      chunks.push(buf.subarray(0, limit - size));
      size = limit;
      break;
    }
    chunks.push(buf);
    size += buf.length;
  }
  return Buffer.concat(chunks, size);
}

/** `host:port` of a server URL (as client-go's `host` label); the URL itself when it does not parse. */
export function hostOf(server: string): string {
  try {
    return new URL(server).host;
  } catch {
    return server;
  }
}

function isConnectionReset(e: unknown): boolean {
  const code = (e as { code?: string }).code;
  return code === 'ECONNRESET' || code === 'EPIPE';
}

export function networkError(e: unknown, method: string, path: string, timeoutMs: number): KubeError {
  const err = e as { name?: string; code?: string; message?: string };
  const where = `${method} ${stripQuery(path)}`;
  if (err.name === 'TimeoutError' || err.code === 'ETIMEDOUT') {
    return new KubeError(0, 'Timeout', `${where}: no answer from the API server within ${timeoutMs} ms`, { code: err.code ?? err.name });
  }
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  const why = err.code && err.message ? `${err.message} (${err.code})` : err.message ?? String(e);
  const deeper = cause?.message && !why.includes(cause.message) ? `: ${cause.message}` : '';
  return new KubeError(0, 'ConnectionFailed', `${where}: cannot reach the API server: ${why}${deeper}`, { code: err.code ?? cause?.code });
}

/**
 * The Impersonate-* headers for a kubeconfig's `as`/`as-groups`/`as-uid`/`as-user-extra`, as
 * client-go sends them (extra keys percent-encoded). Empty without impersonation.
 */
export function impersonationHeaders(config: Pick<KubeConfig, 'impersonate'>): Record<string, string | string[]> {
  const as = config.impersonate;
  if (!as) return {};
  const headers: Record<string, string | string[]> = { 'impersonate-user': as.user };
  if (as.uid) headers['impersonate-uid'] = as.uid;
  if (as.groups.length > 0) headers['impersonate-group'] = [...as.groups];
  for (const [key, values] of Object.entries(as.extra)) {
    if (values.length > 0) headers[`impersonate-extra-${encodeURIComponent(key)}`] = [...values];
  }
  return headers;
}
