import { expect } from 'chai';
import type { KubeObject } from '../../../shared/kube/index.js';
import { availability } from '../../../controller/reconcile/availability.js';
import { childKinds } from '../../../controller/reconcile/child-kinds.js';

function deployment(replicas: number | undefined, status: Record<string, unknown>, generation = 1): KubeObject {
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', namespace: 'n', generation }, spec: replicas === undefined ? {} : { replicas }, status };
}

describe('controller/reconcile/availability', () => {
  const cases: { name: string; children: KubeObject[]; want: [string, string] }[] = [
    { name: 'no workloads', children: [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' } }], want: ['True', 'NoWorkloads'] },
    { name: 'all available', children: [deployment(2, { observedGeneration: 1, availableReplicas: 2 })], want: ['True', 'WorkloadsAvailable'] },
    { name: 'short of replicas', children: [deployment(2, { observedGeneration: 1, availableReplicas: 1 })], want: ['False', 'WorkloadsNotReady'] },
    { name: 'replicas default to 1', children: [deployment(undefined, { observedGeneration: 1 })], want: ['False', 'WorkloadsNotReady'] },
    { name: 'scaled to zero', children: [deployment(0, { observedGeneration: 1 })], want: ['True', 'WorkloadsAvailable'] },
    { name: 'new generation not observed yet', children: [deployment(1, { observedGeneration: 1, availableReplicas: 1 }, 2)], want: ['False', 'WorkloadsNotReady'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = availability(c.children);
      expect([got.status, got.reason]).to.deep.equal(c.want);
    });
  }
});

describe('controller/reconcile/child-kinds', () => {
  it('lists each kind once, literal custom kinds, not templated ones', () => {
    const kinds = childKinds({
      operatorBox: {
        onCreate: { configMaps: [{}] },
        onReconcile: { deployments: [{}], services: [{}, {}], configMaps: [{}], custom: [{ apiVersion: 'x.io/v1', kind: 'Thing' }, { apiVersion: '{{ .spec.v }}', kind: 'Other' }] },
        onDelete: { jobs: [{}], secrets: [] },
      },
    });
    expect(kinds.map((k) => `${k.apiVersion} ${k.kind}`).sort()).to.deep.equal(['apps/v1 Deployment', 'batch/v1 Job', 'v1 ConfigMap', 'v1 Service', 'x.io/v1 Thing']);
  });
});
