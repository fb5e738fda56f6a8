// The controller's observability endpoints on node:http: /healthz, /readyz, /metrics, /bundle.
// Read-only and bounded: GET/HEAD only, no request body is ever read, small header and time
// limits. /bundle serves the allow-listed summary only — never the payload, templates or env.
// With an authorizer, /metrics and /bundle need a bearer token allowed to `get` them; the probes
// stay open (the kubelet sends no token).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OrkError } from '../../shared/errors.js';
import type { Logger } from '../../shared/log.js';
import type { BundleSummary } from './bundle-summary.js';
import type { HttpAccess, HttpAuthorizer } from './http-auth.js';
import { katalogApiAnswer, type KatalogApiView } from './katalog-api.js';

export const DEFAULT_OBSERVE_HOST = '0.0.0.0';
export const DEFAULT_OBSERVE_PORT = 8080;
const MAX_HEADER_BYTES = 16 * 1024;
const MAX_CONNECTIONS = 64;
const HEADERS_TIMEOUT_MS = 5_000;
const REQUEST_TIMEOUT_MS = 10_000;
const KEEP_ALIVE_TIMEOUT_MS = 5_000;
const MAX_REASON_CHARS = 1_024;

export interface Readiness {
  ok: boolean;
  /** Why not ready (e.g. `BundleDigestMismatch: …`); sent as the 503 body. */
  reason?: string;
}

/** Satisfied by ControllerMetrics. */
export interface MetricsSource {
  readonly contentType: string;
  metrics(): Promise<string>;
}

export interface ObservabilityServerOptions {
  /** Default 0.0.0.0 (in-cluster: kubelet probes and Prometheus reach the Pod IP). */
  host?: string;
  /** Default 8080; 0 picks a free port (tests). */
  port?: number;
  metrics: MetricsSource;
  ready: () => Readiness;
  /** The summary once the bundle is verified; undefined before (then /bundle answers 503). */
  bundle: () => BundleSummary | undefined;
  /** The running controller's CRDs for /katalog…; undefined before the bundle is verified (then 503). Absent: no /katalog. */
  katalog?: () => KatalogApiView | undefined;
  /** When set, /metrics, /bundle and /katalog… answer only requests it allows. */
  authorizer?: HttpAuthorizer;
  logger?: Logger;
}

export const PROTECTED_PATHS: readonly string[] = ['/metrics', '/bundle'];

/** Protected with --http-auth: /metrics, /bundle and the /katalog API (RBAC `/katalog`, `/katalog/*`). */
export function isProtectedPath(path: string): boolean {
  return PROTECTED_PATHS.includes(path) || path === '/katalog' || path.startsWith('/katalog/');
}

export interface ObservabilityServer {
  readonly host: string;
  readonly port: number;
  /** `http://host:port` (IPv6 hosts bracketed). */
  readonly url: string;
  /** Stops listening and closes every connection; safe to call twice. */
  close(): Promise<void>;
}

type Answer = { status: number; contentType: string; body: string; headers?: Record<string, string> };

const TEXT = 'text/plain; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';

