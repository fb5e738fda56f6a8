// Connections to the API server on Node's own http/https: a keep-alive Agent per pool (bounded or
// not), TLS from the KubeConfig with one shared context, an optional CONNECT tunnel, and a counter
// of the sockets it opens. One request helper that resolves with the answer's status and body
// stream and applies the deadlines the transport asks for. Chosen over undici for memory: in a bare
// Node, a keep-alive pool doing 20 HTTPS GETs costs 3.5–4.3 MiB of RSS this way against
// 11.2–11.6 MiB through undici with its WebAssembly parser (docs/benchmarks.md, *Start-up and idle*).
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions } from 'node:tls';
import { openTunnel } from './proxy-tunnel.js';
import { sharedSecureContext } from './tls-context.js';

export interface PoolOptions {
  server: string;
  tls: { rejectUnauthorized: boolean; ca?: string; cert?: string; key?: string };
  /** TLS server name to verify instead of the URL's host (kubeconfig tls-server-name). */
  serverName?: string | undefined;
  /** http:// proxy to tunnel through (CONNECT). */
  proxyUrl?: string | undefined;
  /** Connections at most (= requests in flight); null: unbounded (watches). */
  maxConnections: number | null;
  keepAliveMs: number;
  connectTimeoutMs: number;
  /** Told of every socket the pool opens. */
  onSocket(socket: Socket): void;
}

export interface Pool {
  agent: HttpAgent;
  serverName?: string | undefined;
}

type Callback = (err: Error | null, socket?: Socket) => void;

export function createPool(o: PoolOptions): Pool {
  const https = o.server.startsWith('https:');
  const options = {
    keepAlive: true,
    keepAliveMsecs: 30_000,
    // Idle keep-alive sockets are closed after this long (the API server closes them after 90 s).
    timeout: o.keepAliveMs,
    scheduling: 'lifo' as const,
    ...(o.maxConnections === null ? {} : { maxSockets: o.maxConnections }),
    ...(https ? { ...o.tls, ...sharedSecureContext(o.server, o.tls) } : {}),
  };
  const agent = https ? new HttpsAgent(options) : new HttpAgent(options);
  const open = (agent as unknown as { createConnection(opts: ConnectionOptions, cb: Callback): Socket | undefined }).createConnection.bind(agent);
  const proxy = o.proxyUrl;
  const opened = (socket: Socket, cb: Callback) => {
    o.onSocket(socket);
    cb(null, socket);
  };
  (agent as unknown as { createConnection(opts: ConnectionOptions & { port?: number | string; host?: string }, cb: Callback): undefined }).createConnection = (opts, cb) => {
    if (!proxy) {
      const socket = open(opts, () => undefined)!;
      connectTimer(socket, o.connectTimeoutMs);
      opened(socket, cb);
      return undefined;
    }
    const port = Number(opts.port || (https ? 443 : 80));
    openTunnel(proxy, String(opts.host), port, (err, tunnel) => {
      if (!tunnel) return cb(err ?? new Error('the proxy tunnel failed'));
      if (!https) return opened(tunnel, cb);
      const socket = tlsConnect({ ...opts, socket: tunnel });
      connectTimer(socket, o.connectTimeoutMs);
      opened(socket, cb);
    });
    return undefined;
  };
  return { agent, serverName: o.serverName };
}

/** A socket that is not connected (TLS included) within `ms` is destroyed with ETIMEDOUT. */
function connectTimer(socket: Socket, ms: number): void {
  const event = 'encrypted' in socket ? 'secureConnect' : 'connect';
  const timer = setTimeout(() => socket.destroy(Object.assign(new Error(`connect timed out after ${ms} ms`), { code: 'ETIMEDOUT' })), ms);
  timer.unref();
  socket.once(event, () => clearTimeout(timer));
  socket.once('close', () => clearTimeout(timer));
}

export interface PoolRequest {
  method: string;
  headers: OutgoingHttpHeaders;
  body?: string | undefined;
  signal?: AbortSignal | undefined;
  /** Ms until the answer's headers; 0: none. */
  headersTimeoutMs: number;
  /** Ms for the whole request, body included; 0: none. */
  totalTimeoutMs: number;
  /** Ms without a byte of the body before it fails; 0: none. */
  idleTimeoutMs: number;
}

/** A deadline passed: name `TimeoutError`, as AbortSignal.timeout's reason. */
export function timeoutError(what: string, ms: number): Error {
  return Object.assign(new Error(`${what} after ${ms} ms`), { name: 'TimeoutError', code: 'ETIMEDOUT' });
}

/** Sends one request on the pool; resolves with the status and the body (the caller reads or destroys it). */
export function poolRequest(pool: Pool, url: string, r: PoolRequest): Promise<{ status: number; body: IncomingMessage }> {
  const target = new URL(url);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const headers: OutgoingHttpHeaders = { ...r.headers };
    if (r.body !== undefined) headers['content-length'] = Buffer.byteLength(r.body);
    const req = send(target, {
      agent: pool.agent,
      method: r.method,
      headers,
      ...(pool.serverName ? { servername: pool.serverName } : {}),
      ...(r.signal ? { signal: r.signal } : {}),
    });
    let res: IncomingMessage | undefined;
    const fail = (err: Error) => {
      if (res) res.destroy(err);
      req.destroy(err);
    };
    const timers: NodeJS.Timeout[] = [];
    const clear = () => { for (const t of timers) clearTimeout(t); };
    if (r.totalTimeoutMs > 0) timers.push(setTimeout(() => fail(timeoutError('no complete answer', r.totalTimeoutMs)), r.totalTimeoutMs));
    if (r.headersTimeoutMs > 0) timers.push(setTimeout(() => { if (!res) fail(timeoutError('no answer headers', r.headersTimeoutMs)); }, r.headersTimeoutMs));
    req.on('error', (err) => {
      clear();
      reject(err);
    });
    req.on('response', (answer) => {
      res = answer;
      if (r.idleTimeoutMs > 0) req.setTimeout(r.idleTimeoutMs, () => fail(timeoutError('no data', r.idleTimeoutMs)));
      answer.once('close', clear);
      resolve({ status: answer.statusCode ?? 0, body: answer });
    });
    req.end(r.body);
  });
}
