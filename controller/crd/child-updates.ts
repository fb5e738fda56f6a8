// Which child update events are worth a reconcile of the owner. Most updates of a Deployment are
// the deployment controller writing its status; a reconcile that does not read child status would
// render, plan and write nothing for them. Pure; the informer handlers in run.ts use it.
import { isDeepStrictEqual as deepEqual } from 'node:util';
import type { CrdEntry } from '../../shared/katalog/types.js';
import type { KubeObject } from '../../shared/kube/index.js';
import { childKinds } from '../reconcile/child-kinds.js';

/** Metadata that changes with every write and says nothing about the object's shape. */
const VOLATILE_METADATA = new Set(['resourceVersion', 'managedFields']);

/**
 * True when `next` differs from `old` only in `status`, `metadata.resourceVersion` and
 * `metadata.managedFields`. Compares everything else (spec, data, labels, annotations,
 * ownerReferences, finalizers, generation, deletionTimestamp…), so it needs no knowledge of which
 * kinds have a generation: a hand edit anywhere outside status is never taken for status.
 */
export function statusOnlyUpdate(old: KubeObject, next: KubeObject): boolean {
  const keys = new Set([...Object.keys(old), ...Object.keys(next)]);
  for (const key of keys) {
    if (key === 'status') continue;
    if (key === 'metadata') {
      if (!sameExcept(old.metadata, next.metadata, VOLATILE_METADATA)) return false;
    } else if (!deepEqual(old[key], next[key])) return false;
  }
  return true;
}

/**
 * Whether a reconcile of this entry reads the status of children of this kind: the Available
 * condition reads Deployment and StatefulSet status (`operatorBox.status.conditions: true`), and
 * the delete path waits for onDelete Jobs to complete. Then status updates must wake it.
 */
export function readsChildStatus(entry: CrdEntry, apiVersion: string, kind: string): boolean {
  if (entry.operatorBox?.status?.conditions === true) return true;
  const onDelete = entry.operatorBox?.onDelete;
  if (!onDelete) return false;
  return childKinds({ ...entry, operatorBox: { onDelete } }).some((k) => k.apiVersion === apiVersion && k.kind === kind);
}

function sameExcept(a: Record<string, unknown>, b: Record<string, unknown>, skip: ReadonlySet<string>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) if (!skip.has(key) && !deepEqual(a[key], b[key])) return false;
  return true;
}
