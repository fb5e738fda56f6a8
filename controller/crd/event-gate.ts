// What stands between a CRD's watch events and its workers: the queue behaviour (drop a new event
// when the queue is too deep), preReconcile's enqueueGate (drop a CR event it does not pass) and
// the sentinels each CR event carries through the queue to the reconcileGate — merged when events
// of one key coalesce, taken when the key is dequeued. With `reconcileGate.eventAware` events are
// not coalesced: each admitted event (a CR's own, or another reason to look at the key) is its own
// turn of the key, with its own sentinels, in arrival order; the key is queued again while turns
// remain (one reconcile per key at a time, as always). A gate with `external` calls is decided
// once they answered: such an enqueueGate queues the key after its calls, not in the watch handler.
import type { Logger } from '../../shared/log.js';
import type { CrdEntry } from '../../shared/katalog/types.js';
import type { KubeObject } from '../../shared/kube/index.js';
import { keyOf, type WorkQueue } from '../engine/index.js';
import type { ExternalRunner } from '../external/index.js';
import { decideGate } from './gate-calls.js';
import { gateVerdict, needsCalls, preReconcileOf, type GateCalls, type GateSpec, type GateVerdict, type PreReconcile } from './pre-reconcile.js';
import { dropDecision, type QueueBehaviour } from './queue-settings.js';
import { computeSentinels, mergeSentinels, type SentinelValues } from './sentinels.js';

/** eventAware: events of one key kept apart at most; later ones are merged into the last (memory stays bounded). */
export const MAX_EVENTS_PER_KEY = 64;

export class EventGate {
  private readonly pre: PreReconcile | undefined;
  /** Sentinels of the CR events waiting in the queue per key; `null`: an event that is not a CR's own. */
  private readonly carried = new Map<string, SentinelValues | null>();
  /** eventAware: the events waiting per key, oldest first; `null`: an event that is not a CR's own. */
  private readonly events = new Map<string, (SentinelValues | null)[]>();
  /** Set by autoscale: replaces behaviour's maxDepth while it is in effect. */
  private maxDepth: number | undefined;

  constructor(
    private readonly crdName: string,
    entry: CrdEntry,
    private readonly queue: WorkQueue,
    private readonly behaviour: QueueBehaviour | undefined,
    private readonly lookup: (key: string) => KubeObject | undefined,
    private readonly logger: Logger,
    /** Counts a dropped event (orkestra_workqueue_dropped_total). */
    private readonly dropped: () => void = () => {},
    /** Makes the gates' external calls; without one a gate with calls fails them (failPolicy). */
    private readonly runner?: ExternalRunner,
  ) {
    this.pre = preReconcileOf(crdName, entry);
  }

  /** A CR was added (`old` undefined) or updated. */
  crEvent(old: KubeObject | undefined, cr: KubeObject): void {
    const key = keyOf(cr.metadata.namespace, cr.metadata.name);
    const sentinels = this.pre && this.pre.sentinels.length > 0 ? computeSentinels(this.pre.sentinels, old, cr) : undefined;
    // A CR being deleted always gets through: its finalizer must be released.
    const gate = cr.metadata.deletionTimestamp ? undefined : this.pre?.enqueueGate;
    if (gate && this.runner && needsCalls(gate, sentinels ?? {})) {
      void decideGate(this.crdName, gate, cr, sentinels ?? {}, this.runner)
        .then((verdict) => this.afterEnqueueGate(key, cr, sentinels, verdict))
        .catch((err) => this.logger.warn('preReconcile.enqueueGate could not be decided; the event is dropped', { crd: this.crdName, key, err: String(err) }));
      return;
    }
    this.afterEnqueueGate(key, cr, sentinels, gate ? gateVerdict(gate, cr, sentinels ?? {}, unmade(gate, sentinels ?? {})) : { pass: true });
  }

