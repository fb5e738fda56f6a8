// The LeaderElector against the real API server (test/support/cluster.ts), each replica with its
// own KubeClient as separate processes would have: one leader of two, takeover after a kill
// (abort without release) and after a release, both measured, and the split-brain guard on real
// Lease objects. Short durations (3 s lease / 2 s renew deadline / 0.5 s retry) keep it quick.
import { expect } from 'chai';
import { createKubeClient, type HttpKubeClient } from '../../../cli/kube/http-client.js';
import { loadKubeConfig, type KubeConfig } from '../../../cli/kube/config.js';
import { LeaderElector, type RunOutcome } from '../../../controller/leader/elector.js';
import { LEASES } from '../../../controller/leader/lease-api.js';
import { DIGEST_ANNOTATION, REVISION_ANNOTATION } from '../../../controller/leader/lease-record.js';
import { CLUSTER_START_TIMEOUT_MS, getTestCluster, newTestNamespace } from '../../support/cluster.js';

const LEASE_MS = 3_000;
const RENEW_MS = 2_000;
const RETRY_MS = 500;
/** Request latency and event-loop slack on a loaded CI machine. */
const MARGIN_MS = 400;
const DIGEST_A = 'sha256:' + 'a'.repeat(64);
const DIGEST_B = 'sha256:' + 'b'.repeat(64);

interface Replica {
  id: string;
  elector: LeaderElector;
  client: HttpKubeClient;
  abort: AbortController;
  done: Promise<RunOutcome>;
  /** Date.now() when onStartedLeading ran. */
  startedAt: number | undefined;
  stopped: number;
  blocked: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what: string, timeoutMs: number, cond: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}

