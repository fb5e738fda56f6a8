// The CacheReader's owner index as compacted for memory (issue #17): one key per child once the
// CRD's scope is known, children of several kinds with the same name kept apart, and a delete
// event (a new object, not the cached one) still removing its entry. The rest: test/controller/run.test.ts.
import { expect } from 'chai';
import { CacheReader } from '../../../controller/crd/cache-reader.js';
import { Informer, realClock } from '../../../controller/engine/index.js';
import type { ApiResource, KubeObject } from '../../../shared/kube/index.js';
import { CONFIGMAPS, FakeKube } from '../../support/fake-kube.js';
import { poll } from '../e2e/world.js';

const SECRETS: ApiResource = { group: '', version: 'v1', resource: 'secrets', kind: 'Secret', namespaced: true };

describe('controller/crd/cache-reader owner index', () => {
  const child = (kind: 'ConfigMap' | 'Secret', name: string, owner: string, namespace = 'ns', crd = 'website'): KubeObject => ({
    apiVersion: 'v1', kind,
    metadata: { name, namespace, labels: { 'orkestra.orkspace.io/managed': 'true', 'orkestra-owner': owner, 'orkestra.orkspace.io/crd': crd } },
  });
  const cr = (name: string, namespace?: string): KubeObject => ({ apiVersion: 'g/v1', kind: 'Widget', metadata: { name, ...(namespace ? { namespace } : {}) } });

  async function setup(seed: KubeObject[], scopes: [string, boolean][]) {
    const kube = new FakeKube([CONFIGMAPS, SECRETS]);
    for (const o of seed) kube.put(o);
    const reader = new CacheReader(kube);
    for (const [crd, namespaced] of scopes) reader.ownerScope(crd, namespaced);
    const informers = [CONFIGMAPS, SECRETS].map((resource) => new Informer({ client: kube, resource, clock: realClock, labelSelector: 'orkestra.orkspace.io/managed=true' }));
    reader.watchChildren('v1', 'ConfigMap', informers[0]!);
    reader.watchChildren('v1', 'Secret', informers[1]!);
    for (const i of informers) i.start();
    for (const i of informers) await i.waitForSync();
    return { kube, reader, stop: () => Promise.all(informers.map((i) => i.stop())) };
  }
  const names = (objects: KubeObject[]) => objects.map((o) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`).sort();

  it('a namespaced CRD: children by owner namespace; same name in two kinds kept apart; deletes and relabels followed', async () => {
    const { kube, reader, stop } = await setup([child('ConfigMap', 'a', 'a'), child('Secret', 'a', 'a'), child('ConfigMap', 'a', 'a', 'other')], [['website', true]]);
    try {
      expect(names(reader.listOwned('website', cr('a', 'ns')))).to.deep.equal(['ConfigMap/ns/a', 'Secret/ns/a']);
      expect(names(reader.listOwned('website', cr('a', 'other')))).to.deep.equal(['ConfigMap/other/a']);
      kube.remove(CONFIGMAPS, 'ns', 'a');
      kube.put(child('Secret', 'a', 'b'));
      await poll('the index to follow', 2000, async () => (reader.listOwned('website', cr('b', 'ns')).length === 1 ? true : undefined));
      expect(names(reader.listOwned('website', cr('a', 'ns')))).to.deep.equal([]);
      expect(names(reader.listOwned('website', cr('b', 'ns')))).to.deep.equal(['Secret/ns/a']);
    } finally {
      await stop();
    }
  });

  it('a cluster-scoped CRD: its children in any namespace; a CRD whose scope was never told is indexed both ways', async () => {
    const seed = [child('ConfigMap', 'c1', 'c', 'ns', 'cluster'), child('Secret', 'c2', 'c', 'other', 'cluster'), child('ConfigMap', 'u', 'u', 'ns', 'untold')];
    const { reader, stop } = await setup(seed, [['cluster', false]]);
    try {
      expect(names(reader.listOwned('cluster', cr('c')))).to.deep.equal(['ConfigMap/ns/c1', 'Secret/other/c2']);
      expect(names(reader.listOwned('untold', cr('u', 'ns')))).to.deep.equal(['ConfigMap/ns/u']);
      expect(names(reader.listOwned('untold', cr('u')))).to.deep.equal(['ConfigMap/ns/u']);
    } finally {
      await stop();
    }
  });
});
