// The LeaderElector against an in-memory Lease store and a FakeClock: acquire, renew, standby,
// takeover by the observed-time rule, the 409 race, the renew deadline, release, and the
// split-brain guard (same revision + other digest never leads; other revision hands over).
import { expect } from 'chai';
import { FakeClock, settle } from '../../../controller/engine/fake-clock.js';
import { LeaderElector, type RunOutcome } from '../../../controller/leader/elector.js';
import { DIGEST_ANNOTATION, REVISION_ANNOTATION } from '../../../controller/leader/lease-record.js';
import type { BlockedReason } from '../../../controller/leader/verdict.js';
import { FakeLeases, type ReplicaView } from './fake-leases.js';

const NS = 'ops';
const LEASE = 'orkestra-demo';
const DIGEST_A = 'sha256:aaaa';
const DIGEST_B = 'sha256:bbbb';

interface Replica {
  elector: LeaderElector;
  view: ReplicaView;
  abort: AbortController;
  done: Promise<RunOutcome>;
  started: number[];
  stopped: number[];
  blocked: BlockedReason[];
}

describe('controller/leader/elector', () => {
  let server: FakeLeases;
  let clock: FakeClock;

  beforeEach(() => {
    server = new FakeLeases();
    clock = new FakeClock(1_700_000_000_000);
  });

  function replica(identity: string, digest = DIGEST_A, revision = 'rev1', start = true): Replica {
    const view = server.view();
    const r = { view, abort: new AbortController(), started: [], stopped: [], blocked: [] } as unknown as Replica;
    r.elector = new LeaderElector({
      kube: view, namespace: NS, name: LEASE, identity, digest, revision, clock,
      onStartedLeading: () => { r.started.push(clock.now()); },
      onStoppedLeading: () => { r.stopped.push(clock.now()); },
      onBlocked: (reason) => { r.blocked.push(reason); },
    });
    if (start) r.done = r.elector.run(r.abort.signal);
    return r;
  }

  function lease() {
    const l = server.lease(NS, LEASE);
    if (!l) throw new Error('no lease');
    return { spec: l.spec as Record<string, unknown>, annotations: l.metadata.annotations ?? {}, rv: l.metadata.resourceVersion };
  }

  /** Advances in small steps until `cond` holds; returns the elapsed fake milliseconds. */
  async function until(cond: () => boolean, maxMs: number, stepMs = 100): Promise<number> {
    const from = clock.now();
    await settle();
    while (!cond()) {
      if (clock.now() - from > maxMs) throw new Error(`condition not met within ${maxMs} ms`);
      await clock.advance(stepMs);
    }
    return clock.now() - from;
  }

  afterEach(async () => {
    // Nothing may stay scheduled in a test that stopped everything it started.
    await settle();
  });

  it('acquires a Lease that does not exist by creating it, with its digest and revision', async () => {
    const a = replica('a');
    await settle();
    expect(a.elector.state()).to.equal('leader');
    expect(a.elector.isLeader()).to.equal(true);
    expect(a.started).to.have.length(1);
    const { spec, annotations } = lease();
    expect(spec.holderIdentity).to.equal('a');
    expect(spec.leaseDurationSeconds).to.equal(15);
    expect(spec.leaseTransitions).to.equal(0);
    expect(spec.renewTime).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    expect(annotations[DIGEST_ANNOTATION]).to.equal(DIGEST_A);
    expect(annotations[REVISION_ANNOTATION]).to.equal('rev1');
    expect(a.elector.status()).to.deep.include({ state: 'leader', isLeader: true, masterStatus: 1, ready: true, holderIdentity: 'a' });
    a.abort.abort();
    expect(await a.done).to.equal('aborted');
    expect(a.elector.isLeader()).to.equal(false);
    expect(a.stopped, 'abort is the caller stopping, not a loss').to.deep.equal([]);
  });

  it('acquires a released Lease at once and counts the transition', async () => {
    server.put({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: LEASE, namespace: NS }, spec: { holderIdentity: '', leaseDurationSeconds: 1, leaseTransitions: 4 } });
    const a = replica('a');
    await settle();
    expect(a.elector.isLeader()).to.equal(true);
    expect(lease().spec.leaseTransitions).to.equal(5);
    a.abort.abort();
    await a.done;
  });

  it('renews every retry period, keeping acquireTime and moving renewTime', async () => {
    const a = replica('a');
    await settle();
    const first = lease();
    const putsBefore = server.callsOf('request').length;
    await clock.advance(2_000);
    const second = lease();
    expect(server.callsOf('request').length).to.equal(putsBefore + 1);
    expect(second.spec.acquireTime).to.equal(first.spec.acquireTime);
    expect(second.spec.renewTime).to.not.equal(first.spec.renewTime);
    expect(second.rv).to.not.equal(first.rv);
    await clock.advance(20_000);
    expect(server.callsOf('request').length).to.equal(putsBefore + 11);
    expect(a.elector.isLeader()).to.equal(true);
    expect(a.started).to.have.length(1);
    a.abort.abort();
    await a.done;
  });

  it('keeps a second replica in standby while the leader renews', async () => {
    const a = replica('a');
    await settle();
    const b = replica('b');
    await clock.advance(60_000);
    expect(a.elector.isLeader()).to.equal(true);
    expect(b.elector.state()).to.equal('standby');
    expect(b.elector.status()).to.deep.include({ isLeader: false, masterStatus: 0, ready: true, holderIdentity: 'a' });
    expect(b.started).to.deep.equal([]);
    a.abort.abort();
    b.abort.abort();
    await Promise.all([a.done, b.done]);
  });

  it('takes over a dead leader only after the record stayed unchanged for a lease duration by its own clock', async () => {
    const a = replica('a');
    await settle();
    const b = replica('b');
    await clock.advance(5_000);
    a.abort.abort(); // kill -9: no release
    await a.done;
    const lastRenewAt = clock.now() - 1_000; // a renewed at +4 s; b observed that change at its +4 s try
    const waited = await until(() => b.elector.isLeader(), 30_000);
    const tookOverAt = clock.now();
    expect(tookOverAt - lastRenewAt).to.be.at.least(15_000);
    expect(tookOverAt - lastRenewAt).to.be.at.most(15_000 + 2_000);
    expect(waited).to.be.greaterThan(0);
    expect(lease().spec.holderIdentity).to.equal('b');
    expect(lease().spec.leaseTransitions).to.equal(1);
    b.abort.abort();
    await b.done;
  });

  for (const [label, renewTime] of [['long ago', '2001-01-01T00:00:00.000000Z'], ['in the future (skewed clock)', '2099-01-01T00:00:00.000000Z']] as const) {
    it(`ignores the remote renewTime (${label}): a stale-looking lease is waited out for a full duration`, async () => {
      server.put({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: LEASE, namespace: NS }, spec: { holderIdentity: 'ghost', leaseDurationSeconds: 15, renewTime, acquireTime: renewTime, leaseTransitions: 0 } });
      const b = replica('b');
      const startedAt = clock.now();
      await clock.advance(14_000);
      expect(b.elector.isLeader(), 'before the observed duration').to.equal(false);
      await until(() => b.elector.isLeader(), 5_000);
      expect(clock.now() - startedAt).to.equal(16_000); // first try at 0, expired at 15 s, next try at 16 s
      b.abort.abort();
      await b.done;
    });
  }

  it('lets exactly one of two simultaneous candidates win a free Lease (the other gets 409)', async () => {
    const a = replica('a');
    const b = replica('b');
    await settle();
    expect(server.conflicts).to.equal(1);
    const leaders = [a, b].filter((r) => r.elector.isLeader());
    expect(leaders).to.have.length(1);
    await clock.advance(30_000);
    expect([a, b].filter((r) => r.elector.isLeader())).to.deep.equal(leaders);
    expect(a.started.length + b.started.length).to.equal(1);
    a.abort.abort();
    b.abort.abort();
    await Promise.all([a.done, b.done]);
  });

  it('lets exactly one of two candidates updating the same released Lease win (PUT with the same resourceVersion)', async () => {
    server.put({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: LEASE, namespace: NS }, spec: { holderIdentity: '', leaseDurationSeconds: 1 } });
    const replicas = ['a', 'b', 'c'].map((id) => replica(id));
    await settle();
    expect(server.conflicts).to.equal(2);
    expect(replicas.filter((r) => r.elector.isLeader())).to.have.length(1);
    for (const r of replicas) r.abort.abort();
    await Promise.all(replicas.map((r) => r.done));
  });

  it('stops leading when renewals fail for the renew deadline (API unreachable)', async () => {
    const a = replica('a');
    await settle();
    await clock.advance(4_000); // renewed at +2 s and +4 s
    a.view.link = 'down';
    await clock.advance(9_999);
    expect(a.elector.isLeader(), 'just before the deadline').to.equal(true);
    await clock.advance(1);
    expect(a.elector.isLeader()).to.equal(false);
    expect(a.stopped).to.deep.equal([clock.now()]);
    expect(await a.done).to.equal('lost');
    expect(a.elector.state()).to.equal('standby');
  });

  it('stops leading at the renew deadline even while a renewal hangs', async () => {
    const a = replica('a');
    await settle();
    const renewedAt = clock.now();
    a.view.link = 'frozen';
    await clock.advance(10_000);
    expect(a.elector.isLeader()).to.equal(false);
    expect(a.stopped).to.deep.equal([renewedAt + 10_000]);
    a.view.thaw();
    expect(await a.done).to.equal('lost');
  });

  it('stops leading at once when it sees another holder on the Lease', async () => {
    const a = replica('a');
    await settle();
    const current = server.lease(NS, LEASE)!;
    server.put({ ...current, spec: { ...(current.spec as object), holderIdentity: 'intruder' } });
    await clock.advance(2_000);
    expect(a.elector.isLeader()).to.equal(false);
    expect(a.stopped).to.have.length(1);
    expect(await a.done).to.equal('lost');
  });

  it('release hands the Lease to the standby at its next retry, without onStoppedLeading', async () => {
    const a = replica('a');
    await settle();
    const b = replica('b');
    await clock.advance(3_000);
    expect(await a.elector.release()).to.equal(true);
    expect(await a.done).to.equal('released');
    expect(a.stopped).to.deep.equal([]);
    expect(a.elector.isLeader()).to.equal(false);
    const { spec, annotations } = lease();
    expect(spec.holderIdentity).to.equal('');
    expect(spec.leaseDurationSeconds).to.equal(1);
    expect(annotations[DIGEST_ANNOTATION], 'the digest stays for the guard').to.equal(DIGEST_A);
    const handover = await until(() => b.elector.isLeader(), 2_000, 10);
    expect(handover).to.be.at.most(2_000);
    expect(lease().spec.holderIdentity).to.equal('b');
    expect(await a.elector.release(), 'a second release has nothing to give up').to.equal(false);
    b.abort.abort();
    await b.done;
  });

  it('release after an abort still gives the Lease up (stop the work, then release)', async () => {
    const a = replica('a');
    await settle();
    a.abort.abort();
    expect(await a.done).to.equal('aborted');
    expect(await a.elector.release()).to.equal(true);
    expect(lease().spec.holderIdentity).to.equal('');
  });

  it('release does not clobber a Lease somebody else took meanwhile', async () => {
    const a = replica('a');
    await settle();
    a.abort.abort();
    await a.done;
    const current = server.lease(NS, LEASE)!;
    server.put({ ...current, spec: { ...(current.spec as object), holderIdentity: 'b' } });
    expect(await a.elector.release()).to.equal(false);
    expect(lease().spec.holderIdentity).to.equal('b');
  });

  it('release of a standby writes nothing', async () => {
    const a = replica('a');
    await settle();
    const b = replica('b');
    await clock.advance(2_000);
    const before = lease().rv;
    expect(await b.elector.release()).to.equal(false);
    await settle();
    expect(lease().spec.holderIdentity).to.equal('a');
    expect(await b.done).to.equal('released');
    a.abort.abort();
    await a.done;
    expect(before).to.be.a('string');
  });

  describe('split-brain guard', () => {
    it('same revision, other digest: blocked, logged once, never leads — not after expiry, not after release', async () => {
      const a = replica('a', DIGEST_A, 'rev1');
      await settle();
      const b = replica('b', DIGEST_B, 'rev1');
      await settle();
      expect(b.elector.state()).to.equal('blocked');
      expect(b.elector.blockedReason).to.deep.equal({ reason: 'BundleDigestMismatch', revision: 'rev1', leaderDigest: DIGEST_A, ownDigest: DIGEST_B, leaderIdentity: 'a' });
      expect(b.elector.status()).to.deep.include({ ready: false, masterStatus: 0, state: 'blocked' });
      await clock.advance(10_000);
      a.abort.abort(); // kill -9
      await a.done;
      await clock.advance(60_000);
      expect(b.elector.state()).to.equal('blocked');
      expect(lease().spec.holderIdentity).to.equal('a');
      expect(b.blocked, 'onBlocked once').to.have.length(1);
      expect(server.callsOf('create').length).to.equal(1);

      // A released lease from the same revision with other bytes still blocks.
      const released = server.lease(NS, LEASE)!;
      server.put({ ...released, spec: { ...(released.spec as object), holderIdentity: '', leaseDurationSeconds: 1 } });
      await clock.advance(10_000);
      expect(b.elector.state()).to.equal('blocked');
      expect(b.elector.blockedReason?.leaderIdentity).to.equal('');
      expect(b.started).to.deep.equal([]);
      b.abort.abort();
      await b.done;
    });

    it('a blocked replica stays blocked for a sibling with its own digest while the Lease records the other one', async () => {
      const a = replica('a', DIGEST_A, 'rev1');
      await settle();
      const b = replica('b', DIGEST_B, 'rev1');
      await settle();
      await a.elector.release();
      const c = replica('c', DIGEST_B, 'rev1');
      await clock.advance(20_000);
      expect(c.elector.state()).to.equal('blocked');
      expect(b.elector.state()).to.equal('blocked');
      for (const r of [b, c]) r.abort.abort();
      await Promise.all([b.done, c.done]);
    });

    it('a blocked replica becomes a ready standby when a newer revision takes the Lease', async () => {
      const a = replica('a', DIGEST_A, 'rev1');
      await settle();
      const b = replica('b', DIGEST_B, 'rev1');
      await settle();
      expect(b.elector.state()).to.equal('blocked');
      await a.elector.release();
      const c = replica('c', 'sha256:cccc', 'rev2');
      await settle();
      expect(c.elector.isLeader()).to.equal(true);
      await clock.advance(2_000);
      expect(b.elector.state()).to.equal('standby');
      expect(b.elector.blockedReason).to.equal(undefined);
      expect(b.elector.status().ready).to.equal(true);
      for (const r of [b, c]) r.abort.abort();
      await Promise.all([b.done, c.done]);
    });

    it('a blocked replica becomes a standby when the Lease records its own digest for its revision', async () => {
      const a = replica('a', DIGEST_A, 'rev1');
      await settle();
      const b = replica('b', DIGEST_B, 'rev1');
      await settle();
      a.abort.abort();
      await a.done;
      // e.g. the Lease was deleted and re-created by a sibling with b's bundle
      const current = server.lease(NS, LEASE)!;
      server.put({ ...current, metadata: { ...current.metadata, annotations: { [DIGEST_ANNOTATION]: DIGEST_B, [REVISION_ANNOTATION]: 'rev1' } }, spec: { ...(current.spec as object), holderIdentity: 'd' } });
      await clock.advance(2_000);
      expect(b.elector.state()).to.equal('standby');
      await until(() => b.elector.isLeader(), 20_000);
      b.abort.abort();
      await b.done;
    });

    it('a leader that loses the Lease to a same-revision replica with other bytes is blocked afterwards', async () => {
      const a = replica('a', DIGEST_A, 'rev1');
      await settle();
      const current = server.lease(NS, LEASE)!;
      server.put({ ...current, metadata: { ...current.metadata, annotations: { [DIGEST_ANNOTATION]: DIGEST_B, [REVISION_ANNOTATION]: 'rev1' } }, spec: { ...(current.spec as object), holderIdentity: 'z' } });
      await clock.advance(2_000);
      expect(a.stopped).to.have.length(1);
      expect(a.elector.state()).to.equal('blocked');
      expect(await a.done).to.equal('lost');
    });

    it('other revision: a ready standby that takes over after release and records its own digest and revision', async () => {
      const a = replica('a', DIGEST_A, 'rev1');
      await settle();
      const b = replica('b', DIGEST_B, 'rev2');
      await clock.advance(6_000);
      expect(b.elector.state()).to.equal('standby');
      expect(b.elector.status().ready).to.equal(true);
      await a.elector.release();
      await until(() => b.elector.isLeader(), 2_000, 10);
      const { annotations } = lease();
      expect(annotations[DIGEST_ANNOTATION]).to.equal(DIGEST_B);
      expect(annotations[REVISION_ANNOTATION]).to.equal('rev2');
      b.abort.abort();
      await b.done;
    });

    it('other revision: takes over after expiry too', async () => {
      const a = replica('a', DIGEST_A, 'rev1');
      await settle();
      const b = replica('b', DIGEST_B, 'rev2');
      await clock.advance(2_000);
      a.abort.abort();
      await a.done;
      await until(() => b.elector.isLeader(), 20_000);
      expect(lease().annotations[DIGEST_ANNOTATION]).to.equal(DIGEST_B);
      b.abort.abort();
      await b.done;
    });

    it('same revision, same digest: a normal standby that takes over after expiry', async () => {
      const a = replica('a', DIGEST_A, 'rev1');
      await settle();
      const b = replica('b', DIGEST_A, 'rev1');
      await clock.advance(4_000);
      expect(b.elector.state()).to.equal('standby');
      expect(b.blocked).to.deep.equal([]);
      a.abort.abort();
      await a.done;
      await until(() => b.elector.isLeader(), 20_000);
      b.abort.abort();
      await b.done;
    });

    it('unknown revision on both sides: no guard (nothing proves they are siblings)', async () => {
      const a = replica('a', DIGEST_A, '');
      await settle();
      const b = replica('b', DIGEST_B, '');
      await clock.advance(4_000);
      expect(b.elector.state()).to.equal('standby');
      a.abort.abort();
      await a.done;
      await until(() => b.elector.isLeader(), 20_000);
      b.abort.abort();
      await b.done;
    });
  });

  it('rejects timings where a leader could outlive its lease', () => {
    const base = { kube: server.view(), namespace: NS, name: LEASE, identity: 'a', digest: DIGEST_A, revision: 'r', clock, onStartedLeading: () => {}, onStoppedLeading: () => {} };
    expect(() => new LeaderElector({ ...base, leaseDurationMs: 10_000, renewDeadlineMs: 10_000 })).to.throw(/longer than the renew deadline/);
    expect(() => new LeaderElector({ ...base, renewDeadlineMs: 2_000, retryPeriodMs: 2_000 })).to.throw(/longer than the retry period/);
    expect(() => new LeaderElector({ ...base, identity: '' })).to.throw(/identity/);
  });

  it('run() twice is refused', async () => {
    const a = replica('a');
    expect(() => a.elector.run(new AbortController().signal)).to.throw(/already called/);
    a.abort.abort();
    await a.done;
  });
});