export async function startObservabilityServer(options: ObservabilityServerOptions): Promise<ObservabilityServer> {
  const host = options.host ?? DEFAULT_OBSERVE_HOST;
  const port = options.port ?? DEFAULT_OBSERVE_PORT;
  const server = createServer({ maxHeaderSize: MAX_HEADER_BYTES }, (req, res) => {
    void handle(req, options).then(
      (answer) => send(req, res, answer),
      (err: unknown) => {
        options.logger?.error('observability request failed', { path: pathOf(req), err: err instanceof Error ? err.message : String(err) });
        send(req, res, { status: 500, contentType: TEXT, body: 'internal error\n' });
      },
    );
  });
  server.maxConnections = MAX_CONNECTIONS;
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;

  await listen(server, host, port);
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${shownHost}:${address.port}`;
  // The bound address, not the requested one: with port 0 this is how a caller learns the port.
  options.logger?.info('serving /healthz, /readyz, /metrics and /bundle', { url, authenticated: options.authorizer ? PROTECTED_PATHS.join(',') : 'none' });
  let closing: Promise<void> | undefined;
  return {
    host: address.address,
    port: address.port,
    url,
    close: () => (closing ??= closeServer(server)),
  };
}

async function handle(req: IncomingMessage, options: ObservabilityServerOptions): Promise<Answer> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return { status: 405, contentType: TEXT, body: 'method not allowed: use GET or HEAD\n', headers: { Allow: 'GET, HEAD' } };
  }
  if (hasBody(req)) return { status: 400, contentType: TEXT, body: 'request bodies are not accepted\n' };
  const path = pathOf(req);
  if (options.authorizer && isProtectedPath(path)) {
    const refusal = accessRefusal(await options.authorizer.authorize(req.headers.authorization, path), path);
    if (refusal) return refusal;
  }
  if (options.katalog && (path === '/katalog' || path.startsWith('/katalog/'))) return katalogAnswer(path, options.katalog);
  switch (path) {
    case '/healthz':
    case '/health': // the Go runtime's name
      return { status: 200, contentType: TEXT, body: 'ok\n' };
    case '/readyz':
    case '/ready': // the Go runtime's name
      return readyz(options.ready);
    case '/metrics':
      return { status: 200, contentType: options.metrics.contentType, body: await options.metrics.metrics() };
    case '/bundle': {
      const summary = options.bundle();
      if (!summary) return { status: 503, contentType: TEXT, body: 'bundle not verified yet\n' };
      return { status: 200, contentType: JSON_TYPE, body: `${JSON.stringify(summary, null, 2)}\n` };
    }
    default:
      return { status: 404, contentType: TEXT, body: `not found: try /healthz, /readyz, /metrics, /bundle${options.katalog ? ' or /katalog' : ''}\n` };
  }
}

function katalogAnswer(path: string, katalog: () => KatalogApiView | undefined): Answer {
  const view = katalog();
  if (!view) return { status: 503, contentType: TEXT, body: 'bundle not verified yet\n' };
  const answer = katalogApiAnswer(path, view, Date.now());
  if (!answer) return { status: 404, contentType: TEXT, body: 'not found: try /katalog, /katalog/<crd> or /katalog/<crd>/health\n' };
  return { status: answer.status, contentType: JSON_TYPE, body: `${JSON.stringify(answer.body, null, 2)}\n` };
}

function accessRefusal(access: HttpAccess, path: string): Answer | undefined {
  switch (access) {
    case 'allowed':
      return undefined;
    case 'unauthenticated':
      return { status: 401, contentType: TEXT, body: `${path} needs a Kubernetes bearer token (Authorization: Bearer …)\n`, headers: { 'WWW-Authenticate': 'Bearer realm="orkestra"' } };
    case 'forbidden':
      return { status: 403, contentType: TEXT, body: `this identity may not get ${path}: bind it to a role with nonResourceURLs ["${path.startsWith('/katalog/') ? '/katalog/*' : path}"] verbs ["get"]\n` };
    case 'unavailable':
      return { status: 503, contentType: TEXT, body: 'cannot review access right now; try again\n', headers: { 'Retry-After': '5' } };
  }
}

function readyz(ready: () => Readiness): Answer {
  let state: Readiness;
  try {
    state = ready();
  } catch {
    state = { ok: false, reason: 'readiness check failed' };
  }
  if (state.ok) return { status: 200, contentType: TEXT, body: 'ok\n' };
  return { status: 503, contentType: TEXT, body: `${oneLine(state.reason ?? 'not ready')}\n` };
}

function send(req: IncomingMessage, res: ServerResponse, answer: Answer): void {
  if (res.headersSent || res.destroyed) return;
  const body = Buffer.from(answer.body, 'utf8');
  res.statusCode = answer.status;
  res.setHeader('Content-Type', answer.contentType);
  res.setHeader('Content-Length', body.length);
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  for (const [name, value] of Object.entries(answer.headers ?? {})) res.setHeader(name, value);
  // A request that came with a body (or a method we refuse) gets its connection closed: the
  // body is never read, so the socket cannot be reused for another request.
  if (answer.status === 405 || hasBody(req)) res.setHeader('Connection', 'close');
  res.end(req.method === 'HEAD' ? undefined : body);
}

function pathOf(req: IncomingMessage): string {
  const url = req.url ?? '/';
  const q = url.search(/[?#]/);
  return q < 0 ? url : url.slice(0, q);
}

function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

function oneLine(text: string): string {
  const flat = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return flat.length > MAX_REASON_CHARS ? `${flat.slice(0, MAX_REASON_CHARS)}…` : flat;
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      reject(new OrkError('USAGE', `cannot serve health and metrics on ${host}:${port} (${err.code ?? err.message}); choose a free port or another address`, { cause: err }));
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

async function closeServer(server: Server): Promise<void> {
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
  // 'close' fires before libuv has released the listening handle; its close callback runs at the
  // end of this loop iteration, so a timer (next iteration) resolves with the handle truly gone.
  await new Promise((resolve) => setTimeout(resolve, 0));
}
