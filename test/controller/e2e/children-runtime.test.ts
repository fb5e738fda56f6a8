// Runtime keys of a child, the whole controller against the real API server: a custom child's
// initial `status` (written once after create: through the status subresource where the kind has
// one, into the object where it has none; never with hasStatus: false; never again once the
// child's status moved on) and a child's `sleep` (the reconcile stops after that child is written
// and resumes after the pause: the children after it come that much later, and the one worker
// stays free for other CRs meanwhile), a Deployment child's workload autoscale, and forceConflict
// (false: a field another field manager took over stays its, the API server's 409 is reported on
// Ready and in a Warning Event; true, the child's own, wins over the entry's false).
import { expect } from 'chai';
import { newTestNamespace } from '../../support/cluster.js';
import { poll, readyOf, sleep } from './world.js';
import { cm, useFixtureWorld } from './world-api.js';

describe('controller end to end: a child\'s initial status and sleep (real API server)', function () {
  this.timeout(60_000);
  const { world, get, status, create, events, measured } = useFixtureWorld('children');
  const client = () => world().cluster.client;
  const present = (path: string) => poll(path, 20_000, async () => ((await status(path)) === 200 ? get(path) : undefined));

  it('writes a custom child\'s initial status once after creating it: status subresource, or the object itself', async () => {
    const ns = await newTestNamespace('e2e-garden');
    await create('gardens', 'Garden', ns, 'g1', { variety: 'basil' });
    const seed = await poll('the Seed with its initial status', 20_000, async () => {
      const s = (await status(world().crPath('seeds', ns, 'g1-seed'))) === 200 ? await get(world().crPath('seeds', ns, 'g1-seed')) : undefined;
      return s?.status?.phase ? s : undefined;
    });
    expect(seed.spec).to.deep.equal({ variety: 'basil' });
    expect(seed.status).to.deep.equal({ phase: 'Planted', plantedBy: 'g1' });
    const plain = await poll('the Plain with its initial status', 10_000, async () => {
      const p = (await status(world().crPath('plains', ns, 'g1-plain'))) === 200 ? await get(world().crPath('plains', ns, 'g1-plain')) : undefined;
      return p?.status ? p : undefined;
    });
    expect(plain.status, 'a kind without a status subresource keeps it in the object').to.deep.equal({ phase: 'Planted' });
    const quiet = await present(world().crPath('seeds', ns, 'g1-quiet'));
    expect(quiet.status, 'hasStatus: false').to.equal(undefined);
    const statusWrites = world().writes.filter((w) => w.verb === 'patch' && w.target.includes(`${ns}/g1-`)).map((w) => w.target.replace(`${ns}/`, ''));
    // The Plain's kind has no status subresource: that patch is answered 404, the object is patched instead.
    expect(statusWrites).to.deep.equal(['Seed g1-seed/status', 'Plain g1-plain/status', 'Plain g1-plain']);

    // The Seed's own controller moves its status on; resyncs (2s) never write the initial one again.
    await client().mergePatch(`${world().crPath('seeds', ns, 'g1-seed')}/status`, { status: { phase: 'Sprouted', plantedBy: null } });
    await poll('Garden Ready', 10_000, async () => (readyOf(await get(world().crPath('gardens', ns, 'g1')))?.status === 'True' ? true : undefined));
    await sleep(4500);
    expect((await get(world().crPath('seeds', ns, 'g1-seed'))).status).to.deep.equal({ phase: 'Sprouted' });
    expect(world().writes.filter((w) => w.verb === 'patch' && w.target.includes(`${ns}/g1-`))).to.have.length(3);
  });

  it('sleep: the children after a sleeping child come after the pause, without holding the one worker', async () => {
    const ns = await newTestNamespace('e2e-rows');
    const t0 = Date.now();
    await create('rows', 'Row', ns, 'r1', { pause: '3s' });
    await create('rows', 'Row', ns, 'r2', { pause: '3s' });
    const firsts = await Promise.all(['r1', 'r2'].map(async (r) => { await present(cm(ns, `${r}-first`)); return Date.now() - t0; }));
    const r1 = await poll('r1 sleeping', 5000, async () => {
      const ready = readyOf(await get(world().crPath('rows', ns, 'r1')));
      return ready?.reason === 'Sleeping' ? ready : undefined;
    });
    expect(r1.status).to.equal('False');
    expect(r1.message).to.match(/^pausing 3s after writing ConfigMap .*\/r1-first \(its sleep\); 1 more change then$/);
    expect(await status(cm(ns, 'r1-second')), 'nothing after the sleeping child yet').to.equal(404);
    const seconds = await Promise.all(['r1', 'r2'].map(async (r) => { await present(cm(ns, `${r}-second`)); return Date.now() - t0; }));
    measured.firstMs = Math.max(...firsts);
    measured.secondMs = Math.min(...seconds);
    // Both firsts within the pause: the one worker was not parked by r1's sleep.
    expect(Math.max(...firsts), 'both first ConfigMaps before either pause is over').to.be.below(3000);
    expect(Math.min(...seconds) - Math.max(...firsts), 'the seconds come a pause later').to.be.at.least(1500);
    await poll('r1 Ready', 10_000, async () => (readyOf(await get(world().crPath('rows', ns, 'r1')))?.status === 'True' ? true : undefined));
    expect(await events(ns, 'r1')).to.include.members([`Normal Sleeping: ${r1.message}`]);
    // Once everything is in shape a reconcile writes nothing, so it does not pause again.
    await client().mergePatch(world().crPath('rows', ns, 'r1'), { metadata: { labels: { touched: 'yes' } } });
    await sleep(1500);
    expect(readyOf(await get(world().crPath('rows', ns, 'r1')))?.reason).to.equal('Reconciled');
  });

  it('workload autoscale: replicas move from the live count while a direction holds, once per cooldown', async () => {
    const ns = await newTestNamespace('e2e-fleet');
    const dep = `/apis/apps/v1/namespaces/${ns}/deployments/f1-web`;
    const replicas = async () => ((await status(dep)) === 200 ? (await get(dep)).spec.replicas as number : undefined);
    await create('fleets', 'Fleet', ns, 'f1', { load: 'normal' });
    expect(await poll('the Deployment', 20_000, replicas)).to.equal(1);
    const t0 = Date.now();
    await client().mergePatch(world().crPath('fleets', ns, 'f1'), { spec: { load: 'high' } });
    await poll('scaled up to 3', 10_000, async () => ((await replicas()) === 3 ? true : undefined));
    const first = Date.now() - t0;
    const stamped = (await get(dep)).metadata.annotations['orkestra.orkspace.io/last-scale-event'];
    expect(stamped).to.match(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    await poll('scaled up to the max, 5', 15_000, async () => ((await replicas()) === 5 ? true : undefined));
    const second = Date.now() - t0;
    measured.firstScaleMs = first;
    measured.secondScaleMs = second;
    expect(second - first, 'the second step waits for the 3s cooldown').to.be.at.least(2000);
    await sleep(4000);
    expect(await replicas(), 'never above max').to.equal(5);
    await client().mergePatch(world().crPath('fleets', ns, 'f1'), { spec: { load: 'low' } });
    await poll('scaled down to 1', 15_000, async () => ((await replicas()) === 1 ? true : undefined));
  });

  it('forceConflict: false leaves a field another manager owns and reports the conflict; a child\'s true takes it back', async () => {
    const ns = await newTestNamespace('e2e-ledger');
    const entry = async (name: string) => ((await status(cm(ns, name))) === 200 ? (await get(cm(ns, name))).data?.entry : undefined);
    const ledger = world().crPath('ledgers', ns, 'l1');
    await create('ledgers', 'Ledger', ns, 'l1', { entry: 'a' });
    await poll('l1 Ready', 20_000, async () => (readyOf(await get(ledger))?.status === 'True' ? true : undefined));
    // Another manager takes data.entry over on both (an update moves the field's ownership to it).
    for (const name of ['l1-kept', 'l1-owned']) {
      await client().ok({ method: 'PATCH', path: `${cm(ns, name)}?fieldManager=bookkeeper`, body: { data: { entry: 'b' } }, contentType: 'application/merge-patch+json' });
    }
    const ready = await poll('l1 FieldConflict', 15_000, async () => {
      const r = readyOf(await get(ledger));
      return r?.reason === 'FieldConflict' ? r : undefined;
    });
    expect(ready.status).to.equal('False');
    expect(ready.message).to.contain(`ConfigMap ${ns}/l1-kept`).and.contain('bookkeeper').and.contain('.data.entry');
    expect(ready.message).not.to.contain('l1-owned');
    await poll('l1-owned taken back', 10_000, async () => ((await entry('l1-owned')) === 'a' ? true : undefined));
    await sleep(2500); // resyncs (1s): the kept field stays the other manager's
    expect(await entry('l1-kept')).to.equal('b');
    expect(await events(ns, 'l1')).to.include(`Warning FieldConflict: ${ready.message}`);
    // Declaring the value the other manager holds is no conflict: the field is then shared.
    await client().mergePatch(ledger, { spec: { entry: 'b' } });
    await poll('l1 Ready again', 15_000, async () => (readyOf(await get(ledger))?.status === 'True' ? true : undefined));
    const managers = ((await get(cm(ns, 'l1-kept'))).metadata.managedFields as { manager: string }[]).map((m) => m.manager);
    expect(managers).to.include.members(['bookkeeper', 'orkestra']);
  });
});
