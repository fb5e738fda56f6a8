// A condition (`when:` / `or:` entries): one field tested by one operator, as children, status
// fields, requeue and rules use it. Split from types.ts, which re-exports it.

export interface Condition {
  field: string;
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
  negate?: boolean;
  /** Teams to alert while the condition holds, once per team interval (controller/notify); a list of names is the older form. */
  notify?: { teams: string[]; message?: string } | string[];
}
