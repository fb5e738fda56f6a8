// The webhook benchmark's client: HTTPS POSTs over keep-alive connections (as the API server
// reuses its connections to a webhook), either open-loop at a fixed rate — each request sent on
// its schedule whether or not earlier ones have answered, latency from send to full answer — or
// closed-loop with a fixed number in flight, for the most the server answers per second.
import { Agent, request } from 'node:https';
import { performance } from 'node:perf_hooks';
import { quantile } from '../reconcile/workload.js';

export interface Target {
  port: number;
  ca: string;
  path: string;
  /** One body per request (the uid changes); the same for every server compared. */
  body: (i: number) => string;
}

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Open loop: how late the client sent, p99 (ms) — a busy machine shows here first. */
  sendLateP99Ms?: number;
}

const SOCKETS = 16;

function post(agent: Agent, t: Target, body: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port: t.port, path: t.path, method: 'POST', ca: t.ca, agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      let ok = res.statusCode === 200;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        // A 200 that is not a Success conversion or an answered review counts as an error too.
        if (ok) ok = /"(allowed|status)":(true|false|"Success")/.test(Buffer.concat(chunks).toString('utf8'));
        resolve(ok);
      });
      res.on('error', () => resolve(false));
    });
    req.on('error', () => resolve(false));
    req.end(body);
  });
}

const summary = (latencies: number[], errors: number, seconds: number): LoadResult => ({
  requests: latencies.length + errors, errors, seconds, perSecond: latencies.length / seconds,
  p50Ms: quantile(latencies, 0.5), p99Ms: quantile(latencies, 0.99),
});

/**
 * `rate` requests per second for `warmup` + `seconds`, sent on schedule; the first `warmup`
 * seconds (connections opened, code warmed) are not counted. Waits for the last answer.
 */
export async function openLoop(t: Target, rate: number, seconds: number, warmup = 1): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: SOCKETS });
  const latencies: number[] = [];
  let errors = 0;
  const skip = Math.round(rate * warmup);
  const total = skip + Math.round(rate * seconds);
  const inflight: Promise<void>[] = [];
  const late: number[] = [];
  const start = performance.now();
  let t0 = start;
  try {
    for (let i = 0; i < total; i++) {
      const due = start + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      if (i === skip) t0 = performance.now();
      const sent = performance.now();
      const counted = i >= skip;
      if (counted) late.push(sent - due);
      inflight.push(post(agent, t, t.body(i)).then((ok) => {
        if (!counted) return;
        if (ok) latencies.push(performance.now() - sent);
        else errors++;
      }));
    }
    await Promise.all(inflight);
    return { ...summary(latencies, errors, (performance.now() - t0) / 1000), sendLateP99Ms: quantile(late, 0.99) };
  } finally {
    agent.destroy();
  }
}

/** `concurrency` requests always in flight for `seconds`: the answers per second. */
export async function closedLoop(t: Target, concurrency: number, seconds: number): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  let errors = 0;
  let i = 0;
  const t0 = performance.now();
  const end = t0 + seconds * 1000;
  const worker = async () => {
    while (performance.now() < end) {
      const sent = performance.now();
      if (await post(agent, t, t.body(i++))) latencies.push(performance.now() - sent);
      else errors++;
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
    return summary(latencies, errors, (performance.now() - t0) / 1000);
  } finally {
    agent.destroy();
  }
}
