// The `time: {after, before}` condition: a window of the UTC time of day, as upstream's HH:MM
// (Go's "15:04": an hour of one or two digits 0–23, a minute of two digits). `after` alone holds
// from then to midnight, `before` alone from midnight to then, both the span between; a window
// whose `after` is later than its `before` (22:00–06:00) wraps past midnight. Both ends are
// minute boundaries: `after` is in the window, `before` is not. Pure.

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;
const CLOCK = /^(\d{1,2}):(\d{2})$/;

export interface TimeWindow {
  /** Minutes after midnight; absent: from midnight. */
  after?: number;
  /** Minutes after midnight; absent: to midnight. */
  before?: number;
}

/** Minutes after midnight of "HH:MM", or undefined when it is not a time of day. */
export function parseClock(text: unknown): number | undefined {
  if (typeof text !== 'string' || text.length > 5) return undefined;
  const m = CLOCK.exec(text);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) return undefined;
  return Number(m[1]) * 60 + Number(m[2]);
}

/** Minutes (with their fraction) since the UTC midnight before `nowMs`. */
function minuteOfDay(nowMs: number): number {
  return (((nowMs % DAY_MS) + DAY_MS) % DAY_MS) / MINUTE_MS;
}

export function windowHolds(w: TimeWindow, nowMs: number): boolean {
  const at = minuteOfDay(nowMs);
  const after = w.after ?? 0;
  const before = w.before ?? 24 * 60;
  return after <= before ? at >= after && at < before : at >= after || at < before;
}

/**
 * The first instant after `nowMs` at which the window opens or closes (an end, or midnight for a
 * missing one); undefined for a window that never changes (all day, or empty).
 */
export function windowNextChange(w: TimeWindow, nowMs: number): number | undefined {
  const ends = [w.after ?? 0, (w.before ?? 0) % (24 * 60)];
  if (ends[0] === ends[1]) return undefined;
  const midnight = Math.floor(nowMs / DAY_MS) * DAY_MS;
  let next = Infinity;
  for (const minutes of ends) {
    let at = midnight + minutes * MINUTE_MS;
    if (at <= nowMs) at += DAY_MS;
    next = Math.min(next, at);
  }
  return next;
}
