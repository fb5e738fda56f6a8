// Secondary watch entries and upstream's key resolution: keyFrom.label, keyFrom.name, an
// ownerReference to the primary kind, else broadcast; `on` and `name` filter the changes.
import { expect } from 'chai';
import { primaryKeys, watchEntries, watchInformerKey, watchMatches } from '../../../shared/observe/index.js';
import type { CrdEntry } from '../../../shared/katalog/types.js';
import type { KubeObject } from '../../../shared/kube/index.js';

const entry = {
  operatorBox: {
    observe: { watch: [
      { apiVersion: 'v1', kind: 'Secret', namespace: 'certs', keyFrom: { label: 'example.org/owner' } },
      { apiVersion: 'v1', kind: 'ConfigMap', name: 'global', on: ['update'], keyFrom: { name: 'main', namespace: 'default' } },
    ] },
    watch: [{ apiVersion: 'apps/v1', kind: 'Deployment', labelSelector: { tier: 'web', app: 'shop' } }, { kind: 'NoVersion' }],
  },
} as unknown as CrdEntry;
const primary = { apiVersion: 'shop.example/v1', kind: 'Shop', namespaced: true };
const obj = (meta: Partial<KubeObject['metadata']>): KubeObject => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'x', namespace: 'certs', ...meta } });

describe('shared/observe watch entries', () => {
  it('reads every spelling, defaults on to all three events, skips an entry without apiVersion', () => {
    const entries = watchEntries(entry);
    expect(entries.map((e) => e.path)).to.deep.equal(['operatorBox.observe.watch[0]', 'operatorBox.observe.watch[1]', 'operatorBox.watch[0]']);
    expect(entries[0]!.on).to.deep.equal(['create', 'update', 'delete']);
    expect(entries[2]!.labelSelector).to.equal('app=shop,tier=web');
    expect(watchInformerKey(entries[0]!)).to.equal('v1|Secret|certs|');
  });

  it('resolves keys: label (bare or namespace/name), fixed name, ownerReference, else broadcast', () => {
    const [byLabel, byName, bySelector] = watchEntries(entry);
    expect(primaryKeys(byLabel!, obj({ labels: { 'example.org/owner': 'shop-1' } }), primary)).to.deep.equal(['certs/shop-1']);
    expect(primaryKeys(byLabel!, obj({ labels: { 'example.org/owner': 'apps/shop-2' } }), primary)).to.deep.equal(['apps/shop-2']);
    expect(primaryKeys(byName!, obj({ name: 'global' }), primary)).to.deep.equal(['default/main']);
    const owned = obj({ namespace: 'apps', ownerReferences: [{ apiVersion: 'shop.example/v2', kind: 'Shop', name: 's', uid: 'u' }] });
    expect(primaryKeys(bySelector!, owned, primary)).to.deep.equal(['apps/s']);
    expect(primaryKeys(bySelector!, obj({}), primary)).to.equal('broadcast');
    expect(primaryKeys(byLabel!, obj({}), primary)).to.equal('broadcast');
  });

  it('filters by event and by name', () => {
    const [, byName] = watchEntries(entry);
    expect(watchMatches(byName!, 'update', obj({ name: 'global' }))).to.equal(true);
    expect(watchMatches(byName!, 'create', obj({ name: 'global' }))).to.equal(false);
    expect(watchMatches(byName!, 'update', obj({ name: 'local' }))).to.equal(false);
  });
});
