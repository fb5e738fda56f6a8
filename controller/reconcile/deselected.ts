// A CR that stopped matching its entry's labelSelector/fieldSelector is not this runtime's any
// more: it leaves the informer's cache and is never reconciled again — but the finalizers the
// runtime put on it would then hold its deletion forever. So they are released: ours, the entry's
// declared ones and the Go runtime's, with a patch that tests the list it read. Its children stay
// (they go with it through their ownerReferences); nothing else is written. A CR that matches
// again is picked up as new.
import { CLEANUP_FINALIZER } from '../../shared/katalog/types.js';
import { crSelected, crSelectorsOf } from '../../shared/katalog/cr-selectors.js';
import { isKubeError, type KubeObject } from '../../shared/kube/index.js';
import { removeFinalizerPatch } from './finalizer.js';
import { CONFLICT_REQUEUE_MS } from './requeue.js';
import { Run, type CrdTarget, type CrKey, type ReconcileDeps, type ReconcileResult } from './run.js';

/** Whether a CR the informer dropped still carries a finalizer this runtime would release. */
export function carriesRuntimeFinalizer(cr: KubeObject): boolean {
  return (cr.metadata.finalizers ?? []).includes(CLEANUP_FINALIZER);
}

/**
 * Releases the runtime's finalizers of a CR that exists but no longer matches the entry's
 * selectors (read from the API server: it is not in the cache any more). Anything else: nothing.
 */
export async function releaseDeselected(deps: ReconcileDeps, crd: CrdTarget, key: CrKey): Promise<ReconcileResult> {
  const run = new Run(deps, crd);
  const resource = await run.crResource();
  const namespace = resource.namespaced ? key.namespace : undefined;
  const cr = await deps.kube.get(resource, namespace, key.name);
  if (cr === undefined || crSelected(cr, crSelectorsOf(crd.name, crd.entry))) return run.result();
  const patch = removeFinalizerPatch(cr.metadata, CLEANUP_FINALIZER, crd.entry);
  if (patch === undefined) return run.result();
  try {
    await deps.kube.patch(resource, namespace, key.name, patch, 'json', { fieldManager: deps.fieldManager });
    run.wrote++;
  } catch (e) {
    if (isKubeError(e, 409) || isKubeError(e, 422)) return run.result(CONFLICT_REQUEUE_MS);
    if (isKubeError(e, 404)) return run.result();
    throw e;
  }
  await run.emit(cr, [{ type: 'Normal', reason: 'Deselected', message: `no longer matches the labelSelector/fieldSelector of ${crd.name}: not reconciled any more; released the runtime's finalizers` }]);
  return run.result();
}
