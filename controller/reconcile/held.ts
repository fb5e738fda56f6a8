// A CR the runtime holds back from reconciling (a preReconcile gate): Ready=False with the reason
// and message given, written once (a repeated hold writes nothing), a Warning Event on the
// transition, and no child touched. A CR being deleted still goes through the delete path.
import type { KubeObject } from '../../shared/kube/index.js';
import { READY } from './conditions.js';
import { reconcileDeletion } from './deletion.js';
import { finish } from './reconcile.js';
import { Run, type CrdTarget, type CrKey, type ReconcileDeps, type ReconcileResult } from './run.js';

export async function reportHeld(deps: ReconcileDeps, crd: CrdTarget, key: CrKey, reason: string, message: string): Promise<ReconcileResult> {
  const run = new Run(deps, crd);
  const namespace = crd.apiTypes.scope === 'Cluster' ? undefined : key.namespace;
  const cr: KubeObject | undefined = await deps.cache.get(run.crApiVersion, crd.apiTypes.kind, namespace, key.name);
  if (cr === undefined) return run.result();
  if (cr.metadata.deletionTimestamp) return reconcileDeletion(run, cr);
  return finish(run, cr, { ready: { type: READY, status: 'False', reason, message }, fields: undefined, done: [], children: undefined });
}
