// One reconcile's working state: its ports, the CRD it serves, and the counts it reports (API
// writes, Events). Shared by the live path and the delete path.
import type { Notice } from '../../shared/notify/notices.js';
import type { PauseBook } from './pause-book.js';
import type { ApiTypes, CrdEntry, UserNote } from '../../shared/katalog/types.js';
import { conditionClock, type ConditionClock, type RenderOptions, type RenderBudgetOptions } from '../../shared/render/index.js';
import { timeRequeueMs } from './time-requeue.js';
import type { ApiResource, KubeClient, KubeObject } from '../../shared/kube/index.js';
import { eventObject, eventSuffix, type EventSpec } from './events.js';
import type { ObjectReader } from './reader.js';

/** Where Events go; kubeEventSink posts them to the API server. */
export interface EventSink {
  emit(event: KubeObject): Promise<void>;
}

export interface ReconcileDeps {
  kube: KubeClient;
  cache: ObjectReader;
  clock: { now(): Date };
  /** Field manager of every write; `orkestra`. */
  fieldManager: string;
  /** The Katalog's metadata.name (stamped on children as a label). */
  katalogName: string;
  /** The Katalog's user notes (notes.functions), callable in every template. */
  notes?: readonly UserNote[];
  /** Default: Events are created through `kube` (kubeEventSink). */
  events?: EventSink;
  /** Randomness for `randomAlphanumeric` in templates and Event names; default Math.random. */
  random?: () => number;
  /** The work one render may do; default LIMITS.renderSteps and renderDeadlineMs on performance.now. */
  renderBudget?: RenderBudgetOptions;
  /**
   * Template data read before rendering a CR (`.cross`, controller/cross/; `.external`, the phase
   * blocks' calls: onCreate and onReconcile's for `live`, onDelete's for `delete`); absent or
   * undefined: none. Rendering itself stays pure.
   * @throws OrkError EXTERNAL_CALL_FAILED when a call fails without continueOnError.
   */
  renderContext?: (crd: CrdTarget, cr: KubeObject, stage?: 'live' | 'delete') => Promise<Record<string, unknown> | undefined>;
  /**
   * Told after each reconcile which objects the CR copies (fromSecret/fromConfigMap, as
   * `v1|Kind|namespace|name`; empty when none or the CR is gone), so their changes can queue it.
   */
  sourcesRead?: (crdName: string, namespace: string | undefined, name: string, sources: readonly string[]) => void;
  /** Problems worth a log line that do not fail the reconcile (an Event that could not be posted). */
  warn?: (message: string) => void;
  /** The pauses children's `sleep` started (pause-book.ts); absent: a pause lasts until the next event. */
  pauses?: PauseBook;
  /** Told the held `notify:` conditions of each reconcile (controller/notify); absent: no alerts. */
  notify?: (crdName: string, cr: { namespace?: string; name: string }, notices: readonly Notice[]) => Promise<void>;
  /** The CRs of a CRD as the cache holds them, for `unique` conditions; absent: unique passes. */
  peers?: (crdName: string) => readonly KubeObject[];
}

export interface CrdTarget {
  /** The entry's key under spec.crds. */
  name: string;
  entry: CrdEntry;
  apiTypes: ApiTypes;
}

export interface CrKey {
  namespace?: string;
  name: string;
}

export interface ReconcileResult {
  /** Ask the engine to reconcile this key again after this long (no error, nothing failed). */
  requeueAfterMs?: number;
  /** Writes made to objects (children, the CR, its status); Events are counted apart. */
  wrote: number;
  /** Events posted. */
  events: number;
}

export function kubeEventSink(kube: KubeClient): EventSink {
  return { emit: async (event) => { await kube.create(event); } };
}

export class Run {
  wrote = 0;
  events = 0;
  readonly random: () => number;
  /** The instant every time condition of this reconcile reads, and their next change (time-requeue.ts). */
  readonly conditions: ConditionClock;
  private readonly sink: EventSink;

  constructor(readonly deps: ReconcileDeps, readonly crd: CrdTarget) {
    this.random = deps.random ?? Math.random;
    this.sink = deps.events ?? kubeEventSink(deps.kube);
    this.conditions = conditionClock(deps.clock.now().getTime());
  }

  get crApiVersion(): string {
    const { group, version } = this.crd.apiTypes;
    return group ? `${group}/${version}` : version;
  }

  /** Options of every render in this reconcile (live and delete path alike). */
  get renderOptions(): RenderOptions {
    return { random: this.random, budget: this.deps.renderBudget ?? { now: () => performance.now() }, clock: this.conditions };
  }

  crResource(): Promise<ApiResource> {
    return this.deps.kube.resourceFor(this.crApiVersion, this.crd.apiTypes.kind);
  }

  /** Posts Events; a failed post is logged, never fails the reconcile. */
  async emit(cr: KubeObject, specs: readonly EventSpec[]): Promise<void> {
    for (const spec of specs) {
      try {
        const now = this.deps.clock.now();
        await this.sink.emit(eventObject(cr, spec, now, eventSuffix(now, this.random)));
        this.events++;
      } catch (e) {
        this.deps.warn?.(`cannot post Event ${spec.reason} for ${cr.kind} ${cr.metadata.namespace ?? ''}/${cr.metadata.name}: ${(e as Error).message}`);
      }
    }
  }

  /** When to reconcile again because a time condition this reconcile read can change then. */
  timeRequeueMs(): number | undefined {
    return timeRequeueMs(this.conditions);
  }

  result(requeueAfterMs?: number): ReconcileResult {
    return requeueAfterMs === undefined ? { wrote: this.wrote, events: this.events } : { requeueAfterMs, wrote: this.wrote, events: this.events };
  }
}
