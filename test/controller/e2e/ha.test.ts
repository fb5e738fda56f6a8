// High availability with real processes: `ork controller --leader-elect` replicas as children of
// this test, against the real API server, each on its own loopback port, the Lease in the test's
// namespace. Exactly one reconciles; kill -9 and SIGTERM of the leader hand over within their
// bounds (measured, printed as `HA-MEASURE` lines); the split-brain guard keeps a same-revision
// replica with other bytes out; /metrics and /readyz tell the truth.
import { expect } from 'chai';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KubeObject } from '../../../shared/kube/index.js';
import { parseDuration } from '../../../shared/katalog/durations.js';
import { CLUSTER_START_TIMEOUT_MS, getTestCluster, newTestNamespace, type TestCluster } from '../../support/cluster.js';
import { tempDir } from '../../support/tools.js';
import { DEFAULT_TIMING, median, SHORT_TIMING, startReplica, stopAll, type Replica, type Timing } from './processes.js';
import { fixtureCopy, poll, readyOf, resolveToBundle, sleep, type SignedBundleDir } from './world.js';

const LEASE_ID = 'ha';
/** Runs per handover measurement with the default 15s/10s/2s timings (each kill run costs ≈ 20 s). */
const DEFAULT_RUNS = Number(process.env.ORKESTRA_HA_DEFAULT_RUNS ?? 1);
const SHORT_RUNS = 3;

/** Milliseconds from the signal: the other replica's "leading" line, the new CR Ready, the old leader's release. */
interface Measured {
  leadingMs: number;
  readyMs: number;
  releasedMs?: number;
}