  private afterEnqueueGate(key: string, cr: KubeObject, sentinels: SentinelValues | undefined, verdict: GateVerdict): void {
    if (!verdict.pass) {
      this.logger.debug('event dropped by preReconcile.enqueueGate', { crd: this.crdName, key, why: verdict.message });
      return;
    }
    if (!this.admit(key, cr)) return;
    if (this.pre?.reconcileGate?.eventAware) this.keep(key, sentinels ?? null);
    else if (sentinels !== undefined && this.pre?.reconcileGate) {
      const before = this.carried.get(key);
      this.carried.set(key, before === null ? null : mergeSentinels(before, sentinels));
    }
    this.queue.add(key);
  }

  /** Any other reason to look at a key (a child changed, a secondary watch). */
  otherEvent(key: string): void {
    if (!this.admit(key, this.lookup(key))) return;
    if (this.pre?.reconcileGate?.eventAware) this.keep(key, null);
    else if (this.pre?.reconcileGate) this.carried.set(key, null);
    this.queue.add(key);
  }

  /** eventAware: one more turn of the key; past the bound it joins the last one (merged, as coalesced events are). */
  private keep(key: string, sentinels: SentinelValues | null): void {
    const waiting = this.events.get(key) ?? [];
    const last = waiting[waiting.length - 1];
    if (waiting.length < MAX_EVENTS_PER_KEY) waiting.push(sentinels);
    else waiting[waiting.length - 1] = last === null || sentinels === null ? null : mergeSentinels(last, sentinels);
    this.events.set(key, waiting);
  }

  /** The sentinels behind this turn of the key; eventAware: the oldest event's, the key queued again for the rest. */
  private take(key: string): SentinelValues | null | undefined {
    if (!this.pre?.reconcileGate?.eventAware) {
      const carried = this.carried.get(key);
      this.carried.delete(key);
      return carried;
    }
    const waiting = this.events.get(key);
    const first = waiting?.shift();
    if (waiting !== undefined && waiting.length > 0) this.queue.add(key);
    else this.events.delete(key);
    return first;
  }

  /**
   * Whether the dequeued key may be reconciled, consuming the sentinels it carried. A key without
   * any (a retry, a requeue) is judged on the gate's conditions only.
   */
  async reconcileVerdict(key: string): Promise<GateVerdict> {
    const carried = this.take(key);
    const gate = this.pre?.reconcileGate;
    if (!gate) return { pass: true };
    const cr = this.lookup(key);
    if (cr === undefined || cr.metadata.deletionTimestamp) return { pass: true };
    if (this.runner) return decideGate(this.crdName, gate, cr, carried ?? undefined, this.runner);
    return gateVerdict(gate, cr, carried ?? undefined, unmade(gate, carried ?? undefined));
  }

  /** autoscale's queueDepth: the depth behaviour reacts to from now on (nothing without behaviour). */
  setMaxDepth(maxDepth: number): void {
    this.maxDepth = maxDepth;
  }

  /** Queue behaviour: false when the event is dropped (logged, as upstream does). */
  private admit(key: string, cr: KubeObject | undefined): boolean {
    if (!this.behaviour) return true;
    const behaviour = this.maxDepth === undefined || !Number.isFinite(this.maxDepth) ? this.behaviour : { ...this.behaviour, maxDepth: this.maxDepth };
    const why = dropDecision(behaviour, this.queue.len(), cr);
    if (why === undefined) return true;
    this.dropped();
    this.logger.warn('queue behaviour dropped an event; the next resync brings the key back', { crd: this.crdName, key, limit: behaviour.maxDepth, depth: this.queue.len(), why });
    return false;
  }
}

/** Without a runner (unit tests of the queue), calls a gate needs count as failed. */
function unmade(gate: GateSpec, sentinels: SentinelValues | undefined): GateCalls | undefined {
  return needsCalls(gate, sentinels) ? { external: {}, failed: 'not made: no HTTP client' } : undefined;
}
