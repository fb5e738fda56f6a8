// Reconciles one CR, level-based: reads it from the cache, renders what it declares, brings the
// children to that shape (apply / create-if-absent / prune), then records the outcome in status
// and Events — writing nothing when everything already matches. Talks to the cluster only
// through the ports in ReconcileDeps; decisions live in the pure modules beside it.
import { isOrkError, OrkError, describeError, type Issue } from '../../shared/errors.js';
import type { Notice } from '../../shared/notify/notices.js';
import { childrenContext, renderDesired, renderStatus, statusReadsChildren, type DesiredChild, type KubeObject as RenderObject, type RenderResult } from '../../shared/render/index.js';
import { isKubeError, type KubeObject } from '../../shared/kube/index.js';
import { crSelected, crSelectorsOf } from '../../shared/katalog/cr-selectors.js';
import { availability } from './availability.js';
import { guardMessage } from './namespace-guard.js';
import { findCondition, READY, READY_REASONS, RENDER_FAILURES } from './conditions.js';
import { reconcileDeletion } from './deletion.js';
import { actionEvents, readyEvents } from './events.js';
import { describeAction, executePaced, type Executed } from './execute.js';
import { pacedOutcome } from './paused.js';
import { cleanupNeeded } from './finalizer.js';
import { finalizersPatch } from './go-runtime.js';
import { planChildren, type ChildAction } from './plan.js';
import { describeRef, refKey, refOf } from './refs.js';
import { copiedSources, resolveSources, type Resolved } from './sources.js';
import { Run, type CrdTarget, type CrKey, type ReconcileDeps, type ReconcileResult } from './run.js';
import { declaredStatusPaths, desiredStatus, statusPatch, type Outcome } from './status.js';
import { writeStatus } from './status-write.js';
import { requeueAfterOf } from './requeue-after.js';
import { boxConditionsUnmet } from './box-conditions.js';
import { renderingOf, type LastGood } from './rollback.js';
import { keepGoodSpec } from './rollback-mark.js';
import { enrichedChildren } from './enriched-children.js';
import { CHILD_CONFLICT_REQUEUE_MS, CONFLICT_REQUEUE_MS, SOURCE_REQUEUE_MS, TERMINATING_REQUEUE_MS } from './requeue.js';

export * from './requeue.js';
export { kubeEventSink, type CrdTarget, type CrKey, type EventSink, type ReconcileDeps, type ReconcileResult } from './run.js';

/**
 * Brings one CR's children and status to what its CRD entry declares.
 * @throws KubeError from the API server (the engine backs off), after recording an apply failure
 *   on the CR's Ready condition; OrkError CLEANUP_FAILED when an onDelete Job failed.
 */
export async function reconcileCr(deps: ReconcileDeps, crd: CrdTarget, key: CrKey): Promise<ReconcileResult> {
  const run = new Run(deps, crd);
  const namespace = crd.apiTypes.scope === 'Cluster' ? undefined : key.namespace;
  const cr = await readCr(run, namespace, key.name);
  if (cr === undefined || cr.metadata.deletionTimestamp) deps.sourcesRead?.(crd.name, namespace, key.name, []);
  if (cr === undefined) return run.result();
  if (cr.metadata.deletionTimestamp) return reconcileDeletion(run, cr);
  return reconcileLive(run, cr);
}

/**
 * For the engine while a `dependsOn` CRD is not started/healthy yet: records Ready=False with
 * reason WaitingForDependency (once; repeated calls write nothing) and touches no child. A CR
 * being deleted still goes through the delete path.
 */
export async function reportWaiting(deps: ReconcileDeps, crd: CrdTarget, key: CrKey, message: string): Promise<ReconcileResult> {
  const run = new Run(deps, crd);
  const namespace = crd.apiTypes.scope === 'Cluster' ? undefined : key.namespace;
  const cr = await readCr(run, namespace, key.name);
  if (cr === undefined) return run.result();
  if (cr.metadata.deletionTimestamp) return reconcileDeletion(run, cr);
  const ready: Outcome = { type: READY, status: 'False', reason: READY_REASONS.waitingForDependency, message };
  return finish(run, cr, { ready, fields: undefined, done: [], children: undefined });
}

/** The CR, or undefined when it is gone or outside the entry's labelSelector/fieldSelector (not ours). */
async function readCr(run: Run, namespace: string | undefined, name: string): Promise<KubeObject | undefined> {
  const cr = await run.deps.cache.get(run.crApiVersion, run.crd.apiTypes.kind, namespace, name);
  return cr !== undefined && crSelected(cr, crSelectorsOf(run.crd.name, run.crd.entry)) ? cr : undefined;
}