describe('controller high availability: replicas as processes (real API server)', function () {
  this.timeout(120_000);
  let cluster: TestCluster;
  let group: string;
  let bundle: SignedBundleDir;
  /** The same Katalog with one field changed (a Service's targetPort): another digest. */
  let otherBundle: SignedBundleDir;

  before(async function () {
    this.timeout(CLUSTER_START_TIMEOUT_MS);
    cluster = await getTestCluster();
    const fixture = fixtureCopy('fleet');
    group = fixture.group;
    bundle = await resolveToBundle({ komposer: join(fixture.dir, 'katalog.yaml'), cwd: fixture.dir });
    const changed = tempDir('e2e-ha-changed');
    cpSync(fixture.dir, changed, { recursive: true });
    const katalog = readFileSync(join(changed, 'katalog.yaml'), 'utf8');
    expect(katalog).to.contain('targetPort: 8080');
    writeFileSync(join(changed, 'katalog.yaml'), katalog.replace('targetPort: 8080', 'targetPort: 8081'));
    otherBundle = await resolveToBundle({ komposer: join(changed, 'katalog.yaml'), cwd: changed });
    expect(otherBundle.digest).to.not.equal(bundle.digest);
  });
  afterEach(async () => stopAll());
  after(async () => stopAll());

  const members = (ns: string, name?: string) => `/apis/${group}/v1/namespaces/${ns}/members${name ? `/${name}` : ''}`;
  const createMember = (ns: string, name: string) =>
    cluster.client.post(members(ns), { apiVersion: `${group}/v1`, kind: 'Member', metadata: { name }, spec: { size: 2 } });
  const isReady = async (ns: string, name: string) => {
    const cr = await cluster.client.get(members(ns, name)) as KubeObject & { status?: { conditions?: never[] } };
    const ready = readyOf(cr as never);
    return ready?.status === 'True' && ready.observedGeneration === cr.metadata.generation;
  };
  /** Date.now() when the CR is first seen Ready (polled every 20 ms for a fine measurement). */
  async function readyAt(ns: string, name: string, timeoutMs: number): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (await isReady(ns, name)) return Date.now();
      if (Date.now() > deadline) throw new Error(`${ns}/${name} not Ready within ${timeoutMs} ms`);
      await sleep(20);
    }
  }
  const replica = (name: string, ns: string, options: { bundle?: SignedBundleDir; revision?: string; timing?: Timing } = {}) =>
    startReplica({
      name,
      bundle: options.bundle ?? bundle,
      kubeconfig: cluster.kubeconfigPath,
      namespace: ns,
      leaseId: LEASE_ID,
      revision: options.revision ?? 'rev1',
      timing: options.timing ?? SHORT_TIMING,
    });
  const readyz = (r: Replica) => r.get('/readyz');
  const untilReady = (r: Replica, timeoutMs = 30_000) =>
    poll(`${r.name} /readyz 200`, timeoutMs, async () => ((await readyz(r).catch(() => undefined))?.status === 200 ? true : undefined));

  /** A leader (started first, waited for) and a ready standby that has seen the Lease for a while. */
  async function pair(ns: string, timing: Timing): Promise<{ leader: Replica; standby: Replica }> {
    const leader = await replica(`${ns}-a`, ns, { timing });
    await leader.waitForLog('leading', 30_000);
    await untilReady(leader);
    const standby = await replica(`${ns}-b`, ns, { timing });
    await untilReady(standby);
    await standby.waitForLog('leader election started', 10_000);
    // Let the standby observe a few renewals. The random part puts the signal at a random point of
    // the standby's retry cycle: a fixed pause would phase-lock the two and always measure the same
    // fraction of a retry period (observed: a SIGTERM handover of retryPeriod − 100 ms every run).
    const retryMs = parseDuration(timing.retryPeriod)!;
    await sleep(2 * retryMs + Math.random() * retryMs);
    expect(standby.hasLogged('leading'), 'the standby leads while the leader lives').to.equal(false);
    return { leader, standby };
  }

  async function killAndMeasure(timing: Timing): Promise<Measured> {
    const ns = await newTestNamespace('e2e-ha-kill');
    const { leader, standby } = await pair(ns, timing);
    const t0 = leader.signal('SIGKILL');
    await createMember(ns, 'after-kill');
    const ready = await readyAt(ns, 'after-kill', parseDuration(timing.leaseDuration)! + 10_000);
    const leading = await standby.waitForLog('leading', 1_000);
    expect((await leader.exited).signal).to.equal('SIGKILL');
    return { leadingMs: leading.receivedAt - t0, readyMs: ready - t0 };
  }

  async function termAndMeasure(timing: Timing): Promise<Measured> {
    const ns = await newTestNamespace('e2e-ha-term');
    const { leader, standby } = await pair(ns, timing);
    const t0 = leader.signal('SIGTERM');
    await createMember(ns, 'after-term');
    const ready = await readyAt(ns, 'after-term', 10_000);
    const leading = await standby.waitForLog('leading', 1_000);
    const exit = await leader.exited;
    expect(exit.code, 'SIGTERM: the leader drains and exits 0').to.equal(0);
    const released = await leader.waitForLog('leadership released', 1_000);
    return { leadingMs: leading.receivedAt - t0, readyMs: ready - t0, releasedMs: released.receivedAt - t0 };
  }

  function report(what: string, timing: Timing, runs: Measured[]): void {
    const t = `${timing.leaseDuration}/${timing.renewDeadline}/${timing.retryPeriod}`;
    console.log(`HA-MEASURE ${JSON.stringify({
      what, timing: t, runs: runs.length,
      leadingMs: runs.map((r) => r.leadingMs), readyMs: runs.map((r) => r.readyMs),
      medianLeadingMs: median(runs.map((r) => r.leadingMs)), medianReadyMs: median(runs.map((r) => r.readyMs)),
      ...(runs[0]?.releasedMs === undefined ? {} : { releasedMs: runs.map((r) => r.releasedMs) }),
    })}`);
  }

  it('two replicas of one bundle and revision: exactly one reconciles', async () => {
    const ns = await newTestNamespace('e2e-ha-one');
    const { leader, standby } = await pair(ns, SHORT_TIMING);
    const names = ['m1', 'm2', 'm3'];
    await Promise.all(names.map((n) => createMember(ns, n)));
    await Promise.all(names.map((n) => readyAt(ns, n, 20_000)));
    const selector = encodeURIComponent(`orkestra.orkspace.io/crd=member`);
    const configMaps = (await cluster.client.get(`/api/v1/namespaces/${ns}/configmaps?labelSelector=${selector}`)).items as KubeObject[];
    const services = (await cluster.client.get(`/api/v1/namespaces/${ns}/services?labelSelector=${selector}`)).items as KubeObject[];
    expect(configMaps.map((c) => c.metadata.ownerReferences?.[0]?.name).sort()).to.deep.equal(names);
    expect(services.map((c) => c.metadata.ownerReferences?.[0]?.name).sort()).to.deep.equal(names);

    const [lm, sm] = await Promise.all([leader.metrics(), standby.metrics()]);
    expect(lm.sum('controller_runtime_reconcile_total'), 'leader reconciles').to.be.greaterThan(0);
    expect(sm.sum('controller_runtime_reconcile_total'), 'standby reconciles').to.equal(0);
    expect(sm.sum('controller_runtime_reconcile_time_seconds_count'), 'standby reconcile time').to.equal(0);
    expect(lm.sum('leader_election_master_status')).to.equal(1);
    expect(sm.sum('leader_election_master_status')).to.equal(0);
    expect(sm.has('leader_election_master_status'), 'the standby exports the series at 0').to.equal(true);
    expect(standby.hasLogged('leading')).to.equal(false);
    expect((await readyz(standby)).status, 'the standby is ready').to.equal(200);
  });

  it(`kill -9 of the leader: the standby reconciles a new CR within lease duration + 2 s (${SHORT_TIMING.leaseDuration}, ${SHORT_RUNS} runs)`, async function () {
    this.timeout(SHORT_RUNS * 60_000);
    const runs = [];
    for (let i = 0; i < SHORT_RUNS; i++) {
      const run = await killAndMeasure(SHORT_TIMING);
      expect(run.readyMs, 'kill → new CR Ready').to.be.below(parseDuration(SHORT_TIMING.leaseDuration)! + 2_000);
      runs.push(run);
      await stopAll();
    }
    report('kill -9 → takeover', SHORT_TIMING, runs);
  });

  it(`SIGTERM of the leader: handover in under 3 s (${SHORT_TIMING.retryPeriod} retry, ${SHORT_RUNS} runs)`, async function () {
    this.timeout(SHORT_RUNS * 60_000);
    const runs = [];
    for (let i = 0; i < SHORT_RUNS; i++) {
      const run = await termAndMeasure(SHORT_TIMING);
      expect(run.leadingMs, 'SIGTERM → the standby leads').to.be.below(3_000);
      expect(run.readyMs, 'SIGTERM → new CR Ready').to.be.below(3_000);
      runs.push(run);
      await stopAll();
    }
    report('SIGTERM → handover', SHORT_TIMING, runs);
  });

  it(`with the default timings 15s/10s/2s: kill -9 within 17 s, SIGTERM within 3 s (${DEFAULT_RUNS} run(s) each)`, async function () {
    this.timeout(DEFAULT_RUNS * 120_000);
    const kills = [];
    const terms = [];
    for (let i = 0; i < DEFAULT_RUNS; i++) {
      const kill = await killAndMeasure(DEFAULT_TIMING);
      expect(kill.readyMs, 'kill → new CR Ready').to.be.below(15_000 + 2_000);
      kills.push(kill);
      await stopAll();
      const term = await termAndMeasure(DEFAULT_TIMING);
      expect(term.leadingMs, 'SIGTERM → the standby leads').to.be.below(3_000);
      expect(term.readyMs, 'SIGTERM → new CR Ready').to.be.below(3_000);
      terms.push(term);
      await stopAll();
    }
    report('kill -9 → takeover', DEFAULT_TIMING, kills);
    report('SIGTERM → handover', DEFAULT_TIMING, terms);
  });

  it('same revision, different bundle: never leads, 503 BundleDigestMismatch, metric 1; same bundle: a normal standby', async () => {
    const ns = await newTestNamespace('e2e-ha-split');
    const leader = await replica(`${ns}-a`, ns);
    await leader.waitForLog('leading', 30_000);
    const odd = await replica(`${ns}-odd`, ns, { bundle: otherBundle });
    const sibling = await replica(`${ns}-sib`, ns);

    const blocked = await poll('the odd replica to report BundleDigestMismatch', 30_000, async () => {
      const r = await readyz(odd).catch(() => undefined);
      return r?.status === 503 && r.body.startsWith('BundleDigestMismatch') ? r : undefined;
    });
    expect(blocked.body).to.contain(bundle.digest).and.to.contain(otherBundle.digest);
    const oddMetrics = await odd.metrics();
    expect(oddMetrics.sum('orkestra_bundle_digest_mismatch')).to.equal(1);
    expect(oddMetrics.sum('leader_election_master_status')).to.equal(0);
    expect(oddMetrics.sum('orkestra_bundle_info', { digest: otherBundle.digest })).to.equal(1);
    const logged = odd.logs.find((l) => l.level === 'error' && /bundle digest differs/.test(l.message));
    expect(logged, 'the odd replica logs both digests').to.not.equal(undefined);
    expect(JSON.stringify(logged)).to.contain(bundle.digest).and.to.contain(otherBundle.digest);

    await untilReady(sibling);
    const siblingMetrics = await sibling.metrics();
    expect(siblingMetrics.sum('orkestra_bundle_digest_mismatch')).to.equal(0);
    expect(siblingMetrics.sum('leader_election_master_status')).to.equal(0);

    // The leader leaves: the sibling with the recorded digest takes over; the odd one still never leads.
    leader.signal('SIGTERM');
    await sibling.waitForLog('leading', 5_000);
    await createMember(ns, 'after-leader');
    await readyAt(ns, 'after-leader', 10_000);
    await sleep(4 * parseDuration(SHORT_TIMING.retryPeriod)!);
    expect(odd.hasLogged('leading'), 'the odd replica led').to.equal(false);
    expect((await readyz(odd)).status).to.equal(503);
    expect((await odd.metrics()).sum('controller_runtime_reconcile_total')).to.equal(0);
  });

  it('a newer revision with a new bundle: a ready standby that takes over when the old leader stops', async () => {
    const ns = await newTestNamespace('e2e-ha-rollout');
    const old = await replica(`${ns}-old`, ns, { revision: 'rev1' });
    await old.waitForLog('leading', 30_000);
    const next = await replica(`${ns}-new`, ns, { revision: 'rev2', bundle: otherBundle });
    await untilReady(next);
    await next.waitForLog('leader election started', 10_000);
    await sleep(2 * parseDuration(SHORT_TIMING.retryPeriod)!);
    const before = await next.metrics();
    expect(before.sum('orkestra_bundle_digest_mismatch')).to.equal(0);
    expect(before.sum('leader_election_master_status')).to.equal(0);
    expect(next.hasLogged('leading')).to.equal(false);

    const t0 = old.signal('SIGTERM');
    await createMember(ns, 'rolled');
    const ready = await readyAt(ns, 'rolled', 10_000);
    const leading = await next.waitForLog('leading', 1_000);
    expect(leading.receivedAt - t0).to.be.below(3_000);
    expect(ready - t0).to.be.below(3_000);
    expect((await old.exited).code).to.equal(0);
    // The new bundle's children: the changed targetPort.
    const service = await cluster.client.get(`/api/v1/namespaces/${ns}/services?labelSelector=${encodeURIComponent('orkestra.orkspace.io/crd=member')}`);
    const rolled = (service.items as { metadata: { ownerReferences?: { name: string }[] }; spec: { ports: { targetPort: number }[] } }[])
      .find((s) => s.metadata.ownerReferences?.[0]?.name === 'rolled');
    expect(rolled?.spec.ports[0]?.targetPort).to.equal(8081);
    expect((await next.metrics()).sum('leader_election_master_status')).to.equal(1);
  });

  it('/metrics during a run: reconcile and workqueue series with controller-runtime names; /readyz 503 until caches synced', async () => {
    const ns = await newTestNamespace('e2e-ha-observe');
    const r = await replica(`${ns}-a`, ns);
    const answers: { at: number; status: number; body: string }[] = [];
    let firstOk: number | undefined;
    const deadline = Date.now() + 30_000;
    while (firstOk === undefined) {
      if (Date.now() > deadline) throw new Error(`/readyz not 200 within 30 s: ${JSON.stringify(answers.slice(-3))}`);
      const answer = await readyz(r).catch(() => undefined);
      const at = Date.now();
      if (answer) answers.push({ at, ...answer });
      if (answer?.status === 200) firstOk = at;
      else await sleep(10);
    }
    const synced = await r.waitForLog('caches synced', 2_000);
    const notReady = answers.filter((a) => a.status !== 200);
    expect(notReady.length, '/readyz answered 503 before it answered 200').to.be.greaterThan(0);
    expect(notReady.every((a) => a.status === 503), JSON.stringify(notReady.slice(0, 3))).to.equal(true);
    expect(notReady.map((a) => a.body.trim())).to.satisfy((bodies: string[]) =>
      bodies.every((b) => b === 'bundle not verified yet' || b === 'caches not synced'));
    // The process's own clock wrote the line before the first 200 left it (same machine clock).
    expect(Date.parse(String(synced.timestamp)), '"caches synced" logged before the first 200').to.be.at.most(firstOk);
    // And no 200 was seen at a time the process had not yet logged it.
    expect(answers.filter((a) => a.status === 200 && a.at < Date.parse(String(synced.timestamp)))).to.deep.equal([]);

    await r.waitForLog('leading', 10_000);
    await Promise.all(['o1', 'o2'].map((n) => createMember(ns, n)));
    await Promise.all(['o1', 'o2'].map((n) => readyAt(ns, n, 20_000)));
    const m = await r.metrics();
    expect(m.sum('controller_runtime_reconcile_total', { result: 'success' })).to.be.greaterThan(0);
    const reconcileSample = m.samples.find((s) => s.name === 'controller_runtime_reconcile_total' && s.value > 0);
    expect(reconcileSample?.labels).to.have.keys('controller', 'result');
    expect(m.sum('controller_runtime_reconcile_time_seconds_count')).to.be.greaterThan(0);
    expect(m.has('controller_runtime_reconcile_errors_total')).to.equal(true);
    expect(m.sum('workqueue_adds_total')).to.be.greaterThan(0);
    expect(m.has('workqueue_depth')).to.equal(true);
    expect(m.has('workqueue_retries_total')).to.equal(true);
    expect(m.sum('workqueue_queue_duration_seconds_count')).to.be.greaterThan(0);
    expect(m.sum('workqueue_work_duration_seconds_count')).to.be.greaterThan(0);
    expect(m.sum('leader_election_master_status')).to.equal(1);
    expect(m.sum('orkestra_bundle_info', { digest: bundle.digest })).to.equal(1);
    expect(m.sum('orkestra_bundle_digest_mismatch')).to.equal(0);

    // The Go runtime's /katalog API, from the same process: the member CRD reconciled both CRs.
    const health = await r.get('/katalog/member/health');
    expect(health.status, health.body).to.equal(200);
    const h = JSON.parse(health.body) as Record<string, unknown>;
    expect(h).to.include({ name: 'member', state: 'healthy', healthy: true, consecutiveFails: 0, lastError: '' });
    expect(h.totalReconciles as number).to.be.at.least(2);
    expect(h.resourceCount as number).to.be.at.least(2);
    const index = JSON.parse((await r.get('/katalog')).body) as { OrkReady: boolean; crds: { name: string; state: string }[] };
    expect(index.OrkReady).to.equal(true);
    expect(index.crds.map((c) => c.name)).to.include('member');
    expect((await r.get('/health')).status).to.equal(200);
  });
});
