// Adapts the engine's QueueMetrics callbacks to the client-go `workqueue_*` series of one queue
// (labels `controller` and `name`, both the controller's name, as controller-runtime sets them). The two gauges that grow between events are not pushed:
// the queue is probed at scrape time (QueueProbes), so they are exact whenever Prometheus looks.
import type { Counter, Gauge, Histogram } from './prometheus/index.js';
import type { QueueMetrics } from '../engine/queue-metrics.js';

export interface QueueInstruments {
  depth: Gauge<'controller' | 'name'>;
  adds: Counter<'controller' | 'name'>;
  retries: Counter<'controller' | 'name'>;
  dropped: Counter<'controller' | 'name'>;
  queueDuration: Histogram<'controller' | 'name'>;
  workDuration: Histogram<'controller' | 'name'>;
}

/** The callbacks for one queue. Its series start at zero so `rate()` sees the first event. */
export function queueMetricsAdapter(instruments: QueueInstruments, name: string): QueueMetrics {
  const labels = { controller: name, name };
  const { depth, adds, retries, dropped, queueDuration, workDuration } = instruments;
  depth.set(labels, 0);
  adds.inc(labels, 0);
  retries.inc(labels, 0);
  dropped.inc(labels, 0);
  queueDuration.zero(labels);
  workDuration.zero(labels);
  return {
    add: () => adds.inc(labels),
    depth: (n) => depth.set(labels, n),
    retry: () => retries.inc(labels),
    queueDuration: (seconds) => queueDuration.observe(labels, seconds),
    workDuration: (seconds) => workDuration.observe(labels, seconds),
    dropped: () => dropped.inc(labels),
  };
}

/** What a queue answers at scrape time; WorkQueue has both. */
export interface QueueProbe {
  longestRunningProcessorSeconds(): number;
  unfinishedWorkSeconds(): number;
}

/** The queues being watched, read by the scrape-time gauges. */
export class QueueProbes {
  private readonly probes = new Map<string, QueueProbe>();

  /** Watches `queue` under `name` (replacing an earlier queue of that name); returns an unwatch. */
  watch(name: string, queue: QueueProbe): () => void {
    this.probes.set(name, queue);
    return () => {
      if (this.probes.get(name) === queue) this.probes.delete(name);
    };
  }

  /** Refills `gauge` from the watched queues (a queue no longer watched disappears from it). */
  collectInto(gauge: Gauge<'controller' | 'name'>, read: (queue: QueueProbe) => number): void {
    gauge.reset();
    for (const [name, queue] of this.probes) gauge.set({ controller: name, name }, read(queue));
  }
}
