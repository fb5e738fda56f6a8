// Decides whether a live object already has the shape we would apply: every field the desired
// object sets must be present and equal in the live one. Pure. Errs towards "different": a false
// "different" costs one no-op apply, a false "equal" leaves drift uncorrected.
import type { KubeObject } from '../../shared/kube/index.js';

/** Metadata the API server owns; a desired object never decides these. */
const SERVER_OWNED_METADATA = new Set(['resourceVersion', 'uid', 'managedFields', 'creationTimestamp', 'generation', 'selfLink']);

/**
 * True when every field `desired` sets is present and equal in `live`. Maps compare key by key
 * (the live side may have more keys); lists compare element-wise with the same length; scalars
 * compare strictly (8080 is not "8080", "500m" is not "0.5"). A desired `null` means "not set"
 * and matches an absent live field; so do an empty desired map or list, because the API server
 * drops empty `omitempty` fields (ConfigMap `data: {}`, `args: []`) and would otherwise be
 * re-applied on every reconcile.
 */
export function semanticSubset(desired: unknown, live: unknown): boolean {
  if (desired === null || desired === undefined) return live === null || live === undefined;
  if (isEmptyContainer(desired) && (live === null || live === undefined)) return true;
  if (Array.isArray(desired)) {
    if (!Array.isArray(live) || live.length !== desired.length) return false;
    return desired.every((d, i) => semanticSubset(d, live[i]));
  }
  if (typeof desired === 'object') {
    if (live === null || typeof live !== 'object' || Array.isArray(live)) return false;
    const l = live as Record<string, unknown>;
    return Object.entries(desired as Record<string, unknown>).every(([k, v]) => semanticSubset(v, l[k]));
  }
  return desired === live;
}

/**
 * Whether a live child is in the declared shape. Server-owned metadata is ignored; a Secret's
 * `stringData` (which the server folds into `data`) is compared as base64 `data`.
 */
export function childInShape(desired: KubeObject, live: KubeObject): boolean {
  if (desired.apiVersion !== live.apiVersion || desired.kind !== live.kind) return false;
  const { metadata, ...rest } = comparable(desired);
  const meta: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(metadata)) if (!SERVER_OWNED_METADATA.has(k)) meta[k] = v;
  return semanticSubset(meta, live.metadata) && semanticSubset(rest, live);
}

function comparable(desired: KubeObject): KubeObject {
  if (desired.kind !== 'Secret' || desired.apiVersion !== 'v1' || !isRecord(desired.stringData)) return desired;
  const { stringData, ...rest } = desired;
  const data: Record<string, unknown> = { ...(isRecord(rest.data) ? rest.data : {}) };
  for (const [k, v] of Object.entries(stringData)) data[k] = typeof v === 'string' ? Buffer.from(v, 'utf8').toString('base64') : v;
  return { ...rest, data } as KubeObject;
}

function isEmptyContainer(v: unknown): boolean {
  return Array.isArray(v) ? v.length === 0 : isRecord(v) && Object.keys(v).length === 0;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
