// One CRD's control loop: an informer on its CRs, a work queue fed by CR events and by events on
// the children it owns (mapped back to their owner), and `workers` reconciles at a time. Until the
// controller's dependsOn allow it, the workers only mark CRs Ready=False WaitingForDependency and
// touch no child. Health: caches synced and every CR Ready.
import { isOrkError } from '../../shared/errors.js';
import type { Logger } from '../../shared/log.js';
import { parseDuration } from '../../shared/katalog/durations.js';
import { WorkQueue, keyOf, ownerKeysOf, runWorkers, splitKey, type Clock, type Informer } from '../engine/index.js';
import { inReconcile, newReconcileId, type ControllerMetrics } from '../observe/index.js';
import { ReconcileLimiter } from '../autoscale/index.js';
import { templateMetrics } from '../../shared/autoscale/index.js';
import { isKubeError, type KubeObject } from '../../shared/kube/index.js';
import { carriesRuntimeFinalizer, markRolledBack, READY_REASONS, rollbackThreshold, reconcileCr, releaseDeselected, reportHeld, reportWaiting, type CrdTarget, type ReconcileDeps } from '../reconcile/index.js';
import type { ExternalRunner } from '../external/index.js';
import { EventGate } from './event-gate.js';
import { CrdStats } from './crd-stats.js';
import { giveUpAfter, queueSettingsOf, rateLimiterFor, type QueueSettings } from './queue-settings.js';

export const DEFAULT_WORKERS = 2;

/**
 * An OrkError that says retrying cannot help (retry 'never': a denied or unrenderable CR, a bad
 * Katalog entry) is terminal; everything else — API errors, cleanup still running — is retried.
 */
export function isTerminal(err: unknown): boolean {
  return isOrkError(err) && err.retry === 'never';
}

/**
 * controller-runtime's panic: a thrown value no Orkestra code raised on purpose (neither an
 * OrkError nor a KubeError) — a TypeError from a bug, a thrown string. Caught like any failure,
 * counted in controller_runtime_reconcile_panics_total, logged with its stack, and retried.
 */
export function isPanic(err: unknown): boolean {
  return !isOrkError(err) && !isKubeError(err);
}
export const DEFAULT_RESYNC = '10m';
const DRAIN_TIMEOUT_MS = 10_000;

export type ControllerState = 'waiting' | 'started' | 'stopped';

export class CrdController {
  readonly queue: WorkQueue;
  private readonly settings: QueueSettings;
  /** Queue behaviour, enqueueGate and the sentinels carried to the reconcileGate. */
  private readonly gate: EventGate;
  private state: ControllerState = 'waiting';
  private workers: Promise<void> | undefined;
  /** What a waiting controller's CRs are told (their Ready message); set by reportWaitingFor. */
  private waitingMessage: string | undefined;
  private readonly unwatchQueue: (() => void) | undefined;
  /** The id of each key's reconcile in flight (or of its last failed one), for log lines. */
  private readonly reconcileIds = new Map<string, string>();
  /** Reconciles, failures and the last error, for the /katalog/<crd> endpoints (katalog-view.ts). */
  readonly stats: CrdStats;
  /** Consecutive failed reconciles per key (health of an entry that writes no status; rollback). */
  private readonly failing = new Map<string, number>();
  /** Times of each key's failures in a row, oldest first (rollback.trigger.withinDuration). */
  private readonly failedAt = new Map<string, number[]>();
  /** Keys of CRs that left a selector-narrowed cache still carrying our finalizer (deselected.ts). */
  private readonly deselected = new Set<string>();
  /**
   * Reconciles run under it; it also measures them for `.metrics`. Replaced when the entry
   * declares autoscale (autoscale-wiring.ts), whose override then moves its limit.
   */
  limiter: ReconcileLimiter | undefined;
  /** The autoscaler turning this CRD, if its entry declares one (autoscale-wiring.ts). */
  autoscaler: { readonly active: boolean } | undefined;
  /** Workers to start; default the entry's `workers` (autoscale: the larger of baseline and override). */
  maxWorkers: number | undefined;