async function reconcileLive(run: Run, cr: KubeObject): Promise<ReconcileResult> {
  const { deps, crd } = run;
  const fenced = guardMessage(crd.entry, cr.metadata.namespace, []);
  if (fenced) return finish(run, cr, { ready: { type: READY, status: 'False', reason: READY_REASONS.namespaceNotAllowed, message: fenced }, fields: undefined, done: [], children: undefined });
  const unmet = boxConditionsUnmet(crd.entry, cr, run.conditions);
  if (unmet) return finish(run, cr, { ready: { type: READY, status: 'False', reason: READY_REASONS.conditionsNotMet, message: unmet }, fields: undefined, done: [], children: undefined }, run.timeRequeueMs());
  const context = await liveContext(run, cr);
  // Rolled back (rollback.ts): onRollback's children (`.previous`), else the last good spec's.
  const { back, explicit, source, entry, data } = renderingOf(crd.entry, cr, context);
  let rendered: RenderResult;
  try {
    rendered = renderDesired({ crdName: crd.name, entry, cr: source as RenderObject, katalogName: deps.katalogName, ...(deps.notes ? { notes: deps.notes } : {}), options: run.renderOptions, ...(data ? { context: data } : {}), ...(deps.peers ? { peers: () => deps.peers!(crd.name) as RenderObject[] } : {}) });
  } catch (e) {
    const ready = renderFailure(e);
    // Nothing is applied or pruned for a CR we cannot render: its children stay as they are.
    return finish(run, cr, { ready, fields: undefined, done: [], children: undefined }, run.timeRequeueMs());
  }
  logSkipped(run, skippedOfRender(crd.entry, rendered));
  const outside = guardMessage(crd.entry, undefined, rendered.children.map((c) => c.object.metadata.namespace));
  if (outside) return finish(run, cr, { ready: { type: READY, status: 'False', reason: READY_REASONS.namespaceNotAllowed, message: outside }, fields: undefined, done: [], children: undefined });

  let current = cr;
  const finalizers = finalizersPatch(cr.metadata, crd.entry, cleanupNeeded(crd.entry, rendered.children));
  if (finalizers !== undefined) {
    const resource = await run.crResource();
    try {
      current = await deps.kube.patch(resource, resource.namespaced ? cr.metadata.namespace : undefined, cr.metadata.name, finalizers, 'json', { fieldManager: deps.fieldManager });
      run.wrote++;
    } catch (e) {
      // 409 / 422: the finalizers or resourceVersion moved since we read them. 404: gone.
      if (isKubeError(e, 409) || isKubeError(e, 422)) return run.result(CONFLICT_REQUEUE_MS);
      if (isKubeError(e, 404)) return run.result();
      throw e;
    }
  }
  const live = new Map<string, KubeObject | undefined>();
  for (const child of rendered.children) {
    const ref = refOf(child.object);
    live.set(refKey(ref), await deps.cache.get(ref.apiVersion, ref.kind, ref.namespace, ref.name));
  }
  deps.sourcesRead?.(crd.name, cr.metadata.namespace, cr.metadata.name, copiedSources(rendered.children));
  const resolved = await resolveSources({ children: rendered.children, live: (ref) => live.get(refKey(ref)), reader: deps.cache, entry: crd.entry, now: deps.clock.now() });
  const owned = explicit ? [] : await deps.cache.listOwned(crd.name, cr);
  const actions = planChildren({ crdName: crd.name, katalogName: deps.katalogName, cr, desired: resolved.children, held: resolved.held.map((h) => h.child), live: (ref) => live.get(refKey(ref)), owned });
  const executed = await executePaced(run, actions, cr);

  // Children as they are now: what the server returned for the ones just written, else the cache.
  const now = new Map(live);
  for (const object of executed.written) now.set(refKey(refOf(object)), object);
  const children = [...now.values()].filter((o): o is KubeObject => o !== undefined);

  const observed = observedStatus(run, source, rendered, await enrichedChildren(run, source, rendered.children, children, keptChildren(rendered.children, owned, actions), data), data);
  void deps.notify?.(crd.name, cr.metadata, [...rendered.notices, ...observed.notices]); // not awaited: a slow webhook never holds a reconcile
  const ready = pacedOutcome(rolledBackOutcome(cr, back, explicit !== undefined, observed.failure ?? liveOutcome(rendered.children, actions, executed, resolved.held)), executed.paused, actions);
  const requeue = [requeueFor(actions, executed), resolved.held.length > 0 ? SOURCE_REQUEUE_MS : undefined, executed.paused?.ms, ready.status === 'True' ? perObjectRequeue(run, cr) : undefined, run.timeRequeueMs()].reduce(soonest, undefined);
  const result = await finish(run, current, { ready, fields: observed.fields, done: executed.done, children }, requeue);
  if (executed.failures.length > 0) throw executed.failures[0]!.error;
  if (ready.status === 'True') await keepGoodSpec(run, current);
  return result;
}

