import { expect } from 'chai';
import { ControllerMetrics, exponentialBuckets, RECONCILE_TIME_BUCKETS, WORKQUEUE_DURATION_BUCKETS } from '../../../controller/observe/metrics.js';
import { parseExposition, samplesOf, valueOf, type Exposition } from './exposition.js';

const CONTROLLER = 'websites.example.com';

/** Every series the brief names, after each adapter has been driven once. */
async function drivenExposition(): Promise<Exposition> {
  const metrics = new ControllerMetrics({ processMetrics: false });
  const queue = metrics.queueMetrics(CONTROLLER);
  queue.add();
  queue.depth(3);
  queue.retry();
  queue.queueDuration(0.002);
  queue.workDuration(0.02);
  queue.dropped();
  metrics.watchQueue(CONTROLLER, { longestRunningProcessorSeconds: () => 4, unfinishedWorkSeconds: () => 7 });
  await metrics.instrumentReconcile(CONTROLLER, async () => undefined, { maxConcurrentReconciles: 2 })('ns/a');
  metrics.setLeader('orkestra-websites', true);
  metrics.kubeRequestObserver.request({ method: 'GET', host: '10.0.0.1:443', code: '200', seconds: 0.01 });
  metrics.kubeRequestObserver.request({ method: 'GET', host: '10.0.0.1:443', code: '200' });
  metrics.autoscale.record('web', { active: true, workers: 6, queueMaxDepth: 100, resyncSeconds: 30 }, 'override');
  metrics.external.record({ crd: 'web', name: 'flags', url: 'http://flags.local/x', seconds: 0.05, statusCode: 500, error: 'HTTP 500' });
  metrics.setBundleDigest(`sha256:${'c'.repeat(64)}`);
  metrics.setBundleDigestMismatch(true);
  metrics.countBreakingChangeRefusal(CONTROLLER);
  metrics.setCrdHealthSource(() => [[CONTROLLER, true]]);
  return parseExposition(await metrics.metrics());
}

