// One kind's informer: list everything, cache it, watch from the list's resourceVersion and keep
// the cache current, telling handlers what changed. It never gives up: a 410 relists (diffing old
// and new so handlers see only real changes), any other failure restarts with capped backoff —
// where client-node's cache would stop. It only reads from the API; handlers decide what to do.
import type { ApiResource, KubeClient, KubeObject, WatchEvent } from '../../shared/kube/index.js';
import { isKubeError, KubeError } from '../../shared/kube/index.js';
import { backoffDelay, type BackoffPolicy } from './backoff.js';
import type { Clock, Timer } from './clock.js';
import { compactForCache, intern } from './compact.js';
import { objectKey } from './keys.js';

/** Synchronous callbacks; they must not block (typically: map to keys and add to a queue). */
export interface InformerHandlers {
  add?(obj: KubeObject): void;
  /** Also called by the periodic resync, with the same object twice (`oldObj === newObj`). */
  update?(oldObj: KubeObject, newObj: KubeObject): void;
  delete?(obj: KubeObject): void;
}

export type InformerPhase = 'list' | 'watch' | 'handler';

export interface InformerOptions {
  client: KubeClient;
  resource: ApiResource;
  clock: Clock;
  namespace?: string;
  labelSelector?: string;
  /** `field=value,…` (server-side; CRs serve metadata.name and metadata.namespace). */
  fieldSelector?: string;
  /**
   * Cache only each object's metadata (PartialObjectMetadata list and watch): objects are
   * `{ apiVersion, kind, metadata }`. For knowing which names exist at a fraction of the memory.
   */
  metadataOnly?: boolean;
  /** Every resyncMs, update(obj, obj) for each cached object; 0 or absent: no resync. */
  resyncMs?: number;
  /**
   * Applied to every object before it is cached; default compactForCache(): metadata.managedFields
   * dropped and strings interned (compact.ts); null keeps objects whole.
   */
  transform?: ((obj: KubeObject) => KubeObject) | null;
  /** Restart delays after failures; default 1 s doubling to 30 s, +10 % jitter. */
  backoff?: BackoffPolicy;
  random?: () => number;
  /** Server-side watch timeout; the watch is then re-opened from the last resourceVersion. */
  watchTimeoutSeconds?: number;
  /** Page size of the list. */
  pageSize?: number;
  /** Failures, for logging: the informer recovers by itself (retryInMs says when it tries again). */
  onError?: (err: unknown, context: { phase: InformerPhase; retryInMs?: number }) => void;
}

export const DEFAULT_INFORMER_BACKOFF: BackoffPolicy = { baseMs: 1000, capMs: 30_000, jitter: 0.1 };
export const DEFAULT_WATCH_TIMEOUT_SECONDS = 300;
/** A watch the server has not ended this long after its own timeout is presumed dead. */
export const WATCH_STALL_GRACE_MS = 30_000;
/** A watch ending sooner than this without a single event counts as a failure (backs off). */
export const MIN_HEALTHY_WATCH_MS = 1000;

/** The default transform: managedFields are often the larger half of an object and never read. */
export function stripManagedFields(obj: KubeObject): KubeObject {
  if (!('managedFields' in obj.metadata)) return obj;
  const { managedFields: _dropped, ...metadata } = obj.metadata;
  return { ...obj, metadata: metadata as KubeObject['metadata'] };
}

type WatchOutcome = 'gone' | 'ended' | 'stalled';

export class Informer {
  private readonly options: InformerOptions;
  private readonly transform: (obj: KubeObject) => KubeObject;
  private cache = new Map<string, KubeObject>();
  private resourceVersion = '';
  private readonly handlers = new Set<InformerHandlers>();
  private synced = false;
  private readonly syncWaiters = new Set<(synced: boolean) => void>();
  private readonly stopController = new AbortController();
  private stopped = false;
  private running: Promise<void> | undefined;
  private resyncTimer: Timer | undefined;
  /** Set by setResyncMs (autoscale); else options.resyncMs. */
  private resyncOverrideMs: number | undefined;
  /** Events the current (or last) watch delivered: a watch that made progress resets the backoff. */
  private watchEvents = 0;

  constructor(options: InformerOptions) {
    this.options = options;
    this.transform = options.transform === null ? (o) => o : (options.transform ?? compactForCache());
  }

  /**
   * Registers handlers; returns a function that removes them. Handlers added after the sync get
   * an add for every cached object first, so late subscribers miss nothing.
   */
  addHandlers(handlers: InformerHandlers): () => void {
    this.handlers.add(handlers);
    if (this.synced) for (const obj of this.cache.values()) this.call(handlers, 'add', obj);
    return () => this.handlers.delete(handlers);
  }

