// The children part of a plan: for each CRD entry the cluster serves, its CRs (bounded by
// --max-crs), each rendered with the controller's renderer and planned with the reconciler's own
// planChildren (same in-shape test, same ownership and prune rules). Where the controller would
// write, a server-side dry-run (`dryRun=All`, the controller's field manager) says what the write
// would do; nothing is ever persisted.
import { isOrkError, describeError } from '../../shared/errors.js';
import { renderDesired, seededRandom, type KubeObject as RenderObject } from '../../shared/render/index.js';
import { diffObjects, type ChildPlan, type CrPlan, type ResourcePlan } from '../../shared/plan/index.js';
import type { BundlePayload } from '../../shared/bundle/payload.js';
import type { CrdEntry, UserNote } from '../../shared/katalog/types.js';
import { isKubeError, type ApiResource, type KubeClient, type KubeObject } from '../../shared/kube/index.js';
import { resourcePath, withQuery } from '../../shared/kube/index.js';
import { planChildren, type ChildAction } from '../reconcile/plan.js';
import { refKey, refOf } from '../reconcile/refs.js';
import { resolveSources } from '../reconcile/sources.js';
import type { TlsBundle } from '../certs/tls-bundle.js';
import { LiveChildren } from './live-children.js';
import { mapBounded } from '../engine/map-bounded.js';

const CONCURRENCY = 8;
/** Dry-run refusals that say something about the object (the real write would fail alike). */
const OBJECT_REFUSALS = new Set([400, 404, 409, 422]);

export interface ChildrenOptions {
  fieldManager: string;
  katalogName: string;
  /** The Katalog's user notes. */
  notes?: readonly UserNote[];
  /** CRs planned at most, over all entries. */
  maxCrs: number;
}

export async function planResources(kube: KubeClient, payload: BundlePayload, options: ChildrenOptions): Promise<ResourcePlan[]> {
  const out: ResourcePlan[] = [];
  let budget = options.maxCrs;
  for (const [crdName, entry] of Object.entries(payload.katalog.spec.crds)) {
    const types = entry.apiTypes;
    if (!types) continue;
    const apiVersion = types.group ? `${types.group}/${types.version}` : types.version;
    const plan: ResourcePlan = { crd: crdName, apiVersion, kind: types.kind, served: true, planned: 0, truncated: false, crs: [] };
    out.push(plan);
    let resource: ApiResource;
    try {
      resource = await kube.resourceFor(apiVersion, types.kind);
    } catch (e) {
      if (!isKubeError(e, 404)) throw e;
      plan.served = false;
      continue;
    }
    const listed = await listBounded(kube, resource, types.scope !== 'Cluster' ? entry.namespace : undefined, budget);
    budget -= listed.items.length;
    plan.planned = listed.items.length;
    plan.truncated = listed.truncated;
    if (listed.more !== undefined) plan.more = listed.more;
    if (listed.items.length === 0) continue;
    const live = await LiveChildren.load(kube, crdName, entry, options.katalogName);
    plan.crs = await mapBounded(listed.items, CONCURRENCY, (cr) => planCr(kube, crdName, entry, cr, live, options));
  }
  return out;
}

async function planCr(kube: KubeClient, crdName: string, entry: CrdEntry, cr: KubeObject, live: LiveChildren, options: ChildrenOptions): Promise<CrPlan> {
  const plan: CrPlan = { ...(cr.metadata.namespace ? { namespace: cr.metadata.namespace } : {}), name: cr.metadata.name, children: [] };
  if (cr.metadata.deletionTimestamp) {
    plan.skipped = 'being deleted: the controller runs its delete path, not a reconcile';
    return plan;
  }
  let desired;
  try {
    // Seeded: randomAlphanumeric in an onReconcile template would differ on every run anyway.
    desired = renderDesired({ crdName, entry, cr: cr as RenderObject, katalogName: options.katalogName, ...(options.notes ? { notes: options.notes } : {}), options: { random: seededRandom(1) } }).children;
  } catch (e) {
    if (!isOrkError(e)) throw e;
    plan.error = { code: e.code, messages: e.code === 'VALIDATION_DENIED' ? e.issues.map((i) => i.message) : describeError(e) };
    return plan;
  }
  const found = new Map<string, KubeObject | undefined>();
  for (const child of desired) {
    const ref = refOf(child.object);
    found.set(refKey(ref), await live.get(ref));
  }
  // Copies and tls Secrets as the controller would complete them (a missing source: held).
  const reader = { get: (apiVersion: string, kind: string, namespace: string | undefined, name: string) => live.get({ apiVersion, kind, ...(namespace ? { namespace } : {}), name }), listOwned: () => [] };
  const resolved = await resolveSources({ children: desired, live: (ref) => found.get(refKey(ref)), reader, entry, now: new Date(), generate: placeholderTls });
  const actions = planChildren({ crdName, katalogName: options.katalogName, cr, desired: resolved.children, held: resolved.held.map((h) => h.child), live: (ref) => found.get(refKey(ref)), owned: live.ownedBy(cr) });
  for (const action of actions) plan.children.push(await childPlan(kube, action, found, options.fieldManager, entry.forceConflict));
  return plan;
}