describe('controller/observe/metrics', () => {
  const table: Array<[name: string, type: string, labels: string[], value: number | undefined]> = [
    ['controller_runtime_reconcile_total', 'counter', ['controller', 'result'], undefined],
    ['controller_runtime_reconcile_errors_total', 'counter', ['controller'], 0],
    ['controller_runtime_terminal_reconcile_errors_total', 'counter', ['controller'], 0],
    ['controller_runtime_reconcile_panics_total', 'counter', ['controller'], 0],
    ['rest_client_requests_total', 'counter', ['code', 'method', 'host'], undefined],
    ['rest_client_request_duration_seconds', 'histogram', ['verb', 'host'], undefined],
    ['controller_runtime_reconcile_time_seconds', 'histogram', ['controller'], undefined],
    ['controller_runtime_max_concurrent_reconciles', 'gauge', ['controller'], 2],
    ['controller_runtime_active_workers', 'gauge', ['controller'], 0],
    ['workqueue_depth', 'gauge', ['controller', 'name'], 3],
    ['workqueue_adds_total', 'counter', ['controller', 'name'], 1],
    ['workqueue_retries_total', 'counter', ['controller', 'name'], 1],
    ['workqueue_queue_duration_seconds', 'histogram', ['controller', 'name'], undefined],
    ['workqueue_work_duration_seconds', 'histogram', ['controller', 'name'], undefined],
    ['workqueue_longest_running_processor_seconds', 'gauge', ['controller', 'name'], 4],
    ['workqueue_unfinished_work_seconds', 'gauge', ['controller', 'name'], 7],
    ['leader_election_master_status', 'gauge', ['name'], 1],
    ['orkestra_bundle_info', 'gauge', ['digest'], 1],
    ['orkestra_crd_healthy', 'gauge', ['crd'], 1],
    ['orkestra_breaking_change_refusals_total', 'counter', ['crd'], 1],
    ['orkestra_bundle_digest_mismatch', 'gauge', [], 1],
    ['orkestra_workqueue_dropped_total', 'counter', ['controller', 'name'], 1],
    ['orkestra_external_calls_total', 'counter', ['crd', 'name', 'url', 'result'], 1],
    ['orkestra_external_call_duration_seconds', 'histogram', ['crd', 'name', 'url'], undefined],
    ['orkestra_external_call_errors_total', 'counter', ['crd', 'name', 'url', 'error_type'], 1],
    ['orkestra_autoscale_active', 'gauge', ['crd'], 1],
    ['orkestra_autoscale_workers', 'gauge', ['crd'], 6],
    ['orkestra_autoscale_queue_max_depth', 'gauge', ['crd'], 100],
    ['orkestra_autoscale_resync_seconds', 'gauge', ['crd'], 30],
    ['orkestra_autoscale_switches_total', 'counter', ['crd', 'to'], 1],
  ];

  let exposition: Exposition;
  before(async () => {
    exposition = await drivenExposition();
  });

  for (const [name, type, labels, value] of table) {
    it(`${name} is a ${type} labelled {${labels.join(',')}}`, () => {
      expect(exposition.types.get(name)).to.equal(type);
      const series = type === 'histogram' ? `${name}_count` : name;
      const samples = samplesOf(exposition, series);
      expect(samples, series).to.not.be.empty;
      for (const s of samples) expect(Object.keys(s.labels).sort()).to.deep.equal([...labels].sort());
      if (type === 'histogram') {
        expect(samples[0]!.value).to.equal(1);
        for (const s of samplesOf(exposition, `${name}_bucket`)) expect(Object.keys(s.labels).sort()).to.deep.equal([...labels, 'le'].sort());
      }
      if (value !== undefined) expect(samples.map((s) => s.value)).to.deep.equal([value]);
    });
  }

  it('exposes no series beyond the table when process metrics are off', () => {
    const families = [...exposition.types.keys()].sort();
    expect(families).to.deep.equal(table.map(([name]) => name).sort());
  });

  it('uses controller-runtime\'s reconcile buckets and client-go\'s workqueue buckets', () => {
    const les = (name: string) => samplesOf(exposition, `${name}_bucket`).map((s) => s.labels.le);
    expect(les('controller_runtime_reconcile_time_seconds')).to.deep.equal([...RECONCILE_TIME_BUCKETS.map(String), '+Inf']);
    expect(RECONCILE_TIME_BUCKETS).to.have.length(40);
    expect(RECONCILE_TIME_BUCKETS[0]).to.equal(0.005);
    expect(RECONCILE_TIME_BUCKETS.at(-1)).to.equal(60);
    expect(les('workqueue_queue_duration_seconds')).to.deep.equal([...WORKQUEUE_DURATION_BUCKETS.map(String), '+Inf']);
    expect(les('workqueue_work_duration_seconds')).to.deep.equal([...WORKQUEUE_DURATION_BUCKETS.map(String), '+Inf']);
  });

  it('exponentialBuckets: count bounds, each factor times the last, readable labels', () => {
    const b = exponentialBuckets(1e-8, 10, 12);
    expect(b).to.have.length(12);
    expect(b[0]).to.equal(1e-8);
    expect(b[11]).to.equal(1000);
    for (let i = 1; i < b.length; i++) expect(b[i]! / b[i - 1]!).to.be.closeTo(10, 1e-9);
    expect(exponentialBuckets(0.5, 2, 3)).to.deep.equal([0.5, 1, 2]);
  });

  it('keeps each instance\'s series in its own registry: two instances coexist', async () => {
    const a = new ControllerMetrics({ processMetrics: false });
    const b = new ControllerMetrics({ processMetrics: false });
    a.queueMetrics('x').add();
    b.queueMetrics('x').add();
    b.queueMetrics('y').add();
    expect(valueOf(parseExposition(await a.metrics()), 'workqueue_adds_total', { name: 'y' })).to.equal(undefined);
    expect(valueOf(parseExposition(await b.metrics()), 'workqueue_adds_total', { name: 'y' })).to.equal(1);
  });

  it('adds Node process metrics by default', async () => {
    const text = await new ControllerMetrics().metrics();
    const { types } = parseExposition(text);
    expect(types.get('process_cpu_user_seconds_total')).to.equal('counter');
    expect(types.get('nodejs_eventloop_lag_seconds')).to.equal('gauge');
    expect(types.get('controller_runtime_reconcile_total')).to.equal('counter');
  });

  it('serves the Prometheus 0.0.4 text content type', () => {
    expect(new ControllerMetrics({ processMetrics: false }).contentType).to.match(/^text\/plain; version=0\.0\.4/);
  });

  it('orkestra_bundle_info shows only the latest digest', async () => {
    const metrics = new ControllerMetrics({ processMetrics: false });
    metrics.setBundleDigest('sha256:old');
    metrics.setBundleDigest('sha256:new');
    const samples = samplesOf(parseExposition(await metrics.metrics()), 'orkestra_bundle_info');
    expect(samples).to.deep.equal([{ name: 'orkestra_bundle_info', labels: { digest: 'sha256:new' }, value: 1 }]);
  });

  it('orkestra_bundle_digest_mismatch is 0 until set, and can be cleared', async () => {
    const metrics = new ControllerMetrics({ processMetrics: false });
    const read = async () => valueOf(parseExposition(await metrics.metrics()), 'orkestra_bundle_digest_mismatch');
    expect(await read()).to.equal(0);
    metrics.setBundleDigestMismatch(true);
    expect(await read()).to.equal(1);
    metrics.setBundleDigestMismatch(false);
    expect(await read()).to.equal(0);
  });

  it('leader_election_master_status follows setLeader', async () => {
    const metrics = new ControllerMetrics({ processMetrics: false });
    const read = async () => valueOf(parseExposition(await metrics.metrics()), 'leader_election_master_status', { name: 'lease-a' });
    expect(await read()).to.equal(undefined);
    metrics.setLeader('lease-a', false);
    expect(await read()).to.equal(0);
    metrics.setLeader('lease-a', true);
    expect(await read()).to.equal(1);
  });

  it('orkestra_crd_healthy is read from the callback at each scrape', async () => {
    const metrics = new ControllerMetrics({ processMetrics: false });
    let health = new Map([['a.example.com', false], ['b.example.com', true]]);
    metrics.setCrdHealthSource(() => health);
    let e = parseExposition(await metrics.metrics());
    expect(valueOf(e, 'orkestra_crd_healthy', { crd: 'a.example.com' })).to.equal(0);
    expect(valueOf(e, 'orkestra_crd_healthy', { crd: 'b.example.com' })).to.equal(1);
    health = new Map([['a.example.com', true]]);
    e = parseExposition(await metrics.metrics());
    expect(valueOf(e, 'orkestra_crd_healthy', { crd: 'a.example.com' })).to.equal(1);
    expect(valueOf(e, 'orkestra_crd_healthy', { crd: 'b.example.com' })).to.equal(undefined);
  });

  it('a throwing health callback leaves orkestra_crd_healthy empty but the scrape succeeds', async () => {
    const metrics = new ControllerMetrics({ processMetrics: false });
    metrics.setCrdHealthSource(() => [['a.example.com', true]]);
    await metrics.metrics();
    metrics.setCrdHealthSource(() => {
      throw new Error('informer gone');
    });
    const e = parseExposition(await metrics.metrics());
    expect(samplesOf(e, 'orkestra_crd_healthy')).to.deep.equal([]);
    expect(e.types.get('workqueue_depth')).to.equal('gauge');
  });

  it('declareCrds starts breaking-change refusals at zero; each refusal counts one', async () => {
    const metrics = new ControllerMetrics({ processMetrics: false });
    metrics.declareCrds(['a.example.com', 'b.example.com']);
    metrics.countBreakingChangeRefusal('b.example.com');
    metrics.countBreakingChangeRefusal('b.example.com');
    const e = parseExposition(await metrics.metrics());
    expect(valueOf(e, 'orkestra_breaking_change_refusals_total', { crd: 'a.example.com' })).to.equal(0);
    expect(valueOf(e, 'orkestra_breaking_change_refusals_total', { crd: 'b.example.com' })).to.equal(2);
  });
});
