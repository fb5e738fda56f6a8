// Enrichment reads against an in-memory API: what each enricher reads and embeds, that only the
// enrichers that apply are read (once), the gated second phase, a failed read logged and left
// out, and bounded lists.
import { expect } from 'chai';
import { enrichChildren, ENRICH_LIMITS, type EnrichInput } from '../../../controller/enrich/index.js';
import { enrichSpecOf, type EnrichSpec } from '../../../shared/enrich/index.js';
import { KubeError, type ApiResource, type KubeObject } from '../../../shared/kube/index.js';
import { FakeKube } from '../../support/fake-kube.js';

const R = (group: string, version: string, resource: string, kind: string, namespaced = true): ApiResource => ({ group, version, resource, kind, namespaced });
const RESOURCES = [
  R('', 'v1', 'pods', 'Pod'), R('', 'v1', 'events', 'Event'), R('apps', 'v1', 'replicasets', 'ReplicaSet'),
  R('discovery.k8s.io', 'v1beta1', 'endpointslices', 'EndpointSlice'), R('', 'v1', 'nodes', 'Node', false), R('', 'v1', 'secrets', 'Secret'),
  R('', 'v1', 'persistentvolumes', 'PersistentVolume', false), R('', 'v1', 'persistentvolumeclaims', 'PersistentVolumeClaim'),
  R('storage.k8s.io', 'v1', 'storageclasses', 'StorageClass', false),
];

const obj = (apiVersion: string, kind: string, name: string, rest: Record<string, unknown> = {}, namespace: string | null = 'shop'): KubeObject =>
  ({ apiVersion, kind, ...rest, metadata: { name, ...(namespace ? { namespace } : {}), ...(rest.metadata as object) } });
