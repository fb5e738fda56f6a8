// When a controller that has just finished a burst of work gives its memory back: pure, so the
// rule is tested without a clock or a heap. The shell (settle.ts) reads the event loop's activity
// every tick and runs a memory-reducing collection when this says so.
//
// The rule: a tick in which the loop was busy less than `quietBelow` of the time, after at least
// `minBusyMs` of work since the last settle, and never twice within `minIntervalMs`. And the
// work since the last settle must be at least `costFactor` times what that settle cost, so
// settling takes at most 1/costFactor of the time spent working, however the work is spread:
// a controller with a steady trickle of events settles rarely, one that fills its caches in a
// burst settles once when the burst ends.

export interface SettlePolicy {
  /** How often the event loop's activity is read. */
  tickMs: number;
  /** A tick is quiet when the loop was busy for less than this fraction of it. */
  quietBelow: number;
  /** Work since the last settle (ms the loop was busy) below which settling is not worth it. */
  minBusyMs: number;
  /** The work since the last settle must be this many times what the last settle took. */
  costFactor: number;
  /** At most one settle in this many ms. */
  minIntervalMs: number;
}

export const SETTLE_POLICY: SettlePolicy = { tickMs: 2000, quietBelow: 0.05, minBusyMs: 200, costFactor: 20, minIntervalMs: 30_000 };

export interface SettleState {
  /** Ms the loop was busy since the last settle (or the start). */
  busyMs: number;
  /** When the last settle ran (ms on the tick clock); none yet: -Infinity. */
  lastAt: number;
  /** How long the last settle took (ms); none yet: 0. */
  lastCostMs: number;
}

export const INITIAL_SETTLE_STATE: SettleState = { busyMs: 0, lastAt: Number.NEGATIVE_INFINITY, lastCostMs: 0 };

/** One tick: when it ended (ms), how long it lasted and how long of it the loop was busy. */
export interface SettleTick {
  at: number;
  elapsedMs: number;
  activeMs: number;
}

/** The state after a tick, and whether to settle now. */
export function afterTick(state: SettleState, tick: SettleTick, policy: SettlePolicy = SETTLE_POLICY): { state: SettleState; settle: boolean } {
  const busyMs = state.busyMs + tick.activeMs;
  const quiet = tick.activeMs < policy.quietBelow * tick.elapsedMs;
  const worth = busyMs >= Math.max(policy.minBusyMs, policy.costFactor * state.lastCostMs);
  const settle = quiet && worth && tick.at - state.lastAt >= policy.minIntervalMs;
  return { state: { ...state, busyMs }, settle };
}

/** The state once a settle that took `costMs` finished at `at`. */
export function settled(at: number, costMs: number): SettleState {
  return { busyMs: 0, lastAt: at, lastCostMs: costMs };
}
