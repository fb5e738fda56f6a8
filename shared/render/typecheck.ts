// Checks and converts the typed fields of rendered entries. Numeric strings such as "3" become
// numbers (a template that renders mixed text yields a string); anything else that does not fit
// is reported naming the field, never silently replaced by a default.
import { show } from './problems.js';

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
const bad = (expected: string, got: unknown): Checked<never> => ({ ok: false, message: `expected ${expected}, got ${show(got)}` });

export function toInteger(value: unknown, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER): Checked<number> {
  let n: number | undefined;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string' && /^\s*-?\d+\s*$/.test(value)) n = Number(value);
  if (n === undefined || !Number.isInteger(n)) return bad('an integer', value);
  if (n < min || n > max) return { ok: false, message: `expected an integer from ${min} to ${max}, got ${show(value)}` };
  return ok(n);
}

export function toNumber(value: unknown): Checked<number> {
  if (typeof value === 'number' && Number.isFinite(value)) return ok(value);
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return ok(Number(value));
  return bad('a number', value);
}

export function toBoolean(value: unknown): Checked<boolean> {
  if (typeof value === 'boolean') return ok(value);
  if (value === 'true') return ok(true);
  if (value === 'false') return ok(false);
  return bad('true or false', value);
}

export function toText(value: unknown): Checked<string> {
  return typeof value === 'string' ? ok(value) : bad('a string', value);
}

/** A scalar as text (for label values and ConfigMap data); objects and lists are refused. */
export function scalarToText(value: unknown): Checked<string> {
  if (typeof value === 'string') return ok(value);
  if (typeof value === 'number' || typeof value === 'boolean') return ok(String(value));
  return bad('a string (use toJson or toYaml to embed structured data)', value);
}

export function toObject(value: unknown): Checked<Record<string, unknown>> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? ok(value as Record<string, unknown>) : bad('an object', value);
}

export function toList(value: unknown): Checked<unknown[]> {
  return Array.isArray(value) ? ok(value) : bad('a list', value);
}

export function toOneOf<T extends string>(value: unknown, allowed: readonly T[]): Checked<T> {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? ok(value as T) : bad(`one of ${allowed.join(', ')}`, value);
}

/** "Not given": absent, or a template that rendered nothing (a missing CR field). */
export function isUnset(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}
