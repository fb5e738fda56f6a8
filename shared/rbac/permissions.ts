// What a bundle's controller must be allowed to do on the cluster, derived from the bundle and the
// calls the controller makes (see docs/rbac.md for the call behind each verb). Pure: plurals the
// bundle does not name come from a resolver the caller provides (discovery, or a guess offline).
import type { BundlePayload } from '../bundle/payload.js';
import type { CrdEntry } from '../katalog/types.js';
import { KINDS } from '../render/kinds/index.js';
import { RESOURCE_LIST_KEYS } from '../katalog/types.js';
import { externalCalls } from '../external/index.js';
import { eventsNamespace, eventTriggers, watchEntries } from '../observe/index.js';
import { enrichPermissions } from '../enrich/index.js';

/** One resource (or subresource) and the verbs needed on it, cluster-wide unless `namespace`. */
export interface Permission {
  group: string;
  resource: string;
  subresource?: string;
  verbs: string[];
  namespace?: string;
  /** Only these objects (RBAC `resourceNames`); absent: every object of the resource. */
  resourceNames?: string[];
}

export interface KindRef {
  apiVersion: string;
  kind: string;
}

export interface GroupResource {
  group: string;
  resource: string;
}

export interface PermissionInput {
  payload: BundlePayload;
  /** The kinds a CRD entry creates (the controller's childKinds). */
  childKinds: (entry: CrdEntry) => KindRef[];
  /** Plural of a kind neither the bundle nor the built-in kinds name; undefined when unknown. */
  resourceOf: (apiVersion: string, kind: string) => GroupResource | undefined;
  /** The Lease's namespace when leader election is on. */
  leaderElection?: { namespace: string };
  /** The controller's namespace when it publishes its bundle digest on its Pod and Deployment. */
  publish?: { namespace: string };
  /** The namespace where the resolver (`ork resolve --rollout-bundle`) reads its Pod and keeps the rollout's bundle ConfigMap. */
  rolloutBundle?: { namespace: string };
  /** The controller reviews who may read /metrics and /bundle (`--http-auth kubernetes`). */
  httpAuth?: boolean;
}

export interface RequiredPermissions {
  permissions: Permission[];
  /** Child kinds whose resource could not be resolved: left out (the controller cannot watch them either). */
  unresolved: KindRef[];
}

/** Verbs in the order kubectl and the docs list them. */
const VERB_ORDER = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];

// SSA of an absent object is authorised as create as well as patch, hence create wherever we apply.
// On CRDs, `create` cannot be narrowed by name (the object does not exist yet when it is
// authorised), but get and patch can: a controller may rewrite only the bundle's own CRDs.
const CRD_CREATE_VERBS = ['create'];
const CRD_NAMED_VERBS = ['get', 'patch'];
const CR_VERBS = ['get', 'list', 'watch', 'patch'];
const CHILD_VERBS = ['get', 'list', 'watch', 'create', 'patch', 'delete'];
/** Secondary watches (observe.watch): read-only, in the watch's namespace when it names one. */
const WATCH_VERBS = ['list', 'watch'];

/** What `--http-auth kubernetes` asks of the API server for /metrics and /bundle: the two reviews. */
export const HTTP_AUTH_PERMISSIONS: readonly Permission[] = [
  { group: 'authentication.k8s.io', resource: 'tokenreviews', verbs: ['create'] },
  { group: 'authorization.k8s.io', resource: 'subjectaccessreviews', verbs: ['create'] },
];

