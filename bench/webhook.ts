// `bench/webhook`: admission and conversion latency and throughput of the webhook server against
// a floor. One child process (bench/webhook/servers.ts) serves both the real webhook — the test
// fixture's Gadget Katalog, resolved, signed and verified like any bundle — and a bare node:https
// handler that parses the same body and answers `allowed`. For /validate (a good Gadget: its deny
// and warn rules evaluated, both pass) and /convert (one Gadget v1 → v1alpha1 through the
// declared path's templates): p50/p99 at a steady 200 requests/s (open loop), then the most
// answers per second with 16 in flight (closed loop). The two servers alternate per round.
// Goal (#15): p99 at 200/s within 5 ms of the floor's.
// Usage: node dist/bench/webhook.js [--rounds 3] [--seconds 10] [--quick] [--json FILE]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeBundleAtomically } from '../resolver/bundle-writer.js';
import { resolveKomposer } from '../resolver/resolve.js';
import { generateSigningKeyPair, parsePrivateKeyPem } from '../shared/bundle/keys.js';
import { signBundle } from '../shared/bundle/sign.js';
import type { WebhookBench } from './report/results.js';
import { closedLoop, openLoop, type LoadResult, type Target } from './webhook/load.js';

const args = process.argv.slice(2);
const QUICK = args.includes('--quick');
const num = (name: string, fallback: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const ROUNDS = num('--rounds', QUICK ? 1 : 3);
const SECONDS = num('--seconds', QUICK ? 4 : 10);
const JSON_OUT = args.includes('--json') ? args[args.indexOf('--json') + 1] : undefined;
export const RATE = 200;
export const CONCURRENCY = 16;
export const GOAL_P99_OVER_FLOOR_MS = 5;
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const GROUP = 'webhook.orkspace.test';

const gadget = (apiVersion: string, i: number) => ({
  apiVersion, kind: 'Gadget',
  metadata: { name: `g-${i}`, namespace: 'bench', uid: `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`, labels: { app: 'bench' } },
  spec: { size: 3, image: 'registry.example/app:1.0', tier: 'gold' },
});
const BODIES: Record<'validate' | 'convert', (i: number) => string> = {
  validate: (i) => JSON.stringify({
    apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview',
    request: { uid: `u-${i}`, kind: { group: GROUP, version: 'v1', kind: 'Gadget' }, resource: { group: GROUP, version: 'v1', resource: 'gadgets' }, operation: 'CREATE', namespace: 'bench', name: `g-${i}`, object: gadget(`${GROUP}/v1`, i) },
  }),
  convert: (i) => JSON.stringify({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'ConversionReview', request: { uid: `c-${i}`, desiredAPIVersion: `${GROUP}/v1alpha1`, objects: [gadget(`${GROUP}/v1`, i)] } }),
};

export interface WebhookBenchRow {
  path: 'validate' | 'convert';
  server: 'webhook' | 'floor';
  round: number;
  steady: LoadResult;
  saturated: LoadResult;
}

async function fixtureBundle(dir: string): Promise<{ bundle: string; key: string }> {
  const fixtures = join(repoRoot, 'test/fixtures/webhook');
  const resolution = await resolveKomposer({ komposer: join(fixtures, 'katalog.yaml'), cwd: fixtures, env: {} });
  const keys = generateSigningKeyPair();
  await writeBundleAtomically(join(dir, 'bundle'), signBundle(resolution.payload, parsePrivateKeyPem(keys.privateKeyPem, 'ephemeral key')));
  writeFileSync(join(dir, 'public.pem'), keys.publicKeyPem);
  return { bundle: join(dir, 'bundle'), key: join(dir, 'public.pem') };
}

type Servers = { webhook: { port: number; ca: string }; floor: { port: number; ca: string } };

async function startServers(bundle: string, key: string): Promise<{ servers: Servers; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [join(repoRoot, 'dist/bench/webhook/servers.js'), bundle, key], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const servers = await new Promise<Servers>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]!) as Servers);
    });
    child.once('exit', (code) => reject(new Error(`bench/webhook/servers exited ${code} before listening`)));
  });
  return { servers, stop: async () => { child.kill('SIGTERM'); await exited; } };
}

