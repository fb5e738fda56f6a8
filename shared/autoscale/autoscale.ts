// `operatorBox.autoscale` (also `operatorBox.runtime.autoscale`): while its conditions hold, a CRD's
// worker count, queue depth and resync take the values under `do`; once they have been false for
// `cooldown` without a break, the declared baseline comes back. Conditions are checked every
// `interval` (upstream's defaults: 15s and 2m): `when` all hold and `or` at least one, against the
// runtime's own metrics (`metrics.queueDepth`, `metrics.workersBusyPercent`, …) or the clock
// (`time`, `dayOfWeek`, `cron` + `duration`, in UTC: shared/time). A cron condition without a
// duration stays open one interval after each fire, as upstream's autoscaler keeps it. Pure: the
// caller brings metrics and time.
import { canonicalOperators } from '../katalog/condition-aliases.js';
import { normalizeCondition } from '../katalog/conditions-check.js';
import { parseDuration } from '../katalog/durations.js';
import type { Condition } from '../katalog/types.js';
import { conditionClock } from '../render/clock.js';
import { conditionHolds } from '../render/conditions.js';
import { Problems } from '../render/problems.js';
import { FAILED } from '../render/templating.js';
import { expandAutoscaleProfile, type AutoscaleBaseline } from './profiles.js';

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

export const DEFAULT_INTERVAL_MS = 15_000;
export const DEFAULT_COOLDOWN_MS = 120_000;
/** The metric names upstream exposes under `metrics.`. */
export const AUTOSCALE_METRICS = ['queueDepth', 'workersBusyPercent', 'workersIdlePercent', 'reconcileDurationP95Ms', 'errorRatePercent'] as const;
export type AutoscaleMetrics = Record<(typeof AUTOSCALE_METRICS)[number], number>;

export interface AutoscaleSettings {
  workers?: number;
  queueDepth?: number;
  resyncMs?: number;
}

export interface AutoscaleSpec {
  intervalMs: number;
  cooldownMs: number;
  when: Rec[];
  or: Rec[];
  do: AutoscaleSettings;
}

/**
 * The spec of a CRD entry's operatorBox, or undefined when it declares none. A `profile` is
 * expanded from `baseline` (the CRD's workers and queue.maxDepth); without a baseline, or for a
 * name no preset has, there is no spec.
 */
export function autoscaleSpec(box: { autoscale?: Rec } | undefined, baseline?: AutoscaleBaseline): AutoscaleSpec | undefined {
  let written = box?.autoscale;
  if (isRecord(written) && typeof written.profile === 'string') written = baseline ? expandAutoscaleProfile(written.profile, baseline) : undefined;
  if (!isRecord(written)) return undefined;
  const conditions = isRecord(written.conditions) ? written.conditions : {};
  const act = isRecord(written.do) ? written.do : {};
  const positive = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : undefined);
  const settings: AutoscaleSettings = {};
  if (positive(act.workers)) settings.workers = positive(act.workers)!;
  if (positive(act.queueDepth)) settings.queueDepth = positive(act.queueDepth)!;
  const resync = typeof act.resync === 'string' ? parseDuration(act.resync) : undefined;
  if (resync) settings.resyncMs = resync;
  if (Object.keys(settings).length === 0) return undefined;
  const duration = (v: unknown, fallback: number) => (typeof v === 'string' ? parseDuration(v) ?? fallback : fallback);
  const list = (v: unknown) => (Array.isArray(v) ? v.filter(isRecord) : []);
  return { intervalMs: duration(written.interval, DEFAULT_INTERVAL_MS), cooldownMs: duration(written.cooldown, DEFAULT_COOLDOWN_MS), when: list(conditions.when), or: list(conditions.or), do: settings };
}

/** Whether the conditions hold now; `problems` says why a condition could not be evaluated (it then counts as false). */
export function autoscaleConditionsHold(spec: AutoscaleSpec, metrics: AutoscaleMetrics, now: Date): { holds: boolean; problems: string[] } {
  const problems = new Problems('autoscale');
  const scope = { data: { metrics }, problems, clock: conditionClock(now.getTime(), spec.intervalMs) };
  const one = (c: Rec, path: string): boolean => {
    const r = conditionHolds(normalizeCondition(canonicalOperators(c)) as unknown as Condition, scope, path);
    return r !== FAILED && r;
  };
  const all = spec.when.every((c, i) => one(c, `autoscale.conditions.when[${i}]`));
  const any = spec.or.length === 0 || spec.or.some((c, i) => one(c, `autoscale.conditions.or[${i}]`));
  const declared = spec.when.length + spec.or.length > 0;
  return { holds: declared && all && any, problems: problems.issues.map((i) => `${i.path}: ${i.message}`) };
}

/** Whether the override is on, and since when the conditions have been false without a break. */
export interface AutoscaleState {
  active: boolean;
  falseSinceMs?: number;
}

/** One evaluation tick: on as soon as the conditions hold; off once they stayed false for cooldown. */
export function nextAutoscaleState(state: AutoscaleState, holds: boolean, nowMs: number, cooldownMs: number): AutoscaleState {
  if (holds) return { active: true };
  if (!state.active) return { active: false };
  const falseSinceMs = state.falseSinceMs ?? nowMs;
  return nowMs - falseSinceMs >= cooldownMs ? { active: false } : { active: true, falseSinceMs };
}