export function requiredPermissions(input: PermissionInput): RequiredPermissions {
  const { payload } = input;
  const out: Permission[] = [];
  const unresolved: KindRef[] = [];
  const add = (p: Permission) => out.push(p);

  const crdNames = bundleCrdNames(payload);
  if (crdNames.length > 0) {
    add({ group: 'apiextensions.k8s.io', resource: 'customresourcedefinitions', verbs: CRD_CREATE_VERBS });
    add({ group: 'apiextensions.k8s.io', resource: 'customresourcedefinitions', verbs: CRD_NAMED_VERBS, resourceNames: crdNames });
    // The storage-version migration trims status.storedVersions of the bundle's CRDs.
    add({ group: 'apiextensions.k8s.io', resource: 'customresourcedefinitions', subresource: 'status', verbs: ['patch'], resourceNames: crdNames });
  }

  for (const entry of Object.values(payload.katalog.spec.crds)) {
    const types = entry.apiTypes;
    if (!types) continue;
    const scoped = types.scope !== 'Cluster' && entry.namespace ? { namespace: entry.namespace } : {};
    add({ group: types.group, resource: types.plural, verbs: CR_VERBS, ...scoped });
    // /status first (a CRD without it gets the patch on the object); finalizers: blockOwnerDeletion.
    add({ group: types.group, resource: types.plural, subresource: 'status', verbs: ['patch'], ...scoped });
    add({ group: types.group, resource: types.plural, subresource: 'finalizers', verbs: ['update'], ...scoped });
    for (const child of input.childKinds(entry)) {
      const found = bundleResourceOf(payload, child.apiVersion, child.kind) ?? input.resourceOf(child.apiVersion, child.kind);
      if (!found) {
        if (!unresolved.some((u) => u.apiVersion === child.apiVersion && u.kind === child.kind)) unresolved.push(child);
        continue;
      }
      add({ ...found, verbs: CHILD_VERBS });
    }
    for (const watched of watchEntries(entry)) {
      const found = bundleResourceOf(payload, watched.apiVersion, watched.kind) ?? input.resourceOf(watched.apiVersion, watched.kind);
      const ref = { apiVersion: watched.apiVersion, kind: watched.kind };
      if (!found) {
        if (!unresolved.some((u) => u.apiVersion === ref.apiVersion && u.kind === ref.kind)) unresolved.push(ref);
        continue;
      }
      add({ ...found, verbs: WATCH_VERBS, ...(watched.namespace ? { namespace: watched.namespace } : {}) });
    }
    // Read-only: what enrich/enrichAll fetch for the children (nothing when the entry does not enrich).
    for (const p of enrichPermissions(entry, input.childKinds(entry))) add(p);
  }

  for (const p of observedPermissions(payload)) add(p);
  if (input.leaderElection) add({ group: 'coordination.k8s.io', resource: 'leases', verbs: ['get', 'create', 'update'], namespace: input.leaderElection.namespace });
  if (input.publish) {
    const namespace = input.publish.namespace;
    add({ group: '', resource: 'pods', verbs: ['patch'], namespace });
    add({ group: 'apps', resource: 'deployments', verbs: ['get', 'patch'], namespace });
    add({ group: 'apps', resource: 'replicasets', verbs: ['get'], namespace });
  }
  if (input.httpAuth) for (const p of HTTP_AUTH_PERMISSIONS) add({ ...p, verbs: [...p.verbs] });
  if (input.rolloutBundle) {
    const namespace = input.rolloutBundle.namespace;
    add({ group: '', resource: 'pods', verbs: ['get'], namespace });
    add({ group: '', resource: 'configmaps', verbs: ['get', 'create'], namespace });
  }
  return { permissions: mergePermissions(out), unresolved };
}

/** Event triggers (one informer for all entries, in their namespace if they share one) and the credential Secret of each `external` call, read by name. */
function observedPermissions(payload: BundlePayload): Permission[] {
  const out: Permission[] = [];
  const entries = Object.values(payload.katalog.spec.crds);
  const triggers = entries.flatMap((entry) => eventTriggers(entry));
  if (triggers.length > 0) {
    const namespace = eventsNamespace(triggers);
    out.push({ group: 'events.k8s.io', resource: 'events', verbs: WATCH_VERBS, ...(namespace ? { namespace } : {}) });
  }
  for (const ref of entries.flatMap(externalSecretRefs)) out.push({ group: '', resource: 'secrets', verbs: ['get'], namespace: ref.namespace, resourceNames: [ref.name] });
  // Transition Events on the CRs.
  if (entries.length > 0) out.push({ group: '', resource: 'events', verbs: ['create'] });
  return out;
}

