// preReconcile gates, namespace guards and retryBackoff end to end on the real API server: a
// reconcileGate holds a CR with Ready=False ReconcileGated until its condition holds; a sentinel
// gate lets only spec changes through; an enqueueGate drops a frozen CR's events; CRs outside
// allowedNamespaces / inside restrictedNamespaces (or whose children would be) are reported and
// not reconciled; a failing reconcile is retried on the declared backoff and given up after
// maxAttempts.
import { expect } from 'chai';
import { newTestNamespace } from '../../support/cluster.js';
import { poll, readyOf, sleep } from './world.js';
import { cm, useFixtureWorld } from './world-api.js';

describe('controller end to end: preReconcile, namespaces, retryBackoff (real API server)', function () {
  this.timeout(60_000);
  const { world, get, status, create, events, measured } = useFixtureWorld('runtime');
  const client = () => world().cluster.client;
  const readyIs = (path: string, want: string, reason?: string) => poll(`${path} Ready=${want} ${reason ?? ''}`, 20_000, async () => {
    const r = readyOf(await get(path));
    return r?.status === want && (reason === undefined || r.reason === reason) ? r : undefined;
  });

  it('reconcileGate: held with Ready=False ReconcileGated and no child until .spec.enabled is true', async () => {
    const ns = await newTestNamespace('e2e-gate');
    const path = world().crPath('gates', ns, 'g1');
    await create('gates', 'Gate', ns, 'g1', { enabled: false, size: 'S' });
    const held = await readyIs(path, 'False', 'ReconcileGated');
    expect(held.message).to.equal('held by preReconcile.reconcileGate (when: .spec.enabled equals true)');
    expect(await poll('the Warning Event', 5000, async () => ((await events(ns, 'g1')).length > 0 ? events(ns, 'g1') : undefined)))
      .to.deep.equal([`Warning ReconcileGated: ${held.message}`]);
    await sleep(2500); // a resync passes: still held, nothing created
    expect(await status(cm(ns, 'g1-on'))).to.equal(404);
    await client().mergePatch(path, { spec: { enabled: true } });
    await readyIs(path, 'True');
    expect((await get(cm(ns, 'g1-on'))).data).to.deep.equal({ size: 'S' });
  });

  it('sentinels: a label change alone is not reconciled (nor are resyncs); a spec change is; a frozen CR\'s events are dropped', async () => {
    const ns = await newTestNamespace('e2e-sentinel');
    const path = world().crPath('tickets', ns, 't1');
    await create('tickets', 'Ticket', ns, 't1', { seats: 2 }, { labels: { tier: 'gold' } });
    await readyIs(path, 'True');
    expect((await get(cm(ns, 't1-seen'))).data).to.deep.equal({ tier: 'gold', seats: '2' });
    const applies = () => world().writes.filter((w) => w.verb === 'apply' && w.target === `ConfigMap ${ns}/t1-seen`).length;
    // The events of the first apply (its ConfigMap's) pass first: a child's event reconciles the
    // CR as it is then, whatever the sentinels say — they filter the CR's own events.
    await sleep(1500);
    const before = applies();

    await client().mergePatch(path, { metadata: { labels: { tier: 'silver' } } });
    await sleep(3000); // the label event and a resync: generationChanged is false for both
    expect((await get(cm(ns, 't1-seen'))).data.tier, 'label change not reconciled').to.equal('gold');
    expect(applies()).to.equal(before);
    expect(readyOf(await get(path))?.status, 'a quiet hold leaves Ready alone').to.equal('True');

    await client().mergePatch(path, { spec: { seats: 3 } });
    await poll('the spec change reconciled', 10_000, async () => ((await get(cm(ns, 't1-seen'))).data.seats === '3' ? true : undefined));
    expect((await get(cm(ns, 't1-seen'))).data.tier, 'the reconcile sees the CR as it is now').to.equal('silver');

    // enqueueGate: with frozen=yes even a spec change never enters the queue (again after the
    // last apply's own events).
    await sleep(1500);
    await client().mergePatch(path, { metadata: { labels: { frozen: 'yes' } } });
    await client().mergePatch(path, { spec: { seats: 4 } });
    await sleep(3000);
    expect((await get(cm(ns, 't1-seen'))).data.seats).to.equal('3');
  });

  it('namespaces: a CR outside allowedNamespaces or inside restrictedNamespaces is reported, not reconciled', async () => {
    const ok = await newTestNamespace('e2e-fence-ok');
    const blocked = await newTestNamespace('e2e-fence-blocked');
    const elsewhere = await newTestNamespace('e2e-elsewhere');
    await create('fences', 'Fence', ok, 'f1', {});
    await readyIs(world().crPath('fences', ok, 'f1'), 'True');
    expect(await status(cm(ok, 'f1-post'))).to.equal(200);

    await create('fences', 'Fence', blocked, 'f2', {});
    const restricted = await readyIs(world().crPath('fences', blocked, 'f2'), 'False', 'NamespaceNotAllowed');
    expect(restricted.message).to.equal(`namespace ${blocked} is restricted (restrictedNamespaces: ork-e2e-fence-blocked*): this CR is not reconciled; create it in an allowed namespace`);
    expect(await poll('the Warning Event', 5000, async () => ((await events(blocked, 'f2')).length > 0 ? events(blocked, 'f2') : undefined)))
      .to.deep.equal([`Warning NamespaceNotAllowed: ${restricted.message}`]);

    await create('fences', 'Fence', elsewhere, 'f3', {});
    const outside = await readyIs(world().crPath('fences', elsewhere, 'f3'), 'False', 'NamespaceNotAllowed');
    expect(outside.message).to.equal(`namespace ${elsewhere} is not in allowedNamespaces (ork-e2e-fence-*): this CR is not reconciled; create it in an allowed namespace`);

    // Allowed CR, children aimed at a namespace that is not: nothing applied.
    await create('fences', 'Fence', ok, 'f4', { target: elsewhere });
    const children = await readyIs(world().crPath('fences', ok, 'f4'), 'False', 'NamespaceNotAllowed');
    expect(children.message).to.equal(`children would be created where they may not: namespace ${elsewhere} is not in allowedNamespaces (ork-e2e-fence-*); nothing was applied`);
    expect(await status(cm(blocked, 'f2-post'))).to.equal(404);
    expect(await status(cm(elsewhere, 'f3-post'))).to.equal(404);
    expect(await status(cm(elsewhere, 'f4-post'))).to.equal(404);
    expect((await get(world().crPath('fences', blocked, 'f2'))).metadata.finalizers).to.equal(undefined);
  });

  it('retryBackoff: a failing reconcile is retried after 1s, then 4s (1s · 2^n), then given up (maxAttempts 4)', async () => {
    const ns = await newTestNamespace('e2e-retry');
    const target = `ConfigMap ${ns}/r1-bad`;
    const times: number[] = [];
    const seen = new Set<number>();
    const t0 = Date.now();
    await create('retries', 'Retry', ns, 'r1', {});
    // Record when each apply attempt was made, by watching the writes log grow.
    while (Date.now() - t0 < 9000) {
      world().writes.forEach((w, i) => {
        if (w.verb === 'apply' && w.target === target && !seen.has(i)) {
          seen.add(i);
          times.push(Date.now());
        }
      });
      await sleep(25);
    }
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    measured.retryGapsMs = gaps;
    // Attempt 2 follows at once: the first failure's status write is an event of the CR (events
    // are not rate-limited). The retry queued by attempt 1 falls due 1s later (attempt 3), the one
    // of attempt 3 after 1s · 2^2 = 4s (attempt 4, the last).
    expect(times, 'four attempts, then given up').to.have.length(4);
    expect(gaps[0]).to.be.below(600);
    expect(gaps[1]).to.be.within(700, 1600);
    expect(gaps[2]).to.be.within(3700, 4700);
    const ready = readyOf(await get(world().crPath('retries', ns, 'r1')));
    expect(ready).to.include({ status: 'False', reason: 'ApplyFailed' });
    expect(world().logs.some((l) => l.message === 'reconcile given up until the next change or resync' && l.key === `${ns}/r1`)).to.equal(true);
  });
});
