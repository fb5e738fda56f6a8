// Decides whether a live object already has the shape we would apply: every field the desired
// object sets must be present and equal in the live one. Pure. Errs towards "different": a false
// "different" costs one no-op apply, a false "equal" leaves drift uncorrected.
import type { KubeObject } from '../../shared/kube/index.js';
import { LAST_APPLIED_ANNOTATION } from '../engine/compact.js';
import { satisfiedByDefaults } from './server-defaults.js';

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
 * Built-in kinds whose `status` is a subresource: an apply of the object ignores its status, so a
 * status in the desired object can never be written that way and is not compared (and the child
 * caches may drop it, crd/child-watch.ts).
 */
const STATUS_SUBRESOURCE_KINDS = new Set([
  'apps/v1|Deployment', 'apps/v1|StatefulSet', 'apps/v1|DaemonSet', 'apps/v1|ReplicaSet', 'v1|Service', 'v1|Pod',
  'v1|PersistentVolumeClaim', 'v1|PersistentVolume', 'v1|Namespace', 'v1|ReplicationController', 'v1|ResourceQuota',
  'batch/v1|Job', 'batch/v1|CronJob', 'autoscaling/v1|HorizontalPodAutoscaler', 'autoscaling/v2|HorizontalPodAutoscaler',
  'networking.k8s.io/v1|Ingress', 'policy/v1|PodDisruptionBudget',
]);

export function statusIsSubresource(apiVersion: string, kind: string): boolean {
  return STATUS_SUBRESOURCE_KINDS.has(`${apiVersion}|${kind}`);
}

/**
 * Whether a live child is in the declared shape. Server-owned metadata is ignored, and the status
 * of kinds that keep it in a subresource; a Secret's `stringData` (which the server folds into
 * `data`) is compared as base64 `data`; a server default the cache dropped reads as that default.
 */
export function childInShape(desired: KubeObject, live: KubeObject): boolean {
  if (desired.apiVersion !== live.apiVersion || desired.kind !== live.kind) return false;
  const { metadata, ...all } = comparable(desired);
  const { status: _status, ...withoutStatus } = all;
  const rest = statusIsSubresource(desired.apiVersion, desired.kind) ? withoutStatus : all;
  const meta: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(metadata)) if (!SERVER_OWNED_METADATA.has(k)) meta[k] = v;
  // kubectl's copy of the object is not ours to keep in shape, and the child caches drop it.
  if (isRecord(meta.annotations) && LAST_APPLIED_ANNOTATION in meta.annotations) {
    const { [LAST_APPLIED_ANNOTATION]: _copy, ...annotations } = meta.annotations;
    meta.annotations = annotations;
  }
  return semanticSubset(meta, live.metadata) && semanticSubset(satisfiedByDefaults(rest, live, semanticSubset), live);
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
