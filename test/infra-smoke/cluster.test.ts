// Smoke tests of the local control plane the integration tests rely on (test/cluster): it answers,
// stores objects, serves CRDs without the reflect2 crash, and garbage-collects through ownerReferences.
import { expect } from 'chai';
import { CLUSTER_START_TIMEOUT_MS, controlPlaneLog, getTestCluster, newTestNamespace, type TestCluster } from '../support/cluster.js';
import { poll } from '../support/poll.js';


describe('infra-smoke: control plane', function () {
  let cluster: TestCluster;

  before(async function () {
    this.timeout(CLUSTER_START_TIMEOUT_MS);
    cluster = await getTestCluster();
  });

  it('answers /readyz and reports its version', async function () {
    const ready = await cluster.client.request({ path: '/readyz' });
    expect(ready.status).to.equal(200);
    expect(ready.body).to.equal('ok');
    const version = await cluster.client.get('/version');
    if (!cluster.external) expect(version.gitVersion).to.equal('v1.20.2');
    expect(version.major).to.equal('1');
  });

  it('shares one control plane between callers', async function () {
    expect(await getTestCluster()).to.equal(cluster);
  });

  it('creates a namespace and stores a ConfigMap in it', async function () {
    const ns = await newTestNamespace('configmap');
    const created = await cluster.client.post(`/api/v1/namespaces/${ns}/configmaps`, {
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'greeting' }, data: { hello: 'world' },
    });
    expect(created.metadata.uid).to.be.a('string').and.not.empty;
    const read = await cluster.client.get(`/api/v1/namespaces/${ns}/configmaps/greeting`);
    expect(read.data).to.deep.equal({ hello: 'world' });
    const missing = await cluster.client.request({ path: `/api/v1/namespaces/${ns}/configmaps/nope` });
    expect(missing.status).to.equal(404);
  });

  it('has the controller manager running (default ServiceAccount in a new namespace)', async function () {
    this.timeout(40_000);
    const ns = await newTestNamespace('serviceaccount');
    const sa = await poll('the default ServiceAccount', 30_000, async () => {
      const res = await cluster.client.request({ path: `/api/v1/namespaces/${ns}/serviceaccounts/default` });
      return res.status === 200 ? res.body : undefined;
    });
    expect(sa.metadata.name).to.equal('default');
  });

  describe('custom resources', function () {
    const group = `g${process.pid}${Date.now() % 100000}.smoke.orkestra.dev`;
    const crdName = `widgets.${group}`;

    after(async function () {
      // Cluster-scoped: leave an external cluster as it was found.
      if (cluster?.external) await cluster.client.request({ method: 'DELETE', path: `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${crdName}` });
    });

    it('a CRD becomes Established and a CR of it is created, pruned and read back', async function () {
      this.timeout(60_000);
      await cluster.client.post('/apis/apiextensions.k8s.io/v1/customresourcedefinitions', {
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        metadata: { name: crdName },
        spec: {
          group,
          scope: 'Namespaced',
          names: { plural: 'widgets', singular: 'widget', kind: 'Widget', listKind: 'WidgetList' },
          versions: [{
            name: 'v1', served: true, storage: true,
            schema: { openAPIV3Schema: { type: 'object', properties: {
              spec: { type: 'object', properties: { size: { type: 'integer' } } },
            } } },
          }],
        },
      });
      await poll('the CRD to be Established', 30_000, async () => {
        const crd = await cluster.client.get(`/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${crdName}`);
        const established = (crd.status?.conditions ?? []).find((c: { type: string }) => c.type === 'Established');
        return established?.status === 'True' ? true : undefined;
      });

      const ns = await newTestNamespace('crd');
      const path = `/apis/${group}/v1/namespaces/${ns}/widgets`;
      // The handler for a new CRD may lag its Established condition by a moment (404).
      const created = await poll('the CR endpoint', 20_000, async () => {
        const res = await cluster.client.request({
          method: 'POST', path,
          body: { apiVersion: `${group}/v1`, kind: 'Widget', metadata: { name: 'w1' }, spec: { size: 3, unknownField: 'dropped' } },
        });
        if (res.status === 404) return undefined;
        if (res.status !== 201) throw new Error(`create CR: HTTP ${res.status} ${JSON.stringify(res.body)}\n${controlPlaneLog(cluster, 'kube-apiserver')}`);
        return res.body;
      });
      expect(created.spec).to.deep.equal({ size: 3 }); // structural schema prunes unknown fields
      const invalid = await cluster.client.request({
        method: 'POST', path,
        body: { apiVersion: `${group}/v1`, kind: 'Widget', metadata: { name: 'w2' }, spec: { size: 'three' } },
      });
      expect(invalid.status).to.equal(422);
      const list = await cluster.client.get(path);
      expect(list.items.map((i: { metadata: { name: string } }) => i.metadata.name)).to.deep.equal(['w1']);
      // The apiserver must still be alive after the CR writes (the reflect2 crash killed it here).
      expect((await cluster.client.request({ path: '/readyz' })).status).to.equal(200);
    });
  });

  it('garbage-collects a ConfigMap whose owner was deleted', async function () {
    this.timeout(60_000);
    const ns = await newTestNamespace('gc');
    const cms = `/api/v1/namespaces/${ns}/configmaps`;
    const owner = await cluster.client.post(cms, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'owner' } });
    await cluster.client.post(cms, {
      apiVersion: 'v1', kind: 'ConfigMap',
      metadata: { name: 'owned', ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: owner.metadata.uid }] },
    });
    await cluster.client.delete(`${cms}/owner`);
    await poll('the owned ConfigMap to be collected', 45_000, async () => {
      const res = await cluster.client.request({ path: `${cms}/owned` });
      return res.status === 404 ? true : undefined;
    });
  });
});
