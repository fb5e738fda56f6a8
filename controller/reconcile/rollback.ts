// Rollback on error (`operatorBox.rollBackOnError`, `rollback.trigger.consecutiveFailures`), as
// the Go runtime does it: the spec of the last reconcile that left a CR Ready is kept on the CR
// (an annotation); when the reconciles of a newer spec fail `consecutiveFailures` times in a row
// (default 3), the CR is marked rolled back for that generation and its declared children are
// rendered from the kept spec instead — until the spec changes again. With `trigger.withinDuration`
// only the failures within that window count; with `onRollback`, a rolled-back CR gets those
// children instead (templates read the kept spec as `.previous.spec`) and its declared ones are
// left as they are. Pure: the decisions and the annotations; rollback-mark.ts writes them.
import { parseDuration } from '../../shared/katalog/durations.js';
import type { CrdEntry, ResourceLists } from '../../shared/katalog/types.js';
import type { KubeObject } from '../../shared/kube/index.js';

/** `{generation, spec}` of the last reconcile that left the CR Ready (JSON). */
export const LAST_GOOD_SPEC_ANNOTATION = 'orkestra.orkspace.io/last-good-spec';
/** The generation whose failures rolled the CR back; a newer generation ends the rollback. */
export const ROLLED_BACK_ANNOTATION = 'orkestra.orkspace.io/rolled-back-generation';
export const DEFAULT_ROLLBACK_FAILURES = 3;

export interface LastGood {
  generation: number;
  spec: unknown;
}

/** Consecutive failures that roll a CR back, or undefined when the entry asks for no rollback. */
export function rollbackThreshold(entry: CrdEntry): number | undefined {
  const box = entry.operatorBox;
  const trigger = box?.rollback?.trigger as { consecutiveFailures?: unknown } | undefined;
  if (box?.rollBackOnError !== true && trigger === undefined) return undefined;
  const n = trigger?.consecutiveFailures;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : DEFAULT_ROLLBACK_FAILURES;
}

/** `trigger.withinDuration` in milliseconds, or undefined when failures count however far apart. */
export function rollbackWindowMs(entry: CrdEntry): number | undefined {
  const within = (entry.operatorBox?.rollback?.trigger as { withinDuration?: unknown } | undefined)?.withinDuration;
  const ms = typeof within === 'string' ? parseDuration(within) : undefined;
  return ms !== undefined && ms > 0 ? ms : undefined;
}

/**
 * How many of a key's consecutive failures (their times, oldest first) count toward the trigger:
 * all of them, or with `withinDuration` those no older than the window (upstream: the last N
 * failures must all fall within it).
 */
export function failuresCounted(entry: CrdEntry, failedAt: readonly number[], now: number): number {
  const window = rollbackWindowMs(entry);
  return window === undefined ? failedAt.length : failedAt.filter((t) => now - t <= window).length;
}

/** The explicit `rollback.onRollback` children, or undefined (the declared ones are rendered from the kept spec). */
export function onRollbackOf(entry: CrdEntry): ResourceLists | undefined {
  const lists = entry.operatorBox?.rollback?.onRollback;
  return lists !== null && typeof lists === 'object' && !Array.isArray(lists) ? (lists as ResourceLists) : undefined;
}

/** The entry a rolled-back CR renders with onRollback: those children in place of onCreate/onReconcile's. */
export function rollbackEntry(entry: CrdEntry, lists: ResourceLists): CrdEntry {
  const { onCreate: _c, onReconcile: _r, phaseSettings: _s, ...box } = entry.operatorBox ?? {};
  return { ...entry, operatorBox: { ...box, onReconcile: lists } };
}

/** `.previous` in templates of a rolled-back CR: the kept spec and the CR's identity. */
export function previousContext(cr: KubeObject, back: LastGood): { previous: Record<string, unknown> } {
  const { name, namespace, labels } = cr.metadata;
  return { previous: { spec: back.spec, metadata: { name, ...(namespace ? { namespace } : {}), ...(labels ? { labels } : {}), generation: back.generation } } };
}

/**
 * What a reconcile renders: the CR as it is, or while rolled back its onRollback children or its
 * kept spec. With `explicit` (onRollback) the declared children are left as they are: not pruned.
 */
export function renderingOf(entry: CrdEntry, cr: KubeObject, context: Record<string, unknown> | undefined): {
  back?: LastGood; explicit?: ResourceLists; source: KubeObject; entry: CrdEntry; data: Record<string, unknown> | undefined;
} {
  const back = rolledBackTo(cr);
  if (!back) return { source: cr, entry, data: context };
  const explicit = onRollbackOf(entry);
  const data = { ...context, ...previousContext(cr, back) };
  return explicit ? { back, explicit, source: cr, entry: rollbackEntry(entry, explicit), data } : { back, source: { ...cr, spec: back.spec }, entry, data };
}

/** The kept spec, or undefined when none (or it does not parse: then there is nothing to roll back to). */
export function lastGoodOf(cr: KubeObject): LastGood | undefined {
  const text = cr.metadata.annotations?.[LAST_GOOD_SPEC_ANNOTATION];
  if (!text) return undefined;
  try {
    const parsed = JSON.parse(text) as Partial<LastGood>;
    return typeof parsed.generation === 'number' && 'spec' in parsed ? { generation: parsed.generation, spec: parsed.spec } : undefined;
  } catch {
    return undefined;
  }
}

/** The kept spec to render from while the CR's current generation is rolled back; else undefined. */
export function rolledBackTo(cr: KubeObject): LastGood | undefined {
  const marked = cr.metadata.annotations?.[ROLLED_BACK_ANNOTATION];
  if (marked === undefined || marked !== String(cr.metadata.generation)) return undefined;
  return lastGoodOf(cr);
}

/** The metadata merge patch that keeps this CR's spec as the last good one, or undefined when it is kept already. */
export function keepSpecPatch(cr: KubeObject): { metadata: Record<string, unknown> } | undefined {
  const kept = lastGoodOf(cr);
  const generation = cr.metadata.generation ?? 0;
  if (kept && kept.generation === generation && JSON.stringify(kept.spec) === JSON.stringify(cr.spec ?? null)) return undefined;
  const annotations: Record<string, string | null> = { [LAST_GOOD_SPEC_ANNOTATION]: JSON.stringify({ generation, spec: cr.spec ?? null }) };
  // A rollback mark of an older generation has no meaning any more.
  if (cr.metadata.annotations?.[ROLLED_BACK_ANNOTATION] !== undefined) annotations[ROLLED_BACK_ANNOTATION] = null;
  return { metadata: { annotations } };
}

/**
 * Whether `failures` consecutive failures of the CR's current generation roll it back: the entry
 * asks for it, a different generation was good, and it is not rolled back already.
 */
export function shouldRollBack(entry: CrdEntry, cr: KubeObject, failures: number): boolean {
  const threshold = rollbackThreshold(entry);
  if (threshold === undefined || failures < threshold || cr.metadata.deletionTimestamp) return false;
  const kept = lastGoodOf(cr);
  if (!kept || kept.generation === cr.metadata.generation) return false;
  return cr.metadata.annotations?.[ROLLED_BACK_ANNOTATION] !== String(cr.metadata.generation);
}
