// One pass over one onDelete group of a CR being deleted: its Jobs are created when absent and
// read (complete, running or failed: a failed one is reported, removed and run again), its other
// objects are deleted by kind and name — foreground when the groups are ordered, so "gone" means
// their dependents are gone too — and read straight from the API server, as upstream does. A Job
// with a `sleep` (shared/render/delete-plan.ts, startAfterMs) is not created before its time: it
// is pending, and the pass says how long until then so the CR is re-queued, no worker waiting.
import type { DeleteGroup, DeleteTarget, DesiredChild } from '../../shared/render/index.js';
import { isKubeError, type KubeObject } from '../../shared/kube/index.js';
import { conditionsOf } from './conditions.js';
import { describeRef, refOf, type ObjectRef } from './refs.js';
import type { Run } from './run.js';

export type JobState = 'complete' | 'failed' | 'running';

/** A Job's state from its status conditions. */
export function jobState(job: KubeObject): JobState {
  const conditions = conditionsOf(job.status);
  if (conditions.some((c) => c.type === 'Complete' && c.status === 'True')) return 'complete';
  if (conditions.some((c) => c.type === 'Failed' && c.status === 'True')) return 'failed';
  return 'running';
}

export interface GroupPass {
  /** What keeps the group from being done: running Jobs, objects still present. */
  pending: string[];
  /** Jobs that failed this pass (removed, to run again), as `Job ns/name: why`. */
  failed: string[];
  /** Jobs held back by their sleep, and the soonest one's wait in ms. */
  sleeping: number;
  wakeMs?: number;
}

/**
 * Advances a group by one pass. With `wait` false (unordered onDelete) deleted objects are not
 * waited for: only Jobs keep the group pending.
 */
export async function advanceGroup(run: Run, cr: KubeObject, group: DeleteGroup, wait: boolean): Promise<GroupPass> {
  const pass: GroupPass = { pending: [], failed: [], sleeping: 0 };
  const began = Date.parse(cr.metadata.deletionTimestamp ?? '');
  for (const child of group.jobs) await advanceJob(run, cr, child, pass, Number.isFinite(began) ? began : run.deps.clock.now().getTime());
  for (const target of group.targets) {
    const present = await deleteTarget(run, target, wait ? 'Foreground' : 'Background');
    if (present && wait) pass.pending.push(describeRef(refOfTarget(target)));
  }
  return pass;
}

async function advanceJob(run: Run, cr: KubeObject, child: DesiredChild, pass: GroupPass, began: number): Promise<void> {
  const { deps } = run;
  const job = child.object;
  const ref = refOf(job);
  const resource = await deps.kube.resourceFor(ref.apiVersion, ref.kind);
  const live = await deps.kube.get(resource, ref.namespace, ref.name);
  if (live === undefined) {
    const wait = child.startAfterMs === undefined ? 0 : began + child.startAfterMs - deps.clock.now().getTime();
    if (wait > 0) {
      pass.sleeping++;
      pass.wakeMs = Math.min(pass.wakeMs ?? wait, wait);
      pass.pending.push(`${describeRef(ref)} (created in ${Math.ceil(wait / 1000)}s: its sleep)`);
      return;
    }
    try {
      await deps.kube.create(job, { fieldManager: deps.fieldManager });
      run.wrote++;
    } catch (e) {
      if (!isKubeError(e, 409)) throw e;
    }
    pass.pending.push(`${describeRef(ref)} (running)`);
    return;
  }
  const state = jobState(live);
  if (state === 'complete') return;
  if (state === 'running' || live.metadata.deletionTimestamp) {
    pass.pending.push(`${describeRef(ref)} (running)`);
    return;
  }
  const why = conditionsOf(live.status).find((c) => c.type === 'Failed')?.message ?? 'no message';
  pass.failed.push(`${describeRef(ref)}: ${why}`);
  pass.pending.push(`${describeRef(ref)} (failed: ${why})`);
  await run.emit(cr, [{ type: 'Warning', reason: 'CleanupFailed', message: `${describeRef(ref)} failed (${why}); running it again` }]);
  // Removed so that the next attempt creates it afresh.
  await deps.kube.delete(resource, ref.namespace, ref.name, { uid: live.metadata.uid, propagationPolicy: 'Background' });
  run.wrote++;
}

/** Deletes the target if it exists and is not already going; true while it is still there. */
async function deleteTarget(run: Run, target: DeleteTarget, propagationPolicy: 'Foreground' | 'Background'): Promise<boolean> {
  const { deps } = run;
  const resource = await deps.kube.resourceFor(target.apiVersion, target.kind);
  const namespace = resource.namespaced ? target.namespace : undefined;
  const live = await deps.kube.get(resource, namespace, target.name);
  if (live === undefined) return false;
  if (live.metadata.deletionTimestamp) return true;
  try {
    await deps.kube.delete(resource, namespace, target.name, { uid: live.metadata.uid, propagationPolicy });
    run.wrote++;
  } catch (e) {
    if (isKubeError(e, 404)) return false;
    if (!isKubeError(e, 409)) throw e;
  }
  return true;
}

function refOfTarget(t: DeleteTarget): ObjectRef {
  return { apiVersion: t.apiVersion, kind: t.kind, name: t.name, ...(t.namespace !== undefined ? { namespace: t.namespace } : {}) };
}
