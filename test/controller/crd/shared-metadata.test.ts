// Our children's metadata held once by both caches of their kind (issue #17): whichever cache
// receives a version second takes the other's metadata object for that very version; another
// version, another uid, or caches that keep different metadata (children read whole) share nothing.
import { expect } from 'chai';
import { childInformers } from '../../../controller/crd/child-watch.js';
import { labelledEntry, namesEntry } from '../../../controller/crd/shared-metadata.js';
import { type Informer, LAST_APPLIED_ANNOTATION, realClock } from '../../../controller/engine/index.js';
import type { ApiResource, KubeObject } from '../../../shared/kube/index.js';
import { silentLogger } from '../../../shared/log.js';
import { FakeKube } from '../../support/fake-kube.js';
import { poll } from '../e2e/world.js';

const DEPLOYMENTS: ApiResource = { group: 'apps', version: 'v1', resource: 'deployments', kind: 'Deployment', namespaced: true };
const LABELS = { 'orkestra.orkspace.io/managed': 'true', 'orkestra.orkspace.io/katalog': 'website', 'orkestra-owner': 'blog' };

const meta = (rv: string, uid = 'u-1') => ({ name: 'blog', namespace: 'ns', uid, resourceVersion: rv, labels: { ...LABELS } });
const holding = (obj: KubeObject | undefined) => ({ get: (key: string) => (key === 'ns/blog' ? obj : undefined) }) as unknown as Informer;

describe('controller/crd/shared-metadata', () => {
  it('shares the other cache’s metadata object for the same version and uid only', () => {
    const full: KubeObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta('7'), spec: { replicas: 1 } };
    const entry = namesEntry({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta('7') }, holding(full));
    expect(entry.metadata).to.equal(full.metadata);
    expect(Object.keys(entry)).to.deep.equal(['apiVersion', 'kind', 'metadata']);
    for (const other of [meta('8'), meta('7', 'u-2')]) {
      const own = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: other };
      expect(namesEntry(own, holding(full))).to.equal(own);
      expect(labelledEntry({ ...full, metadata: other }, holding(full)).metadata).to.equal(other);
    }
    const names: KubeObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta('7') };
    expect(labelledEntry({ ...full, metadata: meta('7') }, holding(names)).metadata).to.equal(names.metadata);
    expect(namesEntry(names, holding(undefined))).to.equal(names);
  });

  async function caches(readWhole: boolean) {
    const kube = new FakeKube([DEPLOYMENTS]);
    const annotations = { [LAST_APPLIED_ANNOTATION]: '{"kubectl":"copy"}' };
    kube.put({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { ...meta('1'), annotations, managedFields: [{ manager: 'orkestra' }] }, spec: { replicas: 1 } });
    const labelSelector = 'orkestra.orkspace.io/managed=true,orkestra.orkspace.io/katalog=website,orkestra-owner';
    const { informer, names } = childInformers(kube, DEPLOYMENTS, { clock: realClock, logger: silentLogger(), labelSelector, apiVersion: 'apps/v1', kind: 'Deployment', readWhole });
    for (const i of [informer, names]) i.start();
    for (const i of [informer, names]) await i.waitForSync();
    return { kube, informer, names, stop: () => Promise.all([informer.stop(), names.stop()]) };
  }

  it('through both informers of a child kind: one metadata object after the lists and after each change', async () => {
    const { kube, informer, names, stop } = await caches(false);
    try {
      expect(names.get('ns/blog')!.metadata).to.equal(informer.get('ns/blog')!.metadata);
      expect(informer.get('ns/blog')!.metadata.annotations).to.deep.equal({});
      const stored = kube.objects(DEPLOYMENTS)[0]!;
      const updated = kube.put({ ...stored, spec: { replicas: 3 } });
      const rv = updated.metadata.resourceVersion;
      await poll('both caches at the new version', 2000, async () => (informer.get('ns/blog')?.metadata.resourceVersion === rv && names.get('ns/blog')?.metadata.resourceVersion === rv) || undefined);
      expect(names.get('ns/blog')!.metadata).to.equal(informer.get('ns/blog')!.metadata);
      expect(informer.get('ns/blog')!.spec).to.deep.equal({ replicas: 3 });
    } finally {
      await stop();
    }
  });

  it('children read whole keep kubectl’s annotation in the labelled cache: nothing shared', async () => {
    const { informer, names, stop } = await caches(true);
    try {
      expect(informer.get('ns/blog')!.metadata.annotations).to.have.property(LAST_APPLIED_ANNOTATION);
      expect(names.get('ns/blog')!.metadata).to.not.equal(informer.get('ns/blog')!.metadata);
      expect(names.get('ns/blog')!.metadata.annotations).to.deep.equal({});
    } finally {
      await stop();
    }
  });
});
