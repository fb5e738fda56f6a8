// planCluster against the real API server, for what the example upgrade (test/cli/plan.test.ts)
// does not reach: a CRD the cluster lacks (new, its kind not served), CRDs Orkestra applied in the
// bundle's groups that the bundle dropped, a child name held by a foreign object (conflict), a CR
// being deleted (skipped), a child the server refuses (dry-run error), copies and a tls Secret
// completed as the controller would (a missing source held), and proof that every write carried
// dryRun.
import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createKubeClient, type HttpKubeClient } from '../../../cli/kube/http-client.js';
import { loadKubeConfig } from '../../../cli/kube/config.js';
import type { KubeClient, KubeObject } from '../../../shared/kube/index.js';
import { planCluster } from '../../../controller/plan/index.js';
import { resolveKomposer } from '../../../resolver/resolve.js';
import type { BundlePayload } from '../../../shared/bundle/payload.js';
import type { Plan } from '../../../shared/plan/index.js';
import { CLUSTER_START_TIMEOUT_MS, getTestCluster, newTestNamespace, type TestCluster } from '../../support/cluster.js';
import { until } from '../../support/poll.js';
import { tempDir } from '../../support/tools.js';

const crd = (group: string, kind: string, plural: string) => `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: ${plural}.${group}
spec:
  group: ${group}
  scope: Namespaced
  names: {kind: ${kind}, plural: ${plural}, singular: ${kind.toLowerCase()}, listKind: ${kind}List}
  versions:
    - name: v1
      served: true
      storage: true
      subresources: {status: {}}
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec: {type: object, x-kubernetes-preserve-unknown-fields: true}
            status: {type: object, x-kubernetes-preserve-unknown-fields: true}
`;

const katalog = (group: string) => `apiVersion: orkestra.orkspace.io/v1
kind: Katalog
metadata:
  name: plan-cluster
spec:
  crds:
    gadget:
      crdFile: ./gadget-crd.yaml
      operatorBox:
        onReconcile:
          configMaps:
            - data:
                size: "{{ .spec.size }}"
          secrets:
            - name: "{{ .metadata.name }}-pull"
              fromSecret: registry
            - name: "{{ .metadata.name }}-tls"
              tls: {}
            - name: "{{ .metadata.name }}-held"
              fromSecret: absent
          services:
            - spec:
                type: NodePort
                ports: [{port: 70000}]
    widget:
      crdFile: ./widget-crd.yaml
      operatorBox:
        onReconcile:
          configMaps:
            - data: {a: b}
`.replaceAll('GROUP', group);

interface Call {
  op: string;
  dryRun: boolean | undefined;
}

/** Forwards to `inner`, noting every write and whether it was a dry run. */
function watching(inner: KubeClient, calls: Call[]): KubeClient {
  return {
    resourceFor: (a, k) => inner.resourceFor(a, k),
    invalidateDiscovery: () => inner.invalidateDiscovery(),
    get: (r, ns, n) => inner.get(r, ns, n),
    list: (r, o) => inner.list(r, o),
    watch: (r, o, on, s) => inner.watch(r, o, on, s),
    apply: (o, opts) => { calls.push({ op: 'apply', dryRun: opts.dryRun }); return inner.apply(o, opts); },
    applyStatus: (o, opts) => { calls.push({ op: 'applyStatus', dryRun: opts.dryRun }); return inner.applyStatus(o, opts); },
    create: (o, opts) => { calls.push({ op: 'create', dryRun: opts?.dryRun }); return inner.create(o, opts); },
    patch: (r, ns, n, p, t, opts) => { calls.push({ op: 'patch', dryRun: undefined }); return inner.patch(r, ns, n, p, t, opts); },
    delete: (r, ns, n, opts) => { calls.push({ op: 'delete', dryRun: undefined }); return inner.delete(r, ns, n, opts); },
    request: (method, path, body, type) => {
      if (method !== 'GET') calls.push({ op: `${method} ${path}`, dryRun: undefined });
      return inner.request(method, path, body, type);
    },
    close: () => inner.close(),
  };
}