  constructor(
    readonly crd: CrdTarget,
    readonly crInformer: Informer,
    private readonly deps: ReconcileDeps,
    private readonly logger: Logger,
    clock: Clock,
    private readonly metrics?: ControllerMetrics,
    /** Makes preReconcile's external calls. */
    runner?: ExternalRunner,
  ) {
    this.settings = queueSettingsOf(crd.name, crd.entry);
    this.stats = new CrdStats(() => clock.now());
    const queueMetrics = metrics?.queueMetrics(crd.name);
    this.queue = new WorkQueue({ clock, rateLimiter: rateLimiterFor(this.settings, clock), ...(queueMetrics ? { metrics: queueMetrics } : {}) });
    this.unwatchQueue = metrics?.watchQueue(crd.name, this.queue);
    this.gate = new EventGate(crd.name, crd.entry, this.queue, this.settings.behaviour, (key) => crInformer.get(key), logger, () => queueMetrics?.dropped(), runner);
    const selectors = crd.entry.labelSelector !== undefined || crd.entry.fieldSelector !== undefined;
    crInformer.addHandlers({
      add: (cr) => this.gate.crEvent(undefined, cr),
      update: (old, cr) => this.gate.crEvent(old, cr),
      // A real delete comes after our finalizer went: one still there means the CR left the selection.
      delete: (cr) => {
        if (!selectors || !carriesRuntimeFinalizer(cr)) return;
        const key = keyOf(cr.metadata.namespace, cr.metadata.name);
        this.deselected.add(key);
        this.queue.add(key);
      },
    });
  }

  get apiVersion(): string {
    const { group, version } = this.crd.apiTypes;
    return group ? `${group}/${version}` : version;
  }

  get namespaced(): boolean {
    return this.crd.apiTypes.scope !== 'Cluster';
  }

  /**
   * What autoscale turns: the waiting keys, and the depth queue.behaviour reacts to (upstream:
   * maxDepth is the reference of behaviour and has no effect without it).
   */
  get depthControl(): { len(): number; setMaxDepth(n: number): void } {
    return { len: () => this.queue.len(), setMaxDepth: (n) => this.gate.setMaxDepth(n) };
  }

  /** `.metrics` for this CRD's templates, as they are now (upstream's names). */
  runtimeMetrics(): Record<string, number | string> {
    const limiter = this.limiter ?? new ReconcileLimiter(this.workerCount);
    return templateMetrics({ snapshot: limiter.snapshot(this.queue.len()), workers: limiter.limit, autoscaleActive: this.autoscaler?.active ?? false });
  }

  /** Queue a key for a reason other than its CR's own event (a secondary watch): queue behaviour applies. */
  enqueue(key: string): void {
    this.gate.otherEvent(key);
  }

  /** Queue the owners of a child that changed (ownerReferences, else our ownership labels). */
  childChanged(child: KubeObject): void {
    const keys = ownerKeysOf(child, this.apiVersion, this.crd.apiTypes.kind, { ownerNamespaced: this.namespaced, crdName: this.crd.name });
    for (const key of keys) this.gate.otherEvent(key);
  }

  get status(): ControllerState {
    return this.state;
  }

  /**
   * Synced, and every CR's Ready condition is True (vacuously true with no CRs). With
   * ignoreStatusPatch there is no condition to read: no CR's last reconcile may have failed.
   */
  healthy(): boolean {
    if (!this.crInformer.hasSynced()) return false;
    if (this.crd.entry.ignoreStatusPatch === true) return this.crInformer.list().every((cr) => !this.failing.has(keyOf(cr.metadata.namespace, cr.metadata.name)));
    return this.crInformer.list().every(isReady);
  }

  /**
   * While dependencies are unmet: run the workers in reporting mode, so every CR says what it
   * waits for. A changed message (another dependency now pending) is written to every CR again.
   */
  reportWaitingFor(unmet: readonly string[]): void {
    if (this.state !== 'waiting') return;
    const message = `waiting for ${unmet.join(', ')}`;
    if (message === this.waitingMessage) return;
    this.waitingMessage = message;
    this.runWorkers();
    this.requeueAll();
  }

  /** Dependencies are met: reconcile for real from now on, starting with every CR. */
  startWorkers(): void {
    if (this.state !== 'waiting') return;
    this.state = 'started';
    this.stats.started();
    this.runWorkers();
    if (this.waitingMessage !== undefined) this.requeueAll();
    this.logger.info('workers started', { crd: this.crd.name, workers: this.workerCount });
  }

  /** Workers this CRD runs (autoscale may lower how many reconcile at once). */
  get workerCount(): number {
    return this.maxWorkers ?? this.crd.entry.operatorBox?.reconciler?.workers ?? DEFAULT_WORKERS;
  }

