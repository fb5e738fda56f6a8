// A condition (`when:` / `or:` entries): one field tested by one operator, or a time condition,
// as children, status fields, requeue and rules use it. Split from types.ts, which re-exports it.

export interface Condition {
  /** Absent only in a time condition. */
  field?: string;
  equals?: unknown;
  notEquals?: unknown;
  in?: unknown[];
  notIn?: unknown[];
  contains?: unknown;
  prefix?: string;
  suffix?: string;
  regex?: string;
  exists?: boolean;
  notExists?: boolean;
  gt?: number | string;
  gte?: number | string;
  lt?: number | string;
  lte?: number | string;
  /** Inclusive numeric range: upstream's "min,max" string, or [min, max]. */
  between?: string | unknown[];
  notBetween?: string | unknown[];
  /** typeOf takes map, slice, string, number, bool or null; the others take true. */
  typeOf?: string;
  typeMap?: boolean;
  typeList?: boolean;
  typeString?: boolean;
  typeNumber?: boolean;
  typeBool?: boolean;
  typeNull?: boolean;
  /** No other CR of the kind has the same value (passes where no lister is at hand, as upstream). */
  unique?: boolean;
  /** UTC time of day, HH:MM; `after` is in the window, `before` is not; after > before wraps past midnight. */
  time?: { after?: string; before?: string };
  /** Exactly one key; days by full English name, any case. */
  dayOfWeek?: { weekday?: boolean; weekend?: boolean; in?: string[]; notIn?: string[] };
  /** Five-field schedule (UTC) or @daily …; the window opens at each fire. */
  cron?: string;
  /** How long a cron window stays open; absent: until the next fire. */
  duration?: string;
  negate?: boolean;
  /** Teams to alert while the condition holds, once per team interval (controller/notify); a list of names is the older form. */
  notify?: { teams: string[]; message?: string } | string[];
}