const owned = (kind: string, uid = 'x') => ({ ownerReferences: [{ kind, name: 'o', uid, controller: true }] });
const pod = (name: string, ownerKind: string, ready: boolean, labels = { app: 'web' }) => obj('v1', 'Pod', name, {
  metadata: { labels, ...owned(ownerKind) }, spec: { nodeName: 'n1' },
  status: { phase: 'Running', conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
});
const warning = (name: string, kind: string, about: string, type = 'Warning') =>
  obj('v1', 'Event', name, { type, reason: `R-${name}`, message: `m-${name}`, count: 1, involvedObject: { kind, name: about, namespace: 'shop' } });
const deployment = obj('apps/v1', 'Deployment', 'web', { metadata: { uid: 'd1' }, spec: { replicas: 2, selector: { matchLabels: { app: 'web' } } } });

function world(objects: KubeObject[]): FakeKube {
  const kube = new FakeKube(RESOURCES);
  for (const o of objects) kube.put(o);
  return kube;
}

function run(kube: FakeKube, enrich: unknown, live: KubeObject[], extra: Partial<EnrichInput> = {}) {
  const warnings: string[] = [];
  const spec = (enrich === 'all' ? { all: true } : enrichSpecOf({ enrich })) as EnrichSpec;
  const result = enrichChildren({
    kube, spec, live, kept: [], about: 'App shop/a', warn: (m) => warnings.push(m),
    gateData: (l) => ({ children: { deployment: l.find((o) => o.kind === 'Deployment') } }), ...extra,
  });
  return result.then((r) => ({ ...r, warnings }));
}

describe('controller/enrich', () => {
  it('pods and events of a Deployment: its ReplicaSets\' pods only, its own and its pods\' Warning events', async () => {
    const kube = world([
      pod('web-1', 'ReplicaSet', true), pod('web-2', 'ReplicaSet', false), pod('web-job', 'Job', true), pod('other', 'ReplicaSet', true, { app: 'api' }),
      warning('e1', 'Deployment', 'web'), warning('e2', 'Pod', 'web-2'), warning('e3', 'Pod', 'other'), warning('e4', 'Deployment', 'web', 'Normal'), warning('e5', 'Service', 'web'),
    ]);
    const { live, calls, warnings } = await run(kube, ['pods', 'events'], [deployment]);
    const d = live[0]!;
    expect((d._pods as { name: string; ready: boolean }[]).map((p) => `${p.name}:${p.ready}`)).to.deep.equal(['web-1:true', 'web-2:false']);
    expect((d._warnings as { reason: string }[]).map((w) => w.reason)).to.deep.equal(['R-e1', 'R-e2']);
    // One pod list serves _pods and the pod warnings; two event lists.
    expect(calls).to.equal(3);
    expect(kube.callsOf('list').map((c) => c.resource).sort()).to.deep.equal(['events', 'events', 'pods']);
    expect(warnings).to.deep.equal([]);
  });

  it('reads nothing for enrichers that do not apply to the children', async () => {
    const kube = world([]);
    const { live, calls } = await run(kube, ['node', 'endpoints', 'storageclass', 'deployment'], [deployment]);
    expect(calls).to.equal(0);
    expect(live[0]).to.deep.equal(deployment);
  });

  it('gated targets run in a second phase, their gate seeing the first phase\'s keys', async () => {
    const kube = world([pod('web-1', 'ReplicaSet', false), warning('e1', 'Deployment', 'web')]);
    const open = { events: { when: [{ field: '{{ readyPodCount .children.deployment }}', equals: '0' }] } };
    const shut = { events: { when: [{ field: '{{ podCount .children.deployment }}', equals: '0' }] } };
    expect(((await run(kube, ['pods', open], [deployment])).live[0]!._warnings as unknown[]).length).to.equal(1);
    const closed = await run(kube, ['pods', shut], [deployment]);
    expect(closed.live[0]).to.not.have.property('_warnings');
    expect(closed.calls).to.equal(1);
    const broken = await run(kube, [{ events: { when: [{ field: '{{ nosuchfn 1 }}', equals: 'x' }] } }], [deployment]);
    expect(broken.warnings[0]).to.match(/^enrich: events is skipped for App shop\/a: its gate cannot be evaluated/);
  });

  it('a failed read is logged with what to do and leaves its keys out; the other enrichers still embed', async () => {
    const kube = world([pod('web-1', 'ReplicaSet', true)]);
    kube.failNext('list', new KubeError(403, 'Forbidden', 'pods is forbidden'));
    const { live, warnings } = await run(kube, ['pods', 'replicasets', 'owner'], [deployment, obj('apps/v1', 'ReplicaSet', 'web-5d', { metadata: owned('Deployment', 'd1') })]);
    expect(live[0]).to.not.have.property('_pods');
    expect(live[1]!._owner).to.deep.equal({ name: 'o', kind: 'Deployment', uid: 'd1' });
    expect(warnings).to.deep.equal(['enrich: pods could not read for Deployment shop/web (_pods left out): forbidden: grant the controller what `ork rbac --bundle DIR` prints']);
  });

  it('replicasets: the Deployment\'s own, each with _owner; the active one stands in as .children.replicaset', async () => {
    const rs = (name: string, replicas: number, uid: string) => obj('apps/v1', 'ReplicaSet', name, { metadata: { labels: { app: 'web' }, ...owned('Deployment', uid) }, spec: { replicas } });
    const kube = world([rs('web-old', 0, 'd1'), rs('web-new', 2, 'd1'), rs('web-foreign', 5, 'd9')]);
    const { live, kept } = await run(kube, ['replicasets'], [deployment]);
    const sets = live[0]!._replicaSets as KubeObject[];
    expect(sets.map((s) => s.metadata.name).sort()).to.deep.equal(['web-new', 'web-old']);
    expect(sets[0]!._owner).to.deep.equal({ name: 'o', kind: 'Deployment', uid: 'd1' });
    expect(kept.map((k) => k.metadata.name)).to.deep.equal(['web-new']);
  });

  it('Service endpoints (EndpointSlice v1beta1 on an older server) and backing pods; Pod node; PVC volume and class; Ingress secrets without data', async () => {
    const kube = world([
      obj('discovery.k8s.io/v1beta1', 'EndpointSlice', 'web-abc', { metadata: { labels: { 'kubernetes.io/service-name': 'web' } }, ports: [{ port: 80 }], endpoints: [{ addresses: ['10.0.0.9'], conditions: { ready: true } }] }),
      pod('web-1', 'ReplicaSet', true),
      obj('v1', 'Node', 'n1', { metadata: { labels: { 'topology.kubernetes.io/zone': 'z1' } } }, null),
      obj('v1', 'PersistentVolume', 'pv-1', {}, null),
      obj('storage.k8s.io/v1', 'StorageClass', 'fast', { provisioner: 'x.csi' }, null),
      obj('v1', 'Secret', 'tls', { type: 'kubernetes.io/tls', data: { 'tls.key': 'S0VZ' } }),
    ]);
    const svc = obj('v1', 'Service', 'web', { spec: { selector: { app: 'web' } } });
    const { live, warnings } = await run(kube, 'all', [
      svc, pod('p', 'Job', true), obj('v1', 'PersistentVolumeClaim', 'data', { spec: { volumeName: 'pv-1', storageClassName: 'fast' } }),
      obj('networking.k8s.io/v1', 'Ingress', 'web', { spec: { tls: [{ secretName: 'tls' }, { secretName: 'missing' }] }, status: { loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } } }),
    ]);
    expect(warnings).to.deep.equal([]);
    const [s, p, pvc, ing] = live as Record<string, unknown>[];
    expect(s!._endpoints).to.deep.equal([{ ip: '10.0.0.9', port: 80, ready: true }]);
    expect((s!._backingPods as { name: string }[]).map((x) => x.name)).to.deep.equal(['web-1']);
    expect(p!._node).to.deep.equal({ name: 'n1', zone: 'z1', region: '', instanceType: '' });
    expect((pvc!._pv as KubeObject).metadata.name).to.equal('pv-1');
    expect((pvc!._pv as KubeObject).status).to.deep.equal({});
    expect((pvc!._storageClass as Record<string, unknown>).provisioner).to.equal('x.csi');
    expect(ing!._loadBalancerIPs).to.deep.equal(['1.2.3.4']);
    expect(JSON.stringify(ing!._tlsSecrets)).to.contain('"name":"tls"').and.not.contain('S0VZ');
  });

  it('lists are bounded', async () => {
    const many = Array.from({ length: ENRICH_LIMITS.pods + 5 }, (_, i) => pod(`web-${i}`, 'ReplicaSet', true));
    const { live } = await run(world(many), ['pods'], [deployment]);
    expect((live[0]!._pods as unknown[]).length).to.equal(ENRICH_LIMITS.pods);
    expect((world([]).callsOf('list'))).to.deep.equal([]);
  });
});
