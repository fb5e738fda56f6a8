// The whole controller against the real API server: one controller (startController on a signed
// bundle of test/fixtures/controller/site) shared by the tests, one namespace per test. Every
// assertion is on what the API server holds, reached only through informers, queue and workers.
import { expect } from 'chai';
import type { KubeObject } from '../../../shared/kube/index.js';
import { CLUSTER_START_TIMEOUT_MS, newTestNamespace } from '../../support/cluster.js';
import { fixtureWorld, poll, readyOf, sleep, type Condition, type World } from './world.js';

const OWNER = 'orkestra-owner';
const FINALIZER = 'orkestra.orkspace.io/cleanup';

describe('controller end to end: Site and Vault (real API server)', function () {
  this.timeout(60_000);
  let world: World;
  const measured: Record<string, number> = {};

  before(async function () {
    this.timeout(CLUSTER_START_TIMEOUT_MS);
    world = await fixtureWorld('site');
    await world.start();
  });
  after(async () => {
    await world?.close();
    if (Object.keys(measured).length > 0) console.log(`      measured: ${JSON.stringify(measured)}`);
  });
  let lastNamespace = '';
  afterEach(async function () {
    if (this.currentTest?.state !== 'failed') return;
    // What the controller and the cluster said, to tell a product failure from a test one.
    console.log(world.logs.slice(-30).map((l) => JSON.stringify(l)).join('\n'));
    if (lastNamespace) {
      console.log(world.writes.filter((w) => w.target.includes(`${lastNamespace}/`)).map((w) => `${w.verb} ${w.target}`).join('\n'));
      const evs = await get(`/api/v1/namespaces/${lastNamespace}/events`);
      console.log(evs.items.map((e: any) => `${e.involvedObject.kind}/${e.involvedObject.name} ${e.type} ${e.reason} ${e.source?.component}: ${e.message}`).join('\n'));
    }
  });
  const namespace = async (hint: string) => (lastNamespace = await newTestNamespace(hint));

  const client = () => world.cluster.client;
  const sites = (ns: string, name?: string) => world.crPath('sites', ns, name);
  const vaults = (ns: string, name?: string) => world.crPath('vaults', ns, name);
  const get = (path: string) => client().get(path);
  const exists = async (path: string) => (await client().request({ path })).status === 200;
  const cm = (ns: string, name: string) => `/api/v1/namespaces/${ns}/configmaps/${name}`;
  const svc = (ns: string, name: string) => `/api/v1/namespaces/${ns}/services/${name}`;
  const deploy = (ns: string, name: string) => `/apis/apps/v1/namespaces/${ns}/deployments/${name}`;

  async function createSite(ns: string, name: string, spec: Record<string, unknown>): Promise<KubeObject> {
    return client().post(sites(ns), { apiVersion: `${world.group}/v1`, kind: 'Site', metadata: { name, namespace: ns }, spec });
  }

  /** Waits until the CR's Ready condition has `status` for its current generation. */
  async function waitReady(path: string, status: 'True' | 'False' = 'True', timeoutMs = 15_000): Promise<{ cr: any; ready: Condition }> {
    return poll(`${path} Ready=${status}`, timeoutMs, async () => {
      const cr = await get(path);
      const ready = readyOf(cr);
      return ready?.status === status && ready.observedGeneration === cr.metadata.generation ? { cr, ready } : undefined;
    });
  }

  async function ownedChildren(ns: string, owner: string): Promise<string[]> {
    const selector = `orkestra.orkspace.io/managed=true,${OWNER}=${owner}`;
    const names: string[] = [];
    for (const [path, kind] of [['/api/v1', 'configmaps'], ['/api/v1', 'services'], ['/apis/apps/v1', 'deployments']] as const) {
      const list = await get(`${path}/namespaces/${ns}/${kind}?labelSelector=${encodeURIComponent(selector)}`);
      names.push(...list.items.map((o: KubeObject) => `${kind}/${o.metadata.name}`));
    }
    return names.sort();
  }

  async function events(ns: string, kind: string, name: string): Promise<string[]> {
    const list = await get(`/api/v1/namespaces/${ns}/events?fieldSelector=${encodeURIComponent(`involvedObject.kind=${kind},involvedObject.name=${name}`)}`);
    return list.items.map((e: { type: string; reason: string; source: { component: string } }) => `${e.type} ${e.reason} ${e.source.component}`);
  }

  /** Counts periodic resyncs of one CR (the informer calls update(obj, obj) for them). */
  function countResyncs(crd: string, ns: string, name: string): { count: () => number; stop: () => void } {
    let n = 0;
    const stop = world.controller!.controllers.get(crd)!.crInformer.addHandlers({
      update: (o, n2) => { if (o === n2 && n2.metadata.namespace === ns && n2.metadata.name === name) n++; },
    });
    return { count: () => n, stop };
  }

  it('a new CR gets its children with ownerReferences and labels, Ready=True, observedGeneration, typed status and a Normal event', async () => {
    const ns = await namespace('e2e-create');
    const created = await createSite(ns, 'blog', { image: 'nginx:1.27', pages: ['home'] });
    const { cr, ready } = await waitReady(sites(ns, 'blog'));
    expect(ready).to.include({ status: 'True', reason: 'Reconciled', observedGeneration: 1 });
    expect(cr.status).to.deep.include({ observedGeneration: cr.metadata.generation, url: `http://blog-svc.${ns}.svc`, replicas: 1, pages: 1 });
    expect(cr.status.replicas).to.be.a('number');

    expect(await ownedChildren(ns, 'blog')).to.deep.equal(['configmaps/blog-page-home', 'configmaps/blog-welcome', 'deployments/blog', 'services/blog-svc']);
    const ownerRef = { apiVersion: `${world.group}/v1`, kind: 'Site', name: 'blog', uid: created.metadata.uid, controller: true, blockOwnerDeletion: true };
    for (const path of [deploy(ns, 'blog'), svc(ns, 'blog-svc'), cm(ns, 'blog-page-home'), cm(ns, 'blog-welcome')]) {
      const child = await get(path);
      expect(child.metadata.ownerReferences, path).to.deep.equal([ownerRef]);
      expect(child.metadata.labels, path).to.include({ 'orkestra.orkspace.io/managed': 'true', [OWNER]: 'blog', 'orkestra.orkspace.io/crd': 'site', 'orkestra.orkspace.io/katalog': 'e2e-site' });
    }
    expect((await get(deploy(ns, 'blog'))).spec.template.spec.containers[0].image).to.equal('nginx:1.27');
    expect(await exists(svc(ns, 'blog-public'))).to.equal(false);
    // The Event is posted after the status write landed.
    const evs = await poll('the Reconciled event', 5000, async () => {
      const e = await events(ns, 'Site', 'blog');
      return e.length > 0 ? e : undefined;
    });
    expect(evs).to.deep.equal(['Normal Reconciled orkestra']);
  });

  it('a spec update propagates to the children and the status', async () => {
    const ns = await namespace('e2e-update');
    await createSite(ns, 'blog', { image: 'nginx:1.27' });
    await waitReady(sites(ns, 'blog'));
    await client().mergePatch(sites(ns, 'blog'), { spec: { image: 'nginx:1.28', replicas: 3 } });
    const { cr } = await waitReady(sites(ns, 'blog'));
    expect(cr.metadata.generation).to.equal(2);
    expect(cr.status).to.deep.include({ observedGeneration: 2, replicas: 3 });
    const d = await get(deploy(ns, 'blog'));
    expect(d.spec.replicas).to.equal(3);
    expect(d.spec.template.spec.containers[0].image).to.equal('nginx:1.28');
  });

  it('a hand edit of an onReconcile child is reverted within 5 s', async () => {
    const ns = await namespace('e2e-drift');
    await createSite(ns, 'blog', { image: 'nginx:1.27', pages: ['home'] });
    await waitReady(sites(ns, 'blog'));

    let t0 = Date.now();
    await client().mergePatch(deploy(ns, 'blog'), { spec: { replicas: 4 } });
    await poll('Deployment replicas reverted', 5000, async () => ((await get(deploy(ns, 'blog'))).spec.replicas === 1 ? true : undefined));
    measured.driftRevertDeploymentMs = Date.now() - t0;

    t0 = Date.now();
    await client().mergePatch(cm(ns, 'blog-page-home'), { data: { page: 'defaced' } });
    await poll('ConfigMap data reverted', 5000, async () => ((await get(cm(ns, 'blog-page-home'))).data.page === 'home' ? true : undefined));
    measured.driftRevertConfigMapMs = Date.now() - t0;
    expect(measured.driftRevertDeploymentMs).to.be.below(5000);
    expect(measured.driftRevertConfigMapMs).to.be.below(5000);
    // Shorter than a resync: the child watch, not the periodic resync, brought it back.
    expect(Math.min(measured.driftRevertDeploymentMs, measured.driftRevertConfigMapMs)).to.be.below(2000);
  });

  it('a first reconcile GETs no child (the names index knows none exists); labels stripped by hand come back', async () => {
    const ns = await namespace('e2e-labels');
    await createSite(ns, 'blog', { image: 'nginx:1.27', pages: ['home'] });
    await waitReady(sites(ns, 'blog'));
    const children = await ownedChildren(ns, 'blog');
    expect(children).to.have.length(4);
    // Before the names index, every child of a new CR cost one GET. What may remain: a later
    // reconcile running in the few ms between the names index and the labelled cache seeing a write.
    const firstGets = world.gets.filter((g) => g.includes(` ${ns}/`));
    measured.newCrChildGets = firstGets.length;
    expect(firstGets.length, firstGets.join(', ')).to.be.below(children.length);

    // Still ours by its ownerReference: read whole (one GET) and applied back.
    await client().mergePatch(deploy(ns, 'blog'), { metadata: { labels: { 'orkestra.orkspace.io/managed': null, [OWNER]: null } } });
    await poll('Deployment labels restored', 5000, async () => ((await get(deploy(ns, 'blog'))).metadata.labels?.[OWNER] === 'blog' ? true : undefined));
    expect(world.gets).to.include(`Deployment ${ns}/blog`);
    expect((await get(deploy(ns, 'blog'))).metadata.labels['orkestra.orkspace.io/managed']).to.equal('true');
  });

  it('an onCreate child deleted by hand is recreated; edited by hand it is left alone across resyncs', async () => {
    const ns = await namespace('e2e-oncreate');
    await createSite(ns, 'blog', { image: 'nginx:1.27' });
    await waitReady(sites(ns, 'blog'));
    const first = await get(cm(ns, 'blog-welcome'));

    const t0 = Date.now();
    await client().delete(cm(ns, 'blog-welcome'));
    const again = await poll('welcome ConfigMap recreated', 5000, async () => {
      const r = await client().request({ path: cm(ns, 'blog-welcome') });
      return r.status === 200 ? r.body : undefined;
    });
    measured.onCreateRecreateMs = Date.now() - t0;
    expect(again.metadata.uid).to.not.equal(first.metadata.uid);
    expect(again.data).to.deep.equal({ greeting: 'hello blog' });

    const edited = await client().mergePatch(cm(ns, 'blog-welcome'), { data: { greeting: 'edited by hand' } });
    const resyncs = countResyncs('site', ns, 'blog');
    try {
      await poll('2 resyncs', 10_000, async () => (resyncs.count() >= 2 ? true : undefined));
    } finally {
      resyncs.stop();
    }
    await sleep(300);
    const live = await get(cm(ns, 'blog-welcome'));
    expect(live.data).to.deep.equal({ greeting: 'edited by hand' });
    expect(live.metadata.resourceVersion).to.equal(edited.metadata.resourceVersion);
  });

  it('`when` turning false prunes the public Service; nothing else is touched', async () => {
    const ns = await namespace('e2e-when');
    await createSite(ns, 'blog', { image: 'nginx:1.27', public: true });
    await waitReady(sites(ns, 'blog'));
    expect(await exists(svc(ns, 'blog-public'))).to.equal(true);
    const internal = await get(svc(ns, 'blog-svc'));

    await client().mergePatch(sites(ns, 'blog'), { spec: { public: false } });
    await waitReady(sites(ns, 'blog'));
    await poll('public Service pruned', 5000, async () => ((await exists(svc(ns, 'blog-public'))) ? undefined : true));
    const after = await get(svc(ns, 'blog-svc'));
    expect(after.metadata.uid).to.equal(internal.metadata.uid);
    expect(after.metadata.resourceVersion).to.equal(internal.metadata.resourceVersion);
    expect(await ownedChildren(ns, 'blog')).to.deep.equal(['configmaps/blog-welcome', 'deployments/blog', 'services/blog-svc']);
  });

  it('a forEach list shrinking prunes exactly the removed items', async () => {
    const ns = await namespace('e2e-foreach');
    await createSite(ns, 'blog', { image: 'nginx:1.27', pages: ['a', 'b', 'c', 'd'] });
    await waitReady(sites(ns, 'blog'));
    const before = new Map<string, KubeObject>();
    for (const p of ['a', 'b', 'c', 'd']) before.set(p, await get(cm(ns, `blog-page-${p}`)));

    await client().mergePatch(sites(ns, 'blog'), { spec: { pages: ['a', 'c'] } });
    const { cr } = await waitReady(sites(ns, 'blog'));
    expect(cr.status.pages).to.equal(2);
    await poll('b and d pruned', 5000, async () => ((await exists(cm(ns, 'blog-page-b'))) || (await exists(cm(ns, 'blog-page-d'))) ? undefined : true));
    for (const p of ['a', 'c']) {
      const live = await get(cm(ns, `blog-page-${p}`));
      expect(live.metadata.uid, p).to.equal(before.get(p)!.metadata.uid);
      expect(live.metadata.resourceVersion, p).to.equal(before.get(p)!.metadata.resourceVersion);
    }
    expect(await ownedChildren(ns, 'blog')).to.deep.equal(['configmaps/blog-page-a', 'configmaps/blog-page-c', 'configmaps/blog-welcome', 'deployments/blog', 'services/blog-svc']);
  });

  it('an unowned object with the name of a would-be child is never touched, and the CR reports it', async () => {
    const ns = await namespace('e2e-unowned');
    const foreign = await client().post(`/api/v1/namespaces/${ns}/configmaps`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'blog-page-x' }, data: { owner: 'someone else' } });
    await createSite(ns, 'blog', { image: 'nginx:1.27', pages: ['a', 'x'] });
    const { ready } = await waitReady(sites(ns, 'blog'), 'False');
    expect(ready.reason).to.equal('ChildConflict');
    expect(ready.message).to.contain('blog-page-x');
    expect(await exists(cm(ns, 'blog-page-a'))).to.equal(true);

    // No longer desired: still not ours, so not pruned either.
    await client().mergePatch(sites(ns, 'blog'), { spec: { pages: ['a'] } });
    await waitReady(sites(ns, 'blog'));
    await sleep(2500); // a resync
    const live = await get(cm(ns, 'blog-page-x'));
    expect(live.metadata.resourceVersion).to.equal(foreign.metadata.resourceVersion);
    expect(live.metadata.labels).to.equal(undefined);
    expect(live.metadata.ownerReferences).to.equal(undefined);
    expect(live.data).to.deep.equal({ owner: 'someone else' });
  });

  it('a validation deny sets Ready=False with the reason and the rule message, and creates no child', async () => {
    const ns = await namespace('e2e-deny');
    await createSite(ns, 'blog', { image: 'nginx:latest', pages: ['home'] });
    const { ready, cr } = await waitReady(sites(ns, 'blog'), 'False');
    expect(ready.reason).to.equal('ValidationFailed');
    expect(ready.message).to.contain('spec.image must not use the :latest tag');
    expect(cr.status.observedGeneration).to.equal(1);
    const resyncs = countResyncs('site', ns, 'blog');
    try {
      await poll('a resync', 5000, async () => (resyncs.count() >= 1 ? true : undefined));
    } finally {
      resyncs.stop();
    }
    await sleep(300);
    expect(await ownedChildren(ns, 'blog')).to.deep.equal([]);
    expect(await events(ns, 'Site', 'blog')).to.deep.equal(['Warning ValidationFailed orkestra']);

    // Fixed: the children come.
    await client().mergePatch(sites(ns, 'blog'), { spec: { image: 'nginx:1.27' } });
    await waitReady(sites(ns, 'blog'));
    expect(await ownedChildren(ns, 'blog')).to.have.length(4);
  });

  it('a no-op resync writes nothing: no controller write and unchanged resourceVersions across 3 resyncs', async () => {
    const ns = await namespace('e2e-noop');
    await createSite(ns, 'blog', { image: 'nginx:1.27', pages: ['a', 'b'], public: true });
    await waitReady(sites(ns, 'blog'));
    await poll('the Reconciled event', 5000, async () => ((await events(ns, 'Site', 'blog')).length > 0 ? true : undefined));

    /** What our writes would change. The deployment controller writes the Deployment's status, so
     *  for it: generation and the `orkestra` managedFields entry (its time moves on any apply). */
    const versions = async () => {
      const rv = async (p: string) => (await get(p)).metadata.resourceVersion as string;
      const d = await get(deploy(ns, 'blog'));
      return {
        cr: await rv(sites(ns, 'blog')),
        services: [await rv(svc(ns, 'blog-svc')), await rv(svc(ns, 'blog-public'))],
        configMaps: [await rv(cm(ns, 'blog-page-a')), await rv(cm(ns, 'blog-page-b')), await rv(cm(ns, 'blog-welcome'))],
        deployment: [d.metadata.generation, d.metadata.managedFields.filter((m: { manager: string }) => m.manager === 'orkestra')],
      };
    };
    const before = await versions();
    const mark = world.writes.length;
    const resyncs = countResyncs('site', ns, 'blog');
    try {
      await poll('3 resyncs', 10_000, async () => (resyncs.count() >= 3 ? true : undefined));
    } finally {
      resyncs.stop();
    }
    await sleep(300); // the third resync's reconcile
    expect(world.writes.slice(mark).filter((w) => w.target.includes(` ${ns}/`))).to.deep.equal([]);
    expect(await versions()).to.deep.equal(before);
    expect(await events(ns, 'Site', 'blog')).to.deep.equal(['Normal Reconciled orkestra']);
  });

  it('CR delete: children are garbage-collected', async function () {
    this.timeout(120_000);
    const ns = await namespace('e2e-gc');
    await createSite(ns, 'blog', { image: 'nginx:1.27', pages: ['a'] });
    await waitReady(sites(ns, 'blog'));
    expect(await ownedChildren(ns, 'blog')).to.have.length(4);
    // No onDelete, all children in the namespace: no finalizer of ours.
    expect((await get(sites(ns, 'blog'))).metadata.finalizers).to.equal(undefined);
    const t0 = Date.now();
    await client().delete(sites(ns, 'blog'));
    await poll('children garbage-collected', 100_000, async () => ((await ownedChildren(ns, 'blog')).length === 0 ? true : undefined));
    measured.garbageCollectionMs = Date.now() - t0;
  });

  it('CR delete: the onDelete Job runs before the finalizer is released', async function () {
    this.timeout(120_000);
    const ns = await namespace('e2e-ondelete');
    await client().post(vaults(ns), { apiVersion: `${world.group}/v1`, kind: 'Vault', metadata: { name: 'v1', namespace: ns }, spec: { size: 'large' } });
    await waitReady(vaults(ns, 'v1'));
    expect((await get(vaults(ns, 'v1'))).metadata.finalizers).to.deep.equal([FINALIZER]);
    expect((await get(cm(ns, 'v1-config'))).data).to.deep.equal({ size: 'large' });
    const jobPath = `/apis/batch/v1/namespaces/${ns}/jobs/v1-backup`;
    expect(await exists(jobPath)).to.equal(false);

    await client().delete(vaults(ns, 'v1'));
    const job = await poll('the onDelete Job', 5000, async () => {
      const r = await client().request({ path: jobPath });
      return r.status === 200 ? r.body : undefined;
    });
    expect(job.spec.template.spec.containers[0].command).to.deep.equal(['echo', 'backed up']);
    // The Job has not finished: across a resync and the Job requeue (2 s) the CR stays, held.
    await sleep(3000);
    const held = await get(vaults(ns, 'v1'));
    expect(held.metadata.deletionTimestamp).to.be.a('string');
    expect(held.metadata.finalizers).to.deep.equal([FINALIZER]);

    // No kubelet: play the job controller's last word until it sticks (the job controller writes
    // status from its own view and may overwrite ours). Once Complete lands, the finalizer goes
    // and the garbage collector takes the Job: a 404 then means it stuck.
    await poll('the job controller to start the Job', 20_000, async () => ((await get(jobPath)).status?.startTime ? true : undefined));
    expect((await get(vaults(ns, 'v1'))).metadata.finalizers, 'held until the Job completes').to.deep.equal([FINALIZER]);
    const t0 = Date.now();
    await poll('Job Complete', 20_000, async () => {
      const complete = { status: { conditions: [{ type: 'Complete', status: 'True', reason: 'Test', message: 'the test completed it' }] } };
      const patched = await client().request({ method: 'PATCH', path: `${jobPath}/status`, body: complete, contentType: 'application/merge-patch+json' });
      if (patched.status === 404) return true;
      await sleep(300);
      const live = await client().request({ path: jobPath });
      if (live.status === 404) return true;
      return (live.body.status?.conditions ?? []).some((c: Condition) => c.type === 'Complete' && c.status === 'True') ? true : undefined;
    });
    await poll('the CR gone (finalizer released)', 10_000, async () => ((await exists(vaults(ns, 'v1'))) ? undefined : true));
    measured.finalizerReleaseAfterJobCompleteMs = Date.now() - t0;
    expect(await events(ns, 'Vault', 'v1')).to.include('Normal CleanedUp orkestra');
    await poll('the ConfigMap garbage-collected', 100_000, async () => ((await exists(cm(ns, 'v1-config'))) ? undefined : true));
  });
});
