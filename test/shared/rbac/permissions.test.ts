import { expect } from 'chai';
import type { BundlePayload } from '../../../shared/bundle/payload.js';
import type { CrdEntry } from '../../../shared/katalog/types.js';
import { childKinds } from '../../../controller/reconcile/child-kinds.js';
import { bundleResourceOf, mergePermissions, requiredPermissions, type GroupResource, type PermissionInput } from '../../../shared/rbac/index.js';

const GROUP = 'shop.example.com';

function payload(crds: Record<string, CrdEntry>, bundledCrds: BundlePayload['crds'] = []): BundlePayload {
  return {
    schemaVersion: 1,
    resolver: { name: 'orkestra', version: '0.0.0' },
    katalog: { apiVersion: 'orkestra.orkspace.io/v1', kind: 'Katalog', metadata: { name: 'shop' }, spec: { crds } } as BundlePayload['katalog'],
    crds: bundledCrds,
    imports: [],
  };
}

const shopCrd = {
  apiVersion: 'apiextensions.k8s.io/v1' as const,
  kind: 'CustomResourceDefinition' as const,
  metadata: { name: `shops.${GROUP}` },
  spec: { group: GROUP, names: { kind: 'Shop', plural: 'shops' } },
};
const cacheCrd = {
  ...shopCrd,
  metadata: { name: `caches.cache.example.com` },
  spec: { group: 'cache.example.com', names: { kind: 'Cache', plural: 'cachez' } },
};

