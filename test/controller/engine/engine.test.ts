// The pieces together, as a controller wires them: informer events → keys → queue → workers.
import { expect } from 'chai';
import {
  FakeClock, Informer, objectKey, ownerKeysOf, runWorkers, settle, WorkQueue,
} from '../../../controller/engine/index.js';
import type { ApiResource, KubeObject } from '../../../shared/kube/index.js';
import { CONFIGMAPS, FakeKube } from '../../support/fake-kube.js';

const WEBSITES: ApiResource = { group: 'example.com', version: 'v1', resource: 'websites', kind: 'Website', namespaced: true };

describe('controller/engine (wired)', () => {
  it('owner and child events reach one reconcile per key; resync re-reconciles; stop leaves nothing running', async () => {
    const clock = new FakeClock();
    const fake = new FakeKube([WEBSITES, CONFIGMAPS]);
    const site: KubeObject = { apiVersion: 'example.com/v1', kind: 'Website', metadata: { name: 'site', namespace: 'ns' }, spec: {} };
    const stored = fake.put(site);
    const owners = new Informer({ client: fake, resource: WEBSITES, clock, resyncMs: 600_000 });
    const children = new Informer({ client: fake, resource: CONFIGMAPS, clock });
    const queue = new WorkQueue({ clock });
    const enqueue = (o: KubeObject): void => queue.add(objectKey(o));
    owners.addHandlers({ add: enqueue, update: (_a, b) => enqueue(b), delete: enqueue });
    const toOwner = (o: KubeObject): void => ownerKeysOf(o, 'example.com/v1', 'Website').forEach((k) => queue.add(k));
    children.addHandlers({ add: toOwner, update: (_a, b) => toOwner(b), delete: toOwner });

    const reconciled: Array<[string, number]> = [];
    const workers = runWorkers(queue, 2, async (key) => {
      reconciled.push([key, clock.now()]);
    });
    owners.start();
    children.start();
    expect(await owners.waitForSync()).to.equal(true);
    expect(await children.waitForSync()).to.equal(true);
    await settle();
    expect(reconciled).to.deep.equal([['ns/site', 0]]);

    // A child changed by hand reconciles its owner at once.
    fake.put({
      apiVersion: 'v1', kind: 'ConfigMap',
      metadata: { name: 'cfg', namespace: 'ns', ownerReferences: [{ apiVersion: 'example.com/v1', kind: 'Website', name: 'site', uid: stored.metadata.uid!, controller: true }] },
    });
    await clock.advance(1000);
    expect(reconciled).to.deep.equal([['ns/site', 0], ['ns/site', 0]]);

    await clock.advance(600_000);
    expect(reconciled.map((r) => r[1])).to.deep.equal([0, 0, 600_000]);

    await owners.stop();
    await children.stop();
    expect(await queue.shutDownWithDrain(5000)).to.equal(true);
    await workers;
    expect(clock.pendingTimers()).to.equal(0);
    expect(fake.openWatches()).to.have.length(0);
  });
});
