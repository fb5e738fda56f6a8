// `unique` end to end (fixture `unique`) on the real API server: two Sites claim one domain; the
// first is reconciled, the later one is Ready=False ValidationFailed naming the domain and gets no
// child; a third with another domain is reconciled.
import { expect } from 'chai';
import { CLUSTER_START_TIMEOUT_MS, newTestNamespace } from '../../support/cluster.js';
import { fixtureWorld, poll, readyOf, sleep, type World } from './world.js';

describe('controller end to end: unique across CRs (real API server)', function () {
  this.timeout(60_000);
  let world: World;

  before(async function () {
    this.timeout(CLUSTER_START_TIMEOUT_MS);
    world = await fixtureWorld('unique');
    await world.start();
  });
  after(async () => world?.close());

  const client = () => world.cluster.client;
  const site = (ns: string, name: string, domain: string) => ({ apiVersion: `${world.group}/v1`, kind: 'Site', metadata: { name, namespace: ns }, spec: { domain } });
  const ready = (ns: string, name: string) => poll(`${name} Ready`, 20_000, async () => readyOf(await client().get(world.crPath('sites', ns, name))));

  it('lets the first Site keep its domain and denies a later one', async () => {
    const ns = await newTestNamespace('unique');
    await client().post(world.crPath('sites', ns), site(ns, 'first', 'shop.example.com'));
    expect((await ready(ns, 'first')).status).to.equal('True');
    await sleep(1100); // a later creationTimestamp (second resolution)
    await client().post(world.crPath('sites', ns), site(ns, 'second', 'shop.example.com'));
    await client().post(world.crPath('sites', ns), site(ns, 'third', 'docs.example.com'));
    const denied = await ready(ns, 'second');
    expect([denied.status, denied.reason]).to.deep.equal(['False', 'ValidationFailed']);
    expect(denied.message).to.include('domain shop.example.com is already served by another Site');
    expect((await ready(ns, 'third')).status).to.equal('True');
    const maps = await client().get(`/api/v1/namespaces/${ns}/configmaps`) as { items: Array<{ metadata: { name: string } }> };
    expect(maps.items.map((m) => m.metadata.name).filter((n) => n.endsWith('-site')).sort()).to.deep.equal(['first-site', 'third-site']);
  });
});
