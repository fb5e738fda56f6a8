// The autoscale series: per CRD, whether its override is on and the worker count, queue depth limit
// and resync it runs with now, plus every switch between baseline and override.
import { Counter, Gauge, type Registry } from './prometheus/index.js';

export interface AutoscaleReading {
  active: boolean;
  workers: number;
  /** Infinity: no limit. */
  queueMaxDepth: number;
  resyncSeconds: number;
}

export class AutoscaleGauges {
  private readonly active: Gauge<'crd'>;
  private readonly workers: Gauge<'crd'>;
  private readonly depth: Gauge<'crd'>;
  private readonly resync: Gauge<'crd'>;
  private readonly switches: Counter<'crd' | 'to'>;

  constructor(registry: Registry) {
    const registers = [registry];
    const gauge = (name: string, help: string) => new Gauge<'crd'>({ name, help, labelNames: ['crd'], registers });
    this.active = gauge('orkestra_autoscale_active', 'Whether the CRD runs with its autoscale override (1) or its baseline (0)');
    this.workers = gauge('orkestra_autoscale_workers', 'Reconciles the CRD may run at once, as autoscale set it');
    this.depth = gauge('orkestra_autoscale_queue_max_depth', 'The CRD\'s work queue depth limit, as autoscale set it (+Inf: none)');
    this.resync = gauge('orkestra_autoscale_resync_seconds', 'The CRD\'s resync period, as autoscale set it');
    this.switches = new Counter({ name: 'orkestra_autoscale_switches_total', help: 'Switches between the autoscale baseline and override', labelNames: ['crd', 'to'], registers });
  }

  record(crd: string, reading: AutoscaleReading, switched?: 'override' | 'baseline'): void {
    this.active.set({ crd }, reading.active ? 1 : 0);
    this.workers.set({ crd }, reading.workers);
    this.depth.set({ crd }, reading.queueMaxDepth);
    this.resync.set({ crd }, reading.resyncSeconds);
    if (switched) this.switches.inc({ crd, to: switched });
  }
}
