// reconcileCr against the real API server: the website example's CRD (in a group of its own) and
// Katalog entry, plus entries built on it for onCreate, onDelete and cross-namespace children.
// The CR cache is apiObjectReader, which reads straight from the server.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { createKubeClient, type HttpKubeClient } from '../../../cli/kube/http-client.js';
import { loadKubeConfig } from '../../../cli/kube/config.js';
import type { KubeObject } from '../../../shared/kube/index.js';
import { apiObjectReader } from '../../../controller/reconcile/api-reader.js';
import { childKinds } from '../../../controller/reconcile/child-kinds.js';
import { reconcileCr, reportWaiting, type CrdTarget, type ReconcileDeps, type ReconcileResult } from '../../../controller/reconcile/reconcile.js';
import { loadKatalogFile } from '../../../resolver/katalog-files.js';
import type { ApiTypes, CrdEntry, StatusField } from '../../../shared/katalog/types.js';
import { seededRandom } from '../../../shared/render/index.js';
import { CLUSTER_START_TIMEOUT_MS, getTestCluster, newTestNamespace, type TestCluster } from '../../support/cluster.js';
import { poll } from '../../support/poll.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const FINALIZER = 'orkestra.orkspace.io/cleanup';


interface Cond { type: string; status: string; reason: string; message: string; observedGeneration?: number; lastTransitionTime: string }

