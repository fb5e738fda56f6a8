import { expect } from 'chai';
import { childInShape, semanticSubset } from '../../../controller/reconcile/subset.js';
import type { KubeObject } from '../../../shared/kube/index.js';

describe('controller/reconcile/subset', () => {
  const cases: { name: string; desired: unknown; live: unknown; equal: boolean }[] = [
    { name: 'equal scalars', desired: 3, live: 3, equal: true },
    { name: 'different numbers', desired: 3, live: 4, equal: false },
    { name: 'number vs numeric string (int-or-string targetPort)', desired: 8080, live: '8080', equal: false },
    { name: 'numeric string vs number', desired: '8080', live: 8080, equal: false },
    { name: 'quantity spelled differently', desired: '0.5', live: '500m', equal: false },
    { name: 'true vs "true"', desired: true, live: 'true', equal: false },
    { name: 'false vs absent', desired: false, live: undefined, equal: false },
    { name: 'empty string vs absent', desired: '', live: undefined, equal: false },
    { name: 'null vs absent (not set)', desired: null, live: undefined, equal: true },
    { name: 'null vs present', desired: null, live: 'x', equal: false },
    { name: 'map subset: live has more keys', desired: { a: 1 }, live: { a: 1, b: 2 }, equal: true },
    { name: 'map: desired key missing live', desired: { a: 1, c: 3 }, live: { a: 1, b: 2 }, equal: false },
    { name: 'nested map subset', desired: { spec: { replicas: 2 } }, live: { spec: { replicas: 2, strategy: { type: 'RollingUpdate' } } }, equal: true },
    { name: 'nested map drift', desired: { spec: { replicas: 2 } }, live: { spec: { replicas: 5 } }, equal: false },
    { name: 'map vs list', desired: { a: 1 }, live: [1], equal: false },
    { name: 'map vs null', desired: { a: 1 }, live: null, equal: false },
    { name: 'empty desired map vs anything map', desired: {}, live: { a: 1 }, equal: true },
    { name: 'empty desired map vs absent (omitempty dropped it)', desired: {}, live: undefined, equal: true },
    { name: 'empty desired map vs a scalar', desired: {}, live: 'x', equal: false },
    { name: 'lists element-wise', desired: [{ name: 'a' }, { name: 'b' }], live: [{ name: 'a', x: 1 }, { name: 'b' }], equal: true },
    { name: 'list longer live (someone appended)', desired: [{ name: 'a' }], live: [{ name: 'a' }, { name: 'b' }], equal: false },
    { name: 'list shorter live', desired: [{ name: 'a' }, { name: 'b' }], live: [{ name: 'a' }], equal: false },
    { name: 'list order matters', desired: ['a', 'b'], live: ['b', 'a'], equal: false },
    { name: 'empty lists', desired: [], live: [], equal: true },
    { name: 'empty list vs absent (omitempty dropped it)', desired: [], live: undefined, equal: true },
    { name: 'empty list vs non-empty live', desired: [], live: ['a'], equal: false },
    { name: 'list vs map', desired: [1], live: { 0: 1 }, equal: false },
    { name: 'port list with defaults added live', desired: { ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }] }, live: { ports: [{ port: 80, targetPort: 8080, protocol: 'TCP', nodePort: 31000 }] }, equal: true },
    { name: 'string vs string', desired: 'nginx:1.27', live: 'nginx:1.27', equal: true },
    { name: 'string changed', desired: 'nginx:1.27', live: 'nginx:1.26', equal: false },
  ];
  for (const c of cases) {
    it(`${c.name} → ${c.equal ? 'equal' : 'different'}`, () => {
      expect(semanticSubset(c.desired, c.live)).to.equal(c.equal);
    });
  }

  describe('childInShape', () => {
    const desired = (extra: Partial<KubeObject> = {}): KubeObject => ({
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'ns', labels: { a: 'b' } }, data: { k: 'v' }, ...extra,
    });
    const live = (extra: Record<string, unknown> = {}): KubeObject => ({
      apiVersion: 'v1', kind: 'ConfigMap',
      metadata: { name: 'c', namespace: 'ns', labels: { a: 'b', extra: 'x' }, resourceVersion: '9', uid: 'u', creationTimestamp: 't', managedFields: [] },
      data: { k: 'v' }, ...extra,
    });

    it('ignores server-owned metadata the desired object carries', () => {
      const d = desired();
      d.metadata.resourceVersion = '1';
      d.metadata.uid = 'other';
      d.metadata.generation = 7;
      expect(childInShape(d, live())).to.equal(true);
    });
    it('sees a changed label', () => {
      expect(childInShape(desired(), { ...live(), metadata: { ...live().metadata, labels: { a: 'c' } } })).to.equal(false);
    });
    it('sees a different kind or apiVersion', () => {
      expect(childInShape(desired(), { ...live(), kind: 'Secret' })).to.equal(false);
      expect(childInShape(desired(), { ...live(), apiVersion: 'v2' })).to.equal(false);
    });
    it('compares a Secret stringData as base64 data', () => {
      const d: KubeObject = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { password: 'hunter2' } };
      const l: KubeObject = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { password: Buffer.from('hunter2').toString('base64') } };
      expect(childInShape(d, l)).to.equal(true);
      const other: KubeObject = { ...l, data: { password: Buffer.from('other').toString('base64') } };
      expect(childInShape(d, other)).to.equal(false);
    });
    it('does not compare the status of a kind that keeps it in a subresource (the child cache may have dropped it)', () => {
      const d: KubeObject = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { type: 'ClusterIP' }, status: { loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } } };
      expect(childInShape(d, { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { type: 'ClusterIP', clusterIP: '10.0.0.1' } })).to.equal(true);
      // A kind without a status subresource: status is part of what is applied.
      const cm = desired({ status: { phase: 'x' } } as Partial<KubeObject>);
      expect(childInShape(cm, live())).to.equal(false);
      expect(childInShape(cm, live({ status: { phase: 'x' } }))).to.equal(true);
    });
    it("does not compare kubectl's last-applied annotation (the child caches drop it)", () => {
      const d = desired();
      d.metadata.annotations = { 'kubectl.kubernetes.io/last-applied-configuration': '{}', keep: 'me' };
      expect(childInShape(d, { ...live(), metadata: { ...live().metadata, annotations: { keep: 'me' } } })).to.equal(true);
      expect(childInShape(d, { ...live(), metadata: { ...live().metadata, annotations: { keep: 'other' } } })).to.equal(false);
    });
  });
});
