// The webhook's HTTPS server (node:https): POST /validate, /mutate, /namespace-protection and /convert answered by the
// pure core (shared/admission), GET /healthz and /readyz for probes. It is started only after the
// bundle is verified, so a listening server is a ready one. Bodies are bounded, slow clients time
// out, and each review is logged by its uid and outcome — never the object, never a key — and
// counted by the observer (metrics.ts).
// Certificates can be swapped while serving (setCertificates): connections already open finish
// on the old ones, new ones get the new ones, so a rotation drops no request.
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../../shared/log.js';
import { answerAdmission, answerConversion, WEBHOOK_PATHS, type AdmissionTargets } from '../../shared/admission/index.js';
import { isOrkError, OrkError } from '../../shared/errors.js';
import type { ReviewObserver, WebhookKind } from './metrics.js';

/** An AdmissionReview carries the object and the old object; the API server caps one at 3 MiB. */
export const MAX_BODY_BYTES = 7 * 1024 * 1024;
const HEADERS_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 15_000;
/** Longer than the API server's idle connection reuse, so it is the one closing idle sockets. */
const KEEP_ALIVE_TIMEOUT_MS = 65_000;

export interface TlsPair {
  certPem: string;
  keyPem: string;
}

export interface WebhookServerOptions {
  host: string;
  /** 0: any free port (see `port` on the result). */
  port: number;
  targets: AdmissionTargets;
  tls: TlsPair;
  logger: Logger;
  maxBodyBytes?: number;
  /** Told about every review answered (metrics.ts); absent: nothing is counted. */
  observer?: ReviewObserver;
}

export interface WebhookServer {
  readonly port: number;
  /** `https://host:port`. */
  readonly origin: string;
  setCertificates(tls: TlsPair): void;
  close(): Promise<void>;
}

export async function startWebhookServer(options: WebhookServerOptions): Promise<WebhookServer> {
  const { logger } = options;
  const limit = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const observer = options.observer ?? NO_OBSERVER;
  const server: Server = createServer({ cert: options.tls.certPem, key: options.tls.keyPem, minVersion: 'TLSv1.2' }, (req, res) => {
    const started = performance.now();
    handle(req, res, { targets: options.targets, limit, logger, observer, started }).catch((e: unknown) => {
      logger.error('webhook request failed', { path: req.url, err: String(e) });
      const kind = kindOf((req.url ?? '/').split('?')[0]);
      if (kind) observer.refused(kind, 'error', seconds(started));
      if (!res.headersSent) reply(res, 500, { message: 'internal error' });
      else res.destroy();
    });
  });
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.on('tlsClientError', (e) => logger.debug('webhook tls handshake failed', { err: e.message }));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `https://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`;
  logger.info('webhook serving', { address: origin });
  return {
    port,
    origin,
    setCertificates(tls) {
      server.setSecureContext({ cert: tls.certPem, key: tls.keyPem, minVersion: 'TLSv1.2' });
      logger.info('webhook certificate replaced');
    },
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    }),
  };
}

interface RequestContext {
  targets: AdmissionTargets;
  limit: number;
  logger: Logger;
  observer: ReviewObserver;
  /** performance.now() when the request arrived. */
  started: number;
}

async function handle(req: IncomingMessage, res: ServerResponse, ctx: RequestContext): Promise<void> {
  const { logger, observer, started } = ctx;
  const path = (req.url ?? '/').split('?')[0];
  if (path === '/healthz' || path === '/readyz') {
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
    return;
  }
  const kind = kindOf(path);
  if (!kind) return reply(res, 404, { message: `no such path ${path}; the webhook serves ${Object.values(WEBHOOK_PATHS).join(', ')}` });
  if (req.method !== 'POST') return reply(res, 405, { message: `${path} takes POST` });
  let body: unknown;
  try {
    body = JSON.parse((await readBody(req, ctx.limit)).toString('utf8'));
  } catch (e) {
    const tooLarge = isOrkError(e);
    logger.warn('webhook request refused', { path, reason: tooLarge ? 'body too large' : 'body is not JSON' });
    observer.refused(kind, 'invalid', seconds(started));
    return reply(res, tooLarge ? 413 : 400, { message: tooLarge ? (e as OrkError).message : 'the body is not JSON' });
  }
  try {
    if (kind === 'convert') {
      const { review, outcome } = answerConversion(ctx.targets, body);
      reply(res, 200, review);
      observer.conversion(outcome, seconds(started));
      logger.log(outcome.ok ? 'debug' : 'warn', 'conversion review', { ...outcome, ms: elapsed(started) });
      return;
    }
    const { review, outcome } = answerAdmission(ctx.targets, body, kind);
    reply(res, 200, review);
    observer.admission(kind, outcome, seconds(started));
    logger.log(outcome.allowed ? 'debug' : 'info', REVIEW_LOG[kind], { ...outcome, ms: elapsed(started) });
  } catch (e) {
    if (!isOrkError(e) || e.code !== 'WEBHOOK_REQUEST_INVALID') throw e;
    logger.warn('webhook request refused', { path, reason: e.message });
    observer.refused(kind, 'invalid', seconds(started));
    return reply(res, 400, { message: e.message });
  }
}

const REVIEW_LOG = { validate: 'validation review', mutate: 'mutation review', namespaces: 'namespace protection review' } as const;

function kindOf(path: string | undefined): WebhookKind | undefined {
  const found = Object.entries(WEBHOOK_PATHS).find(([, p]) => p === path);
  return found?.[0] as WebhookKind | undefined;
}

const NO_OBSERVER: ReviewObserver = { admission: () => undefined, conversion: () => undefined, refused: () => undefined };

/** The body, or OrkError WEBHOOK_REQUEST_INVALID as soon as it passes `limit` bytes. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  const tooLarge = () => new OrkError('WEBHOOK_REQUEST_INVALID', `the body is larger than ${limit} bytes`);
  if (declared > limit) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
}

const elapsed = (started: number): number => Math.round((performance.now() - started) * 100) / 100;
const seconds = (started: number): number => (performance.now() - started) / 1000;