describe('controller/plan planCluster (real API server)', function () {
  this.timeout(CLUSTER_START_TIMEOUT_MS);
  const group = `pc${process.pid}.orkspace.test`;
  let cluster: TestCluster;
  let ns: string;
  let http: HttpKubeClient;
  let payload: BundlePayload;
  let plan: Plan;
  const calls: Call[] = [];
  const gadgets = `/apis/${group}/v1/namespaces/NS/gadgets`;

  const ssaCrd = async (text: string, manager: string) => {
    const object = (await import('yaml')).parse(text) as KubeObject;
    await http.apply(object, { fieldManager: manager, force: true });
  };

  before(async () => {
    cluster = await getTestCluster();
    ns = await newTestNamespace('plan-cluster');
    http = createKubeClient(loadKubeConfig({ env: {}, path: cluster.kubeconfigPath }), { userAgent: 'orkestra-plan-test' });
    const dir = tempDir('plan-cluster');
    writeFileSync(join(dir, 'katalog.yaml'), katalog(group));
    writeFileSync(join(dir, 'gadget-crd.yaml'), crd(group, 'Gadget', 'gadgets'));
    writeFileSync(join(dir, 'widget-crd.yaml'), crd(group, 'Widget', 'widgets'));
    payload = (await resolveKomposer({ komposer: join(dir, 'katalog.yaml'), cwd: dir, env: {} })).payload;

    // Installed: gadgets (as the controller would), an old CRD of ours, and one of someone else's.
    await ssaCrd(crd(group, 'Gadget', 'gadgets'), 'orkestra');
    await ssaCrd(crd(group, 'Old', 'olds'), 'orkestra');
    await ssaCrd(crd(group, 'Other', 'others'), 'kubectl');
    await until('gadgets served', async () => {
      http.invalidateDiscovery();
      return http.resourceFor(`${group}/v1`, 'Gadget').then(() => true, () => undefined);
    });
    const path = gadgets.replace('NS', ns);
    await cluster.client.post(path, { apiVersion: `${group}/v1`, kind: 'Gadget', metadata: { name: 'g1' }, spec: { size: 'L' } });
    await cluster.client.post(path, { apiVersion: `${group}/v1`, kind: 'Gadget', metadata: { name: 'g2', finalizers: ['test.orkspace.io/hold'] }, spec: { size: 'S' } });
    await cluster.client.delete(`${path}/g2`);
    await cluster.client.post(`/api/v1/namespaces/${ns}/secrets`, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'registry' }, type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': Buffer.from('{}').toString('base64') } });
    // g1's ConfigMap name, held by an object nobody labelled.
    await cluster.client.post(`/api/v1/namespaces/${ns}/configmaps`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'g1-config' }, data: { mine: 'yes' } });

    plan = await planCluster(watching(http, calls), {
      payload,
      bundle: { source: 'komposer', digest: `sha256:${'0'.repeat(64)}`, verified: false, katalog: 'plan-cluster' },
      server: http.server,
    });
  });

  after(async () => {
    await cluster?.client.mergePatch(`${gadgets.replace('NS', ns)}/g2`, { metadata: { finalizers: null } }).catch(() => undefined);
    for (const name of ['gadgets', 'widgets', 'olds', 'others']) {
      await cluster?.client.request({ method: 'DELETE', path: `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${name}.${group}` });
    }
    await http?.close();
  });

  it('a CRD the cluster lacks is new, and its kind is not served (no CRs to plan)', () => {
    expect(plan.crds.map((c) => [c.name, c.status])).to.deep.equal([[`gadgets.${group}`, 'unchanged'], [`widgets.${group}`, 'new']]);
    expect(plan.resources.find((r) => r.crd === 'widget')).to.deep.include({ served: false, planned: 0, crs: [] });
  });

  it('CRDs applied by Orkestra in the bundle\'s groups but dropped from it are listed; others\' are not', () => {
    expect(plan.crdsNotInBundle).to.deep.equal([`olds.${group}`]);
  });

  it('a child name held by a foreign object is a conflict; a child the server refuses shows its error; a CR being deleted is skipped', () => {
    const crs = plan.resources.find((r) => r.crd === 'gadget')!.crs;
    expect(crs.map((c) => c.name)).to.deep.equal(['g1', 'g2']);
    const g1 = crs[0]!;
    expect(g1.children.map((c) => `${c.action} ${c.kind} ${c.name}`)).to.deep.equal([
      'conflict ConfigMap g1-config', 'create Secret g1-pull', 'create Secret g1-tls', 'create Service g1-svc', 'unchanged Secret g1-held',
    ]);
    expect(g1.children.find((c) => c.name === 'g1-svc')!.error).to.match(/spec\.ports\[0\]\.port/);
    // The copy and the tls Secret pass the server's dry run (a dockerconfigjson copy needs its data; a tls one its keys).
    expect(g1.children.filter((c) => c.kind === 'Secret').map((c) => [c.name, c.error, c.reason])).to.deep.equal([
      ['g1-pull', undefined, undefined], ['g1-tls', undefined, undefined],
      ['g1-held', undefined, 'its source (fromSecret/fromConfigMap) cannot be read: the controller leaves it and reports SourceUnavailable'],
    ]);
    expect(crs[1]!.skipped).to.match(/being deleted/);
    expect(crs[1]!.children).to.deep.equal([]);
    expect(plan.changes).to.equal(true);
  });

  it('every write it sent was a dry run; the foreign ConfigMap is untouched', async () => {
    const writes = calls.filter((c) => c.op === 'apply' || c.op === 'create' || c.op === 'applyStatus' || c.op === 'patch' || c.op === 'delete');
    expect(writes.length).to.be.greaterThan(0);
    expect(writes.every((c) => c.dryRun === true), JSON.stringify(writes)).to.equal(true);
    const posts = calls.filter((c) => c.op.startsWith('POST ')).map((c) => c.op.replace(/^POST /, ''));
    expect(posts.every((p) => /(selfsubjectaccessreviews|selfsubjectreviews)$/.test(p)), posts.join(', ')).to.equal(true);
    const foreign = await cluster.client.get<{ data: Record<string, string>; metadata: { labels?: unknown } }>(`/api/v1/namespaces/${ns}/configmaps/g1-config`);
    expect(foreign.data).to.deep.equal({ mine: 'yes' });
    expect(foreign.metadata.labels).to.equal(undefined);
  });
});
