import { expect } from 'chai';
import { ownerKeysOf, type OwnerKeyOptions } from '../../../controller/engine/owner-keys.js';
import type { KubeObject, OwnerReference } from '../../../shared/kube/index.js';

const OWNER = 'orkestra-owner';
const OWNER_NS = 'orkestra.orkspace.io/owner-namespace';
const MANAGED = 'orkestra.orkspace.io/managed';
const CRD = 'orkestra.orkspace.io/crd';

function child(namespace: string | undefined, refs: OwnerReference[] = [], labels: Record<string, string> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name: 'child', ...(namespace ? { namespace } : {}), ownerReferences: refs, labels } };
}

function ref(kind: string, name: string, apiVersion = 'example.com/v1', controller = true): OwnerReference {
  return { apiVersion, kind, name, uid: `uid-${name}`, controller };
}

describe('controller/engine/owner-keys', () => {
  const cases: Array<{ name: string; obj: KubeObject; options?: OwnerKeyOptions; want: string[] }> = [
    { name: 'controller ownerReference of the kind', obj: child('ns', [ref('Website', 'site')]), want: ['ns/site'] },
    { name: 'another version of the same group still matches', obj: child('ns', [ref('Website', 'site', 'example.com/v2beta1')]), want: ['ns/site'] },
    { name: 'another group does not match', obj: child('ns', [ref('Website', 'site', 'other.io/v1')]), want: [] },
    { name: 'another kind does not match', obj: child('ns', [ref('Database', 'db')]), want: [] },
    { name: 'non-controller references are ignored', obj: child('ns', [ref('Website', 'site', 'example.com/v1', false)]), want: [] },
    { name: 'cluster-scoped owner has a name-only key', obj: child('ns', [ref('Website', 'site')]), options: { ownerNamespaced: false }, want: ['site'] },
    {
      name: 'cross-namespace child maps by owner and owner-namespace labels',
      obj: child('elsewhere', [], { [OWNER]: 'site', [OWNER_NS]: 'ns', [MANAGED]: 'true' }),
      want: ['ns/site'],
    },
    { name: 'cluster-scoped child of a namespaced CR maps by labels', obj: child(undefined, [], { [OWNER]: 'site', [OWNER_NS]: 'ns' }), want: ['ns/site'] },
    {
      name: 'our child whose ownerReference was removed maps to its own namespace',
      obj: child('ns', [], { [OWNER]: 'site', [MANAGED]: 'true' }),
      want: ['ns/site'],
    },
    { name: 'a Pod carrying the owner label as selector, with another controller, is not ours', obj: child('ns', [ref('ReplicaSet', 'rs-1', 'apps/v1')], { [OWNER]: 'site' }), want: [] },
    { name: 'the owner label alone (not managed by us) is not enough', obj: child('ns', [], { [OWNER]: 'site' }), want: [] },
    { name: 'no labels, no references', obj: child('ns'), want: [] },
    {
      name: 'label-mapped child of another CRD is skipped when crdName is given',
      obj: child('x', [], { [OWNER]: 'site', [OWNER_NS]: 'ns', [CRD]: 'database' }),
      options: { crdName: 'website' },
      want: [],
    },
    {
      name: 'label-mapped child of the same CRD',
      obj: child('x', [], { [OWNER]: 'site', [OWNER_NS]: 'ns', [CRD]: 'website' }),
      options: { crdName: 'website' },
      want: ['ns/site'],
    },
    { name: 'two references to the same owner give one key', obj: child('ns', [ref('Website', 'site'), ref('Website', 'site')]), want: ['ns/site'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(ownerKeysOf(c.obj, 'example.com/v1', 'Website', c.options)).to.deep.equal(c.want);
    });
  }

  it('core-group owners compare by empty group', () => {
    const obj = child('ns', [ref('ConfigMap', 'cfg', 'v1')]);
    expect(ownerKeysOf(obj, 'v1', 'ConfigMap')).to.deep.equal(['ns/cfg']);
    expect(ownerKeysOf(obj, 'example.com/v1', 'ConfigMap')).to.deep.equal([]);
  });
});
