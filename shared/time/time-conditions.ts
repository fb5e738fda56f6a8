// Upstream's time conditions, one per `when` / `or` item: `time: {after, before}`,
// `dayOfWeek: {weekday | weekend | in | notIn}` and `cron` (+ `duration`), beside which only
// `negate` and `notify` may stand. Upstream reads the first of time, dayOfWeek, cron and ignores
// everything else in the item (a field test too); here such an item is refused at load instead, so
// it cannot mean something other than what it says. Checking (the problems, for `ork validate`)
// and evaluating (given the instant, in UTC) are both here. Pure.
import type { Schedule } from './cron-schedule.js';
import { cronState, parseCron, parseWindowDuration } from './cron-window.js';
import { dayHolds, dayNextChange, dayOfWeekProblems, daySet, type DaySet } from './day-of-week.js';
import { parseClock, windowHolds, windowNextChange, type TimeWindow } from './time-window.js';

export const TIME_KEYS = ['time', 'dayOfWeek', 'cron'] as const;
/** Keys that may stand beside a time condition in its item. */
const COMPANIONS = new Set(['negate', 'notify', 'duration', ...TIME_KEYS]);

type Rec = Record<string, unknown>;

export type TimeTest =
  | { kind: 'time'; window: TimeWindow }
  | { kind: 'dayOfWeek'; days: DaySet }
  | { kind: 'cron'; schedule: Schedule; durationMs?: number };

/** A problem of a time condition: the path under the item it is at (empty: the item) and why. */
export type TimeProblem = [path: (string | number)[], message: string];

/** Whether the item is a time condition (names time, dayOfWeek, cron or duration). */
export function isTimeCondition(condition: Rec): boolean {
  return TIME_KEYS.some((k) => condition[k] !== undefined) || condition.duration !== undefined;
}

/** The test of a time-condition item, or every problem that keeps it from being one. */
export function parseTimeCondition(condition: Rec): TimeTest | TimeProblem[] {
  const given = TIME_KEYS.filter((k) => condition[k] !== undefined);
  if (given.length === 0) return [[['duration'], 'duration belongs to a cron condition: give cron beside it, or remove it']];
  if (given.length > 1) return [[[], `give one of ${given.join(', ')} per item (the Go runtime reads only the first and ignores the others); put each in its own item of the list`]];
  const others = Object.keys(condition).filter((k) => !COMPANIONS.has(k));
  if (others.length > 0) {
    return [[[], `a ${given[0]} condition tests the clock and stands alone beside negate and notify; move ${others.join(', ')} to an item of its own (the Go runtime ignores them here)`]];
  }
  const key = given[0]!;
  if (key !== 'cron' && condition.duration !== undefined) return [[['duration'], 'duration belongs to a cron condition; remove it']];
  if (key === 'time') return timeTest(condition.time);
  if (key === 'dayOfWeek') {
    const problems = dayOfWeekProblems(condition.dayOfWeek);
    return problems.length > 0 ? problems.map(([at, m]) => [['dayOfWeek', ...at], m]) : { kind: 'dayOfWeek', days: daySet(condition.dayOfWeek as Rec)! };
  }
  return cronTest(condition);
}

function timeTest(spec: unknown): TimeTest | TimeProblem[] {
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) return [[['time'], 'expected a mapping such as {after: "09:00", before: "17:00"}']];
  const window: TimeWindow = {};
  const problems: TimeProblem[] = [];
  for (const end of ['after', 'before'] as const) {
    const text = (spec as Rec)[end];
    if (text === undefined) continue;
    const minutes = parseClock(text);
    if (minutes === undefined) problems.push([['time', end], `expected a UTC time of day as HH:MM (00:00 to 23:59), got ${JSON.stringify(text)}`]);
    else window[end] = minutes;
  }
  return problems.length > 0 ? problems : { kind: 'time', window };
}

function cronTest(condition: Rec): TimeTest | TimeProblem[] {
  const schedule = parseCron(condition.cron);
  const problems: TimeProblem[] = typeof schedule === 'string' ? [[['cron'], schedule]] : [];
  let durationMs: number | undefined;
  if (condition.duration !== undefined) {
    const d = parseWindowDuration(condition.duration);
    if (typeof d === 'string') problems.push([['duration'], d]);
    else durationMs = d;
  }
  if (problems.length > 0 || typeof schedule === 'string') return problems;
  return durationMs === undefined ? { kind: 'cron', schedule } : { kind: 'cron', schedule, durationMs };
}

export interface TimeResult {
  holds: boolean;
  /** The first instant after now at which the result may change; undefined: never. */
  nextChangeMs?: number;
}

/**
 * The test at `nowMs` (milliseconds since the epoch; UTC). `cronWindowMs` is what a cron
 * condition without a duration lasts (the autoscaler's interval); absent: until the next fire.
 */
export function evaluateTimeTest(test: TimeTest, nowMs: number, cronWindowMs?: number): TimeResult {
  let holds: boolean;
  let next: number | undefined;
  if (test.kind === 'time') {
    holds = windowHolds(test.window, nowMs);
    next = windowNextChange(test.window, nowMs);
  } else if (test.kind === 'dayOfWeek') {
    holds = dayHolds(test.days, nowMs);
    next = dayNextChange(test.days, nowMs);
  } else {
    const state = cronState(test.durationMs === undefined ? { schedule: test.schedule } : { schedule: test.schedule, durationMs: test.durationMs }, nowMs, cronWindowMs);
    holds = state.open;
    next = state.nextChangeMs;
  }
  return next === undefined ? { holds } : { holds, nextChangeMs: next };
}
