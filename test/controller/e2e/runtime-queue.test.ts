// queue.behaviour end to end: six CRs exist when the controller starts; its queue holds at most
// maxDepth 2 waiting keys (one worker), so start-up events beyond that are dropped (logged) and those CRs stay unreconciled; a later event of each, once the queue is calm, gets in.
import { expect } from 'chai';
import { CLUSTER_START_TIMEOUT_MS, newTestNamespace } from '../../support/cluster.js';
import { fixtureWorld, poll, readyOf, type World } from './world.js';

describe('controller end to end: queue behaviour (real API server)', function () {
  this.timeout(60_000);
  let world: World;

  before(async function () {
    this.timeout(CLUSTER_START_TIMEOUT_MS);
    world = await fixtureWorld('burst');
    await world.start(); // installs the CRD
    await world.stop();
  });
  after(async () => world?.close());

  it('drops events beyond maxDepth at start-up; a later event of a dropped CR is reconciled', async () => {
    const client = world.cluster.client;
    const ns = await newTestNamespace('e2e-burst');
    const names = ['b1', 'b2', 'b3', 'b4', 'b5', 'b6'];
    for (const name of names) await client.post(world.crPath('bursts', ns), { apiVersion: `${world.group}/v1`, kind: 'Burst', metadata: { name }, spec: {} });
    const logsBefore = world.logs.length;
    await world.start();
    const readyNames = async () => ((await client.get(world.crPath('bursts', ns))).items as { metadata: { name: string } }[])
      .filter((cr) => readyOf(cr as never)?.status === 'True').map((cr) => cr.metadata.name);
    // Let the accepted ones finish (and their own status events pass).
    await poll('the accepted CRs Ready', 20_000, async () => ((await readyNames()).length >= 2 ? true : undefined));
    await new Promise((r) => setTimeout(r, 1500));
    const drops = world.logs.slice(logsBefore).filter((l) => l.message === 'queue behaviour dropped an event; the next resync brings the key back');
    const dropped = names.filter((n) => drops.some((d) => d.key === `${ns}/${n}`));
    const ready = await readyNames();
    console.log(`      dropped at start-up: ${dropped.join(', ')}; Ready: ${ready.join(', ')}`);
    expect(dropped.length, 'some start-up events dropped').to.be.at.least(1);
    expect(drops[0]).to.include({ crd: 'burst', limit: 2 });
    expect(ready.length + dropped.length).to.equal(names.length);
    for (const name of dropped) expect(ready, `${name} was dropped, so not reconciled`).to.not.include(name);

    // One at a time, with the queue empty: each dropped CR's next event gets in.
    for (const name of dropped) {
      await client.mergePatch(world.crPath('bursts', ns, name), { spec: { poke: 1 } });
      await poll(`${name} Ready`, 10_000, async () => ((await readyNames()).includes(name) ? true : undefined));
    }
  });
});
