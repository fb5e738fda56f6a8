// A CR whose rendering read a time condition (`time`, `dayOfWeek`, `cron`: shared/time) is
// reconciled again when the earliest of them can change: a child gated on a window appears when
// it opens and goes when it closes, without waiting for an edit or the resync. Nothing else wakes
// it — no event comes from the clock. The delay is a second past the change (a timer that fires a
// hair early would otherwise find the old result and schedule itself again) and at most a day: a
// far change (a yearly cron) is looked at again daily rather than trusting one very long timer
// (Node caps timers at ≈ 24.8 days). Additive to the resync, like every requeue-after. Pure.
import type { ConditionClock } from '../../shared/render/index.js';

/** Past the change, so the reconcile reads the new result. */
export const TIME_REQUEUE_MARGIN_MS = 1_000;
/** The longest delay scheduled; the next reconcile schedules the rest. */
export const MAX_TIME_REQUEUE_MS = 86_400_000;

export function timeRequeueMs(clock: ConditionClock): number | undefined {
  if (clock.nextChangeMs === undefined) return undefined;
  const ms = clock.nextChangeMs - clock.nowMs + TIME_REQUEUE_MARGIN_MS;
  return Math.min(Math.max(ms, TIME_REQUEUE_MARGIN_MS), MAX_TIME_REQUEUE_MS);
}
