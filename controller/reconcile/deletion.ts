// The delete path of a CR that carries our cleanup finalizer: run its onDelete children (wait
// for Jobs to complete; a failed Job is reported, removed and retried under the engine's
// backoff), delete the children the garbage collector cannot reach, then release the finalizer
// with a patch that fails on a concurrent change. Other finalizers are left to their owners.
import { OrkError, isOrkError } from '../../shared/errors.js';
import { CLEANUP_FINALIZER } from '../../shared/katalog/types.js';
import { renderDesired, type DesiredChild, type KubeObject as RenderObject } from '../../shared/render/index.js';
import { isKubeError, type KubeObject } from '../../shared/kube/index.js';
import { conditionsOf, RENDER_FAILURES } from './conditions.js';
import { removeFinalizerPatch } from './finalizer.js';
import { collectedWith, ownedBy } from './ownership.js';
import { describeRef, refOf } from './refs.js';
import { CLEANUP_POLL_MS, CONFLICT_REQUEUE_MS } from './requeue.js';
import type { ReconcileResult, Run } from './run.js';

export type JobState = 'complete' | 'failed' | 'running';

/** A Job's state from its status conditions. */
export function jobState(job: KubeObject): JobState {
  const conditions = conditionsOf(job.status);
  if (conditions.some((c) => c.type === 'Complete' && c.status === 'True')) return 'complete';
  if (conditions.some((c) => c.type === 'Failed' && c.status === 'True')) return 'failed';
  return 'running';
}

export async function reconcileDeletion(run: Run, cr: KubeObject): Promise<ReconcileResult> {
  const { deps, crd } = run;
  if (!(cr.metadata.finalizers ?? []).includes(CLEANUP_FINALIZER)) return run.result();

  let onDelete: DesiredChild[] = [];
  try {
    onDelete = renderDesired({ crdName: crd.name, entry: crd.entry, cr: cr as RenderObject, katalogName: deps.katalogName, options: run.renderOptions }).onDelete;
  } catch (e) {
    if (!isOrkError(e) || !RENDER_FAILURES.has(e.code)) throw e;
    // A CR that cannot be rendered must still be deletable: skip its onDelete work, say so.
    await run.emit(cr, [{ type: 'Warning', reason: 'CleanupSkipped', message: `onDelete resources not run: ${e.message}` }]);
  }

  let pending = false;
  const failed: string[] = [];
  for (const child of onDelete) {
    const object = child.object;
    const ref = refOf(object);
    const live = await deps.cache.get(ref.apiVersion, ref.kind, ref.namespace, ref.name);
    if (live === undefined) {
      try {
        await deps.kube.create(object, { fieldManager: deps.fieldManager });
        run.wrote++;
      } catch (e) {
        if (!isKubeError(e, 409)) throw e;
      }
      if (isJob(object)) pending = true;
      continue;
    }
    if (!isJob(live)) continue;
    const state = jobState(live);
    if (state === 'running') pending = true;
    if (state !== 'failed') continue;
    const why = conditionsOf(live.status).find((c) => c.type === 'Failed')?.message ?? 'no message';
    failed.push(`${describeRef(ref)}: ${why}`);
    await run.emit(cr, [{ type: 'Warning', reason: 'CleanupFailed', message: `${describeRef(ref)} failed (${why}); running it again` }]);
    // Removed so that the next attempt, after the engine's backoff, creates it afresh.
    const resource = await deps.kube.resourceFor(ref.apiVersion, ref.kind);
    await deps.kube.delete(resource, ref.namespace, ref.name, { uid: live.metadata.uid, propagationPolicy: 'Background' });
    run.wrote++;
  }
  if (failed.length > 0) {
    throw new OrkError('CLEANUP_FAILED', `onDelete of ${cr.kind} ${cr.metadata.namespace ?? ''}/${cr.metadata.name} failed: ${failed.join('; ')}; fix the Job, it is retried`, { retry: 'transient' });
  }
  if (pending) return run.result(CLEANUP_POLL_MS);

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

function isJob(object: KubeObject): boolean {
  return object.kind === 'Job' && object.apiVersion === 'batch/v1';
}
