import { expect } from 'chai';
import type { KubeObject } from '../../../shared/kube/index.js';
import { planChildren, type ChildAction } from '../../../controller/reconcile/plan.js';
import { refKey, refOf } from '../../../controller/reconcile/refs.js';
import type { DesiredChild } from '../../../shared/render/index.js';
import { child, cr, CRD, KATALOG, liveOf, ourLabels, ownerRef } from './fixtures.js';

function plan(desired: DesiredChild[], live: KubeObject[], owned: KubeObject[] = live): ChildAction[] {
  const byKey = new Map(live.map((o) => [refKey(refOf(o)), o]));
  return planChildren({ crdName: CRD, katalogName: KATALOG, cr: cr(), desired, live: (ref) => byKey.get(refKey(ref)), owned });
}

function summary(actions: ChildAction[]): string[] {
  return actions.map((a) => {
    const o = a.type === 'prune' ? a.object : a.child.object;
    const why = a.type === 'apply' || a.type === 'skip' ? `(${a.reason})` : '';
    return `${a.type}${why} ${o.kind}/${o.metadata.name}`;
  });
}

describe('controller/reconcile/plan', () => {
  const deploy = child('Deployment', 'blog', { spec: { replicas: 2 } });
  const svc = child('Service', 'blog-svc', { spec: { ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }] } });
  const onCreate = child('ConfigMap', 'blog-config', { data: { a: '1' } }, { phase: 'onCreate', createOnly: true });
  const once = child('Secret', 'blog-secret', { data: { p: 'eA==' } }, { once: true });

  const cases: { name: string; desired: DesiredChild[]; live: KubeObject[]; owned?: KubeObject[]; want: string[] }[] = [
    { name: 'nothing live: apply all, create the create-only', desired: [svc, deploy, onCreate, once], live: [],
      want: ['apply(missing) Service/blog-svc', 'apply(missing) Deployment/blog', 'create ConfigMap/blog-config', 'create Secret/blog-secret'] },
    { name: 'all in shape: skip all', desired: [svc, deploy], live: [liveOf(svc), liveOf(deploy)],
      want: ['skip(inShape) Service/blog-svc', 'skip(inShape) Deployment/blog'] },
    { name: 'hand-edited replicas: apply the drifted one', desired: [svc, deploy], live: [liveOf(svc), liveOf(deploy, (o) => { (o.spec as { replicas: number }).replicas = 5; })],
      want: ['skip(inShape) Service/blog-svc', 'apply(drifted) Deployment/blog'] },
    { name: 'create-only child edited by hand: left alone', desired: [onCreate], live: [liveOf(onCreate, (o) => { o.data = { a: 'changed' }; })],
      want: ['skip(createOnly) ConfigMap/blog-config'] },
    { name: 'once Secret present with another value: left alone', desired: [once], live: [liveOf(once, (o) => { o.data = { p: 'eQ==' }; })],
      want: ['skip(once) Secret/blog-secret'] },
    { name: 'owned but no longer desired: pruned after the desired ones', desired: [deploy], live: [liveOf(deploy), liveOf(svc)],
      want: ['skip(inShape) Deployment/blog', 'prune Service/blog-svc'] },
    { name: 'same name without our labels: never pruned', desired: [deploy], live: [liveOf(deploy)],
      owned: [liveOf(deploy), liveOf(svc, (o) => { o.metadata.labels = { app: 'theirs' }; delete o.metadata.ownerReferences; })],
      want: ['skip(inShape) Deployment/blog'] },
    { name: 'labels copied, controller ownerReference of another uid: not pruned', desired: [], live: [],
      owned: [liveOf(svc, (o) => { o.metadata.ownerReferences = [{ ...ownerRef, uid: 'someone-else' }]; })], want: [] },
    { name: 'labels of another CR (owner label differs): not pruned', desired: [], live: [],
      owned: [liveOf(svc, (o) => { o.metadata.labels = { ...ourLabels('blog-svc'), 'orkestra-owner': 'shop' }; })], want: [] },
    { name: 'labels of another CRD entry: not pruned', desired: [], live: [],
      owned: [liveOf(svc, (o) => { o.metadata.labels = { ...ourLabels('blog-svc'), 'orkestra.orkspace.io/crd': 'other' }; })], want: [] },
    { name: 'same labels in another namespace without owner-namespace: not pruned', desired: [], live: [],
      owned: [liveOf(svc, (o) => { o.metadata.namespace = 'elsewhere'; delete o.metadata.ownerReferences; })], want: [] },
    { name: 'cross-namespace child with owner-namespace label: pruned', desired: [], live: [],
      owned: [liveOf(child('ConfigMap', 'shared', { data: {} }, {}, 'other'))], want: ['prune ConfigMap/shared'] },
    { name: 'an owned object already being deleted: not pruned again', desired: [], live: [],
      owned: [liveOf(svc, (o) => { o.metadata.deletionTimestamp = '2024-01-01T00:00:00Z'; })], want: [] },
    { name: 'an owned Job no longer desired (its when turned false): kept, not pruned', desired: [], live: [],
      owned: [liveOf(child('Job', 'blog-build', { spec: { template: {} } }))], want: [] },
    { name: 'an owned ConfigMap and a Job no longer desired: only the ConfigMap is pruned', desired: [], live: [],
      owned: [liveOf(child('Job', 'blog-build', { spec: { template: {} } })), liveOf(onCreate)], want: ['prune ConfigMap/blog-config'] },
    { name: 'a foreign object holds a desired name: conflict, not applied', desired: [svc],
      live: [liveOf(svc, (o) => { o.metadata.labels = { app: 'theirs' }; delete o.metadata.ownerReferences; })],
      want: ['conflict Service/blog-svc'] },
    { name: 'our ownerReference but labels stripped by hand: applied back', desired: [svc],
      live: [liveOf(svc, (o) => { o.metadata.labels = {}; })], want: ['apply(drifted) Service/blog-svc'] },
    { name: 'desired child live but terminating: wait', desired: [svc],
      live: [liveOf(svc, (o) => { o.metadata.deletionTimestamp = '2024-01-01T00:00:00Z'; })], want: ['skip(terminating) Service/blog-svc'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(summary(plan(c.desired, c.live, c.owned ?? c.live))).to.deep.equal(c.want);
    });
  }
});
