// Upstream's workload autoscale on a Deployment, StatefulSet or ReplicaSet child (pkg/types
// WorkloadAutoscale, pkg/runtime/runners/workload_autoscale.go, read for v0.7.17): `{min, max,
// cooldown (1m), scaleUp|scaleDown: {conditions: {when, anyOf|or}, target | increment |
// decrement}}`, evaluated at every reconcile; when a direction's conditions hold and the cooldown
// since the last scale event has passed, spec.replicas moves (scale-up first, while below max; else
// scale-down, while above min, whose default is the current count). The renderer decides which
// directions hold (conditions read the CR, `.external`, `.metrics` like any other); the controller
// reads the live replica count and the last scale event (scaleTarget below, applied in
// controller/reconcile/workload-scale.ts). Pure.
import type { Condition } from '../katalog/types.js';
import { parseDuration } from '../template/notes/duration.js';
import { gatePasses } from './conditions.js';
import type { Problems } from './problems.js';
import { FAILED, evaluateDeep, type TemplateScope } from './templating.js';
import type { WorkloadScale } from './types.js';

export type { ScaleStep, WorkloadScale } from './types.js';

export const WORKLOAD_LISTS: ReadonlySet<string> = new Set(['deployments', 'statefulSets', 'replicaSets']);
const DEFAULT_COOLDOWN_MS = 60_000;

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The entry's `autoscale` for this reconcile; undefined when absent (problems recorded). */
export function workloadAutoscaleOf(listKey: string, raw: unknown, scope: TemplateScope, path: string, problems: Problems): WorkloadScale | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!WORKLOAD_LISTS.has(listKey)) {
    problems.error(path, 'only deployments, statefulSets and replicaSets take autoscale (declare an hpa entry for the others)');
    return undefined;
  }
  if (!isRecord(raw)) {
    problems.error(path, 'expected {min, max, cooldown, scaleUp, scaleDown}');
    return undefined;
  }
  const count = (key: string, required = false): number | undefined => {
    const v = raw[key] === undefined ? undefined : evaluateDeep(raw[key], scope, `${path}.${key}`);
    if (v === undefined || v === FAILED) {
      if (required && v === undefined) problems.error(`${path}.${key}`, 'required: the most replicas the autoscaler may set');
      return undefined;
    }
    const n = typeof v === 'string' ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
      problems.error(`${path}.${key}`, `expected a whole number of replicas, got ${JSON.stringify(v)}`);
      return undefined;
    }
    return n;
  };
  const max = count('max', true);
  const min = count('min');
  const cooldownMs = cooldown(raw.cooldown, `${path}.cooldown`, problems);
  if (max === undefined || cooldownMs === undefined) return undefined;
  const out: WorkloadScale = { max, cooldownMs, ...(min !== undefined ? { min } : {}) };
  for (const [key, dir, step] of [['scaleUp', 'up', 'increment'], ['scaleDown', 'down', 'decrement']] as const) {
    const d = raw[key];
    if (d === undefined) continue;
    if (!isRecord(d)) {
      problems.error(`${path}.${key}`, 'expected {conditions: {when, anyOf}, target | increment | decrement}');
      continue;
    }
    const conditions = isRecord(d.conditions) ? d.conditions : {};
    const holds = gatePasses(conditions.when as Condition[] | undefined, (conditions.or ?? conditions.anyOf) as Condition[] | undefined, scope, `${path}.${key}.conditions`);
    if (holds !== true) continue;
    const target = stepValue(d.target, scope, `${path}.${key}.target`, problems);
    const by = stepValue(d[step], scope, `${path}.${key}.${step}`, problems);
    out[dir] = { ...(target !== undefined ? { target } : {}), ...(by !== undefined ? { [step]: by } : {}) };
  }
  return out;
}

function stepValue(raw: unknown, scope: TemplateScope, path: string, problems: Problems): number | undefined {
  if (raw === undefined) return undefined;
  const v = evaluateDeep(raw, scope, path);
  if (v === FAILED) return undefined;
  const n = typeof v === 'string' ? Number(v) : v;
  if (typeof n === 'number' && Number.isInteger(n) && n >= 0) return n;
  problems.error(path, `expected a whole number of replicas, got ${JSON.stringify(v)}`);
  return undefined;
}

function cooldown(raw: unknown, path: string, problems: Problems): number | undefined {
  if (raw === undefined || raw === '') return DEFAULT_COOLDOWN_MS;
  const ns = typeof raw === 'string' ? parseDuration(raw) : undefined;
  if (ns === undefined || ns < 0n) {
    problems.error(path, `${JSON.stringify(raw)} is not a duration; write it like 30s, 5m or 1h`);
    return undefined;
  }
  return ns === 0n ? DEFAULT_COOLDOWN_MS : Number(ns / 1_000_000n);
}

/**
 * The replica count after this reconcile's scale event, from the live count (upstream's
 * resolveTarget): scale-up while below max (target, else current + increment, at most max); else
 * scale-down while above min (target, else current − decrement, at least min; min defaults to the
 * current count, so without it nothing scales down). The current count when nothing moves.
 */
export function scaleTarget(scale: WorkloadScale, current: number): number {
  const up = scale.up;
  if (up && current < scale.max) {
    const t = up.target !== undefined ? up.target : up.increment !== undefined ? current + up.increment : current;
    const bounded = Math.min(t, scale.max);
    if (bounded !== current) return bounded;
  }
  const min = scale.min ?? current;
  const down = scale.down;
  if (down && current > min) {
    const t = down.target !== undefined ? down.target : down.decrement !== undefined ? current - down.decrement : current;
    return Math.max(t, min);
  }
  return current;
}
