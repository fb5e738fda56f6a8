// observe.watch and cross end to end (fixture `observe`): an App's child shows what `.cross.db`
// reads of its Database. The App's resync is 10 minutes, so each change reaching it within seconds
// was brought by a secondary watch: a created Database re-queues the App its label names; an update
// to that Database does not (on: [create]); a change to a ConfigMap named `flags` re-queues every App.
import { expect } from 'chai';
import { CLUSTER_START_TIMEOUT_MS, newTestNamespace } from '../../support/cluster.js';
import { fixtureWorld, poll, sleep, type World } from './world.js';

describe('controller end to end: observe.watch and cross (real API server)', function () {
  this.timeout(60_000);
  let world: World;

  before(async function () {
    this.timeout(CLUSTER_START_TIMEOUT_MS);
    world = await fixtureWorld('observe');
    await world.start();
  });
  after(async () => world?.close());

  it('re-queues the App from its watches, and renders what cross reads of its Database', async () => {
    const client = world.cluster.client;
    const ns = await newTestNamespace('e2e-observe');
    const seen = `/api/v1/namespaces/${ns}/configmaps/shop-seen`;
    const read = async () => {
      const r = await client.request({ path: seen });
      return r.status === 200 ? (r.body as { data?: Record<string, string> }).data : undefined;
    };
    await client.post(world.crPath('apps', ns), { apiVersion: `${world.group}/v1`, kind: 'App', metadata: { name: 'shop' }, spec: { database: 'db' } });
    expect(await poll('the App child, no Database yet', 10_000, read)).to.deep.equal({ found: 'false', version: '' });

    // keyFrom.label on a create: the App the label names (a bare name: the Database's namespace) is re-queued.
    const createdAt = Date.now();
    await client.post(world.crPath('databases', ns), {
      apiVersion: `${world.group}/v1`, kind: 'Database', metadata: { name: 'db', labels: { 'shop.example/app': 'shop' } }, spec: { version: '15' },
    });
    await poll('the App sees its Database', 10_000, async () => ((await read())?.found === 'true' ? true : undefined));
    console.log(`      App re-rendered ${Date.now() - createdAt} ms after its Database was created`);
    expect(await read()).to.deep.equal({ found: 'true', version: '15' });

    // on: [create] — an update of the Database is not a trigger; nothing else wakes the App.
    await client.mergePatch(`${world.crPath('databases', ns)}/db`, { spec: { version: '16' } });
    await sleep(2000);
    expect((await read())?.version).to.equal('15');

    // A ConfigMap named `flags` has no key rule and no owner: every App is re-queued.
    const flaggedAt = Date.now();
    await client.post(`/api/v1/namespaces/${ns}/configmaps`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'flags' }, data: { beta: 'on' } });
    await poll('the App sees the new version', 10_000, async () => ((await read())?.version === '16' ? true : undefined));
    console.log(`      App re-rendered ${Date.now() - flaggedAt} ms after the flags ConfigMap changed`);
    expect(world.logs.some((l) => l.message === 'watched object changed' && l.crd === 'app' && l.watch === 'operatorBox.observe.watch[1]')).to.equal(true);
  });
});
