// The controller's metrics: one Registry per process (./prometheus/, no global registry), holding
// controller-runtime/client-go compatible series plus the orkestra_* ones.
// It owns the metric names, types, labels and buckets; it does no I/O (http-server.ts serves it).
import { Counter, Gauge, Histogram, registerProcessMetrics, Registry } from './prometheus/index.js';
import { performance } from 'node:perf_hooks';
import type { QueueMetrics } from '../engine/queue-metrics.js';
import type { ReconcileResult } from '../engine/workers.js';
import { QueueProbes, queueMetricsAdapter, type QueueInstruments, type QueueProbe } from './queue-metrics.js';
import { AutoscaleGauges } from './autoscale-metrics.js';
import { ExternalCallMetrics } from './external-metrics.js';
import type { KubeRequestObserver } from '../../shared/kube/index.js';
import { REST_CLIENT_DURATION_BUCKETS, restClientObserver } from './rest-client-metrics.js';
import { instrumentReconcileWith, type InstrumentOptions, type ReconcileInstruments } from './reconcile-metrics.js';

/** controller-runtime's reconcile-time buckets (seconds), so dashboards built for it fit. */
export const RECONCILE_TIME_BUCKETS: readonly number[] = [
  0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9, 1,
  1.25, 1.5, 1.75, 2, 2.5, 3, 3.5, 4, 4.5, 5, 6, 7, 8, 9, 10, 15, 20, 25, 30, 40, 50, 60,
];

/** client-go's workqueue duration buckets: 12 powers of ten from 10 ns to 1000 s. */
export const WORKQUEUE_DURATION_BUCKETS: readonly number[] = exponentialBuckets(1e-8, 10, 12);

export function exponentialBuckets(start: number, factor: number, count: number): number[] {
  // toPrecision keeps the `le` labels readable (1e-7, not 1.0000000000000001e-7).
  return Array.from({ length: count }, (_, i) => Number((start * factor ** i).toPrecision(12)));
}

export interface ControllerMetricsOptions {
  /** Node process metrics (CPU, memory, handles, event loop lag, GC) in this registry. Default true. */
  processMetrics?: boolean;
  /** Milliseconds, monotonic; for reconcile durations. Default performance.now. */
  now?: () => number;
}

/** Per CRD, whether it is healthy now; asked at every scrape. */
export type CrdHealthSource = () => Iterable<readonly [crd: string, healthy: boolean]>;

export class ControllerMetrics {
  readonly registry = new Registry();
  /** orkestra_autoscale_* (controller/autoscale/). */
  readonly autoscale = new AutoscaleGauges(this.registry);
  /** orkestra_external_* (controller/external/). */
  readonly external = new ExternalCallMetrics(this.registry);
  private readonly now: () => number;
  private readonly probes = new QueueProbes();
  private crdHealthSource: CrdHealthSource = () => [];
  private readonly reconcile: ReconcileInstruments;
  private readonly queue: QueueInstruments;
  private readonly leader: Gauge<'name'>;
  private readonly bundleInfo: Gauge<'digest'>;
  private readonly digestMismatch: Gauge;
  private readonly breakingRefusals: Counter<'crd'>;
  /** Give it to the kube client (KubeClientOptions.requestObserver): client-go's rest_client_* series. */
  readonly kubeRequestObserver: KubeRequestObserver;

