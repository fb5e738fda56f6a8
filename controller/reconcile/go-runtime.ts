// What the Go runtime (orkspace/orkestra) leaves on a CR that this runtime takes over, and the
// finalizer list such a CR moves to. The Go runtime puts `orkestra.orkspace.io/cleanup` on every
// CR (the same name as ours, so it is simply kept and released by our delete path) plus the
// entry's `operatorBox.finalizers`; older releases also used `orkestra.orkspace.io/finalizer` and
// `orkestra.orkspace.io/namespace-cleanup`. Those two are replaced by ours unless the entry
// declares them: nothing else would ever release them. Pure.
import { CLEANUP_FINALIZER, type CrdEntry } from '../../shared/katalog/types.js';
import type { ObjectMeta } from '../../shared/kube/index.js';

/** One JSON patch operation on the finalizer list. */
export type FinalizerPatchOp = { op: 'test' | 'add' | 'replace'; path: string; value: unknown };

/** Finalizers only the Go runtime writes and releases (its `FinalizerOrkestra`, its namespace cleanup). */
export const GO_RUNTIME_FINALIZERS: ReadonlySet<string> = new Set([
  'orkestra.orkspace.io/finalizer',
  'orkestra.orkspace.io/namespace-cleanup',
]);

/** The Go runtime's finalizers on `current` that this entry does not declare: ours to replace. */
export function goRuntimeFinalizers(current: readonly string[] | undefined, entry: CrdEntry): string[] {
  const declared = new Set(entry.finalizers ?? []);
  return (current ?? []).filter((f) => GO_RUNTIME_FINALIZERS.has(f) && !declared.has(f));
}

/**
 * The finalizer list a live CR should carry: the current one without the Go runtime's leftovers,
 * plus ours (when cleanup is needed, or in place of a leftover) and the entry's declared ones.
 * Order is kept; nothing is removed but the leftovers — unless the entry says `removeFinalizers`,
 * when ours, the declared ones and the Go runtime's are removed and none added.
 */
export function wantedFinalizers(current: readonly string[] | undefined, entry: CrdEntry, needCleanup: boolean): string[] {
  // removeFinalizers (the Go runtime's testing aid): every finalizer the runtime would own goes.
  if (entry.removeFinalizers === true) {
    const ours = new Set([CLEANUP_FINALIZER, ...(entry.finalizers ?? []), ...GO_RUNTIME_FINALIZERS]);
    return (current ?? []).filter((f) => !ours.has(f));
  }
  const leftovers = new Set(goRuntimeFinalizers(current, entry));
  const out = (current ?? []).filter((f) => !leftovers.has(f));
  const add = [...(needCleanup || leftovers.size > 0 ? [CLEANUP_FINALIZER] : []), ...(entry.finalizers ?? [])];
  for (const f of add) if (!out.includes(f)) out.push(f);
  return out;
}

/**
 * The JSON patch that moves the CR's finalizers to `wantedFinalizers`, or undefined when they are
 * already there. It tests the current list (or the resourceVersion when there is none), so a
 * concurrent change fails it and the reconcile is retried.
 */
export function finalizersPatch(meta: ObjectMeta, entry: CrdEntry, needCleanup: boolean): FinalizerPatchOp[] | undefined {
  const want = wantedFinalizers(meta.finalizers, entry, needCleanup);
  const current = meta.finalizers;
  if (sameList(current ?? [], want)) return undefined;
  if (current === undefined) {
    return [
      { op: 'test', path: '/metadata/resourceVersion', value: meta.resourceVersion },
      { op: 'add', path: '/metadata/finalizers', value: want },
    ];
  }
  return [
    { op: 'test', path: '/metadata/finalizers', value: current },
    { op: 'replace', path: '/metadata/finalizers', value: want },
  ];
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
