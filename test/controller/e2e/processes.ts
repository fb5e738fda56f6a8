// Controller replicas as real child processes (`node dist/cli/main.js controller --leader-elect …`)
// for the high-availability tests: spawn one on a free loopback port, keep its JSON log lines with
// the time each arrived, scrape its /readyz and /metrics, and end it by its PID (SIGTERM or SIGKILL).
// stopAll() is for after hooks: every child still alive is killed, none is left behind.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { repoRoot } from '../../support/tools.js';
import { poll, type SignedBundleDir } from './world.js';

export interface Timing {
  leaseDuration: string;
  renewDeadline: string;
  retryPeriod: string;
}

export const SHORT_TIMING: Timing = { leaseDuration: '3s', renewDeadline: '2s', retryPeriod: '500ms' };
export const DEFAULT_TIMING: Timing = { leaseDuration: '15s', renewDeadline: '10s', retryPeriod: '2s' };

export interface ReplicaOptions {
  /** POD_NAME: the replica's identity on the Lease. */
  name: string;
  bundle: SignedBundleDir;
  kubeconfig: string;
  /** The Lease's namespace (each test its own). */
  namespace: string;
  leaseId: string;
  revision: string;
  timing: Timing;
}

export interface LogEntry {
  level: string;
  message: string;
  timestamp?: string;
  /** Date.now() when the line reached this process. */
  receivedAt: number;
  [field: string]: unknown;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface Replica {
  readonly name: string;
  readonly pid: number;
  readonly url: string;
  /** Date.now() just before the spawn. */
  readonly spawnedAt: number;
  readonly logs: LogEntry[];
  /** Raw stderr lines that were not JSON (crashes, warnings). */
  readonly otherOutput: string[];
  readonly exited: Promise<Exit>;
  alive(): boolean;
  /** Sends the signal to the child's PID; returns Date.now() at the send. */
  signal(signal: 'SIGTERM' | 'SIGKILL'): number;
  /** The first log line with this message (waits for it). */
  waitForLog(message: string, timeoutMs: number): Promise<LogEntry>;
  hasLogged(message: string): boolean;
  get(path: string): Promise<{ status: number; body: string }>;
  metrics(): Promise<Metrics>;
}

const live = new Set<Replica>();

/** A free loopback port (bound then released: the child binds it a moment later). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export async function startReplica(options: ReplicaOptions): Promise<Replica> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const args = [
    join(repoRoot, 'dist/cli/main.js'), 'controller',
    '--bundle', options.bundle.bundleDir,
    '--key', options.bundle.publicKeyPath,
    '--expected-digest', options.bundle.digest,
    '--kubeconfig', options.kubeconfig,
    '--http-address', `127.0.0.1:${port}`,
    '--leader-elect',
    '--leader-election-id', options.leaseId,
    '--leader-election-namespace', options.namespace,
    '--lease-duration', options.timing.leaseDuration,
    '--renew-deadline', options.timing.renewDeadline,
    '--retry-period', options.timing.retryPeriod,
    '--revision', options.revision,
  ];
  const spawnedAt = Date.now();
  const child: ChildProcess = spawn(process.execPath, args, {
    env: { PATH: process.env.PATH ?? '', HOME: options.bundle.dir, POD_NAME: options.name },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  if (child.pid === undefined) throw new Error(`cannot spawn controller replica ${options.name}`);
  const pid = child.pid;
  const logs: LogEntry[] = [];
  const otherOutput: string[] = [];
  let partial = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    const receivedAt = Date.now();
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.trim()) continue;
      try {
        logs.push({ ...(JSON.parse(line) as LogEntry), receivedAt });
      } catch {
        otherOutput.push(line);
      }
    }
  });
  const exited = new Promise<Exit>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const replica: Replica = {
    name: options.name,
    pid,
    url,
    spawnedAt,
    logs,
    otherOutput,
    exited,
    alive: () => child.exitCode === null && child.signalCode === null,
    signal(signal) {
      const at = Date.now();
      if (replica.alive()) process.kill(pid, signal);
      return at;
    },
    async waitForLog(message, timeoutMs) {
      return poll(`${options.name} to log "${message}" (stderr: ${otherOutput.slice(-3).join(' | ')})`, timeoutMs, async () => logs.find((l) => l.message === message));
    },
    hasLogged: (message) => logs.some((l) => l.message === message),
    async get(path) {
      const res = await fetch(`${url}${path}`, { signal: AbortSignal.timeout(5_000) });
      return { status: res.status, body: await res.text() };
    },
    async metrics() {
      const res = await replica.get('/metrics');
      if (res.status !== 200) throw new Error(`${options.name} /metrics: HTTP ${res.status}`);
      return parseMetrics(res.body);
    },
  };
  live.add(replica);
  void exited.then(() => live.delete(replica));
  return replica;
}

/** Kills (SIGKILL, by PID) every replica still running and waits for each to exit. */
export async function stopAll(): Promise<void> {
  const running = [...live];
  for (const r of running) r.signal('SIGKILL');
  await Promise.all(running.map((r) => r.exited));
}

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Metrics {
  samples: Sample[];
  /** Sum of the samples named `name` whose labels include `labels`. */
  sum(name: string, labels?: Record<string, string>): number;
  has(name: string): boolean;
}

/** The Prometheus text format, enough of it for assertions (no escapes inside label values). */
export function parseMetrics(text: string): Metrics {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (!m) continue;
    const labels: Record<string, string> = {};
    for (const pair of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="([^"]*)"/g)) labels[pair[1]!] = pair[2]!;
    samples.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  const matching = (name: string, labels: Record<string, string> = {}) =>
    samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  return {
    samples,
    sum: (name, labels) => matching(name, labels).reduce((a, s) => a + s.value, 0),
    has: (name) => samples.some((s) => s.name === name),
  };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
