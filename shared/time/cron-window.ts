// The `cron` + `duration` condition: a window that opens at each fire of a five-field schedule
// (UTC) and stays open for `duration`, as upstream evaluates it without state: open when the
// schedule fired in (now − duration, now]. Without a duration the window lasts one natural period
// of the schedule (the gap between its next two fires), so it stays open until the next fire;
// upstream's autoscaler instead keeps it open for one evaluation interval (the caller says which).
// Every search goes through nextRun, bounded to five years of days. Pure.
import { nextRun, parseSchedule, type Schedule } from './cron-schedule.js';
import { parseDuration } from '../template/notes/duration.js';

export interface CronWindow {
  schedule: Schedule;
  /** Milliseconds; absent: the default window (see above). */
  durationMs?: number;
}

const FORMS = 'five fields "minute hour day-of-month month day-of-week" such as "0 23 * * *" (UTC), or @hourly, @daily, @weekly, @monthly, @yearly';

/** The schedule of `text`, or the message saying why it is not one. */
export function parseCron(text: unknown): Schedule | string {
  if (typeof text !== 'string') return `expected a cron expression as a string: write ${FORMS}`;
  const trimmed = text.trim();
  if (/^@every\s/i.test(trimmed)) return `@every is not supported in a condition (its window would move with the clock); write ${FORMS}`;
  if (/^(CRON_)?TZ=/.test(trimmed)) return `a time zone prefix is not supported; conditions read UTC: write ${FORMS}`;
  return parseSchedule(trimmed) ?? `${JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text)} is not a cron expression: write ${FORMS}`;
}

/** Milliseconds of a `duration:` (Go units and d, w, mo, y), or the message saying why it is not one. */
export function parseWindowDuration(text: unknown): number | string {
  const ns = typeof text === 'string' ? parseDuration(text) : undefined;
  if (ns === undefined || ns < 0n) return `expected a duration such as 30m, 3h or 1d, got ${JSON.stringify(text)}`;
  return Number(ns / 1_000_000n);
}

/** The window length at `nowMs`: the duration, else `fallbackMs`, else the schedule's natural period. */
function windowLength(w: CronWindow, nowMs: number, fallbackMs: number | undefined): number | undefined {
  if (w.durationMs !== undefined && w.durationMs > 0) return w.durationMs;
  if (fallbackMs !== undefined) return fallbackMs;
  const next = nextRun(w.schedule, nowMs);
  const after = next === undefined ? undefined : nextRun(w.schedule, next);
  return next === undefined || after === undefined ? undefined : after - next;
}

export interface CronState {
  open: boolean;
  /** The first instant after now at which the window may open or close; undefined: never. */
  nextChangeMs?: number;
}

/**
 * Whether the window is open at `nowMs`, and when to look again: at the next fire (which opens
 * or extends it), or when the oldest fire inside the window falls out of it (an early look when
 * a later fire keeps it open, never a late one). A schedule that never fires is closed.
 */
export function cronState(w: CronWindow, nowMs: number, fallbackMs?: number): CronState {
  const length = windowLength(w, nowMs, fallbackMs);
  const next = nextRun(w.schedule, nowMs);
  const first = length === undefined ? undefined : nextRun(w.schedule, nowMs - length);
  const open = first !== undefined && first <= nowMs;
  const closes = open ? first + length! : undefined;
  const change = [next, closes].filter((t): t is number => t !== undefined && t > nowMs);
  return change.length === 0 ? { open } : { open, nextChangeMs: Math.min(...change) };
}
