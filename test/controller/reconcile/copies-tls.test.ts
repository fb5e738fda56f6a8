// Copies and generated certificates on the real API server (reconcileCr, reading through
// apiObjectReader): a fromSecret / fromConfigMap copy lands in every toNamespaces namespace and
// follows an update of its source; a missing source holds the copies (never pruned) with Ready
// SourceUnavailable; a tls Secret is a valid certificate, kept over reconciles; the copies outside
// the CR's namespace go with the CR through the finalizer. No key or copied value in any Event.
import { expect } from 'chai';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { createKubeClient, type HttpKubeClient } from '../../../cli/kube/http-client.js';
import { loadKubeConfig } from '../../../cli/kube/config.js';
import { apiObjectReader } from '../../../controller/reconcile/api-reader.js';
import { childKinds } from '../../../controller/reconcile/child-kinds.js';
import { reconcileCr, type CrdTarget, type ReconcileDeps, type ReconcileResult } from '../../../controller/reconcile/reconcile.js';
import type { CrdEntry } from '../../../shared/katalog/types.js';
import type { KubeObject } from '../../../shared/kube/index.js';
import { CLUSTER_START_TIMEOUT_MS, getTestCluster, newTestNamespace, type TestCluster } from '../../support/cluster.js';
import { poll } from '../../support/poll.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const text = (s: string) => Buffer.from(s, 'base64').toString('utf8');
interface Cond { type: string; status: string; reason: string; message: string }

