// The delete path of a CR that carries our cleanup finalizer: run its onDelete plan (Jobs run
// to completion, a Job's sleep holding its creation back without a worker waiting; other entries
// deleted by kind and name; `ordered` groups one after another, each
// until its objects are gone, within the timeout), delete the children the garbage collector
// cannot reach, then release the finalizer with a patch that fails on a concurrent change. An
// ordered sequence that times out is reported in a Warning Event naming what was still there,
// and the finalizer is released. Other finalizers are left to their owners.
import { OrkError, isOrkError } from '../../shared/errors.js';
import { CLEANUP_FINALIZER } from '../../shared/katalog/types.js';
import { renderDeletePlan, type DeletePlan, type KubeObject as RenderObject } from '../../shared/render/index.js';
import { isKubeError, type KubeObject } from '../../shared/kube/index.js';
import { RENDER_FAILURES } from './conditions.js';
import { advanceGroup, type GroupPass } from './delete-groups.js';
import { removeFinalizerPatch } from './finalizer.js';
import { collectedWith, ownedBy } from './ownership.js';
import { CLEANUP_POLL_MS, CONFLICT_REQUEUE_MS } from './requeue.js';
import type { ReconcileResult, Run } from './run.js';

export { jobState, type JobState } from './delete-groups.js';

export async function reconcileDeletion(run: Run, cr: KubeObject): Promise<ReconcileResult> {
  const { deps, crd } = run;
  if (!(cr.metadata.finalizers ?? []).includes(CLEANUP_FINALIZER)) return run.result();

  let plan: DeletePlan = { ordered: false, timeoutMs: 0, groups: [] };
  // onDelete's `external` calls; one failing without continueOnError is retried, like a failed Job.
  const context = await deps.renderContext?.(crd, cr, 'delete');
  try {
    plan = renderDeletePlan({ crdName: crd.name, entry: crd.entry, cr: cr as RenderObject, katalogName: deps.katalogName, ...(deps.notes ? { notes: deps.notes } : {}), options: run.renderOptions, ...(context ? { context } : {}) });
  } catch (e) {
    if (!isOrkError(e) || !RENDER_FAILURES.has(e.code)) throw e;
    // A CR that cannot be rendered must still be deletable: skip its onDelete work, say so.
    await run.emit(cr, [{ type: 'Warning', reason: 'CleanupSkipped', message: `onDelete not run: ${e.message}` }]);
  }

  const waited = await runPlan(run, cr, plan);
  if (waited !== undefined) return waited;

  // Children with an ownerReference to the CR go with it; the others are ours to delete.
  const owner = { crdName: crd.name, katalogName: deps.katalogName, cr };
  for (const object of await deps.cache.listOwned(crd.name, cr)) {
    if (object.metadata.deletionTimestamp || collectedWith(object, cr) || !ownedBy(object, owner)) continue;
    const resource = await deps.kube.resourceFor(object.apiVersion, object.kind);
    try {
      await deps.kube.delete(resource, resource.namespaced ? object.metadata.namespace : undefined, object.metadata.name, { uid: object.metadata.uid, propagationPolicy: 'Background' });
      run.wrote++;
    } catch (e) {
      if (!isKubeError(e, 409)) throw e;
    }
  }

  const patch = removeFinalizerPatch(cr.metadata, CLEANUP_FINALIZER, crd.entry);
  if (patch === undefined) return run.result();
  const resource = await run.crResource();
  try {
    await deps.kube.patch(resource, resource.namespaced ? cr.metadata.namespace : undefined, cr.metadata.name, patch, 'json', { fieldManager: deps.fieldManager });
    run.wrote++;
  } catch (e) {
    if (isKubeError(e, 409) || isKubeError(e, 422)) return run.result(CONFLICT_REQUEUE_MS);
    if (isKubeError(e, 404)) return run.result();
    throw e;
  }
  await run.emit(cr, [{ type: 'Normal', reason: 'CleanedUp', message: 'cleanup finished; finalizer released' }]);
  return run.result();
}

/** Runs the plan one pass further; a result while something is still pending, undefined when done. */
async function runPlan(run: Run, cr: KubeObject, plan: DeletePlan): Promise<ReconcileResult | undefined> {
  const deadline = Date.parse(cr.metadata.deletionTimestamp ?? '') + plan.timeoutMs;
  for (const [i, group] of plan.groups.entries()) {
    const pass = await advanceGroup(run, cr, group, plan.ordered);
    if (pass.pending.length === 0) continue;
    if (!plan.ordered) {
      if (pass.failed.length > 0) {
        throw new OrkError('CLEANUP_FAILED', `onDelete of ${cr.kind} ${cr.metadata.namespace ?? ''}/${cr.metadata.name} failed: ${pass.failed.join('; ')}; fix the Job, it is retried`, { retry: 'transient' });
      }
      return run.result(nextLook(pass));
    }
    const left = deadline - run.deps.clock.now().getTime();
    if (left > 0) return run.result(Math.min(nextLook(pass), left));
    const skipped = plan.groups.slice(i + 1).map((g) => g.label);
    const message = `onDelete timed out after ${formatMs(plan.timeoutMs)} in ${group.label} (${i + 1} of ${plan.groups.length}): still there: ${pass.pending.join(', ')}`
      + `${skipped.length > 0 ? `; not run: ${skipped.join(', ')}` : ''}; finalizer released`;
    await run.emit(cr, [{ type: 'Warning', reason: 'DeletionTimedOut', message }]);
    return undefined;
  }
  return undefined;
}

/** When to look again: when the first held-back Job is due if nothing else is pending, else at the next poll (or sooner). */
function nextLook(pass: GroupPass): number {
  const wake = pass.wakeMs ?? Number.POSITIVE_INFINITY;
  return pass.sleeping === pass.pending.length ? wake : Math.min(CLEANUP_POLL_MS, wake);
}

function formatMs(ms: number): string {
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  return `${ms / 1000}s`;
}