  private runWorkers(): void {
    if (this.workers) return;
    const failureThreshold = giveUpAfter(this.crd.entry.operatorBox?.reconciler?.queue?.failureThreshold, this.settings.retryBackoff?.maxAttempts);
    const limiter = (this.limiter ??= new ReconcileLimiter(this.workerCount));
    const reconcile = (key: string) => limiter.run(() => this.reconcile(key));
    const instrumented = this.metrics ? this.metrics.instrumentReconcile(this.crd.name, reconcile, { maxConcurrentReconciles: this.workerCount, isTerminal, isPanic }) : reconcile;
    const about = (key: string, err: unknown) => ({ crd: this.crd.name, key, reconcileID: this.reconcileIds.get(key), err: describe(err) });
    this.workers = runWorkers(this.queue, this.workerCount, instrumented, {
      ...(failureThreshold ? { failureThreshold } : {}),
      isTerminal,
      onTerminal: (key, err) => this.logger.error('reconcile failed and is not retried until the next change or resync', about(key, err)),
      onError: (key, err, failures) => {
        if (isPanic(err)) this.logger.error('observed a panic in reconcile; retrying', { ...about(key, err), failures, stack: stackOf(err) });
        else this.logger.warn('reconcile failed', { ...about(key, err), failures });
      },
      onGiveUp: (key, err) => this.logger.error('reconcile given up until the next change or resync', about(key, err)),
    });
  }

  private requeueAll(): void {
    for (const cr of this.crInformer.list()) this.queue.add(keyOf(cr.metadata.namespace, cr.metadata.name));
  }

  async stop(): Promise<void> {
    if (this.state === 'stopped') return;
    this.state = 'stopped';
    await this.queue.shutDownWithDrain(DRAIN_TIMEOUT_MS);
    await this.workers;
    this.unwatchQueue?.();
  }

  /** rollBackOnError: after enough failures in a row, the CR is marked rolled back (reconcile/rollback.ts). */
  private async rollBackAfter(key: string): Promise<void> {
    const failedAt = [...(this.failedAt.get(key) ?? []), this.deps.clock.now().getTime()].slice(-(rollbackThreshold(this.crd.entry) ?? 1));
    this.failedAt.set(key, failedAt);
    try {
      const failures = await markRolledBack(this.deps, this.crd, splitKey(key), failedAt);
      if (failures !== undefined) this.logger.warn('rolled back to the last good spec', { crd: this.crd.name, key, failures });
    } catch (e) {
      this.logger.warn('cannot mark the CR rolled back; retried with its next failure', { crd: this.crd.name, key, err: describe(e) });
    }
  }

  /** The key's CR left the cache carrying our finalizer: it stopped matching the entry's selectors. */
  private leftSelection(key: string): boolean {
    if (!this.deselected.has(key)) return false;
    // Back in the cache: it matches again and is reconciled as any other.
    if (this.crInformer.get(key) === undefined) return true;
    this.deselected.delete(key);
    return false;
  }

  private reconcile(key: string) {
    // One reconcile runs per key at a time, so the key's latest id is the one its log lines name.
    const reconcileID = newReconcileId();
    this.reconcileIds.set(key, reconcileID);
    return inReconcile(reconcileID, async () => {
      const waiting = this.state === 'waiting' ? this.waitingMessage : undefined;
      const verdict = await this.gate.reconcileVerdict(key);
      if (!verdict.pass && verdict.quiet) return {};
      const leaving = this.leftSelection(key);
      let result;
      try {
        result = leaving ? await releaseDeselected(this.deps, this.crd, splitKey(key))
          : waiting !== undefined ? await reportWaiting(this.deps, this.crd, splitKey(key), waiting)
            : !verdict.pass ? await reportHeld(this.deps, this.crd, splitKey(key), READY_REASONS.reconcileGated, verdict.message)
              : await reconcileCr(this.deps, this.crd, splitKey(key));
      } catch (e) {
        this.stats.failure(e);
        const failures = (this.failing.get(key) ?? 0) + 1;
        this.failing.set(key, failures);
        await this.rollBackAfter(key);
        throw e;
      }
      this.stats.success();
      this.failing.delete(key);
      this.failedAt.delete(key);
      if (leaving) this.deselected.delete(key);
      this.reconcileIds.delete(key);
      if (result.wrote > 0) this.logger.debug('reconciled', { crd: this.crd.name, key, writes: result.wrote });
      return result.requeueAfterMs === undefined ? {} : { requeueAfterMs: result.requeueAfterMs };
    });
  }
}

/** The resync period of an entry in milliseconds (validated as a duration by the schema). */
export function resyncMsOf(crd: CrdTarget): number {
  return parseDuration(crd.entry.operatorBox?.reconciler?.resync ?? DEFAULT_RESYNC) ?? parseDuration(DEFAULT_RESYNC)!;
}

function isReady(cr: KubeObject): boolean {
  const conditions = (cr.status as { conditions?: { type?: string; status?: string }[] } | undefined)?.conditions ?? [];
  return conditions.some((c) => c.type === 'Ready' && c.status === 'True');
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function stackOf(err: unknown): string | undefined {
  return err instanceof Error ? err.stack : undefined;
}
