// Reading Kubernetes objects the way upstream's notes do: as plain maps where any level may be
// missing, so every reader answers a zero value ("", 0, {}, false) instead of failing.
import { isMap } from '../values.js';

export type Obj = Record<string, unknown>;

export function asMap(v: unknown): Obj | undefined {
  return isMap(v) ? v : undefined;
}

/** The map at `key` of `obj`, or an empty map: like upstream's meta/spec/status helpers. */
export function section(obj: unknown, key: string): Obj {
  return asMap(asMap(obj)?.[key]) ?? {};
}

/** Follows `path` through nested maps; undefined as soon as a level is not a map or is missing. */
export function dig(obj: unknown, path: readonly string[]): unknown {
  let current: unknown = obj;
  for (const key of path) {
    const m = asMap(current);
    if (!m || !Object.hasOwn(m, key)) return undefined;
    current = m[key];
    if (current === undefined || current === null) return undefined;
  }
  return current;
}

/** A string field or "" when absent or not a string. */
export function text(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

export function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

const LEADING_INT = /^\s*([+-]?\d{1,18})/;

/**
 * Upstream's toInt64: integers as they are, floats truncated, strings by their leading integer
 * ("3" → 3, "3x" → 3, "x" → 0), anything else 0.
 */
export function toInt64(v: unknown): number {
  if (typeof v === 'number') return Number.isFinite(v) ? Math.trunc(v) : 0;
  if (typeof v === 'string') {
    const m = LEADING_INT.exec(v);
    return m ? Number(m[1]) : 0;
  }
  return 0;
}

/** The condition of `type` in status.conditions, if any. */
export function condition(obj: unknown, type: string): Obj | undefined {
  for (const c of list(section(obj, 'status').conditions)) {
    const m = asMap(c);
    if (m && m.type === type) return m;
  }
  return undefined;
}

/** The non-empty strings among `values`, joined with ", " as upstream's list notes print them. */
export function joinTexts(values: readonly unknown[]): string {
  return values.filter((v): v is string => typeof v === 'string' && v !== '').join(', ');
}

/** The list at `key` of `obj` (an enrichment key such as `_pods`), or [] when absent. */
export function embedded(obj: unknown, key: string): unknown[] {
  return list(asMap(obj)?.[key]);
}

/** The map at `key` of `obj` (an enrichment key such as `_node`), or undefined when absent. */
export function embeddedMap(obj: unknown, key: string): Obj | undefined {
  return asMap(asMap(obj)?.[key]);
}

/** The entries of `values` that are maps. */
export function mapsIn(values: readonly unknown[]): Obj[] {
  const out: Obj[] = [];
  for (const v of values) {
    const m = asMap(v);
    if (m) out.push(m);
  }
  return out;
}
