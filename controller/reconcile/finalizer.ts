// When a CR needs our cleanup finalizer and the JSON patches that add or release finalizers.
// The patches test the current list first, so a concurrent change fails the patch (and the
// reconcile is retried) instead of being overwritten. Pure.
import { CLEANUP_FINALIZER, type CrdEntry } from '../../shared/katalog/types.js';
import type { DesiredChild } from '../../shared/render/index.js';
import type { ObjectMeta } from '../../shared/kube/index.js';
import { GO_RUNTIME_FINALIZERS } from './go-runtime.js';

export type JsonPatchOp =
  | { op: 'test'; path: string; value: unknown }
  | { op: 'add' | 'replace'; path: string; value: unknown };

/** The entry declares onDelete children or external calls (they run under the finalizer). */
export function hasOnDelete(entry: CrdEntry): boolean {
  const lists = entry.operatorBox?.onDelete;
  const { groups, external } = entry.operatorBox?.phaseSettings?.onDelete ?? {};
  if (Array.isArray(groups) && groups.length > 0) return true;
  if (Array.isArray(external) && external.length > 0) return true;
  if (!lists || typeof lists !== 'object') return false;
  return Object.values(lists).some((list) => Array.isArray(list) && list.length > 0);
}

/**
 * Our cleanup finalizer is needed when there is onDelete work, a child the garbage collector
 * cannot reach (cross-namespace or cluster-scoped children of a namespaced CR), or declared
 * finalizers (our delete path releases them, as the Go runtime does).
 */
export function cleanupNeeded(entry: CrdEntry, desired: readonly DesiredChild[]): boolean {
  return hasOnDelete(entry) || (entry.finalizers?.length ?? 0) > 0 || desired.some((c) => c.cleanup === 'finalizer');
}

/** Finalizers the CR should carry but does not: ours when needed, plus the entry's extras. */
export function missingFinalizers(current: readonly string[] | undefined, entry: CrdEntry, needCleanup: boolean): string[] {
  const want = [...(needCleanup ? [CLEANUP_FINALIZER] : []), ...(entry.finalizers ?? [])];
  const have = new Set(current ?? []);
  return [...new Set(want)].filter((f) => !have.has(f));
}

/** Adds `toAdd`; with no list yet, the patch tests the resourceVersion instead. */
export function addFinalizersPatch(meta: ObjectMeta, toAdd: readonly string[]): JsonPatchOp[] {
  const current = meta.finalizers;
  if (current === undefined) {
    return [
      { op: 'test', path: '/metadata/resourceVersion', value: meta.resourceVersion },
      { op: 'add', path: '/metadata/finalizers', value: [...toAdd] },
    ];
  }
  return [
    { op: 'test', path: '/metadata/finalizers', value: current },
    { op: 'replace', path: '/metadata/finalizers', value: [...current, ...toAdd] },
  ];
}

/**
 * Releases `finalizer`, or undefined when the CR does not carry it. Given the entry, the ones
 * released with ours go too: the entry's declared finalizers and the Go runtime's (an adopted CR
 * may still carry them), as the Go runtime releases its whole list once cleanup is done.
 */
export function removeFinalizerPatch(meta: ObjectMeta, finalizer: string, entry?: CrdEntry): JsonPatchOp[] | undefined {
  const current = meta.finalizers ?? [];
  if (!current.includes(finalizer)) return undefined;
  const release = new Set([finalizer, ...(entry ? [...(entry.finalizers ?? []), ...GO_RUNTIME_FINALIZERS] : [])]);
  return [
    { op: 'test', path: '/metadata/finalizers', value: current },
    { op: 'replace', path: '/metadata/finalizers', value: current.filter((f) => !release.has(f)) },
  ];
}
