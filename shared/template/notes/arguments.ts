// How note functions read their arguments: numbers (with numeric strings and booleans, as upstream's
// anyToFloat), bounded integers, lists and maps, with messages that name the argument and say what
// was expected instead. Shared by every domain file.
import { CallFailure } from '../template-error.js';
import { formatValue, toStr } from '../format.js';
import { goTypeName, isMap, kindOf } from '../values.js';

const NUMERIC = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;

/** What a value looks like in a message: its Go type and a short rendering. */
export function shown(v: unknown): string {
  const text = formatValue(v);
  return `${goTypeName(v)} ${JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text)}`;
}

/** A number: numbers, numeric strings (CR fields are often strings), booleans as 1/0, missing as 0. */
export function num(v: unknown, what: string): number {
  const k = kindOf(v);
  if (k === 'int' || k === 'float') return v as number;
  if (k === 'nil') return 0;
  if (k === 'bool') return v ? 1 : 0;
  if (k === 'string' && NUMERIC.test(v as string)) return Number(v);
  throw new CallFailure(`${what} is ${shown(v)}, not a number`);
}

/** A number read like `num`, or undefined when the text is not numeric (for lenient conversions). */
export function numOrUndefined(v: unknown): number | undefined {
  const k = kindOf(v);
  if (k === 'int' || k === 'float') return v as number;
  if (k === 'nil') return 0;
  if (k === 'bool') return v ? 1 : 0;
  if (k === 'string' && NUMERIC.test(v as string)) return Number(v);
  return undefined;
}

/** An integer count or index within [min, max]; names the argument when it is not. */
export function intArg(v: unknown, what: string, min: number, max: number): number {
  if (kindOf(v) !== 'int') throw new CallFailure(`${what} must be an integer, not ${shown(v)}`);
  const n = v as number;
  if (n < min) throw new CallFailure(min === 0 ? `${what} must not be negative (got ${n})` : `${what} must be at least ${min} (got ${n})`);
  if (n > max) throw new CallFailure(`${what} ${n} is too large (at most ${max})`);
  return n;
}

/** A list; missing counts as empty. */
export function listArg(v: unknown, what: string): unknown[] {
  if (Array.isArray(v)) return v;
  if (v === undefined || v === null) return [];
  throw new CallFailure(`${what} must be a list, not ${shown(v)}`);
}

/** A map; missing counts as empty. */
export function mapArg(v: unknown, what: string): Record<string, unknown> {
  if (isMap(v)) return v;
  if (v === undefined || v === null) return {};
  throw new CallFailure(`${what} must be a map, not ${shown(v)}`);
}

/** A result string, refused when longer than the output limit. */
export function bounded(s: string, max: number): string {
  if (s.length > max) throw new CallFailure(`result is longer than ${max} characters`, 'TEMPLATE_LIMIT');
  return s;
}

/** Text of a value as string functions see it: missing is empty, others as Go prints them. */
export const str = toStr;

/** The value at each of a map's keys in sorted key order. */
export function sortedEntries(m: Record<string, unknown>): [string, unknown][] {
  return Object.keys(m)
    .sort()
    .map((k) => [k, m[k]]);
}