/** Secrets named by `external` calls (gates and phase blocks) with a namespace; invalid lists are the controller's to refuse. */
function externalSecretRefs(entry: CrdEntry): { name: string; namespace: string }[] {
  const box = entry.operatorBox;
  const pre = (box?.preReconcile ?? {}) as Record<string, { external?: unknown } | undefined>;
  const lists = [box?.preReconcile?.external, pre.enqueueGate?.external, pre.reconcileGate?.external, ...(['onCreate', 'onReconcile', 'onDelete'] as const).map((p) => box?.phaseSettings?.[p]?.external)];
  return lists.flatMap((list) => {
    try {
      return externalCalls(list, 'external').flatMap((c) => (c.auth?.secretRef?.namespace ? [{ name: c.auth.secretRef.name, namespace: c.auth.secretRef.namespace }] : []));
    } catch {
      return [];
    }
  });
}

/** The names of the CRDs the bundle applies, sorted. */
export function bundleCrdNames(payload: BundlePayload): string[] {
  const names = payload.crds.map((crd) => (crd.metadata as { name?: unknown } | undefined)?.name).filter((n): n is string => typeof n === 'string');
  return [...new Set(names)].sort();
}

/** The resource of a kind as the bundle itself knows it: a CR kind, a bundled CRD, a built-in kind. */
export function bundleResourceOf(payload: BundlePayload, apiVersion: string, kind: string): GroupResource | undefined {
  const group = groupOf(apiVersion);
  for (const entry of Object.values(payload.katalog.spec.crds)) {
    const t = entry.apiTypes;
    if (t && t.group === group && t.kind === kind) return { group, resource: t.plural };
  }
  for (const crd of payload.crds) {
    const spec = crd.spec as { group?: unknown; names?: { kind?: unknown; plural?: unknown } } | undefined;
    if (spec?.group === group && spec.names?.kind === kind && typeof spec.names.plural === 'string') return { group, resource: spec.names.plural };
  }
  for (const key of RESOURCE_LIST_KEYS) {
    if (key === 'custom') continue;
    if (KINDS[key].apiVersion === apiVersion && KINDS[key].kind === kind) return { group, resource: KINDS[key].resource ?? key.toLowerCase() };
  }
  return undefined;
}

export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** One entry per (group, resource, subresource, namespace), verbs united and ordered; entries sorted. */
export function mergePermissions(list: readonly Permission[]): Permission[] {
  const merged = new Map<string, Permission>();
  for (const p of list) {
    const key = permissionKey(p);
    const prev = merged.get(key);
    const verbs = new Set([...(prev?.verbs ?? []), ...p.verbs]);
    merged.set(key, { ...p, verbs: sortVerbs([...verbs]) });
  }
  return [...merged.values()].sort((a, b) => compare(sortKey(a), sortKey(b)));
}

function permissionKey(p: Permission): string {
  return [p.group, p.resource, p.subresource ?? '', p.namespace ?? '', (p.resourceNames ?? []).join(',')].join('|');
}

// Cluster-wide first, then by namespace; within, by group and resource.
function sortKey(p: Permission): string {
  return [p.namespace === undefined ? '0' : `1${p.namespace}`, p.group, p.resource, p.subresource ?? '', (p.resourceNames ?? []).join(',')].join('\u0000');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortVerbs(verbs: string[]): string[] {
  const rank = (v: string) => { const i = VERB_ORDER.indexOf(v); return i < 0 ? VERB_ORDER.length : i; };
  return verbs.sort((a, b) => rank(a) - rank(b) || compare(a, b));
}
