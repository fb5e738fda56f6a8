// Per-object requeue (`operatorBox.reconciler.requeue` / `reconcile.requeue`): after a reconcile
// that brought the CR to its declared shape, look at it again `after` later — a duration or a
// template giving one per CR (`{{ .spec.checkInterval | default "60s" }}`), read from the CR as
// this reconcile read it. `when`/`or` decide whether to requeue at all. Empty or `0s`: none.
// Additive to resync: whichever comes first wakes the CR. Pure.
import type { CrdEntry } from '../../shared/katalog/types.js';
import { parseDuration } from '../../shared/katalog/durations.js';
import type { KubeObject } from '../../shared/kube/index.js';
import { evaluateGate, type ConditionClock } from '../../shared/render/index.js';
import { executeTemplate, isTemplate } from '../../shared/template/index.js';

/** The shortest requeue scheduled: a template giving `10ms` would otherwise keep a worker busy. */
export const MIN_REQUEUE_MS = 1000;

export type RequeueAfter = { ms?: number; problem?: string };

/**
 * When to look at `cr` again, if the entry asks; a problem (bad template, not a duration) schedules
 * nothing. Time conditions in when/or read `clock` (absent: the wall clock).
 */
export function requeueAfterOf(entry: CrdEntry, cr: KubeObject, clock?: ConditionClock): RequeueAfter {
  const spec = entry.operatorBox?.reconciler?.requeue;
  if (!spec || typeof spec.after !== 'string') return {};
  const path = 'operatorBox.reconciler.requeue';
  const ref = cr.metadata.namespace ? `${cr.metadata.namespace}/${cr.metadata.name}` : cr.metadata.name;
  if (spec.when !== undefined || spec.or !== undefined) {
    const gate = evaluateGate({ ...(spec.when ? { when: spec.when } : {}), ...(spec.or ? { or: spec.or } : {}) }, cr, path, ref, clock);
    if (!gate.ok) return { problem: `${path} conditions of ${ref}: ${gate.problems.join('; ')}` };
    if (!gate.holds) return {};
  }
  let text: string;
  try {
    text = (isTemplate(spec.after) ? executeTemplate(spec.after, cr) : spec.after).trim();
  } catch (e) {
    return { problem: `${path}.after of ${ref}: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (text === '' || text === '0') return {};
  const ms = parseDuration(text);
  if (ms === undefined) return { problem: `${path}.after of ${ref}: "${text}" is not a duration; write it like 30s, 5m or 1h` };
  return ms === 0 ? {} : { ms: Math.max(ms, MIN_REQUEUE_MS) };
}