  /** Starts listing and watching; calling it again does nothing. */
  start(): void {
    if (this.running || this.stopped) return;
    this.running = this.run();
  }

  /** Ends the watch, every timer and sleep; resolves once the loop has exited. */
  async stop(): Promise<void> {
    if (this.stopped) {
      await this.running;
      return;
    }
    this.stopped = true;
    this.stopController.abort();
    this.resyncTimer?.cancel();
    this.resyncTimer = undefined;
    for (const wake of this.syncWaiters) wake(false);
    this.syncWaiters.clear();
    await this.running;
  }

  hasSynced(): boolean {
    return this.synced;
  }

  /** True once the first list has been cached; false if the informer stops or the signal aborts first. */
  waitForSync(signal?: AbortSignal): Promise<boolean> {
    if (this.synced) return Promise.resolve(true);
    if (this.stopped || signal?.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const onAbort = (): void => {
        this.syncWaiters.delete(finish);
        resolve(false);
      };
      const finish = (synced: boolean): void => {
        signal?.removeEventListener('abort', onAbort);
        resolve(synced);
      };
      this.syncWaiters.add(finish);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  get(key: string): KubeObject | undefined {
    return this.cache.get(key);
  }

  /** The kind this informer caches. */
  get resource(): ApiResource {
    return this.options.resource;
  }

  list(): KubeObject[] {
    return [...this.cache.values()];
  }

  /** How many objects the cache holds (no copy). */
  get size(): number {
    return this.cache.size;
  }

  /** Where the next watch starts. */
  lastResourceVersion(): string {
    return this.resourceVersion;
  }

  private async run(): Promise<void> {
    const policy = this.options.backoff ?? DEFAULT_INFORMER_BACKOFF;
    // Consecutive rounds without progress; progress is a watch that delivered events or stayed
    // open a while. A successful list alone is not: list → expired watch → list must back off.
    let failures = 0;
    let needList = true;
    while (!this.stopped) {
      let phase: InformerPhase = needList ? 'list' : 'watch';
      let listedNow = false;
      this.watchEvents = 0;
      try {
        if (needList) {
          await this.relist();
          if (this.stopped) return;
          needList = false;
          listedNow = true;
        }
        phase = 'watch';
        const started = this.options.clock.now();
        const outcome = await this.watchOnce();
        if (this.stopped) return;
        const healthy = this.watchEvents > 0 || this.options.clock.now() - started >= MIN_HEALTHY_WATCH_MS;
        if (healthy) failures = 0;
        if (outcome === 'gone') throw new KubeError(410, 'Expired', 'the watch resourceVersion is too old');
        if (!healthy) throw new KubeError(0, 'WatchEndedAtOnce', 'the watch ended as soon as it was opened');
      } catch (err) {
        if (this.stopped) return;
        if (this.watchEvents > 0) failures = 0;
        if (isKubeError(err, 410)) {
          needList = true;
          // Expired right after a fresh list means something is wrong: do not relist in a tight loop.
          if (!listedNow || this.watchEvents > 0) continue;
        }
        const delay = backoffDelay(policy, failures++, this.options.random);
        this.report(err, { phase, retryInMs: delay });
        await this.options.clock.sleep(delay, this.stopController.signal);
      }
    }
  }

  /** Lists every page and replaces the cache, telling handlers only what differs. */
  private async relist(): Promise<void> {
    const { client, resource, namespace, labelSelector, fieldSelector, pageSize, metadataOnly } = this.options;
    const pending = client.list(resource, { namespace, labelSelector, ...(fieldSelector ? { fieldSelector } : {}), limit: pageSize ?? 500, ...(metadataOnly ? { metadataOnly } : {}) });
    // The port's list takes no signal: on stop, abandon it rather than wait for it.
    pending.catch(() => undefined);
    let onStop: (() => void) | undefined;
    const stopped = new Promise<undefined>((resolve) => {
      onStop = () => resolve(undefined);
      this.stopController.signal.addEventListener('abort', onStop, { once: true });
    });
    let list;
    try {
      list = await Promise.race([pending, stopped]);
    } finally {
      this.stopController.signal.removeEventListener('abort', onStop!);
    }
    if (!list || this.stopped) return;
    const next = new Map<string, KubeObject>();
    for (const item of list.items) {
      const obj = this.transform(item);
      // Keys are built by concatenation: interned, each is one flat string shared with the queue's.
      next.set(intern(objectKey(obj)), obj);
    }
    const previous = this.cache;
    this.cache = next;
    this.resourceVersion = list.resourceVersion;
    for (const [key, obj] of next) {
      const old = previous.get(key);
      if (!old) this.emit('add', obj);
      else if (old.metadata.resourceVersion !== obj.metadata.resourceVersion) this.emit('update', old, obj);
    }
    for (const [key, old] of previous) if (!next.has(key)) this.emit('delete', old);
    if (!this.synced) {
      this.synced = true;
      for (const wake of this.syncWaiters) wake(true);
      this.syncWaiters.clear();
      this.armResync();
    }
  }

  private async watchOnce(): Promise<WatchOutcome> {
    const { client, resource, namespace, labelSelector, fieldSelector, clock, metadataOnly } = this.options;
    const timeoutSeconds = this.options.watchTimeoutSeconds ?? DEFAULT_WATCH_TIMEOUT_SECONDS;
    const watch = new AbortController();
    const onStop = (): void => watch.abort();
    this.stopController.signal.addEventListener('abort', onStop, { once: true });
    let outcome: WatchOutcome = 'ended';
    let failure: KubeError | undefined;
    const watchdog = clock.setTimer(timeoutSeconds * 1000 + WATCH_STALL_GRACE_MS, () => {
      outcome = 'stalled';
      watch.abort();
    });
    const onEvent = (event: WatchEvent): void => {
      if (watch.signal.aborted) return;
      if (event.type === 'ERROR') {
        if (event.status.code === 410) outcome = 'gone';
        else failure = new KubeError(event.status.code ?? 500, event.status.reason ?? 'WatchError', event.status.message ?? 'the watch reported an error');
        watch.abort();
        return;
      }
      this.watchEvents++;
      this.apply(event);
    };
    try {
      await client.watch(
        resource,
        { namespace, labelSelector, ...(fieldSelector ? { fieldSelector } : {}), resourceVersion: this.resourceVersion, timeoutSeconds, allowWatchBookmarks: true, ...(metadataOnly ? { metadataOnly } : {}) },
        onEvent,
        watch.signal,
      );
    } catch (err) {
      // Once we aborted the watch ourselves, how the client ends it does not matter.
      if (!watch.signal.aborted) throw err;
    } finally {
      watchdog.cancel();
      this.stopController.signal.removeEventListener('abort', onStop);
    }
    if (failure) throw failure;
    return outcome;
  }

  private apply(event: Exclude<WatchEvent, { type: 'ERROR' }>): void {
    const rv = event.object?.metadata?.resourceVersion;
    if (event.type === 'BOOKMARK') {
      if (rv) this.resourceVersion = rv;
      return;
    }
    const obj = this.transform(event.object);
    const key = objectKey(obj);
    const old = this.cache.get(key);
    if (event.type === 'DELETED') {
      this.cache.delete(key);
      this.emit('delete', obj);
    } else {
      if (old) this.cache.set(key, obj);
      else this.cache.set(intern(key), obj);
      if (old) this.emit('update', old, obj);
      else this.emit('add', obj);
    }
    if (rv) this.resourceVersion = rv;
  }

  /** A new resync period from now on (autoscale); 0: none. The next resync is `ms` away. */
  setResyncMs(ms: number): void {
    this.resyncOverrideMs = ms;
    this.resyncTimer?.cancel();
    this.resyncTimer = undefined;
    if (this.synced) this.armResync();
  }

  private armResync(): void {
    const every = this.resyncOverrideMs ?? this.options.resyncMs ?? 0;
    if (!(every > 0) || this.stopped) return;
    this.resyncTimer = this.options.clock.setTimer(every, () => {
      for (const obj of [...this.cache.values()]) this.emit('update', obj, obj);
      this.armResync();
    });
  }

  private emit(kind: 'add' | 'delete', obj: KubeObject): void;
  private emit(kind: 'update', old: KubeObject, obj: KubeObject): void;
  private emit(kind: keyof InformerHandlers, a: KubeObject, b?: KubeObject): void {
    for (const h of this.handlers) this.call(h, kind, a, b);
  }

  private call(handlers: InformerHandlers, kind: keyof InformerHandlers, a: KubeObject, b?: KubeObject): void {
    try {
      if (kind === 'update') handlers.update?.(a, b!);
      else handlers[kind]?.(a);
    } catch (err) {
      // One broken handler must not stop the cache from following the server.
      this.report(err, { phase: 'handler' });
    }
  }

  private report(err: unknown, context: { phase: InformerPhase; retryInMs?: number }): void {
    try {
      this.options.onError?.(err, context);
    } catch {
      // a failing log sink is not the informer's failure
    }
  }
}
