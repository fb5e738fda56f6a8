// rollback.onRollback and rollback.trigger.withinDuration, the whole controller against the real
// API server. A new spec the API server refuses (Service port 70000) fails every reconcile:
// Revert (2 failures within 30s) is rolled back and gets its onRollback ConfigMap, rendered from
// the last good spec through .previous, while its declared children stay as they are (not pruned,
// not re-rendered); Spread's window is 1ms, so no 2 of its failures fall within it and it is never
// rolled back (measured: its first two failures come a few ms apart, its status write re-queueing it).
import { expect } from 'chai';
import { CLUSTER_START_TIMEOUT_MS, newTestNamespace } from '../../support/cluster.js';
import { fixtureWorld, poll, readyOf, sleep, type World } from './world.js';

describe('controller end to end: rollback templates and window (real API server)', function () {
  this.timeout(60_000);
  let world: World;

  before(async function () {
    this.timeout(CLUSTER_START_TIMEOUT_MS);
    world = await fixtureWorld('rollback');
    await world.start();
  });
  after(async () => world?.close());
  afterEach(function () {
    if (this.currentTest?.state === 'failed') console.log(JSON.stringify(world.logs.filter((l) => l.level === 'warn' || l.level === 'error').slice(-10)));
  });
  const client = () => world.cluster.client;
  const get = (path: string) => client().get(path);
  const cm = (ns: string, name: string) => `/api/v1/namespaces/${ns}/configmaps/${name}`;
  const create = (plural: string, kind: string, ns: string, name: string, spec: Record<string, unknown>) =>
    client().post(world.crPath(plural, ns), { apiVersion: `${world.group}/v1`, kind, metadata: { name }, spec });
  const ready = (path: string) => poll(`${path} Ready`, 20_000, async () => (readyOf(await get(path))?.status === 'True' ? true : undefined));
  const kept = (path: string) => poll('the good spec kept', 10_000, async () => ((await get(path)).metadata.annotations?.['orkestra.orkspace.io/last-good-spec'] ? true : undefined));

  it('onRollback: the rolled-back CR gets those children from .previous.spec; its declared children are left as they are', async () => {
    const ns = await newTestNamespace('e2e-onrollback');
    const path = world.crPath('reverts', ns, 'r1');
    await create('reverts', 'Revert', ns, 'r1', { port: 8080 });
    await ready(path);
    await kept(path);
    await client().mergePatch(path, { spec: { port: 70000 } });
    const rolled = await poll('rolled back', 20_000, async () => {
      const r = readyOf(await get(path));
      return r?.reason === 'RolledBack' ? r : undefined;
    });
    expect(rolled.message).to.equal('rolled back: generation 2 failed repeatedly; the onRollback children are applied from the last good spec (generation 1); change the spec to try again');
    const restored = await poll('the onRollback ConfigMap', 10_000, async () => (await client().request({ path: cm(ns, 'r1-restored') })).status === 200 ? (await get(cm(ns, 'r1-restored'))).data : undefined);
    expect(restored).to.deep.equal({ port: '8080', failing: '70000', from: '1' });
    await sleep(2500); // resyncs pass: still rolled back, nothing pruned
    expect(readyOf(await get(path))?.reason).to.equal('RolledBack');
    // The declared children: the ConfigMap as the failing spec's reconciles left it, the Service never changed.
    expect((await get(cm(ns, 'r1-conf'))).data).to.deep.equal({ port: '70000' });
    expect((await get(`/api/v1/namespaces/${ns}/services/r1`)).spec.ports[0].port).to.equal(8080);
    // A new spec ends the rollback and the normal children come back.
    await client().mergePatch(path, { spec: { port: 9090 } });
    await poll('the new spec applied', 10_000, async () => ((await get(`/api/v1/namespaces/${ns}/services/r1`)).spec.ports[0].port === 9090 ? true : undefined));
    await ready(path);
  });

  it('withinDuration: failures further apart than the window never roll the CR back', async () => {
    const ns = await newTestNamespace('e2e-window');
    const path = world.crPath('spreads', ns, 's1');
    await create('spreads', 'Spread', ns, 's1', { port: 8080 });
    await ready(path);
    await kept(path);
    await client().mergePatch(path, { spec: { port: 70000 } });
    const failures = () => world.logs.filter((l) => l.message === 'reconcile failed' && l.key === `${ns}/s1`).length;
    await poll('4 failures', 20_000, async () => (failures() >= 4 ? true : undefined));
    const cr = await get(path);
    expect(cr.metadata.annotations?.['orkestra.orkspace.io/rolled-back-generation']).to.equal(undefined);
    expect(readyOf(cr)?.reason).not.to.equal('RolledBack');
    expect(world.logs.some((l) => l.message === 'rolled back to the last good spec' && l.key === `${ns}/s1`)).to.equal(false);
    expect((await get(cm(ns, 's1-conf'))).data).to.deep.equal({ port: '70000' });
  });
});
