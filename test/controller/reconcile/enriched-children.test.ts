// The reconciler enriches the children a status is rendered from only when the entry enriches AND
// a status field reads `.children`; otherwise not one read is made. A gate sees `.children` shaped
// as status templates see it.
import { expect } from 'chai';
import { enrichedChildren } from '../../../controller/reconcile/enriched-children.js';
import { Run, type ReconcileDeps } from '../../../controller/reconcile/run.js';
import type { CrdEntry } from '../../../shared/katalog/types.js';
import type { ApiResource, KubeObject } from '../../../shared/kube/index.js';
import { FakeKube } from '../../support/fake-kube.js';
import { child, cr, liveOf } from './fixtures.js';

const PODS: ApiResource = { group: '', version: 'v1', resource: 'pods', kind: 'Pod', namespaced: true };
const EVENTS: ApiResource = { group: '', version: 'v1', resource: 'events', kind: 'Event', namespaced: true };

const deployment = child('Deployment', 'blog', { spec: { selector: { matchLabels: { app: 'blog' } } } }, { entryPath: 'operatorBox.onReconcile.deployments[0]' });
const readsChildren = { status: { fields: [{ path: 'pods', value: '{{ podCount .children.deployment }}' }] } };

async function enrich(entry: Partial<CrdEntry>): Promise<{ kube: FakeKube; live: KubeObject[] }> {
  const kube = new FakeKube([PODS, EVENTS]);
  kube.put({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'blog-1', namespace: 'web', labels: { app: 'blog' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'blog-5d', uid: 'r' }] } });
  const deps = { kube, clock: { now: () => new Date() }, fieldManager: 'orkestra', katalogName: 'web' } as unknown as ReconcileDeps;
  const run = new Run(deps, { name: 'website', entry: entry as CrdEntry, apiTypes: { group: 'examples.orkspace.io', version: 'v1', kind: 'Website', plural: 'websites' } });
  const { live } = await enrichedChildren(run, cr(), [deployment], [liveOf(deployment)], [], undefined);
  return { kube, live };
}

describe('controller/reconcile enriched children', () => {
  it('reads nothing for an entry that does not enrich, or whose status does not read .children', async () => {
    for (const entry of [{ operatorBox: readsChildren }, { enrich: ['pods'], operatorBox: { status: { fields: [{ path: 'x', value: '{{ .spec.x }}' }] } } }, { enrichAll: true }] as Partial<CrdEntry>[]) {
      const { kube, live } = await enrich(entry);
      expect(kube.calls, JSON.stringify(entry)).to.deep.equal([]);
      expect(live[0]).to.not.have.property('_pods');
    }
  });

  it('embeds what the entry asks for when a status field reads .children; a gate reads .children as status does', async () => {
    const { kube, live } = await enrich({ enrich: ['pods', { events: { when: [{ field: '{{ podCount .children.deployment }}', equals: '1' }] } }], operatorBox: readsChildren } as Partial<CrdEntry>);
    expect((live[0]!._pods as { name: string }[]).map((p) => p.name)).to.deep.equal(['blog-1']);
    // The gate held (one pod): the Deployment's Warning events and its pods' were listed.
    expect(kube.callsOf('list').map((c) => c.resource)).to.deep.equal(['pods', 'events', 'events']);
  });
});