  constructor(options: ControllerMetricsOptions = {}) {
    this.now = options.now ?? (() => performance.now());
    const registers = [this.registry];
    const counter = <L extends string>(name: string, help: string, labelNames: readonly L[]) => new Counter<L>({ name, help, labelNames, registers });
    const gauge = <L extends string>(name: string, help: string, labelNames: readonly L[]) => new Gauge<L>({ name, help, labelNames, registers });
    const histogram = <L extends string>(name: string, help: string, labelNames: readonly L[], buckets: readonly number[]) =>
      new Histogram<L>({ name, help, labelNames, buckets: [...buckets], registers });

    this.reconcile = {
      total: counter('controller_runtime_reconcile_total', 'Total number of reconciliations per controller', ['controller', 'result']),
      errors: counter('controller_runtime_reconcile_errors_total', 'Total number of reconciliation errors per controller', ['controller']),
      terminalErrors: counter('controller_runtime_terminal_reconcile_errors_total', 'Total number of terminal reconciliation errors per controller', ['controller']),
      panics: counter('controller_runtime_reconcile_panics_total', 'Total number of reconciliation panics per controller', ['controller']),
      time: histogram('controller_runtime_reconcile_time_seconds', 'Length of time per reconciliation per controller', ['controller'], RECONCILE_TIME_BUCKETS),
      maxConcurrent: gauge('controller_runtime_max_concurrent_reconciles', 'Maximum number of concurrent reconciles per controller', ['controller']),
      activeWorkers: gauge('controller_runtime_active_workers', 'Number of currently used workers per controller', ['controller']),
    };
    this.queue = {
      depth: gauge('workqueue_depth', 'Current depth of workqueue', ['controller', 'name']),
      adds: counter('workqueue_adds_total', 'Total number of adds handled by workqueue', ['controller', 'name']),
      retries: counter('workqueue_retries_total', 'Total number of retries handled by workqueue', ['controller', 'name']),
      dropped: counter('orkestra_workqueue_dropped_total', 'Events dropped by queue.behaviour (onLimit/onThreshold against maxDepth)', ['controller', 'name']),
      queueDuration: histogram('workqueue_queue_duration_seconds', 'How long in seconds an item stays in workqueue before being requested', ['controller', 'name'], WORKQUEUE_DURATION_BUCKETS),
      workDuration: histogram('workqueue_work_duration_seconds', 'How long in seconds processing an item from workqueue takes', ['controller', 'name'], WORKQUEUE_DURATION_BUCKETS),
    };
    const probes = this.probes;
    const longestRunning: Gauge<'controller' | 'name'> = new Gauge({
      name: 'workqueue_longest_running_processor_seconds',
      help: 'How many seconds has the longest running processor for workqueue been running',
      labelNames: ['controller', 'name'],
      registers,
      collect: () => probes.collectInto(longestRunning, (q) => q.longestRunningProcessorSeconds()),
    });
    const unfinished: Gauge<'controller' | 'name'> = new Gauge({
      name: 'workqueue_unfinished_work_seconds',
      help: 'How many seconds of work has been done that is in progress and has not been observed by work_duration',
      labelNames: ['controller', 'name'],
      registers,
      collect: () => probes.collectInto(unfinished, (q) => q.unfinishedWorkSeconds()),
    });
    this.kubeRequestObserver = restClientObserver({
      requests: counter('rest_client_requests_total', 'Number of HTTP requests, partitioned by status code, method, and host.', ['code', 'method', 'host']),
      duration: histogram('rest_client_request_duration_seconds', 'Request latency in seconds. Broken down by verb, and host.', ['verb', 'host'], REST_CLIENT_DURATION_BUCKETS),
    });
    this.leader = gauge('leader_election_master_status', 'Whether this process is the leader (1) or not (0) of the named lease', ['name']);
    this.bundleInfo = gauge('orkestra_bundle_info', 'The digest of the verified bundle this controller runs (value always 1)', ['digest']);
    this.digestMismatch = gauge('orkestra_bundle_digest_mismatch', 'The leader of the same revision runs a different bundle digest (1); this replica will not lead', []);
    this.breakingRefusals = counter('orkestra_breaking_change_refusals_total', 'CRD updates refused because they would break stored objects', ['crd']);
    const crdHealthy: Gauge<'crd'> = new Gauge({
      name: 'orkestra_crd_healthy',
      help: 'Whether the CRD\'s controller is healthy: caches synced and every CR Ready (1) or not (0)',
      labelNames: ['crd'],
      registers,
      collect: () => this.collectCrdHealth(crdHealthy),
    });

    if (options.processMetrics ?? true) registerProcessMetrics(this.registry);
  }

  /** The exposition format's content type (`text/plain; version=0.0.4; …`). */
  get contentType(): string {
    return this.registry.contentType;
  }

  /** The Prometheus text exposition of every series, scrape-time gauges refreshed. */
  metrics(): Promise<string> {
    return this.registry.metrics();
  }

  /** The QueueMetrics to give the WorkQueue of controller `name`. */
  queueMetrics(name: string): QueueMetrics {
    return queueMetricsAdapter(this.queue, name);
  }

  /** Reads `queue`'s in-flight ages at every scrape; returns a function that stops it. */
  watchQueue(name: string, queue: QueueProbe): () => void {
    return this.probes.watch(name, queue);
  }

  /** `reconcile`, counted under `controller_runtime_*{controller=name}`. */
  instrumentReconcile<R extends ReconcileResult | void>(name: string, reconcile: (key: string) => Promise<R>, options: InstrumentOptions = {}): (key: string) => Promise<R> {
    return instrumentReconcileWith(this.reconcile, this.now, name, reconcile, options);
  }

  setLeader(leaseName: string, isLeader: boolean): void {
    this.leader.set({ name: leaseName }, isLeader ? 1 : 0);
  }

  /** `orkestra_bundle_info{digest} 1`; a later digest replaces the earlier one. */
  setBundleDigest(digest: string): void {
    this.bundleInfo.reset();
    this.bundleInfo.set({ digest }, 1);
  }

  setBundleDigestMismatch(mismatch: boolean): void {
    this.digestMismatch.set(mismatch ? 1 : 0);
  }

  /** Starts each CRD's refusal counter at zero, so the first refusal shows as an increase. */
  declareCrds(crds: Iterable<string>): void {
    for (const crd of crds) this.breakingRefusals.inc({ crd }, 0);
  }

  countBreakingChangeRefusal(crd: string): void {
    this.breakingRefusals.inc({ crd });
  }

  setCrdHealthSource(source: CrdHealthSource): void {
    this.crdHealthSource = source;
  }

  private collectCrdHealth(gauge: Gauge<'crd'>): void {
    gauge.reset();
    let entries: Array<readonly [string, boolean]>;
    try {
      entries = [...this.crdHealthSource()];
    } catch {
      // A failing health callback must not fail the whole scrape; the series are absent instead.
      return;
    }
    for (const [crd, healthy] of entries) gauge.set({ crd }, healthy ? 1 : 0);
  }
}
