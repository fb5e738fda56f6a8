// enrich end to end (fixture `enrich`): a Shop's status is computed from what enrichment embeds in
// its Deployment child — `_pods` (the pods kube-controller-manager made for it; no kubelet, so the
// test marks one Ready through the status subresource) and, once pods exist (a gated target),
// with its Service's endpoint readiness (endpointsReady / hasEndpoints without enrich: [endpoints];
// kube-controller-manager's EndpointSlice for the Ready pod),
// `_warnings` (a Warning Event the test posts on one of those pods). Each status field follows the
// enriched objects as they change, and the reads are only those the Katalog asks for.
import { expect } from 'chai';
import { CLUSTER_START_TIMEOUT_MS, newTestNamespace } from '../../support/cluster.js';
import { underPrintedRole } from './printed-role.js';
import { fixtureWorld, poll, type World } from './world.js';

interface ShopStatus { podCount?: number; readyPodCount?: number; hasWarnings?: boolean; firstWarning?: string; endpointsReady?: boolean; hasEndpoints?: boolean; sliceReady?: boolean }

describe('controller end to end: enrich (real API server)', function () {
  this.timeout(90_000);
  let world: World;

  before(async function () {
    this.timeout(CLUSTER_START_TIMEOUT_MS);
    world = await fixtureWorld('enrich');
    await world.start();
  });
  after(async () => world?.close());

  it('podCount, readyPodCount, hasWarnings and firstWarning follow the pods and Warning events of the Shop\'s Deployment', async () => {
    await shopLifecycle(world, await newTestNamespace('e2e-enrich'));
    const failed = world.logs.filter((l) => l.message === 'reconcile warning' && String(l.detail).startsWith('enrich'));
    expect(failed, 'no enrichment read failed').to.deep.equal([]);
  });

  it('under the role `ork rbac` prints for the bundle: every enrichment read is allowed', async () => {
    await world.stop();
    const role = await underPrintedRole(world);
    try {
      await shopLifecycle(world, await newTestNamespace('e2e-enrich-rbac'));
      expect(role.logs.filter((l) => l.level === 'error' || /forbidden/i.test(JSON.stringify(l)))).to.deep.equal([]);
    } finally {
      await role.close();
    }
  });
});

/** A Shop of two pods: counted, one made Ready, a Warning on the other, then scaled to 0. */
async function shopLifecycle(world: World, ns: string): Promise<void> {
  const client = world.cluster.client;
  const status = async (): Promise<ShopStatus> => ((await client.get(world.crPath('shops', ns, 'corner'))) as { status?: ShopStatus }).status ?? {};
  await client.post(world.crPath('shops', ns), { apiVersion: `${world.group}/v1`, kind: 'Shop', metadata: { name: 'corner' }, spec: { replicas: 2 } });

  // kube-controller-manager makes a ReplicaSet and two pods; they stay Pending (no kubelet).
  const started = Date.now();
  await poll('two pods counted, none ready, no warnings', 30_000, async () => {
    const s = await status();
    return s.podCount === 2 && s.readyPodCount === 0 && s.hasWarnings === false ? s : undefined;
  });
  expect(await status(), 'no ready pod: no ready endpoint').to.deep.include({ endpointsReady: false, hasEndpoints: false, sliceReady: false });
  console.log(`      podCount 2 in status ${Date.now() - started} ms after the Shop was created`);
  const pods = ((await client.get(`/api/v1/namespaces/${ns}/pods`)) as { items: { metadata: { name: string; uid: string } }[] }).items;
  expect(pods).to.have.length(2);

  // One pod is bound to a Node and becomes Ready (as a scheduler and a kubelet would make it): the
  // EndpointSlice controller lists a pod only once it knows its Node.
  const now = new Date().toISOString();
  const node = 'ork-e2e-enrich-node';
  const made = await client.request({ method: 'POST', path: '/api/v1/nodes', body: { apiVersion: 'v1', kind: 'Node', metadata: { name: node } } });
  expect([201, 409]).to.include(made.status);
  await client.post(`/api/v1/namespaces/${ns}/pods/${pods[0]!.metadata.name}/binding`, { apiVersion: 'v1', kind: 'Binding', metadata: { name: pods[0]!.metadata.name }, target: { apiVersion: 'v1', kind: 'Node', name: node } });
  await client.mergePatch(`/api/v1/namespaces/${ns}/pods/${pods[0]!.metadata.name}/status`, {
    status: { phase: 'Running', podIP: '10.244.0.5', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: now }] },
  });
  await poll('one ready pod counted', 20_000, async () => ((await status()).readyPodCount === 1 ? true : undefined));
  // kube-controller-manager puts the Ready pod in the Service's EndpointSlice; no enrich: [endpoints].
  await poll('the Service\'s endpoints ready', 30_000, async () => {
    const s = await status();
    return s.endpointsReady === true && s.hasEndpoints === true && s.sliceReady === true ? true : undefined;
  });

  // A Warning Event on the other pod reaches the Deployment's _warnings (pod warnings are aggregated).
  const pod = pods[1]!.metadata;
  await client.post(`/api/v1/namespaces/${ns}/events`, {
    apiVersion: 'v1', kind: 'Event', metadata: { name: `${pod.name}.enrich` }, type: 'Warning', reason: 'Failed',
    message: 'Failed to pull image "registry.example/shop:1": not found', count: 1, firstTimestamp: now, lastTimestamp: now,
    involvedObject: { apiVersion: 'v1', kind: 'Pod', name: pod.name, namespace: ns, uid: pod.uid }, source: { component: 'kubelet' },
  });
  const warned = await poll('the warning in status', 20_000, async () => {
    const s = await status();
    return s.hasWarnings === true ? s : undefined;
  });
  expect(warned).to.deep.include({ podCount: 2, readyPodCount: 1, hasWarnings: true, firstWarning: 'Failed to pull image "registry.example/shop:1": not found' });

  // Scaled to 0: no pods, so the gated events target is not read and the warning is gone.
  await client.mergePatch(world.crPath('shops', ns, 'corner'), { spec: { replicas: 0 } });
  // The bound pod waits for a kubelet to confirm its end: end it as one would.
  await poll('the bound pod terminating', 20_000, async () => ((await client.get(`/api/v1/namespaces/${ns}/pods/${pods[0]!.metadata.name}`)).metadata.deletionTimestamp ? true : undefined));
  await client.request({ method: 'DELETE', path: `/api/v1/namespaces/${ns}/pods/${pods[0]!.metadata.name}?gracePeriodSeconds=0` });
  await poll('no pods, no warnings', 30_000, async () => {
    const s = await status();
    return s.podCount === 0 && s.hasWarnings === false && s.endpointsReady === false && s.hasEndpoints === false ? true : undefined;
  });
}