describe('controller/reconcile (real API server)', function () {
  this.timeout(60_000);
  let cluster: TestCluster;
  let kube: HttpKubeClient;
  let website: CrdTarget;
  let apiTypes: ApiTypes;
  const group = `rc${process.pid}.examples.orkspace.io`;
  const crdName = `websites.${group}`;
  /** The same CRD without a status subresource. */
  const plainGroup = `rcplain${process.pid}.examples.orkspace.io`;
  const entries = new Map<string, CrdEntry>();

  before(async function () {
    this.timeout(CLUSTER_START_TIMEOUT_MS);
    cluster = await getTestCluster();
    kube = createKubeClient(loadKubeConfig({ env: {}, path: cluster.kubeconfigPath }));
    const loaded = await loadKatalogFile(join(root, 'examples/website/katalog.yaml'));
    expect(loaded.issues.filter((i) => i.severity !== 'warning')).to.deep.equal([]);
    const resolved = loaded.crds.find((c) => c.name === 'website')!;
    apiTypes = { ...resolved.apiTypes, group };
    website = { name: 'website', entry: resolved.entry, apiTypes };
    entries.set('website', resolved.entry);
    await installCrd();
  });

  after(async function () {
    if (cluster?.external) {
      for (const name of [crdName, `websites.${plainGroup}`]) await cluster.client.request({ method: 'DELETE', path: `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${name}` });
    }
    await kube?.close();
  });

  /**
   * The example CRD in a group of its own. Its status schema lists only the example's typed
   * fields; a structural schema prunes what it does not list, so conditions and
   * observedGeneration are added here (docs/reconcile.md: CRDs must declare them).
   */
  async function installCrd(crdGroup = group, statusSubresource = true): Promise<void> {
    const name = `websites.${crdGroup}`;
    const crd = parse(readFileSync(join(root, 'examples/website/crd.yaml'), 'utf8')) as KubeObject & { spec: any };
    crd.metadata.name = name;
    crd.spec.group = crdGroup;
    for (const version of crd.spec.versions) {
      if (!statusSubresource) delete version.subresources;
      const status = version.schema.openAPIV3Schema.properties.status;
      status.properties.observedGeneration ??= { type: 'integer' };
      status.properties.conditions ??= { type: 'array', items: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } };
    }
    await kube.apply(crd, { fieldManager: 'orkestra-test', force: true });
    const crds = await kube.resourceFor('apiextensions.k8s.io/v1', 'CustomResourceDefinition');
    await poll('CRD Established', 30_000, async () => {
      const got = await kube.get(crds, undefined, name);
      const conditions = ((got?.status as { conditions?: Cond[] })?.conditions) ?? [];
      return conditions.some((c) => c.type === 'Established' && c.status === 'True') ? true : undefined;
    });
    kube.invalidateDiscovery();
    // The handler for a new CRD may lag its Established condition by a moment.
    await poll('CRD served', 30_000, async () => {
      const r = await cluster.client.request({ path: `/apis/${crdGroup}/v1/websites` });
      return r.status === 200 ? true : undefined;
    });
  }

  const random = seededRandom(7);
  let warnings: string[] = [];
  beforeEach(() => { warnings = []; });
  afterEach(function () {
    if (this.currentTest?.state === 'passed') expect(warnings, 'warnings').to.deep.equal([]);
  });

  function deps(extra: Partial<ReconcileDeps> = {}): ReconcileDeps {
    return {
      ...extra,
      kube,
      cache: apiObjectReader(kube, { katalogName: 'website', kindsOf: (name) => childKinds(entries.get(name)!) }),
      clock: { now: () => new Date() },
      fieldManager: 'orkestra',
      katalogName: 'website',
      random,
      warn: (m) => warnings.push(m),
    };
  }

  /** A CRD entry built on the website one, under another name. */
  function variant(name: string, change: (entry: CrdEntry) => void): CrdTarget {
    const entry = structuredClone(website.entry);
    change(entry);
    entries.set(name, entry);
    return { name, entry, apiTypes };
  }

  /** The CR `blog` of a variant with these status fields, reconciled once in a namespace of its own; with its Service. */
  async function blogWithStatus(name: string, fields: StatusField[], change?: (entry: CrdEntry) => void): Promise<{ ns: string; svc: KubeObject & { spec: { clusterIP: string } } }> {
    const target = variant(name, (entry) => {
      entry.operatorBox!.status = { fields };
      change?.(entry);
    });
    const ns = await newTestNamespace(`reconcile-${name.replace(/^website-/, '')}`);
    await createCr(ns, 'blog', { image: 'nginx:1.27' });
    await reconcile(ns, 'blog', target);
    return { ns, svc: await get(`/api/v1/namespaces/${ns}/services/blog-svc`) };
  }

  const crPath = (ns: string, name = '') => `/apis/${group}/v1/namespaces/${ns}/websites${name ? `/${name}` : ''}`;
  const get = (path: string) => cluster.client.get(path);
  const exists = async (path: string) => (await cluster.client.request({ path })).status === 200;

  async function createCr(ns: string, name: string, spec: Record<string, unknown>): Promise<KubeObject> {
    return cluster.client.post(crPath(ns), { apiVersion: `${group}/v1`, kind: 'Website', metadata: { name, namespace: ns }, spec });
  }

  function reconcile(ns: string, name: string, target: CrdTarget = website): Promise<ReconcileResult> {
    return reconcileCr(deps(), target, { namespace: ns, name });
  }

  async function ready(ns: string, name: string): Promise<Cond | undefined> {
    const cr = await get(crPath(ns, name));
    return (cr.status?.conditions as Cond[] | undefined)?.find((c) => c.type === 'Ready');
  }

  async function events(ns: string, name: string): Promise<{ type: string; reason: string; message: string; source: { component: string } }[]> {
    const list = await get(`/api/v1/namespaces/${ns}/events?fieldSelector=involvedObject.kind%3DWebsite,involvedObject.name%3D${name}`);
    return list.items;
  }

  /**
   * What our writes would change: the CR's and the Service's resourceVersion. The Deployment's
   * moves with the deployment controller's status updates, so for it: generation and the
   * `orkestra` field manager's entry (its time changes on every apply, even a no-op one).
   */
  async function versions(ns: string, name: string): Promise<unknown[]> {
    const rv = async (p: string) => (await get(p)).metadata.resourceVersion as string;
    const deploy = await get(`/apis/apps/v1/namespaces/${ns}/deployments/${name}`);
    const ours = deploy.metadata.managedFields.filter((m: { manager: string }) => m.manager === 'orkestra');
    return [await rv(crPath(ns, name)), await rv(`/api/v1/namespaces/${ns}/services/${name}-svc`), deploy.metadata.generation, ours];
  }

  it('a new CR gets its children with ownerReferences and labels, Ready=True, typed status and a Normal event', async () => {
    const ns = await newTestNamespace('reconcile-create');
    const cr = await createCr(ns, 'blog', { image: 'nginx:1.27', title: 'Our blog' });
    const result = await reconcile(ns, 'blog');
    // SSA Service + SSA Deployment + status; no finalizer needed (no onDelete, all in-namespace).
    expect(result).to.deep.equal({ wrote: 3, events: 1 });

    const deploy = await get(`/apis/apps/v1/namespaces/${ns}/deployments/blog`);
    const svc = await get(`/api/v1/namespaces/${ns}/services/blog-svc`);
    for (const child of [deploy, svc]) {
      expect(child.metadata.ownerReferences).to.deep.equal([{ apiVersion: `${group}/v1`, kind: 'Website', name: 'blog', uid: cr.metadata.uid, controller: true, blockOwnerDeletion: true }]);
      expect(child.metadata.labels).to.include({ 'orkestra.orkspace.io/managed': 'true', 'orkestra-owner': 'blog', 'orkestra.orkspace.io/crd': 'website', 'orkestra.orkspace.io/katalog': 'website' });
    }
    expect(deploy.spec.replicas).to.equal(2);
    expect(deploy.spec.template.spec.containers[0].image).to.equal('nginx:1.27');
    expect(svc.spec.ports[0]).to.include({ port: 80, targetPort: 8080, protocol: 'TCP' });
    expect(await exists(`/api/v1/namespaces/${ns}/services/blog-public`)).to.equal(false);

    const live = await get(crPath(ns, 'blog'));
    expect(live.metadata.finalizers).to.equal(undefined);
    expect(live.status).to.deep.include({ observedGeneration: live.metadata.generation, url: `http://blog-svc.${ns}.svc.cluster.local`, replicas: 2 });
    const r = live.status.conditions.find((c: Cond) => c.type === 'Ready');
    expect(r).to.include({ status: 'True', reason: 'Reconciled', message: '2 children in the declared shape', observedGeneration: live.metadata.generation });
    expect(r.lastTransitionTime).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    const evs = await events(ns, 'blog');
    expect(evs.map((e) => `${e.type} ${e.reason} ${e.source.component}`)).to.deep.equal(['Normal Reconciled orkestra']);
  });

  it('a no-op resync writes nothing: resourceVersions of the CR and children stay the same over 3 reconciles', async () => {
    const ns = await newTestNamespace('reconcile-noop');
    await createCr(ns, 'blog', { image: 'nginx:1.27' });
    expect((await reconcile(ns, 'blog')).wrote).to.equal(3);
    const before = await versions(ns, 'blog');
    for (let i = 0; i < 3; i++) expect(await reconcile(ns, 'blog')).to.deep.equal({ wrote: 0, events: 0 });
    expect(await versions(ns, 'blog')).to.deep.equal(before);
    expect((await events(ns, 'blog')).length).to.equal(1);
  });

  it('a hand edit of an onReconcile child is reverted; a spec update propagates', async () => {
    const ns = await newTestNamespace('reconcile-drift');
    await createCr(ns, 'blog', { image: 'nginx:1.27' });
    await reconcile(ns, 'blog');
    await cluster.client.mergePatch(`/apis/apps/v1/namespaces/${ns}/deployments/blog`, { spec: { replicas: 5 } });
    expect(await reconcile(ns, 'blog')).to.deep.equal({ wrote: 1, events: 1 });
    expect((await get(`/apis/apps/v1/namespaces/${ns}/deployments/blog`)).spec.replicas).to.equal(2);
    expect((await events(ns, 'blog')).map((e) => e.reason)).to.include('DriftCorrected');

    await cluster.client.mergePatch(crPath(ns, 'blog'), { spec: { replicas: 3 } });
    const r = await reconcile(ns, 'blog');
    expect(r.wrote).to.equal(2); // Deployment + status (replicas and observedGeneration)
    const live = await get(crPath(ns, 'blog'));
    expect((await get(`/apis/apps/v1/namespaces/${ns}/deployments/blog`)).spec.replicas).to.equal(3);
    expect(live.status).to.include({ replicas: 3, observedGeneration: live.metadata.generation });
    expect(live.metadata.generation).to.equal(2);
  });

  it('`when` turning false prunes the public Service and clears its status field (clearOnFalse)', async () => {
    const ns = await newTestNamespace('reconcile-prune');
    await createCr(ns, 'blog', { image: 'nginx:1.27', public: true });
    await reconcile(ns, 'blog');
    const pub = await get(`/api/v1/namespaces/${ns}/services/blog-public`);
    expect(pub.spec.type).to.equal('LoadBalancer');
    expect((await get(crPath(ns, 'blog'))).status.publicService).to.equal('blog-public');

    await cluster.client.mergePatch(crPath(ns, 'blog'), { spec: { public: false } });
    expect(await reconcile(ns, 'blog')).to.deep.equal({ wrote: 2, events: 1 }); // delete + status; Pruned
    await poll('blog-public gone', 10_000, async () => ((await exists(`/api/v1/namespaces/${ns}/services/blog-public`)) ? undefined : true));
    expect((await get(crPath(ns, 'blog'))).status).to.not.have.property('publicService');
    expect(await exists(`/api/v1/namespaces/${ns}/services/blog-svc`)).to.equal(true);
    expect((await events(ns, 'blog')).map((e) => e.reason)).to.include('Pruned');
  });

  it('status fields read the live children as .children (upstream get and notes), after they are applied', async () => {
    const { ns, svc } = await blogWithStatus('website-children', [
      { path: 'url', value: 'http://{{ serviceClusterIP .children.service }}', type: 'string' },
      { path: 'replicas', value: '{{ get .children.deployment "spec" "replicas" }}', type: 'int' },
      { path: 'publicService', value: '{{ resourceExists .children.job }}/{{ len .children.services }}', type: 'string' },
    ]);
    expect(svc.spec.clusterIP).to.match(/^[0-9a-f.:]+$/);
    // No Job is declared, so .children.job is missing, not a placeholder; one Service is live.
    expect((await get(crPath(ns, 'blog'))).status).to.include({ url: `http://${svc.spec.clusterIP}`, replicas: 2, publicService: 'false/1' });
    expect((await ready(ns, 'blog'))?.status).to.equal('True');
  });

  it('a status field or a child condition whose template fails is left out with a log line; the other children and fields are written (as upstream)', async () => {
    const { ns, svc } = await blogWithStatus('website-lenient', [
      { path: 'url', value: 'http://{{ serviceClusterIP .children.service }}', type: 'string' },
      { path: 'broken', value: '{{ .children.service.metadata.name.first }}', type: 'string' },
      { path: 'replicas', value: '{{ .spec.image }}', type: 'int' },
    ], (entry) => {
      entry.operatorBox!.onReconcile!.configMaps = [{ name: '{{ .metadata.name }}-gated', data: { a: 'b' }, when: [{ field: '{{ .spec.image.first }}', equals: 'x' }] }];
    });
    expect(await exists(`/apis/apps/v1/namespaces/${ns}/deployments/blog`)).to.equal(true);
    expect(await exists(`/api/v1/namespaces/${ns}/configmaps/blog-gated`)).to.equal(false);
    const status = (await get(crPath(ns, 'blog'))).status;
    expect(status.url).to.equal(`http://${svc.spec.clusterIP}`);
    expect(status).to.not.have.any.keys('broken', 'replicas');
    expect((await ready(ns, 'blog'))?.status).to.equal('True');
    expect(warnings.map((w) => w.replace(/ \(CR [^)]*\)/, ''))).to.have.members([
      'website-lenient: operatorBox.onReconcile.configMaps[0].when[0].field: template error: template "{{ .spec.image.first }}" line 1 col 4: cannot read field "first": .spec.image is a string; the child is not rendered (a condition that cannot be evaluated is false, as in the Go runtime)',
      'website-lenient: operatorBox.status.fields[2].value: expected an integer, got "nginx:1.27"; the status field is not written this time (the others are), as in the Go runtime',
      'website-lenient: operatorBox.status.fields[1].value: template error: template "{{ .children.service.metadata.name.first }}" line 1 col 4: cannot read field "first": .children.service.metadata.name is a string; the status field is not written this time (the others are), as in the Go runtime',
    ]);
    warnings = [];
  });

  it('an unowned object with a would-be name is never touched: not pruned, not taken over', async () => {
    const ns = await newTestNamespace('reconcile-unowned');
    const theirs = await cluster.client.post(`/api/v1/namespaces/${ns}/services`, {
      apiVersion: 'v1', kind: 'Service', metadata: { name: 'shop-public', labels: { app: 'theirs' } },
      spec: { ports: [{ port: 81, protocol: 'TCP' }] },
    });
    // Our labels copied by someone else, but owned by another object: not ours either.
    const other = await cluster.client.post(`/api/v1/namespaces/${ns}/configmaps`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'holder' } });
    const copied = await cluster.client.post(`/api/v1/namespaces/${ns}/services`, {
      apiVersion: 'v1', kind: 'Service',
      metadata: {
        name: 'shop-extra',
        labels: { 'orkestra.orkspace.io/managed': 'true', 'orkestra-owner': 'shop', 'orkestra.orkspace.io/crd': 'website', 'orkestra.orkspace.io/katalog': 'website', 'orkestra.orkspace.io/component': 'shop-extra' },
        ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'holder', uid: other.metadata.uid, controller: true }],
      },
      spec: { ports: [{ port: 82, protocol: 'TCP' }] },
    });
    await createCr(ns, 'shop', { image: 'nginx:1.27', public: false });
    await reconcile(ns, 'shop');
    const rv = async (name: string) => (await get(`/api/v1/namespaces/${ns}/services/${name}`)).metadata.resourceVersion;
    expect(await rv('shop-public')).to.equal(theirs.metadata.resourceVersion);
    expect(await rv('shop-extra')).to.equal(copied.metadata.resourceVersion);

    await cluster.client.mergePatch(crPath(ns, 'shop'), { spec: { public: true } });
    const result = await reconcile(ns, 'shop');
    expect(result.requeueAfterMs).to.be.a('number');
    expect(await rv('shop-public')).to.equal(theirs.metadata.resourceVersion);
    expect(await ready(ns, 'shop')).to.include({ status: 'False', reason: 'ChildConflict' });
    expect((await ready(ns, 'shop'))!.message).to.match(new RegExp(`Service ${ns}/shop-public exists and is not managed by this CR`));
  });

  it('a validation deny sets Ready=False with the rule message and creates no child', async () => {
    const ns = await newTestNamespace('reconcile-deny');
    await createCr(ns, 'bad', { image: 'nginx:latest' });
    const result = await reconcile(ns, 'bad');
    expect(result).to.deep.equal({ wrote: 1, events: 1 });
    const r = await ready(ns, 'bad');
    expect(r).to.include({ status: 'False', reason: 'ValidationFailed' });
    expect(r!.message).to.contain('spec.image must not use the :latest tag');
    expect(await exists(`/apis/apps/v1/namespaces/${ns}/deployments/bad`)).to.equal(false);
    expect(await exists(`/api/v1/namespaces/${ns}/services/bad-svc`)).to.equal(false);
    expect((await events(ns, 'bad')).map((e) => `${e.type} ${e.reason}`)).to.deep.equal(['Warning ValidationFailed']);
    // Still denied: nothing written, no second event.
    expect(await reconcile(ns, 'bad')).to.deep.equal({ wrote: 0, events: 0 });

    await cluster.client.mergePatch(crPath(ns, 'bad'), { spec: { image: 'nginx:1.27' } });
    await reconcile(ns, 'bad');
    expect(await ready(ns, 'bad')).to.include({ status: 'True', reason: 'Reconciled' });
    expect(await exists(`/apis/apps/v1/namespaces/${ns}/deployments/bad`)).to.equal(true);
  });

  it('a render over the per-CR budget sets Ready=False BudgetExceeded once, creates no child, and is not retried', async () => {
    // Each template stays within its own step limit; together, for a large spec.replicas, they do not.
    const target = variant('budget', (entry) => {
      entry.operatorBox!.onReconcile!.configMaps = [{ name: '{{ .metadata.name }}-rows', data: { rows: '{{ range .spec.replicas }}{{ . }},{{ end }}' } }];
    });
    const budgeted = deps({ renderBudget: { maxSteps: 5_000, deadlineMs: 10_000, now: () => performance.now() } });
    const ns = await newTestNamespace('reconcile-budget');
    await createCr(ns, 'huge', { image: 'nginx:1.27', replicas: 4_000 });
    expect(await reconcileCr(budgeted, target, { namespace: ns, name: 'huge' })).to.deep.equal({ wrote: 1, events: 1 });
    const r = await ready(ns, 'huge');
    expect(r).to.include({ status: 'False', reason: 'BudgetExceeded' });
    expect(r!.message).to.equal(`rendering CR ${ns}/huge takes more than 5000 steps (the per-CR render budget); shrink the lists the CR feeds to forEach/range, or raise the budget (docs/reconcile.md)`);
    expect(await exists(`/api/v1/namespaces/${ns}/configmaps/huge-rows`)).to.equal(false);
    expect(await exists(`/apis/apps/v1/namespaces/${ns}/deployments/huge`)).to.equal(false);
    expect((await events(ns, 'huge')).map((e) => `${e.type} ${e.reason}`)).to.deep.equal(['Warning BudgetExceeded']);
    // The same message again: no write and no requeue, so the status update does not loop.
    expect(await reconcileCr(budgeted, target, { namespace: ns, name: 'huge' })).to.deep.equal({ wrote: 0, events: 0 });

    await cluster.client.mergePatch(crPath(ns, 'huge'), { spec: { replicas: 3 } });
    await reconcileCr(budgeted, target, { namespace: ns, name: 'huge' });
    expect(await ready(ns, 'huge')).to.include({ status: 'True', reason: 'Reconciled' });
    expect((await get(`/api/v1/namespaces/${ns}/configmaps/huge-rows`)).data).to.deep.equal({ rows: '0,1,2,' });
  });

  it('an onCreate child deleted by hand is recreated; edited by hand it is left alone', async () => {
    const target = variant('website-oncreate', (e) => {
      e.operatorBox!.onCreate = { configMaps: [{ data: { greeting: 'hello {{ .metadata.name }}' } }] };
    });
    const ns = await newTestNamespace('reconcile-oncreate');
    await createCr(ns, 'blog', { image: 'nginx:1.27' });
    expect((await reconcile(ns, 'blog', target)).wrote).to.equal(4);
    const path = `/api/v1/namespaces/${ns}/configmaps/blog-config`;
    const cm = await get(path);
    expect(cm.data).to.deep.equal({ greeting: 'hello blog' });
    expect(cm.metadata.annotations).to.include({ 'orkestra.orkspace.io/create-only': 'true' });

    const edited = await cluster.client.mergePatch(path, { data: { greeting: 'edited' } });
    expect(await reconcile(ns, 'blog', target)).to.deep.equal({ wrote: 0, events: 0 });
    expect((await get(path)).metadata.resourceVersion).to.equal(edited.metadata.resourceVersion);

    await cluster.client.delete(path);
    expect(await reconcile(ns, 'blog', target)).to.deep.equal({ wrote: 1, events: 1 });
    expect((await get(path)).data).to.deep.equal({ greeting: 'hello blog' });
    expect((await events(ns, 'blog')).map((e) => e.reason)).to.include('Recreated');
  });

  it('delete: the onDelete Job runs (a failure is retried) before the finalizer is released', async () => {
    const target = variant('website-ondelete', (e) => {
      e.operatorBox!.onDelete = { jobs: [{ name: '{{ .metadata.name }}-farewell', image: 'busybox:1.36', command: ['echo', 'bye'] }] };
    });
    const ns = await newTestNamespace('reconcile-ondelete');
    await createCr(ns, 'blog', { image: 'nginx:1.27' });
    expect((await reconcile(ns, 'blog', target)).wrote).to.equal(4); // finalizer + 2 children + status
    expect((await get(crPath(ns, 'blog'))).metadata.finalizers).to.deep.equal([FINALIZER]);
    expect(await reconcile(ns, 'blog', target)).to.deep.equal({ wrote: 0, events: 0 });

    await cluster.client.delete(crPath(ns, 'blog'));
    expect((await get(crPath(ns, 'blog'))).metadata.deletionTimestamp).to.be.a('string');
    const jobPath = `/apis/batch/v1/namespaces/${ns}/jobs/blog-farewell`;
    const first = await reconcile(ns, 'blog', target);
    expect(first).to.deep.equal({ requeueAfterMs: 2000, wrote: 1, events: 0 });
    expect((await get(jobPath)).spec.template.spec.containers[0].command).to.deep.equal(['echo', 'bye']);
    expect(await reconcile(ns, 'blog', target)).to.deep.equal({ requeueAfterMs: 2000, wrote: 0, events: 0 });
    expect((await get(crPath(ns, 'blog'))).metadata.finalizers).to.deep.equal([FINALIZER]);

    // No kubelet: the test plays the Job controller's last word.
    // The job controller writes status from its own view (its pod) and may overwrite ours:
    // wait until it has written once, then set the condition until it sticks.
    const finish = async (type: string) => {
      await poll('the job controller to start the Job', 20_000, async () => ((await get(jobPath)).status?.startTime ? true : undefined));
      await poll(`Job ${type}`, 20_000, async () => {
        await cluster.client.mergePatch(`${jobPath}/status`, { status: { conditions: [{ type, status: 'True', reason: 'Test', message: `test says ${type}` }] } });
        await new Promise((r) => setTimeout(r, 300));
        const conditions: Cond[] = (await get(jobPath)).status?.conditions ?? [];
        return conditions.some((c) => c.type === type && c.status === 'True') ? true : undefined;
      });
    };
    await finish('Failed');
    let failure: Error | undefined;
    try {
      await reconcile(ns, 'blog', target);
    } catch (e) {
      failure = e as Error;
    }
    expect(failure).to.have.property('code', 'CLEANUP_FAILED');
    expect((await events(ns, 'blog')).map((e) => `${e.type} ${e.reason}`)).to.include('Warning CleanupFailed');
    await poll('failed Job removed', 10_000, async () => ((await exists(jobPath)) ? undefined : true));
    expect((await get(crPath(ns, 'blog'))).metadata.finalizers).to.deep.equal([FINALIZER]);

    expect((await reconcile(ns, 'blog', target)).requeueAfterMs).to.equal(2000); // Job created again
    await finish('Complete');
    expect(await reconcile(ns, 'blog', target)).to.deep.equal({ wrote: 1, events: 1 }); // finalizer released; CleanedUp
    await poll('CR gone', 10_000, async () => ((await exists(crPath(ns, 'blog'))) ? undefined : true));
  });

  it("delete: an onDelete Job's sleep holds its creation back (its own plus the sleeps before it), re-queued until due, no worker waiting", async () => {
    const target = variant('website-ondelete-sleep', (e) => {
      e.operatorBox!.onDelete = {
        jobs: [
          { name: '{{ .metadata.name }}-drain', image: 'busybox:1.36', sleep: '10s' },
          { name: '{{ .metadata.name }}-farewell', image: 'busybox:1.36', sleep: '{{ .spec.title }}' },
        ],
      };
    });
    const ns = await newTestNamespace('reconcile-ondelete-sleep');
    await createCr(ns, 'blog', { image: 'nginx:1.27', title: '20s' });
    await reconcile(ns, 'blog', target);
    await cluster.client.delete(crPath(ns, 'blog'));
    const began = Date.parse((await get(crPath(ns, 'blog'))).metadata.deletionTimestamp);
    // The deletion's own clock, moved on by the test: a pass at each moment.
    const at = (ms: number) => reconcileCr({ ...deps(), clock: { now: () => new Date(began + ms) } }, target, { namespace: ns, name: 'blog' });
    const job = (name: string) => `/apis/batch/v1/namespaces/${ns}/jobs/blog-${name}`;

    expect(await at(4_000)).to.deep.equal({ requeueAfterMs: 6_000, wrote: 0, events: 0 });
    expect(await exists(job('drain'))).to.equal(false);
    expect(await at(10_000)).to.deep.equal({ requeueAfterMs: 2_000, wrote: 1, events: 0 }); // drain created; farewell due at 30s
    expect(await exists(job('drain'))).to.equal(true);
    expect(await exists(job('farewell'))).to.equal(false);
    expect(await at(30_000)).to.deep.equal({ requeueAfterMs: 2_000, wrote: 1, events: 0 });
    expect(await exists(job('farewell'))).to.equal(true);
    expect((await get(crPath(ns, 'blog'))).metadata.finalizers).to.deep.equal([FINALIZER]);
    await cluster.client.mergePatch(crPath(ns, 'blog'), { metadata: { finalizers: null } });
  });

  it('children in another namespace hold the finalizer and are deleted with the CR', async () => {
    const ns = await newTestNamespace('reconcile-crossns');
    const elsewhere = await newTestNamespace('reconcile-crossns-other');
    const target = variant('website-crossns', (e) => {
      e.operatorBox!.onReconcile!.configMaps = [{ name: '{{ .metadata.name }}-{{ .metadata.namespace }}', namespace: elsewhere, data: { owner: '{{ .metadata.name }}' } }];
    });
    await createCr(ns, 'blog', { image: 'nginx:1.27' });
    expect((await reconcile(ns, 'blog', target)).wrote).to.equal(5); // finalizer + 3 children + status
    const cmPath = `/api/v1/namespaces/${elsewhere}/configmaps/blog-${ns}`;
    const cm = await get(cmPath);
    expect(cm.metadata.ownerReferences).to.equal(undefined);
    expect(cm.metadata.labels).to.include({ 'orkestra.orkspace.io/owner-namespace': ns });
    expect((await get(crPath(ns, 'blog'))).metadata.finalizers).to.deep.equal([FINALIZER]);
    expect(await reconcile(ns, 'blog', target)).to.deep.equal({ wrote: 0, events: 0 });

    await cluster.client.delete(crPath(ns, 'blog'));
    expect(await reconcile(ns, 'blog', target)).to.deep.equal({ wrote: 2, events: 1 }); // delete the ConfigMap + release
    await poll('cross-namespace ConfigMap gone', 10_000, async () => ((await exists(cmPath)) ? undefined : true));
    await poll('CR gone', 10_000, async () => ((await exists(crPath(ns, 'blog'))) ? undefined : true));
  });

  it('a CRD without status subresource: status goes with the object, without observedGeneration, and settles', async () => {
    await installCrd(plainGroup, false);
    const ns = await newTestNamespace('reconcile-plain');
    const target: CrdTarget = { ...website, apiTypes: { ...apiTypes, group: plainGroup } };
    const path = `/apis/${plainGroup}/v1/namespaces/${ns}/websites`;
    await cluster.client.post(path, { apiVersion: `${plainGroup}/v1`, kind: 'Website', metadata: { name: 'blog' }, spec: { image: 'nginx:1.27' } });
    const first = await reconcileCr(deps(), target, { namespace: ns, name: 'blog' });
    expect(first).to.deep.equal({ wrote: 3, events: 1 });
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.match(/has no status subresource/);
    warnings = [];
    const live = await get(`${path}/blog`);
    expect(live.status).to.not.have.property('observedGeneration');
    expect(live.status).to.include({ replicas: 2 });
    expect(live.status.conditions[0]).to.include({ type: 'Ready', status: 'True' }).and.not.have.property('observedGeneration');
    // Writing status bumped generation here; without observedGeneration that does not loop.
    for (let i = 0; i < 2; i++) expect(await reconcileCr(deps(), target, { namespace: ns, name: 'blog' })).to.deep.equal({ wrote: 0, events: 0 });
  });

  it('waiting for a dependency: Ready=False WaitingForDependency once, no child', async () => {
    const ns = await newTestNamespace('reconcile-waiting');
    await createCr(ns, 'blog', { image: 'nginx:1.27' });
    const message = 'waiting for CRD database to be healthy';
    expect(await reportWaiting(deps(), website, { namespace: ns, name: 'blog' }, message)).to.deep.equal({ wrote: 1, events: 1 });
    expect(await ready(ns, 'blog')).to.include({ status: 'False', reason: 'WaitingForDependency', message });
    expect(await reportWaiting(deps(), website, { namespace: ns, name: 'blog' }, message)).to.deep.equal({ wrote: 0, events: 0 });
    expect(await exists(`/apis/apps/v1/namespaces/${ns}/deployments/blog`)).to.equal(false);
    await reconcile(ns, 'blog');
    expect(await ready(ns, 'blog')).to.include({ status: 'True', reason: 'Reconciled' });
  });

  it('an apply failure is recorded as Ready=False ApplyFailed, the other children still applied, then thrown', async () => {
    const ns = await newTestNamespace('reconcile-applyfail');
    const target = variant('website-applyfail', (e) => {
      e.operatorBox!.onReconcile!.configMaps = [{ name: 'lost', namespace: `no-such-namespace-${process.pid}`, data: { a: '1' } }];
    });
    await createCr(ns, 'blog', { image: 'nginx:1.27' });
    let failure: Error | undefined;
    try {
      await reconcile(ns, 'blog', target);
    } catch (e) {
      failure = e as Error;
    }
    expect(failure).to.have.property('name', 'KubeError');
    expect(await exists(`/apis/apps/v1/namespaces/${ns}/deployments/blog`)).to.equal(true);
    const r = await ready(ns, 'blog');
    expect(r).to.include({ status: 'False', reason: 'ApplyFailed' });
    expect(r!.message).to.match(new RegExp(`^ConfigMap no-such-namespace-${process.pid}/lost: `));
    expect((await events(ns, 'blog')).map((e) => `${e.type} ${e.reason}`)).to.deep.equal(['Warning ApplyFailed']);
  });

  it('a CR that does not exist is nothing to do', async () => {
    const ns = await newTestNamespace('reconcile-gone');
    expect(await reconcile(ns, 'nobody')).to.deep.equal({ wrote: 0, events: 0 });
  });
});
