// The `dayOfWeek` condition, on the UTC day: `weekday: true` (Monday to Friday; false: the
// weekend), `weekend: true` (Saturday and Sunday; false: weekdays), `in: [days]` or
// `notIn: [days]`, days by their full English name in any case, as upstream compares them with
// Go's Weekday names. Pure.
import { DAY_MS } from './time-window.js';

export const DAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
export const DAY_KEYS = ['weekday', 'weekend', 'in', 'notIn'] as const;

/** The days (0 = Sunday … 6 = Saturday) on which the condition holds. */
export type DaySet = ReadonlySet<number>;

/** The day number of a full English day name (any case), or undefined. */
export function dayNumber(name: unknown): number | undefined {
  if (typeof name !== 'string' || name.length > 9) return undefined;
  const i = (DAY_NAMES as readonly string[]).indexOf(name.toLowerCase());
  return i >= 0 ? i : undefined;
}

/**
 * The days of a checked `dayOfWeek` mapping (exactly one key, known day names); undefined when
 * it is not one (dayOfWeekProblems says why).
 */
export function daySet(spec: Record<string, unknown>): DaySet | undefined {
  const all = [0, 1, 2, 3, 4, 5, 6];
  const weekdays = new Set([1, 2, 3, 4, 5]);
  if (typeof spec.weekday === 'boolean') return new Set(all.filter((d) => weekdays.has(d) === spec.weekday));
  if (typeof spec.weekend === 'boolean') return new Set(all.filter((d) => !weekdays.has(d) === spec.weekend));
  const list = Array.isArray(spec.in) ? spec.in : Array.isArray(spec.notIn) ? spec.notIn : undefined;
  if (!list) return undefined;
  const named = new Set(list.map(dayNumber));
  if (named.has(undefined)) return undefined;
  return new Set(all.filter((d) => named.has(d) === Array.isArray(spec.in)));
}

/** What is wrong with a `dayOfWeek` mapping, each as [path under it, message]; empty when it is usable. */
export function dayOfWeekProblems(spec: unknown): [(string | number)[], string][] {
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
    return [[[], 'expected a mapping such as {weekday: true} or {in: [Saturday, Sunday]}']];
  }
  const given = DAY_KEYS.filter((k) => (spec as Record<string, unknown>)[k] !== undefined);
  if (given.length !== 1) {
    const found = given.length === 0 ? 'none' : given.join(' and ');
    return [[[], `give exactly one of weekday, weekend, in or notIn (found ${found}; the Go runtime reads only the first of them)`]];
  }
  const key = given[0]!;
  const value = (spec as Record<string, unknown>)[key];
  if (key === 'weekday' || key === 'weekend') return typeof value === 'boolean' ? [] : [[[key], 'expected true or false']];
  if (!Array.isArray(value) || value.length === 0) return [[[key], 'expected a non-empty list of day names such as [Monday, Friday]']];
  const problems: [(string | number)[], string][] = [];
  value.forEach((name, i) => {
    if (dayNumber(name) === undefined) problems.push([[key, i], `unknown day ${JSON.stringify(name)}: write a full English day name, Monday to Sunday (any case)`]);
  });
  return problems;
}

/** The first UTC midnight after `nowMs` on which the condition's truth changes; undefined: never. */
export function dayNextChange(days: DaySet, nowMs: number): number | undefined {
  const today = Math.floor(nowMs / DAY_MS);
  // 1970-01-01 was a Thursday (4).
  const weekday = (n: number) => (((n + 4) % 7) + 7) % 7;
  const holds = days.has(weekday(today));
  for (let d = 1; d <= 7; d++) {
    if (days.has(weekday(today + d)) !== holds) return (today + d) * DAY_MS;
  }
  return undefined;
}

export function dayHolds(days: DaySet, nowMs: number): boolean {
  return days.has(new Date(nowMs).getUTCDay());
}
