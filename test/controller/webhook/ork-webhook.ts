// `ork webhook` as real child processes for the Secret and rotation tests: a signed bundle of the
// webhook fixture (ork keygen + ork resolve), free loopback ports, processes started with their
// own HTTP and HTTPS addresses and ended by PID, the certificate a process serves read over TLS,
// and a TCP balancer that spreads the API server's connections over the replicas as a Service does.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer as createNetServer, connect as netConnect, type Server, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { X509Certificate } from 'node:crypto';
import { join } from 'node:path';
import { poll } from '../../support/poll.js';
import { repoRoot, runTool } from '../../support/tools.js';

const ORK = join(repoRoot, 'dist/cli/main.js');

/** ork keygen + ork resolve of the fixture directory: the bundle and the public key. */
export async function signedBundle(dir: string): Promise<{ bundle: string; publicKey: string; digest: string }> {
  await runTool(process.execPath, [ORK, 'keygen', '--out-private', join(dir, 'key.pem'), '--out-public', join(dir, 'public.pem')]);
  const res = await runTool(process.execPath, [ORK, 'resolve', '-f', join(dir, 'katalog.yaml'), '--out', join(dir, 'bundle'), '--key', join(dir, 'key.pem'), '-o', 'json']);
  return { bundle: join(dir, 'bundle'), publicKey: join(dir, 'public.pem'), digest: JSON.parse(res.stdout).digest };
}

/** A port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createNetServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface OrkWebhook {
  pid: number;
  port: number;
  httpPort: number;
  stderr(): string;
  exitCode(): number | null;
  stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<number | null>;
}

const running = new Set<ChildProcess>();

/** Starts `ork webhook` on free ports with `args`; resolves once it is spawned (not yet ready). */
export async function startOrkWebhook(args: string[], env: Record<string, string> = {}): Promise<OrkWebhook> {
  const port = await freePort();
  const httpPort = await freePort();
  const child = spawn(process.execPath, [ORK, 'webhook', '--address', `127.0.0.1:${port}`, '--http-address', `127.0.0.1:${httpPort}`, '--log-format', 'json', ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  if (child.pid === undefined) throw new Error('cannot spawn ork webhook');
  running.add(child);
  let err = '';
  child.stderr!.on('data', (c: Buffer) => { err += c.toString(); });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => { running.delete(child); resolve(code); }));
  return {
    pid: child.pid,
    port,
    httpPort,
    stderr: () => err,
    exitCode: () => child.exitCode,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) process.kill(child.pid!, signal);
      return exited;
    },
  };
}

/** Waits until /readyz of the process answers 200; throws with its log when it exits first. */
export async function readyz(w: OrkWebhook, timeoutMs = 60_000): Promise<void> {
  await poll(`ork webhook (pid ${w.pid}) to be ready`, timeoutMs, async () => {
    if (w.exitCode() !== null) throw new Error(`ork webhook exited ${w.exitCode()}: ${w.stderr().slice(-2000)}`);
    const res = await fetch(`http://127.0.0.1:${w.httpPort}/readyz`).catch(() => undefined);
    return res?.status === 200 ? true : undefined;
  }, 200);
}

/** The certificate the server on `port` presents, verified against `caPem` for 127.0.0.1. */
export function servedCertificate(port: number, caPem: string): Promise<X509Certificate> {
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({ host: '127.0.0.1', port, ca: caPem }, () => {
      const raw = socket.getPeerCertificate().raw;
      socket.end();
      resolve(new X509Certificate(raw));
    });
    socket.once('error', reject);
  });
}

/** Kills (by PID) every ork webhook still alive: for after hooks. */
export function killAllWebhooks(): void {
  for (const child of running) if (child.pid !== undefined && child.exitCode === null) process.kill(child.pid, 'SIGKILL');
}

export interface Balancer {
  port: number;
  /** Connections handed to each backend port. */
  counts: Map<number, number>;
  close(): Promise<void>;
}

/** Round-robin TCP (TLS passes through untouched) over the backend ports, like a Service's endpoints; `backends` may be filled in later. */
export async function startBalancer(backends: number[]): Promise<Balancer> {
  const counts = new Map<number, number>(backends.map((b) => [b, 0]));
  const sockets = new Set<Socket>();
  let next = 0;
  const server: Server = createNetServer((client) => {
    const port = backends[next++ % backends.length]!;
    counts.set(port, (counts.get(port) ?? 0) + 1);
    const upstream = netConnect({ host: '127.0.0.1', port });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => { client.destroy(); upstream.destroy(); });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    counts,
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}