/** The render context; when an `external` call failed, nothing is rendered: Ready says which, and the engine retries. */
async function liveContext(run: Run, cr: KubeObject): Promise<Record<string, unknown> | undefined> {
  try {
    return await run.deps.renderContext?.(run.crd, cr, 'live');
  } catch (e) {
    if (!isOrkError(e) || e.code !== 'EXTERNAL_CALL_FAILED') throw e;
    await finish(run, cr, { ready: { type: READY, status: 'False', reason: READY_REASONS.externalCallFailed, message: e.message }, fields: undefined, done: [], children: undefined });
    throw e;
  }
}

export interface Finish {
  ready: Outcome;
  /** Declared status fields; undefined when rendering failed (the live values are kept). */
  fields: Record<string, unknown> | undefined;
  done: ChildAction[];
  /** Live children for the Available condition; undefined keeps the live condition. */
  children: KubeObject[] | undefined;
}

/** Status (only when it differs), then the Events of the transitions it records. */
export async function finish(run: Run, cr: KubeObject, f: Finish, requeueAfterMs?: number): Promise<ReconcileResult> {
  const { deps, crd } = run;
  const previousReady = findCondition(cr.status, READY);
  const generation = cr.metadata.generation;
  // Child events stand on their own: those changes were made whether or not status lands.
  await run.emit(cr, actionEvents({ previousReady, generation, done: f.done }));
  if (crd.entry.ignoreStatusPatch === true) {
    // Nothing is recorded, so no transition can be told apart: a failure is reported each time.
    if (f.ready.status !== 'True') await run.emit(cr, readyEvents(undefined, f.ready));
    return run.result(requeueAfterMs);
  }
  const conditions: Outcome[] = [f.ready];
  if (crd.entry.operatorBox?.status?.conditions === true && f.children !== undefined) conditions.push(availability(f.children));
  const now = deps.clock.now();
  const outcome = await writeStatus(run, cr, (recordGeneration) => statusPatch(cr.status, desiredStatus({
    liveStatus: cr.status,
    generation,
    recordGeneration: recordGeneration && crd.entry.ignoreObservedGeneration !== true,
    conditions,
    fields: f.fields,
    declaredPaths: declaredStatusPaths(crd.entry.operatorBox?.status),
    now,
  })));
  if (outcome === 'conflict') return run.result(CONFLICT_REQUEUE_MS);
  if (outcome === 'gone') return run.result();
  // Ready events only once the condition is recorded, so a retried write does not repeat them.
  await run.emit(cr, readyEvents(previousReady, f.ready));
  return run.result(requeueAfterMs);
}

/**
 * Status fields that read `.children` are rendered again with the children as they are now (the
 * first render could not know them), enriched as the entry asks (enriched-children.ts). If that
 * fails, the live fields are kept and Ready says why.
 */
function observedStatus(run: Run, cr: KubeObject, rendered: RenderResult, { live, kept }: { live: KubeObject[]; kept: KubeObject[] }, context: Record<string, unknown> | undefined): { fields: Record<string, unknown> | undefined; failure?: Outcome; notices: Notice[] } {
  const { crd, deps } = run;
  if (!statusReadsChildren(crd.entry)) return { fields: rendered.status, notices: rendered.statusNotices };
  const input = { crdName: crd.name, entry: crd.entry, cr: cr as RenderObject, katalogName: deps.katalogName, ...(deps.notes ? { notes: deps.notes } : {}), options: run.renderOptions, ...(context ? { context } : {}) };
  const notices: Notice[] = [];
  const skipped: Issue[] = [];
  try {
    const fields = renderStatus(input, childrenContext(rendered.children, live as RenderObject[], kept as RenderObject[]), notices, skipped);
    logSkipped(run, skipped);
    return { fields, notices };
  } catch (e) {
    return { fields: undefined, failure: renderFailure(e), notices: [] };
  }
}

/** What the first render left out; status fields that read .children are rendered again after the apply (observedStatus) and logged there. */
function skippedOfRender(entry: CrdTarget['entry'], rendered: RenderResult): Issue[] {
  return statusReadsChildren(entry) ? rendered.skipped.filter((w) => !w.path.startsWith('operatorBox.status.')) : rendered.skipped;
}

