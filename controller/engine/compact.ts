// What an informer keeps of each object (issue #17: memory at 10,000 CRs). Every list page and
// watch event is fresh JSON, so each cached object holds its own copy of strings that thousands of
// others repeat (apiVersions, label keys and values, image names, condition reasons, timestamps of
// the same second): at 3,000 CRs with two children each, half the cached strings' bytes were such
// copies (docs/benchmarks.md, *Memory at 10,000 CRs*). V8 keeps one table of internalized strings
// and internalizes any string used to look up a property; the looked-up string then forwards to
// the table's copy and the garbage collector drops the duplicate. The table holds its strings
// weakly, so nothing is kept alive after the last object that used it is gone. Pure apart from
// that (values are unchanged, objects are edited in place: they were just parsed).
import type { KubeObject } from '../../shared/kube/index.js';

/** Never written: looking a string up in it is what internalizes the string. */
const probe: Record<string, undefined> = Object.create(null) as Record<string, undefined>;

/** JSON.parse already internalizes string values this short; longer ones are worth a look-up. */
const SHORT = 10;
/** Strings this long are rarely repeated; hashing them would cost more than it saves. */
const LONG = 4096;

/** `s` itself, now sharing its characters with every equal internalized string. */
export function intern(s: string): string {
  return probe[s] ?? s;
}

/** Interns every string value of a parsed JSON value, in place; returns it. */
export function internStrings<T>(value: T): T {
  visit(value);
  return value;
}

function visit(value: unknown): void {
  if (Array.isArray(value)) {
    for (const item of value) visitItem(item);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const key in value) visitItem((value as Record<string, unknown>)[key]);
}

function visitItem(item: unknown): void {
  if (typeof item === 'string') {
    if (item.length > SHORT && item.length < LONG) intern(item);
  } else if (item !== null && typeof item === 'object') visit(item);
}

/** kubectl's client-side apply copy of the whole object: as large as the object, read by nothing we cache. */
export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

export interface CompactOptions {
  /** Drop `status`: for children whose status no template, condition or wait of theirs reads. */
  dropStatus?: boolean;
  /** Drop kubectl's last-applied-configuration annotation. */
  dropLastApplied?: boolean;
}

/**
 * A cache transform: `metadata.managedFields` dropped (always: often the larger half of an object,
 * never read), optionally `status` and the last-applied annotation, and every string interned.
 * Returns a new top level and metadata (sized as JSON.parse sizes them, exactObject) when it drops
 * something; the rest is the parsed object.
 */
export function compactForCache(options: CompactOptions = {}): (obj: KubeObject) => KubeObject {
  return (obj) => {
    const metadata = obj.metadata;
    const annotations = metadata.annotations;
    const lastApplied = options.dropLastApplied === true && annotations !== undefined && LAST_APPLIED_ANNOTATION in annotations;
    const dropStatus = options.dropStatus === true && 'status' in obj;
    if (!('managedFields' in metadata) && !lastApplied && !dropStatus) return internStrings(obj);
    const kept = exactObject(Object.keys(metadata).filter((k) => k !== 'managedFields'), (k) => metadata[k]);
    if (lastApplied) kept.annotations = exactObject(Object.keys(annotations).filter((k) => k !== LAST_APPLIED_ANNOTATION), (k) => annotations[k]);
    const top = exactObject(Object.keys(obj).filter((k) => !(dropStatus && k === 'status')), (k) => (k === 'metadata' ? kept : obj[k]));
    return internStrings(top as KubeObject);
  };
}

/** Key lists (joined) → a JSON object of those keys; cleared when full (a cache, not a registry of every shape seen). */
const shapes = new Map<string, string>();
const MAX_SHAPES = 512;

/**
 * A new object of `keys` (in that order) with `valueOf(key)`, sized exactly as JSON.parse sizes an
 * object: it is one, parsed from a JSON object of those keys, then filled. An object literal built
 * key by key, or a rest copy, holds spare property slots (16–24 B more for 2–10 keys), and a copy
 * with a key deleted falls into dictionary mode (≈ 10× the size); a cache holds 10,000s of them.
 * ≈ 1 µs for 5–10 keys (a spread copy of a parsed template is as small but its time varies 10×).
 */
export function exactObject(keys: readonly string[], valueOf: (key: string) => unknown): Record<string, unknown> {
  if (keys.includes('__proto__')) return Object.fromEntries(keys.map((k) => [k, valueOf(k)]));
  const signature = keys.join('\u0000');
  let shape = shapes.get(signature);
  if (shape === undefined) {
    shape = `{${keys.map((k) => `${JSON.stringify(k)}:null`).join(',')}}`;
    if (shapes.size >= MAX_SHAPES) shapes.clear();
    shapes.set(signature, shape);
  }
  const out = JSON.parse(shape) as Record<string, unknown>;
  for (const k of keys) out[k] = valueOf(k);
  return out;
}
