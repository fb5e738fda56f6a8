// onDelete as upstream, end to end on the real API server (kube-controller-manager collects
// garbage): ordered groups run one after another, each until its objects are gone; an ordered
// sequence that times out releases the finalizer with a Warning Event naming what was still
// there; unordered onDelete deletes the objects it names without waiting.
import { expect } from 'chai';
import { newTestNamespace } from '../../support/cluster.js';
import { poll, readyOf, sleep } from './world.js';
import { cm, deploy, job, useFixtureWorld } from './world-api.js';

const FINALIZER = 'orkestra.orkspace.io/cleanup';

describe('controller end to end: onDelete as upstream (real API server)', function () {
  this.timeout(120_000);
  const { world, get, status, create, events, measured } = useFixtureWorld('runtime');
  const client = () => world().cluster.client;
  const ready = (path: string) => poll(`${path} Ready=True`, 20_000, async () => (readyOf(await get(path))?.status === 'True' ? true : undefined));
  const gone = (path: string, timeoutMs = 60_000) => poll(`${path} gone`, timeoutMs, async () => ((await status(path)) === 404 ? true : undefined));

  /** Plays the job controller's last word (there is no kubelet) until Complete sticks or the Job is gone. */
  async function complete(path: string): Promise<void> {
    await poll('the job controller to start the Job', 20_000, async () => ((await get(path)).status?.startTime ? true : undefined));
    await poll('Job Complete', 20_000, async () => {
      const body = { status: { conditions: [{ type: 'Complete', status: 'True', reason: 'Test', message: 'the test completed it' }] } };
      const patched = await client().request({ method: 'PATCH', path: `${path}/status`, body, contentType: 'application/merge-patch+json' });
      if (patched.status === 404) return true;
      await sleep(300);
      const live = await client().request({ path });
      return live.status === 404 || (live.body.status?.conditions ?? []).some((c: any) => c.type === 'Complete' && c.status === 'True') ? true : undefined;
    });
  }

  it('ordered groups: the drain Job completes, then the Deployment is gone, then the ConfigMap; then the finalizer goes', async () => {
    const ns = await newTestNamespace('e2e-ordered');
    const stack = world().crPath('stacks', ns, 'shop');
    await create('stacks', 'Stack', ns, 'shop', {});
    await ready(stack);
    expect((await get(stack)).metadata.finalizers).to.deep.equal([FINALIZER]);
    await poll('the Deployment\'s ReplicaSet', 20_000, async () => ((await get(`/apis/apps/v1/namespaces/${ns}/replicasets`)).items.length > 0 ? true : undefined));

    await client().delete(stack);
    await poll('the drain Job', 10_000, async () => ((await status(job(ns, 'shop-drain'))) === 200 ? true : undefined));
    // While the Job runs, the later groups are not touched.
    await sleep(3000);
    expect((await get(deploy(ns, 'shop-web'))).metadata.deletionTimestamp, 'Deployment untouched while draining').to.equal(undefined);
    expect(await status(cm(ns, 'shop-settings'))).to.equal(200);
    expect((await get(stack)).metadata.finalizers).to.deep.equal([FINALIZER]);

    const t0 = Date.now();
    await complete(job(ns, 'shop-drain'));
    // The Deployment goes in the foreground (its ReplicaSet first, by the garbage collector), then
    // the ConfigMap. Sampled until both are gone, the ConfigMap read first: a ConfigMap deleted or
    // going while the Deployment read after it still exists breaks the order. (Reading the
    // Deployment first would race: it can be gone and the ConfigMap deleted within one sample.)
    const broken: string[] = [];
    await poll('the Deployment and the ConfigMap gone', 60_000, async () => {
      const c = await client().request({ path: cm(ns, 'shop-settings') });
      const d = await client().request({ path: deploy(ns, 'shop-web') });
      const configMapGoing = c.status === 404 || Boolean(c.body.metadata?.deletionTimestamp);
      if (configMapGoing && d.status === 200) broken.push(`ConfigMap ${c.status === 404 ? 'gone' : 'terminating'} while the Deployment is still there`);
      return c.status === 404 && d.status === 404 ? true : undefined;
    });
    expect(broken, 'the ConfigMap outlives the Deployment').to.deep.equal([]);
    await gone(stack, 20_000);
    measured.orderedDeleteAfterJobMs = Date.now() - t0;

    const deletes = world().writes.filter((w) => w.verb === 'delete' && w.target.includes(`${ns}/`)).map((w) => w.target);
    expect(deletes).to.deep.equal([`Deployment ${ns}/shop-web`, `ConfigMap ${ns}/shop-settings`]);
    // The Event follows the finalizer's release.
    const said = await poll('the CleanedUp Event', 5000, async () => {
      const all = await events(ns, 'shop');
      return all.includes('Normal CleanedUp: cleanup finished; finalizer released') ? all : undefined;
    });
    expect(said.some((e) => e.includes('DeletionTimedOut'))).to.equal(false);
  });

  it('an ordered sequence that times out releases the finalizer with an Event naming what was still there', async () => {
    const ns = await newTestNamespace('e2e-timeout');
    const shelf = world().crPath('shelves', ns, 'books');
    await create('shelves', 'Shelf', ns, 'books', {});
    await ready(shelf);
    // Something else holds the first group's ConfigMap: it cannot go.
    await client().mergePatch(cm(ns, 'books-held'), { metadata: { finalizers: ['e2e.orkspace.test/hold'] } });

    const t0 = Date.now();
    await client().delete(shelf);
    await gone(shelf, 20_000);
    measured.timedOutReleaseMs = Date.now() - t0;
    expect(measured.timedOutReleaseMs, 'released after the 4s timeout').to.be.greaterThan(3000);
    const timedOut = await poll('the DeletionTimedOut Event', 5000, async () => {
      const found = (await events(ns, 'books')).filter((e) => e.includes('DeletionTimedOut'));
      return found.length > 0 ? found : undefined;
    });
    expect(timedOut).to.deep.equal([
      `Warning DeletionTimedOut: onDelete timed out after 4s in held (1 of 2): still there: ConfigMap ${ns}/books-held; not run: last; finalizer released`,
    ]);
    const deletes = world().writes.filter((w) => w.verb === 'delete' && w.target.includes(`${ns}/`)).map((w) => w.target);
    expect(deletes, 'the later group was not run').to.deep.equal([`ConfigMap ${ns}/books-held`]);
    await client().mergePatch(cm(ns, 'books-held'), { metadata: { finalizers: null } });
  });

  it('unordered onDelete deletes the objects it names by kind and name, and does not wait for them', async () => {
    const ns = await newTestNamespace('e2e-unordered');
    await client().post(`/api/v1/namespaces/${ns}/configmaps`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'shared-cache', finalizers: ['e2e.orkspace.test/hold'] }, data: { k: 'v' } });
    const crate = world().crPath('crates', ns, 'c1');
    await create('crates', 'Crate', ns, 'c1', { cache: 'shared-cache' });
    await ready(crate);
    expect((await get(crate)).metadata.finalizers).to.deep.equal([FINALIZER]);
    await client().delete(crate);
    await gone(crate, 20_000);
    // Deleted (held by its own finalizer, so still visible as terminating): not waited for.
    expect((await get(cm(ns, 'shared-cache'))).metadata.deletionTimestamp).to.be.a('string');
    await client().mergePatch(cm(ns, 'shared-cache'), { metadata: { finalizers: null } });
    await gone(cm(ns, 'shared-cache'), 10_000);
  });
});