/** What a render left out because it could not be evaluated (a status field, a child's condition): a log line each. */
function logSkipped(run: Run, skipped: readonly Issue[]): void {
  for (const issue of skipped) run.deps.warn?.(`${run.crd.name}: ${issue.path}: ${issue.message}`);
}

/** Children this CR owns that it did not render this time and that stay (Jobs are never pruned). */
function keptChildren(desired: readonly DesiredChild[], owned: readonly KubeObject[], actions: readonly ChildAction[]): KubeObject[] {
  const gone = new Set([
    ...desired.map((c) => refKey(refOf(c.object))),
    ...actions.flatMap((a) => (a.type === 'prune' ? [refKey(refOf(a.object))] : [])),
  ]);
  return owned.filter((o) => !gone.has(refKey(refOf(o))) && !o.metadata.deletionTimestamp);
}

/**
 * Why a CR cannot be rendered, as its Ready condition. Not retried by itself: the message is the
 * same every time, so recording it wakes nothing; the next edit or resync renders again.
 */
function renderFailure(e: unknown): Outcome {
  if (!isOrkError(e) || !RENDER_FAILURES.has(e.code)) throw e;
  const reason = e.code === 'VALIDATION_DENIED' ? READY_REASONS.validationFailed
    : e.code === 'RENDER_BUDGET_EXCEEDED' ? READY_REASONS.budgetExceeded
      : READY_REASONS.renderFailed;
  const lines = e.code === 'VALIDATION_DENIED' ? e.issues.map((i) => i.message) : describeError(e as OrkError);
  return { type: READY, status: 'False', reason, message: lines.join('; ') };
}

function liveOutcome(desired: readonly DesiredChild[], actions: readonly ChildAction[], { failures, fieldConflicts }: Executed, held: Resolved['held']): Outcome {
  if (failures.length > 0) {
    const message = failures.map((f) => `${describeAction(f.action)}: ${f.error.message}`).join('; ');
    return { type: READY, status: 'False', reason: READY_REASONS.applyFailed, message };
  }
  if (held.length > 0) {
    const message = held.map((h) => `${describeRef(refOf(h.child.object))}: ${h.message}`).join('; ');
    return { type: READY, status: 'False', reason: READY_REASONS.sourceUnavailable, message };
  }
  if (fieldConflicts.length > 0) {
    const message = fieldConflicts.map((f) => `${describeAction(f.action)}: ${f.error.message}`).join('; ');
    return { type: READY, status: 'False', reason: READY_REASONS.fieldConflict, message: `${message} (forceConflict: false leaves those fields to their manager; remove them there or set forceConflict: true)` };
  }
  const conflicts = actions.filter((a) => a.type === 'conflict');
  if (conflicts.length > 0) {
    const message = conflicts.map((a) => `${describeAction(a)} exists and is not managed by this CR; delete or rename it`).join('; ');
    return { type: READY, status: 'False', reason: READY_REASONS.childConflict, message };
  }
  const n = desired.length;
  const message = n === 0 ? 'no children declared' : `${n === 1 ? '1 child' : `${n} children`} in the declared shape`;
  return { type: READY, status: 'True', reason: READY_REASONS.reconciled, message };
}

function requeueFor(actions: readonly ChildAction[], executed: Executed): number | undefined {
  if (actions.some((a) => a.type === 'conflict') || executed.fieldConflicts.length > 0) return CHILD_CONFLICT_REQUEUE_MS;
  if (actions.some((a) => a.type === 'skip' && a.reason === 'terminating')) return TERMINATING_REQUEUE_MS;
  return undefined;
}

/** A rolled-back CR is never Ready: its children are those of an older spec. */
function rolledBackOutcome(cr: KubeObject, back: LastGood | undefined, explicit: boolean, ready: Outcome): Outcome {
  if (!back || ready.status !== 'True') return ready;
  const children = explicit ? 'the onRollback children are applied from' : 'the children are those of';
  const message = `rolled back: generation ${cr.metadata.generation} failed repeatedly; ${children} the last good spec (generation ${back.generation}); change the spec to try again`;
  return { type: READY, status: 'False', reason: READY_REASONS.rolledBack, message };
}

/** `reconciler.requeue` of a reconciled CR; a template that cannot give a duration is logged, not failed. */
function perObjectRequeue(run: Run, cr: KubeObject): number | undefined {
  const { ms, problem } = requeueAfterOf(run.crd.entry, cr, run.conditions);
  if (problem) run.deps.warn?.(`no requeue scheduled: ${problem}`);
  return ms;
}

function soonest(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.min(a, b);
}
