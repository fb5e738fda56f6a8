// external calls and Event triggers end to end (fixture `external`) on the real API server, the
// controller in-process calling a real HTTP server on 127.0.0.1 that the Katalog names. A Probe's
// reconcileGate asks the quota service (failPolicy closed): held while it says no or fails; its
// resync is 10 minutes, so what wakes it is a ProbeNudge Event naming it (observe.events); once
// through, its ConfigMap shows the flags service's answer (onReconcile.external); a flags failure
// gives Ready=False ExternalCallFailed and is retried; deleting it POSTs to the service (onDelete).
// reconcileGate.eventAware: events that arrive while the one worker waits on a gate call are each
// their own turn (one more gate call each) for a Tally; for a Heap, without it, one merged turn.
import { expect } from 'chai';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLUSTER_START_TIMEOUT_MS, newTestNamespace } from '../../support/cluster.js';
import { startHttpServer, type TestServer } from '../../support/https-server.js';
import { fixtureCopy, poll, readyOf, resolveToBundle, sleep, worldOn, type World } from './world.js';

describe('controller end to end: external calls and observe.events (real API server, real HTTP server)', function () {
  this.timeout(60_000);
  let world: World;
  let server: TestServer;
  const quota = new Map<string, number | boolean>();
  const flags = new Map<string, number | string>();
  const bodies: string[] = [];
  const measured: Record<string, number> = {};
  let turnsHeld: Promise<void> = Promise.resolve();

  before(async function () {
    this.timeout(CLUSTER_START_TIMEOUT_MS);
    server = await startHttpServer((req, res) => {
      const json = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      const [, kind, name = ''] = (req.url ?? '').split('/');
      if (kind === 'quota') {
        const q = quota.get(name) ?? false;
        return typeof q === 'number' ? json(q, {}) : json(200, { available: q });
      }
      if (kind === 'flags') {
        const f = flags.get(name) ?? 'grey';
        return typeof f === 'number' ? json(f, { error: 'broken' }) : json(200, { color: f });
      }
      if (kind === 'turn') return void turnsHeld.then(() => json(200, { open: true }));
      if (kind === 'goodbye') {
        let body = '';
        req.on('data', (c) => { body += c; });
        return void req.on('end', () => { bodies.push(`${req.method} ${req.url} ${body}`); json(200, {}); });
      }
      return json(404, {});
    });
    const { dir, group } = fixtureCopy('external');
    const file = join(dir, 'katalog.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replaceAll('EXTERNAL_ORIGIN', server.origin));
    world = await worldOn(await resolveToBundle({ komposer: file, cwd: dir }), group);
    await world.start();
  });
  after(async () => {
    await world?.close();
    await server?.close();
    if (Object.keys(measured).length > 0) console.log(`      measured: ${JSON.stringify(measured)}`);
  });

  const client = () => world.cluster.client;
  const cm = (ns: string, name: string) => `/api/v1/namespaces/${ns}/configmaps/${name}`;
  const create = (ns: string, name: string) => client().post(world.crPath('probes', ns), { apiVersion: `${world.group}/v1`, kind: 'Probe', metadata: { name }, spec: { tier: 'gold' } });
  const readyIs = (path: string, want: string, reason?: string) => poll(`${path} Ready=${want} ${reason ?? ''}`, 20_000, async () => {
    const r = readyOf(await client().get(path));
    return r?.status === want && (reason === undefined || r.reason === reason) ? r : undefined;
  });
  const nudge = (ns: string, probe: string, name: string) => client().post(`/apis/events.k8s.io/v1/namespaces/${ns}/events`, {
    apiVersion: 'events.k8s.io/v1', kind: 'Event', metadata: { name, labels: { 'e2e.example/probe': probe } },
    eventTime: new Date().toISOString().replace('Z', '000Z'), reason: 'ProbeNudge', action: 'Nudge', type: 'Normal', note: 'try again',
    reportingController: 'e2e.example/quota', reportingInstance: 'quota-1', regarding: { apiVersion: `${world.group}/v1`, kind: 'Probe', name: probe, namespace: ns },
  });

  /** Resolves once no request for `path` has reached the server for `ms`. */
  const quiet = (path: string, ms: number) => poll(`no ${path} call for ${ms} ms`, 20_000, async () => {
    const before = server.requests.filter((r) => r.path === path).length;
    await sleep(ms);
    return server.requests.filter((r) => r.path === path).length === before ? true : undefined;
  });

  it('the gate holds while the quota says no; a ProbeNudge Event re-queues the Probe, which renders the flags answer', async () => {
    const ns = await newTestNamespace('e2e-external');
    const path = world.crPath('probes', ns, 'p1');
    await create(ns, 'p1');
    const held = await readyIs(path, 'False', 'ReconcileGated');
    expect(held.message).to.equal('held by preReconcile.reconcileGate (when: {{ .external.quota.available }} equals "true")');
    expect((await client().request({ path: cm(ns, 'p1-flags') })).status).to.equal(404);

    // The held status write comes back as a watch event; let every reconcile it causes finish (no
    // new quota call for 1 s) so none of them sees the quota change below.
    await quiet('/quota/p1', 1000);
    quota.set('p1', true);
    flags.set('p1', 'teal');
    await sleep(1500); // nothing but an Event wakes it (resync 10m): still held
    expect(readyOf(await client().get(path))?.reason).to.equal('ReconcileGated');
    const nudgedAt = Date.now();
    await nudge(ns, 'p1', 'nudge-1');
    await readyIs(path, 'True');
    measured.eventToReadyMs = Date.now() - nudgedAt;
    expect((await client().get(cm(ns, 'p1-flags'))).data).to.deep.equal({ color: 'teal', status: '200' });
    const flagsRequest = server.requests.find((r) => r.path === '/flags/p1')!;
    expect(flagsRequest.headers['x-probe-tier']).to.equal('gold');
    expect(world.logs.some((l) => l.message === 'event trigger matched' && l.trigger === 'nudge')).to.equal(true);

    // Deleting it tells the service (onDelete.external), then the finalizer goes.
    await client().request({ method: 'DELETE', path });
    await poll('the Probe gone', 20_000, async () => ((await client().request({ path })).status === 404 ? true : undefined));
    expect(bodies).to.deep.equal(['POST /goodbye/p1 {"probe":"p1"}']);
  });

  it('failPolicy closed: a failing quota call holds the Probe and says why; a failing flags call gives ExternalCallFailed and is retried', async () => {
    const ns = await newTestNamespace('e2e-external-fail');
    quota.set('p2', 503);
    await create(ns, 'p2');
    const held = await readyIs(world.crPath('probes', ns, 'p2'), 'False', 'ReconcileGated');
    expect(held.message).to.equal('preReconcile.reconcileGate cannot be evaluated (failPolicy closed): external call quota failed: HTTP 503');

    quota.set('p3', true);
    flags.set('p3', 500);
    const path = world.crPath('probes', ns, 'p3');
    await create(ns, 'p3');
    const failed = await readyIs(path, 'False', 'ExternalCallFailed');
    expect(failed.message).to.equal('spec.crds.probe.operatorBox.onReconcile.external[0] (flags) failed: HTTP 500; it is retried — fix the endpoint, or set continueOnError: true to render without it');
    const fixedAt = Date.now();
    flags.set('p3', 'amber');
    await readyIs(path, 'True');
    measured.retryToReadyMs = Date.now() - fixedAt;
    expect((await client().get(cm(ns, 'p3-flags'))).data).to.deep.equal({ color: 'amber', status: '200' });
  });

  it('reconcileGate.eventAware: each event waiting behind a gate call is its own turn; without it they merge into one', async () => {
    const ns = await newTestNamespace('e2e-event-aware');
    const turns = (name: string) => server.requests.filter((r) => r.path === `/turn/${name}`).length;
    const settled = async (name: string) => {
      let seen = -1;
      return poll(`${name}'s gate calls settled`, 15_000, async () => {
        const now = turns(name);
        if (now === seen) return now;
        seen = now;
        await sleep(800);
        return undefined;
      });
    };
    const laterTurns = async (plural: string, kind: string, name: string) => {
      const path = world.crPath(plural, ns, name);
      await client().post(world.crPath(plural, ns), { apiVersion: `${world.group}/v1`, kind, metadata: { name }, spec: { n: 0 } });
      await poll(`${name}'s ConfigMap`, 20_000, async () => ((await client().request({ path: cm(ns, `${name}-count`) })).status === 200 ? true : undefined));
      const before = await settled(name);
      let release = () => {};
      turnsHeld = new Promise((r) => { release = r; });
      await client().mergePatch(path, { spec: { n: 1 } });
      await poll(`${name}'s gate call waiting`, 10_000, async () => (turns(name) === before + 1 ? true : undefined));
      // Two more events while the one worker waits on that call.
      await client().mergePatch(path, { spec: { n: 2 } });
      await client().mergePatch(path, { metadata: { labels: { edited: 'yes' } } });
      await sleep(500);
      release();
      return (await settled(name)) - before - 1;
    };
    expect(await laterTurns('tallies', 'Tally', 't1'), 'Tally (eventAware): one gate call per waiting event').to.equal(2);
    expect(await laterTurns('heaps', 'Heap', 'h1'), 'Heap: the waiting events merged into one turn').to.equal(1);
  });
});
