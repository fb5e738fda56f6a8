// Kubernetes' own kinds as a CRD entry's `apiTypes`: upstream lets a Katalog name a built-in kind by
// `kind` alone and fills group, version and plural from discovery. A Katalog is checked here without
// a cluster (`ork validate`, `ork template`), so the same facts come from this table: each kind's
// group, its GA version on current clusters, its plural and its scope. Only the keys the entry
// leaves out are filled, and only when a given `group` is the kind's own; the controller still
// checks at start that the kind is served (a cluster without that version refuses it by name).
// Pure data and one pure function.

export interface BuiltinKind {
  group: string;
  version: string;
  plural: string;
  scope?: 'Cluster';
}

const k = (group: string, version: string, plural: string, cluster = false): BuiltinKind => (cluster ? { group, version, plural, scope: 'Cluster' } : { group, version, plural });

export const BUILTIN_KINDS: Readonly<Record<string, BuiltinKind>> = {
  Pod: k('', 'v1', 'pods'),
  Service: k('', 'v1', 'services'),
  ConfigMap: k('', 'v1', 'configmaps'),
  Secret: k('', 'v1', 'secrets'),
  ServiceAccount: k('', 'v1', 'serviceaccounts'),
  PersistentVolumeClaim: k('', 'v1', 'persistentvolumeclaims'),
  Endpoints: k('', 'v1', 'endpoints'),
  LimitRange: k('', 'v1', 'limitranges'),
  ResourceQuota: k('', 'v1', 'resourcequotas'),
  Namespace: k('', 'v1', 'namespaces', true),
  Node: k('', 'v1', 'nodes', true),
  PersistentVolume: k('', 'v1', 'persistentvolumes', true),
  Deployment: k('apps', 'v1', 'deployments'),
  StatefulSet: k('apps', 'v1', 'statefulsets'),
  DaemonSet: k('apps', 'v1', 'daemonsets'),
  ReplicaSet: k('apps', 'v1', 'replicasets'),
  Job: k('batch', 'v1', 'jobs'),
  CronJob: k('batch', 'v1', 'cronjobs'),
  Ingress: k('networking.k8s.io', 'v1', 'ingresses'),
  NetworkPolicy: k('networking.k8s.io', 'v1', 'networkpolicies'),
  PodDisruptionBudget: k('policy', 'v1', 'poddisruptionbudgets'),
  HorizontalPodAutoscaler: k('autoscaling', 'v2', 'horizontalpodautoscalers'),
  Role: k('rbac.authorization.k8s.io', 'v1', 'roles'),
  RoleBinding: k('rbac.authorization.k8s.io', 'v1', 'rolebindings'),
  ClusterRole: k('rbac.authorization.k8s.io', 'v1', 'clusterroles', true),
  ClusterRoleBinding: k('rbac.authorization.k8s.io', 'v1', 'clusterrolebindings', true),
  StorageClass: k('storage.k8s.io', 'v1', 'storageclasses', true),
  Lease: k('coordination.k8s.io', 'v1', 'leases'),
};

/** The table's facts for this group and kind: a built-in kind in its own group (given or left out). */
export function builtinKind(kind: unknown, group?: unknown): BuiltinKind | undefined {
  if (typeof kind !== 'string' || !Object.hasOwn(BUILTIN_KINDS, kind)) return undefined;
  const found = BUILTIN_KINDS[kind]!;
  return group === undefined || group === found.group ? found : undefined;
}

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The document with every built-in kind's apiTypes completed (group, version, plural, and scope for
 * cluster-scoped kinds) where the entry left them out; other entries are untouched. Returns the
 * same object when nothing is filled, a copy along the changed path otherwise.
 */
export function enrichBuiltinApiTypes(doc: unknown): unknown {
  if (!isRecord(doc) || !isRecord(doc.spec) || !isRecord(doc.spec.crds)) return doc;
  let crds: Rec | undefined;
  for (const [name, entry] of Object.entries(doc.spec.crds)) {
    if (!isRecord(entry) || !isRecord(entry.apiTypes)) continue;
    const types = entry.apiTypes;
    const found = builtinKind(types.kind, types.group);
    if (!found) continue;
    const filled: Rec = { ...types };
    for (const key of ['group', 'version', 'plural', 'scope'] as const) if (filled[key] === undefined && found[key] !== undefined) filled[key] = found[key];
    if (Object.keys(filled).length === Object.keys(types).length) continue;
    crds ??= { ...doc.spec.crds };
    crds[name] = { ...entry, apiTypes: filled };
  }
  return crds ? { ...doc, spec: { ...doc.spec, crds } } : doc;
}
