// The instant time conditions (`time`, `dayOfWeek`, `cron`) read, taken once per evaluation and
// carried in the template scope, and where they record when their result can next change: the
// controller reads that back to reconcile the CR again then (controller/reconcile/run.ts). The
// wall clock is read here only, for callers that bring none (`ork template`, admission).

export interface ConditionClock {
  /** Milliseconds since the epoch; every time condition of the evaluation reads this instant. */
  readonly nowMs: number;
  /** What a cron condition without `duration` lasts (the autoscaler's interval); absent: until its next fire. */
  readonly cronWindowMs?: number;
  /** The earliest instant after nowMs at which a time condition evaluated so far may change. */
  nextChangeMs?: number;
}

export function conditionClock(nowMs: number, cronWindowMs?: number): ConditionClock {
  return cronWindowMs === undefined ? { nowMs } : { nowMs, cronWindowMs };
}

/** A clock at the current wall-clock time. */
export function wallClock(): ConditionClock {
  return conditionClock(Date.now());
}

/** Records that a condition's result may change at `atMs`. */
export function noteChange(clock: ConditionClock, atMs: number | undefined): void {
  if (atMs !== undefined && atMs > clock.nowMs && (clock.nextChangeMs === undefined || atMs < clock.nextChangeMs)) clock.nextChangeMs = atMs;
}