const line = (r: WebhookBenchRow) =>
  `round ${r.round} /${r.path} ${r.server.padEnd(7)} at ${RATE}/s: p50 ${r.steady.p50Ms.toFixed(2)} ms p99 ${r.steady.p99Ms.toFixed(2)} ms (${r.steady.errors} errors, sends late p99 ${r.steady.sendLateP99Ms?.toFixed(1)} ms); ` +
  `${CONCURRENCY} in flight: ${r.saturated.perSecond.toFixed(0)}/s p99 ${r.saturated.p99Ms.toFixed(1)} ms (${r.saturated.errors} errors)`;

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'orkestra-bench-webhook-'));
  try {
    const { bundle, key } = await fixtureBundle(work);
    const { servers, stop } = await startServers(bundle, key);
    const rows: WebhookBenchRow[] = [];
    try {
      // Warm both servers' code paths and the client's before anything is counted.
      for (const server of ['floor', 'webhook'] as const) for (const path of ['validate', 'convert'] as const) await closedLoop({ ...servers[server], path: `/${path}`, body: BODIES[path] }, CONCURRENCY, 1);
      for (let round = 1; round <= ROUNDS; round++) {
        for (const path of ['validate', 'convert'] as const) {
          // Alternate which server goes first, so a load change on the machine is shared.
          const order = round % 2 === 1 ? (['floor', 'webhook'] as const) : (['webhook', 'floor'] as const);
          for (const server of order) {
            const target: Target = { ...servers[server], path: `/${path}`, body: BODIES[path] };
            const steady = await openLoop(target, RATE, SECONDS);
            const saturated = await closedLoop(target, CONCURRENCY, Math.max(2, SECONDS / 2));
            const row = { path, server, round, steady, saturated };
            console.log(line(row));
            rows.push(row);
          }
        }
      }
    } finally {
      await stop();
    }
    const result = summarise(rows);
    for (const s of result.summary) console.log(`median /${s.path}: p99 ${s.webhook.p99Ms.toFixed(2)} ms vs floor ${s.floor.p99Ms.toFixed(2)} ms (${s.p99OverFloorMs >= 0 ? '+' : ''}${s.p99OverFloorMs.toFixed(2)} ms, goal ≤ ${GOAL_P99_OVER_FLOOR_MS}); ${s.webhook.perSecond.toFixed(0)}/s vs ${s.floor.perSecond.toFixed(0)}/s`);
    if (JSON_OUT) writeFileSync(JSON_OUT, JSON.stringify(result, null, 2));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Medians over rounds, per path and server: steady p50/p99, saturated answers per second. */
export function summarise(rows: WebhookBenchRow[]): WebhookBench {
  const stat = (path: string, server: string) => {
    const rs = rows.filter((r) => r.path === path && r.server === server);
    return {
      p50Ms: median(rs.map((r) => r.steady.p50Ms)), p99Ms: median(rs.map((r) => r.steady.p99Ms)), sendLateP99Ms: median(rs.map((r) => r.steady.sendLateP99Ms ?? NaN)),
      perSecond: median(rs.map((r) => r.saturated.perSecond)), errors: rs.reduce((a, r) => a + r.steady.errors + r.saturated.errors, 0),
    };
  };
  const summary = (['validate', 'convert'] as const).map((path) => {
    const webhook = stat(path, 'webhook');
    const floor = stat(path, 'floor');
    return { path, webhook, floor, p99OverFloorMs: webhook.p99Ms - floor.p99Ms };
  });
  return { rate: RATE, concurrency: CONCURRENCY, seconds: SECONDS, rounds: ROUNDS, goalP99OverFloorMs: GOAL_P99_OVER_FLOOR_MS, summary, rows };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
