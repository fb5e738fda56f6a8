// Time notes: elapsed time since/until a timestamp, expiry checks, reformatting, extended
// durations, weekday and time-of-day windows, the next cron run. The clock is `env.now` (the
// real one when absent), so tests and `ork template` can fix it; everything is UTC, as upstream.
import type { CallEnv, FuncDef } from '../func-def.js';
import { CallFailure } from '../template-error.js';
import { nextRun, parseSchedule } from '../../time/cron-schedule.js';
import { formatDuration, parseDuration } from './duration.js';
import { formatLayout, MAX_LAYOUT, parseStamp } from './go-time.js';
import { note, str, type DocLine } from './note.js';

const time = (name: string, arity: readonly [number, number], doc: DocLine, call: FuncDef['call']): FuncDef => note('time', name, arity, doc, call);
const nowMs = (env: CallEnv): number => (env.now ? env.now() : new Date()).getTime();
const ZERO_TIME = '0001-01-01T00:00:00Z';

function timeAgo(stamp: unknown, env: CallEnv): string {
  const at = parseStamp(stamp);
  if (at === undefined) return '';
  const seconds = Math.trunc((nowMs(env) - at) / 1000);
  if (seconds < 60) return `${seconds}s ago`;
  if (seconds < 3600) return `${Math.trunc(seconds / 60)}m ago`;
  if (seconds < 86_400) return `${Math.trunc(seconds / 3600)}h ago`;
  return `${Math.trunc(seconds / 86_400)}d ago`;
}

function timeUntil(stamp: unknown, env: CallEnv): string {
  const at = parseStamp(stamp);
  if (at === undefined || at <= nowMs(env)) return '0s';
  // Go truncates to whole seconds before printing.
  return formatDuration(BigInt(Math.floor((at - nowMs(env)) / 1000)) * 1_000_000_000n);
}

function isExpired(stamp: unknown, duration: string, env: CallEnv): boolean {
  const at = parseStamp(stamp);
  const d = parseDuration(duration);
  if (at === undefined || d === undefined) return false;
  return nowMs(env) > at + Number(d / 1_000_000n);
}

function timeFormat(stamp: unknown, layout: string): string {
  if (layout.length > MAX_LAYOUT) throw new CallFailure(`the layout is ${layout.length} characters long; at most ${MAX_LAYOUT} are allowed`);
  const at = parseStamp(stamp);
  return at === undefined ? '' : formatLayout(at, layout);
}

function durationAdd(a: string, b: string): string {
  const da = parseDuration(a);
  const db = parseDuration(b);
  return da === undefined || db === undefined ? '0s' : formatDuration(da + db);
}

/** Minutes since midnight of "HH:MM" (Go's "15:04": hour of one or two digits 0–23, minute 00–59). */
function clock(text: string): number | undefined {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) return undefined;
  return Number(m[1]) * 60 + Number(m[2]);
}

function inWindow(after: string, before: string, env: CallEnv): boolean {
  const a = clock(after);
  const b = clock(before);
  if (a === undefined || b === undefined) return false;
  const now = new Date(nowMs(env));
  const minute = now.getUTCHours() * 60 + now.getUTCMinutes() + now.getUTCSeconds() / 60;
  return minute >= a && minute < b;
}

function nextCron(expr: string, env: CallEnv): string {
  const schedule = parseSchedule(expr);
  if (!schedule) return '';
  const at = nextRun(schedule, nowMs(env));
  // robfig returns the zero time when nothing matches within five years; upstream prints it.
  return at === undefined ? ZERO_TIME : new Date(at).toISOString().replace('.000Z', 'Z');
}

const weekday = (env: CallEnv): boolean => {
  const d = new Date(nowMs(env)).getUTCDay();
  return d >= 1 && d <= 5;
};

export const TIME_NOTES: FuncDef[] = [
  time('timeAgo', [1, 1], ['timeAgo TIMESTAMP', 'Elapsed time as "5s ago", "12m ago", "3h ago" or "2d ago"; "" when unparseable.', '{{ timeAgo .metadata.creationTimestamp }}'], (a, env) => timeAgo(str(a[0], 1), env)),
  time('timeSince', [1, 1], ['timeSince TIMESTAMP', 'Whole seconds since TIMESTAMP (rounded); 0 when unparseable.', '{{ timeSince .metadata.creationTimestamp }}'], (a, env) => {
    const at = parseStamp(str(a[0], 1));
    return at === undefined ? 0 : Math.round((nowMs(env) - at) / 1000);
  }),
  time('timeUntil', [1, 1], ['timeUntil TIMESTAMP', 'A Go duration until TIMESTAMP ("719h43m12s"); "0s" when past or unparseable.', '{{ timeUntil .status.certExpiry }}'], (a, env) => timeUntil(str(a[0], 1), env)),
  time('isExpired', [2, 2], ['isExpired TIMESTAMP DURATION', 'Whether TIMESTAMP plus DURATION (units up to d, w, mo, y) is in the past.', '{{ isExpired (index .metadata.annotations "example.com/rotated") "30d" }}'], (a, env) => isExpired(a[0], str(a[1], 2), env)),
  time('timeFormat', [2, 2], ['timeFormat TIMESTAMP LAYOUT', 'TIMESTAMP in UTC with a Go layout ("Jan 2, 2006"); "" when unparseable.', '{{ timeFormat .metadata.creationTimestamp "2006-01-02" }}'], (a) => timeFormat(a[0], str(a[1], 2))),
  time('durationSeconds', [1, 1], ['durationSeconds DURATION', 'Whole seconds in an extended duration ("7d" → 604800); 0 when invalid.', '{{ durationSeconds .spec.resync }}'], (a) => {
    const d = parseDuration(str(a[0], 1));
    return d === undefined ? 0 : Number(d / 1_000_000_000n);
  }),
  time('durationAdd', [2, 2], ['durationAdd A B', 'The sum of two extended durations as a Go duration ("5m30s"); "0s" when either is invalid.', '{{ durationAdd .spec.window "30s" }}'], (a) => durationAdd(str(a[0], 1), str(a[1], 2))),
  time('durationValid', [1, 1], ['durationValid TEXT', 'Whether TEXT is an extended duration (Go units plus d, w, mo, y).', '{{ durationValid .spec.rotation }}'], (a) => parseDuration(str(a[0], 1)) !== undefined),
  time('weekday', [0, 0], ['weekday', 'Whether today (UTC) is Monday to Friday.', '{{ weekday }}'], (_a, env) => weekday(env)),
  time('weekend', [0, 0], ['weekend', 'Whether today (UTC) is Saturday or Sunday.', '{{ weekend }}'], (_a, env) => !weekday(env)),
  time('timeInWindow', [2, 2], ['timeInWindow AFTER BEFORE', 'Whether the UTC time of day is in [AFTER, BEFORE), both "HH:MM"; false when malformed.', '{{ timeInWindow "09:00" "18:00" }}'], (a, env) => inWindow(str(a[0], 1), str(a[1], 2), env)),
  time('timeNotInWindow', [2, 2], ['timeNotInWindow AFTER BEFORE', 'The complement of timeInWindow (true also when malformed).', '{{ timeNotInWindow "02:00" "04:00" }}'], (a, env) => !inWindow(str(a[0], 1), str(a[1], 2), env)),
  time('nextCron', [1, 1], ['nextCron EXPRESSION', 'The next run (RFC 3339, UTC) of a five-field cron expression; "" when invalid.', '{{ nextCron "0 2 * * 0" }}'], (a, env) => nextCron(str(a[0], 1), env)),
];
