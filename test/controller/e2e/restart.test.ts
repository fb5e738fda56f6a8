// Restart mid-stream: 200 Members created at once, the controller stopped once about half are
// Ready, a new controller started on the same bundle. Afterwards every CR is Ready with exactly
// its two children (no duplicate, none missing), the new controller wrote nothing for CRs the first
// one had finished, and once settled a resync changes no resourceVersion.
import { expect } from 'chai';
import type { KubeObject } from '../../../shared/kube/index.js';
import { CLUSTER_START_TIMEOUT_MS, newTestNamespace } from '../../support/cluster.js';
import { fixtureWorld, poll, readyOf, sleep, type World } from './world.js';

const COUNT = 200;
const OWNER = 'orkestra-owner';

describe('controller end to end: restart mid-stream with 200 CRs (real API server)', function () {
  this.timeout(180_000);
  let world: World;

  before(async function () {
    this.timeout(CLUSTER_START_TIMEOUT_MS);
    world = await fixtureWorld('fleet');
    await world.start(); // installs the CRD
    await world.stop();
  });
  after(async () => world?.close());

  it('afterwards every CR is Ready, every CR has exactly its children, no spurious update', async () => {
    const client = world.cluster.client;
    const ns = await newTestNamespace('e2e-restart');
    const members = world.crPath('members', ns);
    const names = Array.from({ length: COUNT }, (_, i) => `m${String(i).padStart(3, '0')}`);
    const timings: Record<string, number> = {};
    const list = async (path: string, selector?: string): Promise<KubeObject[]> =>
      (await client.get(`${path}${selector ? `?labelSelector=${encodeURIComponent(selector)}` : ''}`)).items;
    const readyNames = async () => (await list(members)).filter((cr) => {
      const r = readyOf(cr as never);
      return r?.status === 'True' && r.observedGeneration === cr.metadata.generation;
    }).map((cr) => cr.metadata.name);

    let t = Date.now();
    for (let i = 0; i < names.length; i += 20) {
      await Promise.all(names.slice(i, i + 20).map((name, j) =>
        client.post(members, { apiVersion: `${world.group}/v1`, kind: 'Member', metadata: { name }, spec: { size: ((i + j) % 5) + 1 } })));
    }
    timings.create200Ms = Date.now() - t;

    t = Date.now();
    await world.start();
    let readyAtStop: string[] = [];
    await poll('about half Ready', 60_000, async () => {
      const ready = await readyNames();
      if (ready.length < COUNT / 2) return undefined;
      readyAtStop = ready;
      return true;
    });
    await world.stop(); // drains in-flight reconciles
    const writesBefore = world.writes.length;
    timings.firstRunMs = Date.now() - t;
    const readyAfterStop = await readyNames();
    expect(readyAfterStop.length, 'stopped mid-stream').to.be.below(COUNT);
    timings.readyAtStop = readyAfterStop.length;

    t = Date.now();
    await world.start();
    await poll('all Ready', 120_000, async () => ((await readyNames()).length === COUNT ? true : undefined));
    timings.secondRunToAllReadyMs = Date.now() - t;

    // The second controller found the first one's finished CRs in shape: not one write for them.
    const finished = new Set(readyAfterStop);
    const second = world.writes.slice(writesBefore);
    // Targets name the CR (`Member ns/m001`, `…/m001/status`), its children (`ns/m001-config`) or its Events (`ns/m001.<id>`).
    const forFinished = second.filter((w) => finished.has(/\/(m\d{3})(?:[-./]|$)/.exec(w.target)?.[1] ?? ''));
    expect(forFinished.map((w) => `${w.verb} ${w.target}`), 'writes for CRs Ready before the restart').to.deep.equal([]);

    // Exactly two children per CR, the right ones, owned by the right CR.
    const crs = new Map((await list(members)).map((cr) => [cr.metadata.name, cr]));
    const selector = 'orkestra.orkspace.io/managed=true,orkestra.orkspace.io/crd=member';
    const configMaps = await list(`/api/v1/namespaces/${ns}/configmaps`, selector);
    const services = await list(`/api/v1/namespaces/${ns}/services`, selector);
    expect(configMaps).to.have.length(COUNT);
    expect(services).to.have.length(COUNT);
    const byOwner = new Map<string, string[]>();
    for (const child of [...configMaps, ...services]) {
      const owner = child.metadata.labels![OWNER]!;
      byOwner.set(owner, [...(byOwner.get(owner) ?? []), child.metadata.name]);
      expect(child.metadata.ownerReferences?.map((r) => r.uid), child.metadata.name).to.deep.equal([crs.get(owner)!.metadata.uid]);
    }
    expect([...byOwner.keys()].sort()).to.deep.equal(names);
    for (const name of names) expect(byOwner.get(name)!.sort(), name).to.deep.equal([`${name}-config`, `${name}-svc`]);
    for (const name of names) {
      const cr = crs.get(name)!;
      const status = cr.status as { size: number; observedGeneration: number };
      expect(status.observedGeneration, name).to.equal(1);
      expect(status.size, name).to.equal(Number(name.slice(1)) % 5 + 1);
    }
    const sizes = new Map(configMaps.map((c) => [c.metadata.labels![OWNER]!, (c as { data?: { size?: string } }).data?.size]));
    for (const name of names) expect(sizes.get(name), name).to.equal(String(Number(name.slice(1)) % 5 + 1));
    // One Reconciled event per CR: the restart did not report any CR twice.
    const events = (await client.get(`/api/v1/namespaces/${ns}/events`)).items as { involvedObject: { name: string }; reason: string }[];
    const reconciled = events.filter((e) => e.reason === 'Reconciled').map((e) => e.involvedObject.name).sort();
    expect(reconciled).to.deep.equal(names);

    // Settled: across two resyncs, no write and no resourceVersion moves.
    const versions = async () => [
      ...(await list(members)), ...(await list(`/api/v1/namespaces/${ns}/configmaps`, selector)), ...(await list(`/api/v1/namespaces/${ns}/services`, selector)),
    ].map((o) => `${o.kind ?? ''}${o.metadata.name}@${o.metadata.resourceVersion}`).sort();
    const settled = await versions();
    const mark = world.writes.length;
    let resyncs = 0;
    const unhook = world.controller!.controllers.get('member')!.crInformer.addHandlers({ update: (a, b) => { if (a === b && b.metadata.name === 'm000') resyncs++; } });
    try {
      await poll('2 resyncs', 10_000, async () => (resyncs >= 2 ? true : undefined));
    } finally {
      unhook();
    }
    await sleep(1000); // let the last resync's 200 reconciles finish
    expect(world.writes.slice(mark)).to.deep.equal([]);
    expect(await versions()).to.deep.equal(settled);
    console.log(`      ${JSON.stringify({ ...timings, readyWhenPolled: readyAtStop.length, writesFirstRun: writesBefore, writesSecondRun: second.length })}`);
  });
});
