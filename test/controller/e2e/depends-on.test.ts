// dependsOn end to end: `app: {dependsOn: {database: healthy}}` — App's workers start only once
// every Database is Ready; until then each App says Ready=False WaitingForDependency. A Database that fails validation holds the App's children back; fixing
// it lets them through. The controller starts after the CRs exist (CRDs installed by a first,
// stopped controller), as after a deploy: a gate that opened on an empty cluster stays open.
import { expect } from 'chai';
import { CLUSTER_START_TIMEOUT_MS, newTestNamespace } from '../../support/cluster.js';
import { fixtureWorld, poll, readyOf, sleep, type World } from './world.js';

describe('controller end to end: dependsOn (real API server)', function () {
  this.timeout(60_000);
  let world: World;

  before(async function () {
    this.timeout(CLUSTER_START_TIMEOUT_MS);
    world = await fixtureWorld('deps');
    await world.start(); // installs the CRDs
    await world.stop();
  });
  after(async () => world?.close());

  it('a dependency CR that is not Ready keeps the dependent\'s children absent; fixed, the dependent proceeds', async () => {
    const client = world.cluster.client;
    const ns = await newTestNamespace('e2e-depends');
    const databases = world.crPath('databases', ns);
    const apps = world.crPath('apps', ns);
    const appConfig = `/api/v1/namespaces/${ns}/configmaps/shop-config`;
    await client.post(databases, { apiVersion: `${world.group}/v1`, kind: 'Database', metadata: { name: 'db' }, spec: { version: '9' } });
    await client.post(apps, { apiVersion: `${world.group}/v1`, kind: 'App', metadata: { name: 'shop' }, spec: { database: 'db' } });

    const controller = await world.start();
    expect(controller.controllers.get('database')!.status).to.equal('started');
    expect(controller.controllers.get('app')!.status).to.equal('waiting');
    expect(controller.ready()).to.equal(false);
    expect(world.logs.some((l) => l.message === 'workers wait for dependencies' && l.crd === 'app')).to.equal(true);

    const db = await poll('Database Ready=False', 10_000, async () => {
      const r = readyOf(await client.get(`${databases}/db`));
      return r?.status === 'False' ? r : undefined;
    });
    expect(db).to.include({ reason: 'ValidationFailed' });
    expect(db.message).to.contain('spec.version must be 15 or 16');

    // The App says what it waits for, once.
    const waiting = await poll('App Ready=False WaitingForDependency', 10_000, async () => {
      const r = readyOf(await client.get(`${apps}/shop`));
      return r?.reason === 'WaitingForDependency' ? r : undefined;
    });
    expect(waiting.status).to.equal('False');
    expect(waiting.message).to.equal('waiting for database (healthy)');

    // Two resyncs of both kinds pass: still nothing for the App but that status write and its Event.
    await sleep(4500);
    expect(controller.controllers.get('app')!.status).to.equal('waiting');
    expect((await client.request({ path: appConfig })).status).to.equal(404);
    const appWrites = world.writes.filter((w) => w.target.includes(`${ns}/shop`) || w.target.includes('shop-config'));
    expect(appWrites.map((w) => `${w.verb} ${w.target.replace(/^(Event \S+\/shop)\..*$/, '$1')}`)).to.deep.equal([`patch App ${ns}/shop/status`, `create Event ${ns}/shop`]);

    await client.mergePatch(`${databases}/db`, { spec: { version: '16' } });
    const fixedAt = Date.now();
    await poll('Database Ready=True', 10_000, async () => (readyOf(await client.get(`${databases}/db`))?.status === 'True' ? true : undefined));
    const config = await poll('the App\'s ConfigMap', 10_000, async () => {
      const r = await client.request({ path: appConfig });
      return r.status === 200 ? r.body : undefined;
    });
    console.log(`      App children ${Date.now() - fixedAt} ms after the Database fix`);
    expect(config.data).to.deep.equal({ database: 'db' });
    await poll('App Ready=True', 10_000, async () => (readyOf(await client.get(`${apps}/shop`))?.status === 'True' ? true : undefined));
    expect(controller.controllers.get('app')!.status).to.equal('started');
    expect(controller.ready()).to.equal(true);
  });
});
