// The writes of rollback on error (rollback.ts decides): keep the spec of a reconcile that left the
// CR Ready, and mark a CR rolled back once its current spec has failed often enough. Both are
// merge patches of the CR's annotations guarded by the resourceVersion they were decided on; a
// lost race is left to the next reconcile.
import { isKubeError, type KubeObject } from '../../shared/kube/index.js';
import { failuresCounted, keepSpecPatch, ROLLED_BACK_ANNOTATION, rollbackThreshold, shouldRollBack } from './rollback.js';
import { Run, type CrdTarget, type CrKey, type ReconcileDeps } from './run.js';

/** After a reconcile that left `cr` Ready: keep its spec as the last good one (entries with rollback only). */
export async function keepGoodSpec(run: Run, cr: KubeObject): Promise<void> {
  if (rollbackThreshold(run.crd.entry) === undefined) return;
  const patch = keepSpecPatch(cr);
  if (patch === undefined) return;
  await guardedPatch(run, cr, patch);
}

/**
 * After a failure of `key` (`failedAt`: the times of its failures in a row, oldest first): marks its
 * CR rolled back when rollback.ts says so. The failures that counted when marked, else undefined.
 */
export async function markRolledBack(deps: ReconcileDeps, crd: CrdTarget, key: CrKey, failedAt: readonly number[]): Promise<number | undefined> {
  if (rollbackThreshold(crd.entry) === undefined) return undefined;
  const failures = failuresCounted(crd.entry, failedAt, deps.clock.now().getTime());
  const run = new Run(deps, crd);
  const namespace = crd.apiTypes.scope === 'Cluster' ? undefined : key.namespace;
  const cr = await deps.cache.get(run.crApiVersion, crd.apiTypes.kind, namespace, key.name);
  if (cr === undefined || !shouldRollBack(crd.entry, cr, failures)) return undefined;
  const generation = String(cr.metadata.generation);
  // The reconcile this write wakes renders the kept spec; its Ready=False RolledBack posts the Event.
  return (await guardedPatch(run, cr, { metadata: { annotations: { [ROLLED_BACK_ANNOTATION]: generation } } })) ? failures : undefined;
}

async function guardedPatch(run: Run, cr: KubeObject, patch: { metadata: Record<string, unknown> }): Promise<boolean> {
  const resource = await run.crResource();
  const body = { metadata: { ...patch.metadata, resourceVersion: cr.metadata.resourceVersion } };
  try {
    await run.deps.kube.patch(resource, resource.namespaced ? cr.metadata.namespace : undefined, cr.metadata.name, body, 'merge', { fieldManager: run.deps.fieldManager });
    run.wrote++;
    return true;
  } catch (e) {
    if (isKubeError(e, 409) || isKubeError(e, 404)) return false;
    throw e;
  }
}
