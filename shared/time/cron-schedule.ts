// Standard five-field cron schedules as upstream reads them for nextCron and cron conditions
// (robfig/cron's standard parser): numbers, `*` and `?`, ranges `a-b`, steps `/n`, lists, month and weekday names, and
// the @yearly/@monthly/@weekly/@daily/@midnight/@hourly macros; evaluated in UTC. Parsing is
// bounded by the field ranges; the next-run search looks at most five years ahead, as robfig.

export interface Schedule {
  minute: Set<number>;
  hour: Set<number>;
  dom: Set<number>;
  month: Set<number>;
  dow: Set<number>;
  /** robfig: when either day field is `*`, both must match; otherwise either may. */
  domStar: boolean;
  dowStar: boolean;
}

const MACROS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};
const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DOW_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const BOUNDS: [min: number, max: number, names?: string[]][] = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12, MONTH_NAMES],
  [0, 6, DOW_NAMES],
];
const MAX_EXPRESSION = 256;

/** Expands an @-macro (case-insensitive); other text is returned unchanged. */
export function expandMacro(expr: string): string {
  return MACROS[expr.trim().toLowerCase()] ?? expr;
}

function value(text: string, [min, max, names]: (typeof BOUNDS)[number]): number | undefined {
  const named = names?.indexOf(text.toLowerCase()) ?? -1;
  const n = named >= 0 ? named + min : /^\d{1,2}$/.test(text) ? Number(text) : NaN;
  return Number.isInteger(n) && n >= min && n <= max ? n : undefined;
}

function field(text: string, bounds: (typeof BOUNDS)[number]): Set<number> | undefined {
  const out = new Set<number>();
  for (const part of text.split(',')) {
    const [range = '', stepText, extra] = part.split('/');
    if (extra !== undefined) return undefined;
    const step = stepText === undefined ? 1 : /^\d{1,2}$/.test(stepText) ? Number(stepText) : 0;
    if (step < 1) return undefined;
    let lo: number | undefined;
    let hi: number | undefined;
    if (range === '*' || range === '?') [lo, hi] = [bounds[0], bounds[1]];
    else {
      const [a = '', b] = range.split('-', 3);
      lo = value(a, bounds);
      // robfig: `5/15` means 5 through the maximum.
      hi = b !== undefined ? value(b, bounds) : stepText !== undefined ? bounds[1] : lo;
      if (range.split('-').length > 2) return undefined;
    }
    if (lo === undefined || hi === undefined || lo > hi) return undefined;
    for (let v = lo; v <= hi; v += step) out.add(v);
  }
  return out;
}

/** The schedule, or undefined when `expr` is not a valid standard cron expression. */
export function parseSchedule(expr: string): Schedule | undefined {
  if (expr.length > MAX_EXPRESSION) return undefined;
  const parts = expandMacro(expr).trim().split(/\s+/);
  if (parts.length !== 5) return undefined;
  const sets = parts.map((p, i) => field(p, BOUNDS[i]!));
  if (sets.some((s) => s === undefined)) return undefined;
  const [minute, hour, dom, month, dow] = sets as Set<number>[];
  const star = (p: string): boolean => p === '*' || p === '?';
  return { minute: minute!, hour: hour!, dom: dom!, month: month!, dow: dow!, domStar: star(parts[2]!), dowStar: star(parts[4]!) };
}

function dayMatches(s: Schedule, day: Date): boolean {
  const dom = s.dom.has(day.getUTCDate());
  const dow = s.dow.has(day.getUTCDay());
  return s.domStar || s.dowStar ? dom && dow : dom || dow;
}

const DAY_MS = 86_400_000;
const SEARCH_DAYS = 5 * 366;

/**
 * The first minute strictly after `fromMs` that matches, or undefined within five years (as
 * robfig). Walks days, then only the matching hours and minutes of a matching day: at most
 * 5 × 366 day steps plus 24 × 60 on the one day that matches.
 */
export function nextRun(s: Schedule, fromMs: number): number | undefined {
  const start = Math.floor(fromMs / 60_000) * 60_000 + 60_000;
  const firstDay = Math.floor(start / DAY_MS) * DAY_MS;
  for (let d = 0; d < SEARCH_DAYS; d++) {
    const dayMs = firstDay + d * DAY_MS;
    const day = new Date(dayMs);
    if (!s.month.has(day.getUTCMonth() + 1) || !dayMatches(s, day)) continue;
    const from = d === 0 ? (start - dayMs) / 60_000 : 0;
    for (let h = Math.floor(from / 60); h < 24; h++) {
      if (!s.hour.has(h)) continue;
      for (let m = h === Math.floor(from / 60) ? from % 60 : 0; m < 60; m++) {
        if (s.minute.has(m)) return dayMs + h * 3_600_000 + m * 60_000;
      }
    }
  }
  return undefined;
}
