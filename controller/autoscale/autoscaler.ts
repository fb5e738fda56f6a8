// One CRD's autoscaler: every `interval` it reads the CRD's live metrics, checks the conditions
// (shared/autoscale), and on a switch sets the worker limit, the queue depth limit and the resync
// period to the override or back to the baseline, logs it and records it in orkestra_autoscale_*.
import { autoscaleConditionsHold, nextAutoscaleState, type AutoscaleSettings, type AutoscaleSpec, type AutoscaleState } from '../../shared/autoscale/index.js';
import type { Logger } from '../../shared/log.js';
import type { Clock, Timer } from '../engine/index.js';
import type { AutoscaleGauges } from '../observe/index.js';
import type { ReconcileLimiter } from './limiter.js';

/** What the autoscaler turns: structural, so this folder needs nothing of controller/crd. */
export interface AutoscaleTarget {
  name: string;
  limiter: ReconcileLimiter;
  queue: { len(): number; setMaxDepth(n: number): void };
  crInformer: { setResyncMs(ms: number): void };
}

export type Baseline = Required<AutoscaleSettings>;

export class Autoscaler {
  private state: AutoscaleState = { active: false };
  private timer: Timer | undefined;
  private stopped = false;
  private lastProblems = '';

  constructor(
    private readonly target: AutoscaleTarget,
    readonly spec: AutoscaleSpec,
    private readonly baseline: Baseline,
    private readonly deps: { clock: Clock; logger: Logger; gauges?: AutoscaleGauges },
  ) {}

  get active(): boolean {
    return this.state.active;
  }

  start(): void {
    this.stopped = false;
    this.apply(false);
    this.arm();
  }

  stop(): void {
    this.stopped = true;
    this.timer?.cancel();
  }

  /** One evaluation (the timer calls it every interval). */
  tick(): void {
    const now = this.deps.clock.now();
    const metrics = this.target.limiter.snapshot(this.target.queue.len());
    const { holds, problems } = autoscaleConditionsHold(this.spec, metrics, new Date(now));
    const said = problems.join('; ');
    if (said && said !== this.lastProblems) this.deps.logger.warn('autoscale condition not evaluated', { crd: this.target.name, problems });
    this.lastProblems = said;
    const next = nextAutoscaleState(this.state, holds, now, this.spec.cooldownMs);
    const switched = next.active !== this.state.active;
    this.state = next;
    if (switched) {
      this.deps.logger.info(next.active ? 'autoscale override on' : 'autoscale back to baseline', { crd: this.target.name, metrics });
      this.apply(true);
    }
  }

  private arm(): void {
    if (this.stopped) return;
    this.timer = this.deps.clock.setTimer(this.spec.intervalMs, () => {
      this.tick();
      this.arm();
    });
  }

  private apply(switched: boolean): void {
    const on = this.state.active;
    const settings: Baseline = on ? { ...this.baseline, ...this.spec.do } : this.baseline;
    this.target.limiter.setLimit(settings.workers);
    this.target.queue.setMaxDepth(settings.queueDepth);
    if (switched && (this.spec.do.resyncMs !== undefined)) this.target.crInformer.setResyncMs(settings.resyncMs);
    const reading = { active: on, workers: settings.workers, queueMaxDepth: settings.queueDepth, resyncSeconds: settings.resyncMs / 1000 };
    this.deps.gauges?.record(this.target.name, reading, switched ? (on ? 'override' : 'baseline') : undefined);
  }
}
