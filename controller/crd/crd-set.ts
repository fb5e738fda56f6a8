// The CRD controllers of one bundle and the informers they read: one CrdController and one CR
// informer per CRD, the shared child-kind informers, and the CacheReader over all of them. Built
// after the CRDs are applied (their resources must be served); started by the units in units.ts.
import type { Logger } from '../../shared/log.js';
import type { BundlePayload } from '../../shared/bundle/payload.js';
import type { RenderBudgetOptions } from '../../shared/render/index.js';
import type { KubeClient } from '../../shared/kube/index.js';
import { Informer, type Clock } from '../engine/index.js';
import type { ControllerMetrics } from '../observe/index.js';
import { PauseBook, type CrdTarget, type ReconcileDeps } from '../reconcile/index.js';
import { servedKind } from '../startup/crds.js';
import { CacheReader } from './cache-reader.js';
import { watchChildKinds } from './child-watch.js';
import { SourceIndex } from './source-index.js';
import { CrdController, resyncMsOf } from './crd-controller.js';
import { watchObserved } from './observe-watch.js';
import { watchEvents } from './observe-events.js';
import { autoscalersFor } from './autoscale-wiring.js';
import type { Autoscaler } from '../autoscale/index.js';
import { gatherCross, RemoteReader } from '../cross/index.js';
import { crSelectorsOf } from '../../shared/katalog/cr-selectors.js';
import { ExternalRunner } from '../external/index.js';
import { phaseCalls, phaseExternal } from './phase-external.js';
import { readNotification } from '../../shared/notify/config.js';
import { Notifier } from '../notify/notifier.js';

export interface CrdSetContext {
  kube: KubeClient;
  clock: Clock;
  logger: Logger;
  fieldManager: string;
  metrics?: ControllerMetrics;
  /** The per-CR render budget (startup/render-budget.ts); absent: the defaults. */
  renderBudget?: RenderBudgetOptions;
  /** The environment `cross` tokens and `external` credentials written `$NAME` read; default none. */
  env?: Record<string, string | undefined>;
}

export class CrdSet {
  readonly controllers = new Map<string, CrdController>();
  readonly informers: Informer[] = [];
  /** One per CRD that declares autoscale; started and stopped with the workers (units.ts). */
  autoscalers: Autoscaler[] = [];
  /** Set once every informer has synced (readiness). */
  synced = false;

  constructor(private readonly payload: BundlePayload, private readonly context: CrdSetContext) {}

