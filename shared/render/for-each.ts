// `forEach: {field, as}` on a resource entry: the items one entry expands into, and the template
// data each item sees. Over a list, `.item` (and `.<as>`) is the element; over a map, as upstream,
// `.item` is the key and `.value` the value. An absent list expands to nothing. Pure.
import type { ForEach } from '../katalog/types.js';
import { resolveField } from './conditions.js';
import { show, type Problems } from './problems.js';
import { FAILED, type TemplateScope } from './templating.js';

const RESERVED_AS = new Set(['apiVersion', 'kind', 'metadata', 'spec', 'status']);
/** Marks a list item: only map entries give templates a `.value`. */
const NO_VALUE: unique symbol = Symbol('no value');

export interface ForEachItem {
  item: unknown;
  value: unknown;
}

/** The items of `spec` for the entry at `path`; undefined (with the problem recorded) when it is wrong. */
export function forEachItems(spec: unknown, path: string, scope: TemplateScope, problems: Problems): ForEachItem[] | undefined {
  const at = `${path}.forEach`;
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
    problems.error(at, `expected {field, as}, got ${show(spec)}`);
    return undefined;
  }
  const { field, as } = spec as ForEach;
  if (as !== undefined && (typeof as !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(as) || RESERVED_AS.has(as))) {
    problems.error(`${at}.as`, `expected a name such as member (not one of the CR's top-level fields), got ${show(as)}`);
    return undefined;
  }
  const value = resolveField(field, scope, at);
  if (value === FAILED) return undefined;
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.map((item) => ({ item, value: NO_VALUE }));
  // A map expands to one item per entry, in the CR's key order: the key and its value.
  if (typeof value === 'object') return Object.entries(value).map(([key, v]) => ({ item: key, value: v }));
  problems.error(`${at}.field`, `expected ${String(field)} to be a list or a map, got ${show(value)}`);
  return undefined;
}

/** The scope one item renders in: the base data plus `.item`, `.value` (maps) and `.<as>`. */
export function itemScope(base: TemplateScope, { item, value }: ForEachItem, as: string | undefined): TemplateScope {
  const data: Record<string, unknown> = { ...(base.data as Record<string, unknown>), item };
  if (value !== NO_VALUE) data.value = value;
  if (as) data[as] = item;
  return { ...base, data };
}