/** A plan makes no key: a tls Secret the controller would generate is dry-run with placeholders (its data is masked in diffs anyway). */
function placeholderTls(): TlsBundle {
  const text = '(generated by the controller)';
  return { 'tls.crt': text, 'tls.key': text, 'ca.crt': text };
}

/** `forceConflict`: the CRD entry's; a child's own wins, as in the controller (a conflict shows as the update's error). */
async function childPlan(kube: KubeClient, action: ChildAction, found: Map<string, KubeObject | undefined>, fieldManager: string, forceConflict: boolean | undefined): Promise<ChildPlan> {
  const object = action.type === 'prune' ? action.object : action.child.object;
  const base = {
    apiVersion: object.apiVersion,
    kind: object.kind,
    ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}),
    name: object.metadata.name,
  };
  switch (action.type) {
    case 'prune':
      return { action: 'prune', ...base };
    case 'conflict':
      return { action: 'conflict', ...base, reason: 'the name is held by an object this CR does not own; the controller leaves it alone and reports ChildConflict' };
    case 'skip': {
      const reason = {
        inShape: undefined, createOnly: 'create-only: never updated', once: 'once: never updated', terminating: 'terminating: created again once gone',
        unresolved: 'its source (fromSecret/fromConfigMap) cannot be read: the controller leaves it and reports SourceUnavailable',
      }[action.reason];
      return { action: 'unchanged', ...base, ...(reason ? { reason } : {}) };
    }
    case 'create': {
      const refused = await dryRun(() => kube.create(object, { dryRun: true, fieldManager }));
      return { action: 'create', ...base, reason: action.child.once ? 'once' : 'create-only', ...(refused.error ? { error: refused.error } : {}) };
    }
    case 'apply': {
      const force = action.child.forceConflict ?? forceConflict ?? true;
      const result = await dryRun(() => kube.apply(object, { fieldManager, force, dryRun: true }));
      if (action.reason === 'missing') return { action: 'create', ...base, ...(result.error ? { error: result.error } : {}) };
      if (result.error) return { action: 'update', ...base, error: result.error };
      const diff = diffObjects(found.get(refKey(refOf(object))), result.object);
      return diff.length === 0 ? { action: 'unchanged', ...base, reason: 'no-op apply' } : { action: 'update', ...base, diff };
    }
  }
}

async function dryRun(write: () => Promise<KubeObject>): Promise<{ object?: KubeObject; error?: string }> {
  try {
    return { object: await write() };
  } catch (e) {
    if (isKubeError(e) && OBJECT_REFUSALS.has(e.status)) return { error: e.message };
    throw e;
  }
}

interface BoundedList {
  items: KubeObject[];
  truncated: boolean;
  /** How many were left out, when the server says (remainingItemCount). */
  more?: number;
}

/** One page of at most `max` items: the work stays bounded however many CRs exist. */
async function listBounded(kube: KubeClient, resource: ApiResource, namespace: string | undefined, max: number): Promise<BoundedList> {
  const apiVersion = resource.group ? `${resource.group}/${resource.version}` : resource.version;
  const page = await kube.request<{ items?: KubeObject[]; metadata?: { continue?: string; remainingItemCount?: number } }>(
    'GET', withQuery(resourcePath(resource, namespace), { limit: Math.max(max, 1) }),
  );
  const all = (page.items ?? []).map((item) => ({ ...item, apiVersion: item.apiVersion ?? apiVersion, kind: item.kind ?? resource.kind }));
  const items = all.slice(0, max);
  const cutHere = all.length - items.length;
  const remaining = page.metadata?.remainingItemCount;
  const truncated = cutHere > 0 || Boolean(page.metadata?.continue);
  if (!truncated) return { items, truncated };
  const more = remaining !== undefined ? cutHere + remaining : page.metadata?.continue ? undefined : cutHere;
  return { items, truncated, ...(more !== undefined ? { more } : {}) };
}
