// The declarative state machine end to end (issue #14, item 2): a Pipeline CR goes Pending →
// Running/build → Running/test → Running/notify → Succeeded while its three Jobs really run (the
// job controller of kube-controller-manager makes their Pods, the pod runner runs them as local
// processes), each Job created only in the phase its `when` names; a failing step gives Failed and
// the later Jobs are never made. A Katalog in the upstream example's shape (first step gated on
// notExists, later phases read from Jobs no longer rendered) runs the same way. Phases and Job
// creations are read from watches, in order.
import { expect } from 'chai';
import { createKubeClient, type HttpKubeClient } from '../../../cli/kube/http-client.js';
import { loadKubeConfig } from '../../../cli/kube/config.js';
import type { KubeObject, WatchEvent } from '../../../shared/kube/index.js';
import { CLUSTER_START_TIMEOUT_MS, newTestNamespace } from '../../support/cluster.js';
import { startPodRunner, type PodRunner } from '../../support/pod-runner/runner.js';
import { fixtureWorld, poll, readyOf, type World } from './world.js';

describe('controller end to end: a declarative state machine with Jobs run by the pod runner (real API server)', function () {
  this.timeout(120_000);
  let world: World;
  let http: HttpKubeClient;
  let runner: PodRunner | undefined;
  let ns: string;
  const abort = new AbortController();
  /** `<cr> phase <value>` and `<cr> job <step>`, in the order the watches delivered them. */
  const timeline: string[] = [];
  const measured: Record<string, number> = {};

  before(async function () {
    this.timeout(CLUSTER_START_TIMEOUT_MS);
    world = await fixtureWorld('pipeline');
    ns = await newTestNamespace('e2e-pipeline');
    http = createKubeClient(loadKubeConfig({ env: {}, path: world.cluster.kubeconfigPath }), { userAgent: 'orkestra-e2e-watch' });
    runner = await startPodRunner({ cluster: world.cluster, namespace: ns, selector: 'orkestra.orkspace.io/managed=true', commands: { sh: ['/bin/sh'] } });
    await world.start();
    await watchTimeline(`${world.group}/v1`, 'Pipeline', (o) => {
      const phase = (o.status as { phase?: string } | undefined)?.phase;
      return phase === undefined ? undefined : `${o.metadata.name} phase ${phase}`;
    });
    await watchTimeline(`${world.group}/v1`, 'Release', (o) => {
      const phase = (o.status as { phase?: string } | undefined)?.phase;
      return phase === undefined ? undefined : `${o.metadata.name} phase ${phase}`;
    });
    await watchTimeline('batch/v1', 'Job', (o) => `${o.metadata.name.replace(/-(build|test|notify)$/, ' job $1')}`);
  });
  afterEach(async function () {
    if (this.currentTest?.state !== 'failed') return;
    console.log(`timeline: ${JSON.stringify(timeline)}\n${runner?.describe() ?? ''}`);
    for (const j of await jobs()) console.log(`job ${j.metadata.name}: ${JSON.stringify(j.status)}`);
    for (const p of (await client().get(pipelines())).items) console.log(`cr ${p.metadata.name}: ${JSON.stringify(p.status)}`);
    console.log(world.logs.slice(-15).map((l) => JSON.stringify(l)).join('\n'));
  });
  after(async () => {
    abort.abort();
    await runner?.stop();
    await world?.close();
    await http?.close();
    if (Object.keys(measured).length > 0) console.log(`      measured: ${JSON.stringify(measured)}`);
  });

  /** Appends `line(object)` to the timeline whenever it differs from that object's previous line. */
  async function watchTimeline(apiVersion: string, kind: string, line: (o: KubeObject) => string | undefined): Promise<void> {
    const resource = await http.resourceFor(apiVersion, kind);
    const list = await http.list(resource, { namespace: ns });
    const last = new Map<string, string>();
    const onEvent = (e: WatchEvent) => {
      if (e.type !== 'ADDED' && e.type !== 'MODIFIED') return;
      const o = e.object as KubeObject;
      const l = line(o);
      if (l === undefined || last.get(o.metadata.name) === l) return;
      last.set(o.metadata.name, l);
      timeline.push(l);
    };
    void http.watch(resource, { namespace: ns, resourceVersion: list.resourceVersion }, onEvent, abort.signal).catch(() => undefined);
  }

  const client = () => world.cluster.client;
  const pipelines = (name?: string) => world.crPath('pipelines', ns, name);
  const jobs = async () => ((await client().get(`/apis/batch/v1/namespaces/${ns}/jobs`)).items as KubeObject[]);
  /** Waits for the watch to deliver the phase (so the timeline is complete up to it), then reads the CR. */
  const phaseIs = async (name: string, want: string, timeoutMs: number, path = pipelines(name)) => {
    await poll(`${name} phase ${want}`, timeoutMs, async () => (timeline.includes(`${name} phase ${want}`) ? true : undefined));
    return client().get(path);
  };
  const ofCr = (name: string) => timeline.filter((l) => l.startsWith(`${name} `));

  it('goes Pending → Running/build → Running/test → Running/notify → Succeeded, each Job made only in its phase', async () => {
    const t0 = Date.now();
    await client().post(pipelines(), {
      apiVersion: `${world.group}/v1`, kind: 'Pipeline', metadata: { name: 'ship' },
      spec: { image: 'busybox:1.36', steps: [{ run: 'echo built' }, { run: 'echo tested' }, { run: 'echo notified' }] },
    });
    const done = await phaseIs('ship', 'Succeeded', 45_000);
    measured.pipelineSucceededMs = Date.now() - t0;
    expect(ofCr('ship')).to.deep.equal([
      'ship phase Pending', 'ship phase Running/build', 'ship job build',
      'ship phase Running/test', 'ship job test', 'ship phase Running/notify', 'ship job notify', 'ship phase Succeeded',
    ]);
    expect(done.status.image).to.equal('busybox:1.36');
    expect([done.status.workers, done.status.autoscaleActive], '.metrics without autoscale').to.deep.equal(['3', 'false']);
    expect(readyOf(done)?.status, 'Ready reports the operator, not the pipeline').to.equal('True');
    // Every step ran for real, and the Jobs of finished steps are kept (gated off, not pruned).
    const mine = (await jobs()).filter((j) => j.metadata.name.startsWith('ship-'));
    expect(mine.map((j) => [j.metadata.name, (j.status as { succeeded?: number }).succeeded]).sort())
      .to.deep.equal([['ship-build', 1], ['ship-notify', 1], ['ship-test', 1]]);
    expect(runner!.logs(runner!.pods().find((p) => p.name.startsWith('ship-test-'))?.name ?? '', 'ship-test')).to.contain('tested');
    // Settled: a resync later nothing moves.
    await new Promise((r) => setTimeout(r, 6000));
    expect(ofCr('ship').length).to.equal(8);
    expect((await client().get(pipelines('ship'))).status.phase).to.equal('Succeeded');
  });

  it('a failing step gives Failed; the later steps\' Jobs are never created', async () => {
    const t0 = Date.now();
    await client().post(pipelines(), {
      apiVersion: `${world.group}/v1`, kind: 'Pipeline', metadata: { name: 'broken' },
      spec: { image: 'busybox:1.36', steps: [{ run: 'echo compiling; exit 3' }, { run: 'echo never' }, { run: 'echo never' }] },
    });
    await phaseIs('broken', 'Failed', 45_000);
    measured.pipelineFailedMs = Date.now() - t0;
    expect(ofCr('broken')).to.deep.equal(['broken phase Pending', 'broken phase Running/build', 'broken job build', 'broken phase Failed']);
    await new Promise((r) => setTimeout(r, 6000)); // a resync: Failed stays, nothing else is made
    expect((await client().get(pipelines('broken'))).status.phase).to.equal('Failed');
    expect((await jobs()).map((j) => j.metadata.name).filter((n) => n.startsWith('broken-'))).to.deep.equal(['broken-build']);
    expect(ofCr('broken').length).to.equal(4);
  });

  it('the upstream example\'s shape: the first reconcile writes Running/build, steps advance on Jobs no longer rendered', async () => {
    const t0 = Date.now();
    await client().post(world.crPath('releases', ns), {
      apiVersion: `${world.group}/v1`, kind: 'Release', metadata: { name: 'rel' },
      spec: { image: 'busybox:1.36', steps: [{ run: 'echo built' }, { run: 'echo tested' }, { run: 'echo notified' }] },
    });
    await phaseIs('rel', 'Succeeded', 45_000, world.crPath('releases', ns, 'rel'));
    measured.upstreamShapeSucceededMs = Date.now() - t0;
    // `in: "Pending,"` holds for a missing phase too, and the later field wins: Pending is never written.
    // (The build Job and the first phase are written by one reconcile; two watches may deliver them in either order.)
    const seen = ofCr('rel');
    expect(seen.filter((l) => l.includes(' phase '))).to.deep.equal(['rel phase Running/build', 'rel phase Running/test', 'rel phase Running/notify', 'rel phase Succeeded']);
    expect(seen.slice(2), 'test and notify made only in their phases').to.deep.equal([
      'rel phase Running/test', 'rel job test', 'rel phase Running/notify', 'rel job notify', 'rel phase Succeeded',
    ]);
    expect(seen.slice(0, 2).sort()).to.deep.equal(['rel job build', 'rel phase Running/build']);
    const mine = (await jobs()).filter((j) => j.metadata.name.startsWith('rel-'));
    expect(mine.map((j) => [j.metadata.name, (j.status as { succeeded?: number }).succeeded]).sort())
      .to.deep.equal([['rel-build', 1], ['rel-notify', 1], ['rel-test', 1]]);
  });
});
