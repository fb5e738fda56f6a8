// A NetworkPolicy copy (`fromNetworkPolicy`, upstream's): the child takes its source's whole spec
// at reconcile time, its own rules ignored; `toNamespaces` places one copy per namespace; a missing
// source holds the child, and a source outside the entry's namespace fence is not read.
import { expect } from 'chai';
import type { ObjectReader } from '../../../controller/reconcile/reader.js';
import { resolveSources } from '../../../controller/reconcile/sources.js';
import type { KubeObject } from '../../../shared/kube/index.js';
import type { CrdEntry } from '../../../shared/katalog/types.js';
import { render, reconcile } from '../../shared/render/fixtures.js';

const SPEC = { podSelector: { matchLabels: { tier: 'web' } }, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: {} }] }] };
const source: KubeObject = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'baseline', namespace: 'platform' }, spec: SPEC };

function reader(objects: KubeObject[], reads: string[]): ObjectReader {
  return {
    get(apiVersion, kind, namespace, name) {
      reads.push(`${apiVersion} ${kind} ${namespace}/${name}`);
      return objects.find((o) => o.kind === kind && o.metadata.namespace === namespace && o.metadata.name === name);
    },
    listOwned: () => [],
  };
}

async function resolve(entry: CrdEntry, objects: KubeObject[]) {
  const reads: string[] = [];
  const out = await resolveSources({ children: render(entry).children, live: () => undefined, reader: reader(objects, reads), entry, now: new Date() });
  return { ...out, reads };
}

describe('controller/reconcile NetworkPolicy copies', () => {
  it('copies the source\'s whole spec into each namespace of toNamespaces, its own rules ignored', async () => {
    const entry = reconcile({ networkPolicies: [{ name: 'copy', fromNetworkPolicy: 'baseline', fromNamespace: 'platform', toNamespaces: ['a', 'b'], podSelector: { x: 'y' } }] });
    const { children, held, reads } = await resolve(entry, [source]);
    expect(held).to.deep.equal([]);
    expect(children.map((c) => `${c.object.metadata.namespace}/${c.object.metadata.name}`)).to.deep.equal(['a/copy', 'b/copy']);
    for (const c of children) expect(c.object.spec).to.deep.equal(SPEC);
    expect(reads[0]).to.equal('networking.k8s.io/v1 NetworkPolicy platform/baseline');
    expect(render(entry).warnings.map((w) => w.path)).to.include('operatorBox.onReconcile.networkPolicies[0].podSelector');
  });

  it('holds the copy while its source is missing, and never reads one outside the entry\'s namespaces', async () => {
    const entry = reconcile({ networkPolicies: [{ name: 'copy', fromNetworkPolicy: 'absent' }] });
    const missing = await resolve(entry, [source]);
    expect(missing.children).to.deep.equal([]);
    expect(missing.held[0]!.message).to.equal('fromNetworkPolicy NetworkPolicy default/absent not found: create it, or fix fromNetworkPolicy/fromNamespace; the copy is made once it exists');
    const fenced = await resolve(reconcile({ networkPolicies: [{ name: 'copy', fromNetworkPolicy: 'baseline', fromNamespace: 'platform' }] }, { restrictedNamespaces: ['platform'] }), [source]);
    expect(fenced.reads).to.deep.equal([]);
    expect(fenced.held[0]!.message).to.match(/^fromNetworkPolicy NetworkPolicy platform\/baseline: .*; the copy is not made$/);
  });
});