describe('controller/leader/elector (real API server)', function () {
  this.timeout(30_000);
  let config: KubeConfig;
  let namespace: string;
  let admin: HttpKubeClient;
  const replicas: Replica[] = [];
  let leaseCount = 0;
  const measured: string[] = [];

  before(async function () {
    this.timeout(CLUSTER_START_TIMEOUT_MS);
    const cluster = await getTestCluster();
    config = loadKubeConfig({ env: {}, path: cluster.kubeconfigPath });
    admin = createKubeClient(config);
    namespace = await newTestNamespace('leader');
  });

  afterEach(async () => {
    for (const r of replicas.splice(0)) {
      r.abort.abort();
      await r.done;
      await r.client.close();
    }
  });

  after(async () => {
    await admin?.close();
    if (measured.length > 0) process.stdout.write(`      measured: ${measured.join('; ')}\n`);
  });

  function start(id: string, lease: string, digest = DIGEST_A, revision = 'rev1'): Replica {
    const client = createKubeClient(config);
    const r: Replica = { id, client, abort: new AbortController(), startedAt: undefined, stopped: 0, blocked: 0 } as Replica;
    r.elector = new LeaderElector({
      kube: client, namespace, name: lease, identity: `${id}_${process.pid}`, digest, revision,
      leaseDurationMs: LEASE_MS, renewDeadlineMs: RENEW_MS, retryPeriodMs: RETRY_MS,
      onStartedLeading: () => { r.startedAt = Date.now(); },
      onStoppedLeading: () => { r.stopped++; },
      onBlocked: () => { r.blocked++; },
    });
    r.done = r.elector.run(r.abort.signal);
    replicas.push(r);
    return r;
  }

  const nextLease = () => `orkestra-test-${++leaseCount}`;

  async function leaseOnServer(name: string) {
    const obj = await admin.get(LEASES, namespace, name);
    if (!obj) throw new Error(`lease ${name} missing`);
    return { spec: obj.spec as Record<string, unknown>, annotations: obj.metadata.annotations ?? {} };
  }

  /** Two replicas, one of which leads; returns [leader, standby]. */
  async function pair(lease: string, second: { digest?: string; revision?: string } = {}): Promise<[Replica, Replica]> {
    const a = start('a', lease);
    await waitFor('a to lead', 5_000, () => a.elector.isLeader());
    const b = start('b', lease, second.digest ?? DIGEST_A, second.revision ?? 'rev1');
    await sleep(2 * RETRY_MS);
    return [a, b];
  }

  it('two replicas on one Lease: exactly one leads, and keeps leading', async () => {
    const lease = nextLease();
    const a = start('a', lease);
    const b = start('b', lease);
    await waitFor('a leader', 5_000, () => a.elector.isLeader() || b.elector.isLeader());
    for (let i = 0; i < 8; i++) {
      expect([a, b].filter((r) => r.elector.isLeader()), `after ${i * RETRY_MS} ms`).to.have.length(1);
      await sleep(RETRY_MS);
    }
    const leader = a.elector.isLeader() ? a : b;
    const { spec, annotations } = await leaseOnServer(lease);
    expect(spec.holderIdentity).to.equal(`${leader.id}_${process.pid}`);
    expect(spec.leaseDurationSeconds).to.equal(3);
    expect(annotations[DIGEST_ANNOTATION]).to.equal(DIGEST_A);
    expect(annotations[REVISION_ANNOTATION]).to.equal('rev1');
    expect((a.startedAt !== undefined ? 1 : 0) + (b.startedAt !== undefined ? 1 : 0)).to.equal(1);
    expect(a.stopped + b.stopped).to.equal(0);
  });

  it('killing the leader (no release): the standby leads within lease duration + retry period', async () => {
    const [a, b] = await pair(nextLease());
    expect(b.elector.state()).to.equal('standby');
    const killedAt = Date.now();
    a.abort.abort();
    await waitFor('b to lead', LEASE_MS + RETRY_MS + 3_000, () => b.startedAt !== undefined);
    const handover = b.startedAt! - killedAt;
    measured.push(`kill→lead ${handover} ms (bound ${LEASE_MS + RETRY_MS} ms)`);
    expect(handover).to.be.at.least(LEASE_MS - RETRY_MS - MARGIN_MS);
    expect(handover).to.be.at.most(LEASE_MS + RETRY_MS + MARGIN_MS);
  });

  it('release: the standby leads within one retry period', async () => {
    const lease = nextLease();
    const [a, b] = await pair(lease);
    const releasedAt = Date.now();
    expect(await a.elector.release()).to.equal(true);
    await waitFor('b to lead', RETRY_MS + 3_000, () => b.startedAt !== undefined);
    const handover = b.startedAt! - releasedAt;
    measured.push(`release→lead ${handover} ms (bound ${RETRY_MS} ms)`);
    expect(handover).to.be.at.most(RETRY_MS + MARGIN_MS);
    expect(a.stopped).to.equal(0);
    expect((await leaseOnServer(lease)).spec.holderIdentity).to.equal(`b_${process.pid}`);
  });

  describe('split-brain guard', () => {
    it('same revision, other digest: blocked, and never leads after a kill nor after a release', async () => {
      const lease = nextLease();
      const [a, b] = await pair(lease, { digest: DIGEST_B, revision: 'rev1' });
      expect(b.elector.state()).to.equal('blocked');
      expect(b.elector.blockedReason).to.deep.include({ reason: 'BundleDigestMismatch', leaderDigest: DIGEST_A, ownDigest: DIGEST_B, revision: 'rev1' });
      expect(b.elector.status().ready).to.equal(false);
      a.abort.abort(); // kill
      await sleep(LEASE_MS + 3 * RETRY_MS);
      expect(b.elector.state()).to.equal('blocked');
      expect((await leaseOnServer(lease)).spec.holderIdentity).to.equal(`a_${process.pid}`);

      // a released lease of the same revision still records the other digest
      const a2 = start('a2', lease);
      await waitFor('a2 to lead', 5_000, () => a2.elector.isLeader());
      expect(await a2.elector.release()).to.equal(true);
      await sleep(3 * RETRY_MS);
      expect(b.elector.state()).to.equal('blocked');
      expect(b.startedAt).to.equal(undefined);
      expect(b.blocked).to.equal(1);
      expect((await leaseOnServer(lease)).spec.holderIdentity).to.equal('');
    });

    it('same revision, same digest: a normal standby that takes over after a kill', async () => {
      const [a, b] = await pair(nextLease());
      expect(b.elector.state()).to.equal('standby');
      expect(b.elector.status().ready).to.equal(true);
      a.abort.abort();
      await waitFor('b to lead', LEASE_MS + RETRY_MS + 3_000, () => b.elector.isLeader());
      expect(b.blocked).to.equal(0);
    });

    it('newer revision, other digest: a ready standby that takes over on release and records its digest', async () => {
      const lease = nextLease();
      const [a, b] = await pair(lease, { digest: DIGEST_B, revision: 'rev2' });
      expect(b.elector.state()).to.equal('standby');
      expect(b.elector.status().ready).to.equal(true);
      await a.elector.release();
      await waitFor('b to lead', RETRY_MS + 3_000, () => b.elector.isLeader());
      await sleep(RETRY_MS); // one renewal keeps the annotations
      const { annotations } = await leaseOnServer(lease);
      expect(annotations[DIGEST_ANNOTATION]).to.equal(DIGEST_B);
      expect(annotations[REVISION_ANNOTATION]).to.equal('rev2');
    });

    it('newer revision, other digest: takes over after the old leader is killed', async () => {
      const [a, b] = await pair(nextLease(), { digest: DIGEST_B, revision: 'rev2' });
      a.abort.abort();
      await waitFor('b to lead', LEASE_MS + RETRY_MS + 3_000, () => b.elector.isLeader());
    });
  });
});