describe('controller/reconcile copies and tls Secrets (real API server)', function () {
  this.timeout(60_000);
  let cluster: TestCluster;
  let kube: HttpKubeClient;
  const group = `cp${process.pid}.examples.orkspace.io`;
  let ns: string;
  let other: string;
  let platform: string;
  let target: CrdTarget;
  let warnings: string[] = [];

  before(async function () {
    this.timeout(CLUSTER_START_TIMEOUT_MS);
    cluster = await getTestCluster();
    kube = createKubeClient(loadKubeConfig({ env: {}, path: cluster.kubeconfigPath }));
    [ns, other, platform] = [await newTestNamespace('copies'), await newTestNamespace('copies-other'), await newTestNamespace('copies-platform')];
    const entry: CrdEntry = {
      operatorBox: {
        onReconcile: {
          secrets: [
            { name: '{{ .metadata.name }}-registry', fromSecret: 'registry', fromNamespace: platform, toNamespaces: ['{{ .metadata.namespace }}', other] },
            { name: '{{ .metadata.name }}-tls', tls: { commonName: '{{ .metadata.name }}.{{ .metadata.namespace }}.svc', dnsNames: ['{{ .metadata.name }}', '{{ .metadata.name }}.{{ .metadata.namespace }}.svc'] } },
          ],
          configMaps: [{ name: 'ca', fromConfigMap: 'base', fromNamespace: platform, data: { region: 'eu' }, toNamespaces: ['{{ .metadata.namespace }}', other] }],
        },
      },
    };
    target = { name: 'tenant', entry, apiTypes: { group, version: 'v1', kind: 'Tenant', plural: 'tenants', scope: 'Namespaced' } as CrdTarget['apiTypes'] };
    await installCrd();
  });

  after(async () => {
    if (cluster?.external) await cluster.client.request({ method: 'DELETE', path: `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/tenants.${group}` });
    await kube?.close();
  });

  beforeEach(() => { warnings = []; });
  afterEach(function () {
    if (this.currentTest?.state === 'passed') expect(warnings, 'warnings').to.deep.equal([]);
  });

  async function installCrd(): Promise<void> {
    const name = `tenants.${group}`;
    const schema = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
    await kube.apply({
      apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name },
      spec: { group, scope: 'Namespaced', names: { kind: 'Tenant', plural: 'tenants', singular: 'tenant' }, versions: [{ name: 'v1', served: true, storage: true, subresources: { status: {} }, schema: { openAPIV3Schema: schema } }] },
    } as KubeObject, { fieldManager: 'orkestra-test', force: true });
    await poll('CRD served', 30_000, async () => ((await cluster.client.request({ path: `/apis/${group}/v1/tenants` })).status === 200 ? true : undefined));
    kube.invalidateDiscovery();
  }

  function reconcile(name: string, crd: CrdTarget = target, now = () => new Date()): Promise<ReconcileResult> {
    const deps: ReconcileDeps = {
      kube,
      cache: apiObjectReader(kube, { katalogName: 'tenants', kindsOf: () => childKinds(crd.entry) }),
      clock: { now },
      fieldManager: 'orkestra',
      katalogName: 'tenants',
      warn: (m) => warnings.push(m),
    };
    return reconcileCr(deps, crd, { namespace: ns, name });
  }

  const crPath = (name: string) => `/apis/${group}/v1/namespaces/${ns}/tenants/${name}`;
  const secretPath = (where: string, name: string) => `/api/v1/namespaces/${where}/secrets/${name}`;
  const cmPath = (where: string, name: string) => `/api/v1/namespaces/${where}/configmaps/${name}`;
  const exists = async (path: string) => (await cluster.client.request({ path })).status === 200;
  const ready = async (name: string) => ((await cluster.client.get(crPath(name))).status?.conditions as Cond[] | undefined)?.find((c) => c.type === 'Ready');

  it('copies land in each target namespace, follow an update of the source, and a missing source holds them', async () => {
    await cluster.client.post(`/api/v1/namespaces/${platform}/secrets`, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'registry' }, type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': b64('{"auths":{"r.example":{}}}') } });
    await cluster.client.post(`/api/v1/namespaces/${platform}/configmaps`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'base' }, data: { region: 'us', tier: 'gold' } });
    await cluster.client.post(`/apis/${group}/v1/namespaces/${ns}/tenants`, { apiVersion: `${group}/v1`, kind: 'Tenant', metadata: { name: 'acme' }, spec: {} });

    expect((await reconcile('acme')).wrote).to.equal(7); // finalizer, 2 + 2 copies, tls Secret, status
    for (const where of [ns, other]) {
      const copy = await cluster.client.get(secretPath(where, 'acme-registry'));
      expect([copy.type, text(copy.data['.dockerconfigjson'])]).to.deep.equal(['kubernetes.io/dockerconfigjson', '{"auths":{"r.example":{}}}']);
      expect((await cluster.client.get(cmPath(where, 'ca'))).data).to.deep.equal({ region: 'eu', tier: 'gold' });
    }
    const far = await cluster.client.get(secretPath(other, 'acme-registry'));
    expect(far.metadata.ownerReferences).to.equal(undefined);
    expect(far.metadata.labels).to.include({ 'orkestra.orkspace.io/owner-namespace': ns, 'orkestra-owner': 'acme' });
    expect((await cluster.client.get(secretPath(ns, 'acme-registry'))).metadata.ownerReferences).to.have.length(1);
    expect((await cluster.client.get(crPath('acme'))).metadata.finalizers).to.deep.equal(['orkestra.orkspace.io/cleanup']);
    expect(await ready('acme')).to.include({ status: 'True', reason: 'Reconciled' });
    expect(await reconcile('acme')).to.deep.equal({ wrote: 0, events: 0 });

    // The source changes: the next reconcile carries the change into every copy.
    await cluster.client.mergePatch(`/api/v1/namespaces/${platform}/secrets/registry`, { data: { '.dockerconfigjson': b64('{"auths":{"r2.example":{}}}') } });
    await cluster.client.mergePatch(`/api/v1/namespaces/${platform}/configmaps/base`, { data: { tier: 'platinum' } });
    expect((await reconcile('acme')).wrote).to.equal(4);
    for (const where of [ns, other]) {
      expect(text((await cluster.client.get(secretPath(where, 'acme-registry'))).data['.dockerconfigjson'])).to.equal('{"auths":{"r2.example":{}}}');
      expect((await cluster.client.get(cmPath(where, 'ca'))).data).to.deep.equal({ region: 'eu', tier: 'platinum' });
    }

    // The source goes: the copies stay as they are, Ready says what to create, a retry is asked for.
    await cluster.client.delete(`/api/v1/namespaces/${platform}/configmaps/base`);
    expect(await reconcile('acme')).to.deep.equal({ requeueAfterMs: 30_000, wrote: 1, events: 1 });
    const held = await ready('acme');
    expect(held).to.include({ status: 'False', reason: 'SourceUnavailable' });
    expect(held!.message).to.equal(`ConfigMap ${ns}/ca: fromConfigMap ConfigMap ${platform}/base not found: create it, or fix fromConfigMap/fromNamespace; the copy is made once it exists; `
      + `ConfigMap ${other}/ca: fromConfigMap ConfigMap ${platform}/base not found: create it, or fix fromConfigMap/fromNamespace; the copy is made once it exists`);
    expect(await exists(cmPath(ns, 'ca'))).to.equal(true);
    expect(await exists(cmPath(other, 'ca'))).to.equal(true);
    await cluster.client.post(`/api/v1/namespaces/${platform}/configmaps`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'base' }, data: { tier: 'silver' } });
    await reconcile('acme');
    expect((await cluster.client.get(cmPath(other, 'ca'))).data).to.deep.equal({ region: 'eu', tier: 'silver' });
    expect(await ready('acme')).to.include({ status: 'True', reason: 'Reconciled' });

    // Nothing secret in what the CR's Events and status say.
    const events = await cluster.client.get(`/api/v1/namespaces/${ns}/events?fieldSelector=involvedObject.name%3Dacme`);
    const said = JSON.stringify([events.items.map((e: { message: string }) => e.message), (await cluster.client.get(crPath('acme'))).status]);
    for (const leak of ['r2.example', b64('{"auths":{"r2.example":{}}}'), 'PRIVATE KEY', 'platinum']) expect(said).to.not.include(leak);
  });

  it('the tls Secret is a valid certificate for the declared names, stable over reconciles', async () => {
    const path = secretPath(ns, 'acme-tls');
    const first = await cluster.client.get(path);
    expect(first.type).to.equal('kubernetes.io/tls');
    const cert = new X509Certificate(text(first.data['tls.crt']));
    const ca = new X509Certificate(text(first.data['ca.crt']));
    expect(cert.verify(ca.publicKey)).to.equal(true);
    expect(cert.checkPrivateKey(createPrivateKey(text(first.data['tls.key'])))).to.equal(true);
    expect(cert.subject.split('\n')).to.deep.equal(['O=Orkestra', `CN=acme.${ns}.svc`]);
    expect(cert.checkHost(`acme.${ns}.svc`)).to.equal(`acme.${ns}.svc`);
    expect(Date.parse(cert.validTo) - Date.now()).to.be.greaterThan(364 * 86_400_000);
    expect(first.metadata.annotations['orkestra.orkspace.io/generated-at']).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(await reconcile('acme')).to.deep.equal({ wrote: 0, events: 0 });
    expect(await reconcile('acme')).to.deep.equal({ wrote: 0, events: 0 });
    const later = await cluster.client.get(path);
    expect([later.metadata.resourceVersion, later.data]).to.deep.equal([first.metadata.resourceVersion, first.data]);
  });

  it('deleting the CR deletes the copies in the other namespace (finalizer), then releases it', async () => {
    await cluster.client.delete(crPath('acme'));
    const result = await reconcile('acme');
    expect(result.wrote).to.equal(3); // the Secret and ConfigMap copies in `other`, the finalizer
    await poll('copies in the other namespace gone', 10_000, async () => ((await exists(secretPath(other, 'acme-registry'))) || (await exists(cmPath(other, 'ca'))) ? undefined : true));
    await poll('CR gone', 10_000, async () => ((await exists(crPath('acme'))) ? undefined : true));
    expect(await exists(`/api/v1/namespaces/${platform}/secrets/registry`)).to.equal(true); // the source is never touched
  });

  it('rotateAfter: a once tls Secret (and a once password) is kept until it is due, then a new pair is written over it', async () => {
    const rotating: CrdTarget = { ...target, name: 'rotating', entry: { operatorBox: { onCreate: { secrets: [
      { name: '{{ .metadata.name }}-tls', once: true, rotateAfter: '3s', tls: { validFor: '1h' } },
      { name: '{{ .metadata.name }}-creds', once: true, rotateAfter: '3s', data: { password: '{{ randomAlphanumeric 24 }}' } },
    ] } } } };
    await cluster.client.post(`/apis/${group}/v1/namespaces/${ns}/tenants`, { apiVersion: `${group}/v1`, kind: 'Tenant', metadata: { name: 'rota' }, spec: {} });
    // The reconciler's clock, not the wall clock, says when rotation is due: a loaded machine cannot make it early.
    const t0 = Date.now();
    const at = (ms: number) => () => new Date(t0 + ms);
    await reconcile('rota', rotating, at(0));
    const path = secretPath(ns, 'rota-tls');
    const first = await cluster.client.get(path);
    const creds = await cluster.client.get(secretPath(ns, 'rota-creds'));
    expect(first.metadata.annotations).to.include({ 'orkestra.orkspace.io/rotate-after': '3s', 'orkestra.orkspace.io/create-only': 'true' });
    expect(await reconcile('rota', rotating, at(2000))).to.deep.equal({ wrote: 0, events: 0 });
    expect((await reconcile('rota', rotating, at(4000))).wrote).to.equal(2);
    const second = await cluster.client.get(path);
    const newCreds = await cluster.client.get(secretPath(ns, 'rota-creds'));
    expect([newCreds.metadata.uid, text(newCreds.data.password).length]).to.deep.equal([creds.metadata.uid, 24]);
    expect(newCreds.data.password).to.not.equal(creds.data.password);
    expect(second.metadata.uid).to.equal(first.metadata.uid); // written over, not deleted
    expect(second.data['tls.key']).to.not.equal(first.data['tls.key']);
    expect(Date.parse(second.metadata.annotations['orkestra.orkspace.io/generated-at'])).to.be.greaterThan(Date.parse(first.metadata.annotations['orkestra.orkspace.io/generated-at']));
    const cert = new X509Certificate(text(second.data['tls.crt']));
    expect(cert.verify(new X509Certificate(text(second.data['ca.crt'])).publicKey)).to.equal(true);
    expect(cert.checkPrivateKey(createPrivateKey(text(second.data['tls.key'])))).to.equal(true);
    expect(await reconcile('rota', rotating, at(5000))).to.deep.equal({ wrote: 0, events: 0 });
  });
});