  /** Creates the informers and controllers (discovery calls only; nothing is watched yet). */
  async wire(): Promise<void> {
    const { kube, clock, logger, metrics } = this.context;
    const katalogName = this.payload.katalog.metadata.name;
    const reader = new CacheReader(kube);
    const sources = new SourceIndex();
    const deps: ReconcileDeps = {
      kube,
      cache: reader,
      clock: { now: () => new Date(clock.now()) },
      fieldManager: this.context.fieldManager,
      katalogName,
      ...(this.payload.katalog.notes?.functions ? { notes: this.payload.katalog.notes.functions } : {}),
      ...(this.context.renderBudget ? { renderBudget: this.context.renderBudget } : {}),
      warn: (message) => logger.warn('reconcile warning', { detail: message }),
      sourcesRead: (crdName, namespace, name, read) => sources.record(crdName, namespace, name, read),
      pauses: new PauseBook(), ...notifyOf(this.payload, this.context), peers: (crdName) => this.controllers.get(crdName)?.crInformer.list() ?? [],
      renderContext: async (crd, cr, stage = 'live') => {
        const calls = phases.get(crd.name)?.[stage] ?? [];
        if (stage === 'delete' && calls.length === 0) return undefined;
        const cross = await gatherCross(crd.entry, cr, crossTargets, remote);
        const controller = this.controllers.get(crd.name);
        const data = { ...cross, ...(controller ? { metrics: controller.runtimeMetrics() } : {}) };
        return { ...data, ...(await phaseExternal(runner, crd.name, calls, cr, data)) };
      },
    };
    const remote = new RemoteReader({ env: this.context.env ?? {}, kube, now: () => clock.now(), warn: (m, f) => logger.warn(m, f) });
    const runner = new ExternalRunner({ env: this.context.env ?? {}, kube, now: () => clock.now(), warn: (m, f) => logger.warn(m, f), ...(metrics ? { observe: metrics.external.record } : {}) });
    const phases = new Map<string, ReturnType<typeof phaseCalls>>();
    const crossTargets = {
      entries: () => [...this.controllers].map(([name, c]) => [name, c.crd.entry] as [string, typeof c.crd.entry]),
      crs: (name: string) => this.controllers.get(name)?.crInformer.list() ?? [],
    };
    const targets = crdTargets(this.payload);
    metrics?.declareCrds(targets.map((t) => t.name));
    metrics?.setCrdHealthSource(() => [...this.controllers].map(([name, c]) => [name, c.healthy()] as const));
    for (const crd of targets) {
      const apiVersion = crd.apiTypes.group ? `${crd.apiTypes.group}/${crd.apiTypes.version}` : crd.apiTypes.version;
      const selectors = crSelectorsOf(crd.name, crd.entry);
      const resource = await servedKind(kube, crd.apiTypes, crd.name);
      const informer = new Informer({
        client: kube,
        resource,
        clock,
        resyncMs: resyncMsOf(crd),
        ...(crd.entry.namespace ? { namespace: crd.entry.namespace } : {}),
        ...(selectors.labelSelector ? { labelSelector: selectors.labelSelector } : {}),
        ...(selectors.fieldSelector ? { fieldSelector: selectors.fieldSelector } : {}),
        onError: (err, c) => logger.warn('cr informer error', { crd: crd.name, phase: c.phase, retryInMs: c.retryInMs, err: String(err) }),
      });
      this.informers.push(informer);
      // A narrowed CR informer does not hold every object of the kind: secondary watches get their own.
      reader.watchCrs(apiVersion, crd.apiTypes.kind, informer, { everyObject: !crd.entry.namespace && !selectors.labelSelector && !selectors.fieldSelector, crd: { name: crd.name, namespaced: crd.apiTypes.scope !== 'Cluster' } });
      phases.set(crd.name, phaseCalls(crd.name, crd.entry));
      this.controllers.set(crd.name, new CrdController(crd, informer, deps, logger, clock, metrics, runner));
    }
    await watchChildKinds(kube, targets, this.controllers, reader, this.informers, { clock, logger, katalogName, sources });
    await watchObserved(kube, this.controllers, reader, this.informers, { clock, logger });
    await watchEvents(kube, this.controllers, this.informers, { clock, logger });
    this.autoscalers = autoscalersFor(this.controllers.values(), { clock, logger, ...(metrics ? { metrics } : {}) });
  }
}

/** Alerts of `notify:` conditions, when the Katalog declares an enabled notification block. */
function notifyOf(payload: BundlePayload, context: CrdSetContext): Pick<ReconcileDeps, 'notify'> {
  const config = readNotification((payload.katalog as { notification?: unknown }).notification);
  if (!config?.enabled || config.teams.size === 0) return {};
  const { logger, clock } = context;
  const notifier = new Notifier({
    config,
    katalogName: payload.katalog.metadata.name,
    env: context.env ?? {},
    now: () => clock.now(),
    ...(payload.katalog.notes?.functions ? { notes: payload.katalog.notes.functions } : {}),
    warn: (m, f) => logger.warn(m, f),
    info: (m, f) => logger.info(m, f),
  });
  return { notify: (crdName, cr, notices) => notifier.notify(crdName, cr, notices).catch((e) => {
    logger.warn('notification failed', { err: String(e) });
  }) };
}

export function crdTargets(payload: BundlePayload): CrdTarget[] {
  return Object.entries(payload.katalog.spec.crds).map(([name, entry]) => ({ name, entry, apiTypes: entry.apiTypes! }));
}