const shop: CrdEntry = {
  apiTypes: { group: GROUP, version: 'v1', kind: 'Shop', plural: 'shops' },
  operatorBox: {
    onCreate: { configMaps: [{ name: 'x' }] },
    onReconcile: { deployments: [{ name: 'web' }], services: [{ name: 'web' }], custom: [{ apiVersion: 'cache.example.com/v1', kind: 'Cache' }, { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass' }] },
    onDelete: { jobs: [{ name: 'bye' }] },
  } as CrdEntry['operatorBox'],
};

const noDiscovery = (): GroupResource | undefined => undefined;
const discovered = (apiVersion: string, kind: string): GroupResource | undefined =>
  apiVersion === 'scheduling.k8s.io/v1' && kind === 'PriorityClass' ? { group: 'scheduling.k8s.io', resource: 'priorityclasses' } : undefined;

function table(input: Partial<PermissionInput> & { payload: BundlePayload }): string[] {
  const { permissions } = requiredPermissions({ childKinds, resourceOf: noDiscovery, ...input });
  return permissions.map((p) => `${p.namespace ?? '*'} ${p.group || 'core'}/${p.resource}${p.subresource ? `/${p.subresource}` : ''}${p.resourceNames ? ` [${p.resourceNames.join(',')}]` : ''}: ${p.verbs.join(',')}`);
}

describe('shared/rbac/permissions', () => {
  it('a bundle with its CRD, built-in, bundled-CRD and discovered child kinds', () => {
    const got = requiredPermissions({ payload: payload({ shop }, [shopCrd, cacheCrd]), childKinds, resourceOf: discovered });
    expect(got.unresolved).to.deep.equal([]);
    expect(table({ payload: payload({ shop }, [shopCrd, cacheCrd]), resourceOf: discovered })).to.deep.equal([
      '* core/configmaps: get,list,watch,create,patch,delete',
      '* core/events: create',
      '* core/services: get,list,watch,create,patch,delete',
      '* apiextensions.k8s.io/customresourcedefinitions: create',
      `* apiextensions.k8s.io/customresourcedefinitions [caches.cache.example.com,shops.${GROUP}]: get,patch`,
      `* apiextensions.k8s.io/customresourcedefinitions/status [caches.cache.example.com,shops.${GROUP}]: patch`,
      '* apps/deployments: get,list,watch,create,patch,delete',
      '* batch/jobs: get,list,watch,create,patch,delete',
      '* cache.example.com/cachez: get,list,watch,create,patch,delete',
      '* scheduling.k8s.io/priorityclasses: get,list,watch,create,patch,delete',
      `* ${GROUP}/shops: get,list,watch,patch`,
      `* ${GROUP}/shops/finalizers: update`,
      `* ${GROUP}/shops/status: patch`,
    ]);
  });

  it('grants the reads of enrich only to an entry that enriches, for the enrichers its children get', () => {
    const without = table({ payload: payload({ shop }) });
    const enriched = table({ payload: payload({ shop: { ...shop, namespace: 'retail', enrich: ['pods', 'endpoints', 'node'] } }) });
    const added = enriched.filter((line) => !without.includes(line));
    // pods on the Deployment, endpoints on the Service; no Pod child, so no node read.
    expect(added.filter((l) => !l.includes(`${GROUP}/`))).to.deep.equal(['retail core/pods: list', 'retail discovery.k8s.io/endpointslices: list']);
    const all = table({ payload: payload({ shop: { ...shop, enrichAll: true } }) });
    expect(all.filter((line) => !without.includes(line))).to.deep.equal([
      '* core/events: list,create', '* core/pods: list', '* apps/replicasets: list', '* discovery.k8s.io/endpointslices: list',
    ].filter((l) => !without.includes(l)));
  });

  it('grants list and watch on every kind observe.watch names, in the watch\'s namespace when it names one', () => {
    const watching: CrdEntry = {
      apiTypes: { group: GROUP, version: 'v1', kind: 'Shop', plural: 'shops' },
      operatorBox: {
        observe: { watch: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'flags', namespace: 'config' }, { apiVersion: `${GROUP}/v1`, kind: 'Shop' }] },
        watch: [{ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget' }, { apiVersion: 'nope.example/v1', kind: 'Unknown' }],
      } as CrdEntry['operatorBox'],
    };
    const { permissions, unresolved } = requiredPermissions({ payload: payload({ shop: watching }), childKinds, resourceOf: discovered });
    const rows = permissions.map((p) => `${p.namespace ?? '*'} ${p.group || 'core'}/${p.resource}${p.subresource ? `/${p.subresource}` : ''}: ${p.verbs.join(',')}`);
    expect(rows).to.include.members([
      'config core/configmaps: list,watch',
      '* policy/poddisruptionbudgets: list,watch',
      `* ${GROUP}/shops: get,list,watch,patch`,
    ]);
    expect(unresolved).to.deep.equal([{ apiVersion: 'nope.example/v1', kind: 'Unknown' }]);
  });

  it('grants list and watch on Events for observe.events, and get on each named external credential Secret', () => {
    const calling: CrdEntry = {
      apiTypes: { group: GROUP, version: 'v1', kind: 'Shop', plural: 'shops' },
      operatorBox: {
        observe: { events: { dbReady: { reason: 'DatabaseReady', namespace: 'shop' } } },
        preReconcile: { reconcileGate: { external: [{ name: 'q', url: 'https://q.example.org', auth: { secretRef: { name: 'quota-token', namespace: 'ops', key: 'token' } } }] } },
        phaseSettings: { onDelete: { external: [{ name: 'bye', url: 'https://b.example.org', auth: { secretRef: { name: 'nons', key: 'token' } } }] } },
      } as CrdEntry['operatorBox'],
    };
    expect(table({ payload: payload({ shop: calling }) })).to.include.members([
      'shop events.k8s.io/events: list,watch',
      'ops core/secrets [quota-token]: get',
    ]);
    expect(table({ payload: payload({ shop: calling }) }).filter((r) => r.includes('secrets'))).to.have.length(1);
  });

  it('reports a child kind neither the bundle nor the resolver knows, and leaves it out', () => {
    const got = requiredPermissions({ payload: payload({ shop }), childKinds, resourceOf: noDiscovery });
    expect(got.unresolved).to.deep.equal([{ apiVersion: 'cache.example.com/v1', kind: 'Cache' }, { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass' }]);
    expect(got.permissions.map((p) => p.resource)).not.to.include.members(['cachez', 'caches', 'priorityclasses']);
  });

  const rows: { name: string; crds: Record<string, CrdEntry>; extra?: Partial<PermissionInput>; want: string[] }[] = [
    {
      name: 'no CRDs in the bundle: no CRD permission; a CR without children: its own kind and events only',
      crds: { bare: { apiTypes: { group: 'a.io', version: 'v1', kind: 'Bare', plural: 'bares' } } },
      want: ['* core/events: create', '* a.io/bares: get,list,watch,patch', '* a.io/bares/finalizers: update', '* a.io/bares/status: patch'],
    },
    {
      name: 'an entry bound to a namespace: its CR permissions in that namespace, children still cluster-wide',
      crds: { bare: { namespace: 'team-a', apiTypes: { group: 'a.io', version: 'v1', kind: 'Bare', plural: 'bares' }, operatorBox: { onReconcile: { secrets: [{ name: 's' }] } } as CrdEntry['operatorBox'] } },
      want: ['* core/events: create', '* core/secrets: get,list,watch,create,patch,delete', 'team-a a.io/bares: get,list,watch,patch', 'team-a a.io/bares/finalizers: update', 'team-a a.io/bares/status: patch'],
    },
    {
      name: 'a cluster-scoped CR ignores the namespace',
      crds: { c: { namespace: 'team-a', apiTypes: { group: 'a.io', version: 'v1', kind: 'C', plural: 'cs', scope: 'Cluster' } } },
      want: ['* core/events: create', '* a.io/cs: get,list,watch,patch', '* a.io/cs/finalizers: update', '* a.io/cs/status: patch'],
    },
    {
      name: 'leader election and digest publication: namespaced to the controller',
      crds: {},
      extra: { leaderElection: { namespace: 'ork' }, publish: { namespace: 'ork' } },
      want: ['ork core/pods: patch', 'ork apps/deployments: get,patch', 'ork apps/replicasets: get', 'ork coordination.k8s.io/leases: get,create,update'],
    },
    {
      name: 'the resolver\'s rollout bundle: its Pod and the bundle ConfigMap, in its namespace',
      crds: {},
      extra: { rolloutBundle: { namespace: 'ork' } },
      want: ['ork core/configmaps: get,create', 'ork core/pods: get'],
    },
    {
      name: 'access reviews for /metrics and /bundle (--http-auth): create tokenreviews and subjectaccessreviews, cluster-wide',
      crds: {},
      extra: { httpAuth: true },
      want: ['* authentication.k8s.io/tokenreviews: create', '* authorization.k8s.io/subjectaccessreviews: create'],
    },
    {
      name: 'two entries creating the same kind: one permission',
      crds: {
        x: { apiTypes: { group: 'a.io', version: 'v1', kind: 'X', plural: 'xs' }, operatorBox: { onReconcile: { configMaps: [{}] } } as CrdEntry['operatorBox'] },
        y: { apiTypes: { group: 'a.io', version: 'v1', kind: 'Y', plural: 'ys' }, operatorBox: { onDelete: { configMaps: [{}] } } as CrdEntry['operatorBox'] },
      },
      want: [
        '* core/configmaps: get,list,watch,create,patch,delete', '* core/events: create',
        '* a.io/xs: get,list,watch,patch', '* a.io/xs/finalizers: update', '* a.io/xs/status: patch',
        '* a.io/ys: get,list,watch,patch', '* a.io/ys/finalizers: update', '* a.io/ys/status: patch',
      ],
    },
  ];
  for (const row of rows) {
    it(row.name, () => {
      expect(table({ payload: payload(row.crds), ...row.extra })).to.deep.equal(row.want);
    });
  }

  it('bundleResourceOf: CR kinds, bundled CRDs and built-in kinds, nothing else', () => {
    const p = payload({ shop }, [cacheCrd]);
    expect(bundleResourceOf(p, `${GROUP}/v1`, 'Shop')).to.deep.equal({ group: GROUP, resource: 'shops' });
    expect(bundleResourceOf(p, 'cache.example.com/v1', 'Cache')).to.deep.equal({ group: 'cache.example.com', resource: 'cachez' });
    expect(bundleResourceOf(p, 'v1', 'ServiceAccount')).to.deep.equal({ group: '', resource: 'serviceaccounts' });
    expect(bundleResourceOf(p, 'networking.k8s.io/v1', 'NetworkPolicy')).to.deep.equal({ group: 'networking.k8s.io', resource: 'networkpolicies' });
    expect(bundleResourceOf(p, 'v1', 'PersistentVolume')).to.deep.equal({ group: '', resource: 'persistentvolumes' });
    expect(bundleResourceOf(p, 'v1', 'PodTemplate')).to.equal(undefined);
  });

  it('mergePermissions unites verbs per resource and namespace, in kubectl order', () => {
    expect(mergePermissions([
      { group: '', resource: 'pods', verbs: ['patch', 'get'], namespace: 'b' },
      { group: '', resource: 'pods', verbs: ['delete', 'get'], namespace: 'b' },
      { group: '', resource: 'pods', verbs: ['list'] },
      { group: '', resource: 'pods', verbs: ['watch'], namespace: 'a' },
    ])).to.deep.equal([
      { group: '', resource: 'pods', verbs: ['list'] },
      { group: '', resource: 'pods', verbs: ['watch'], namespace: 'a' },
      { group: '', resource: 'pods', verbs: ['get', 'patch', 'delete'], namespace: 'b' },
    ]);
  });
});
