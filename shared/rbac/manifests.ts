// The RBAC objects that grant a permission list: one ClusterRole for what is needed cluster-wide,
// one Role per namespace for the rest (the Lease, digest publication, namespace-bound CRDs), and
// their bindings when a ServiceAccount is named. Pure: objects and YAML text, no cluster access.
import { stringify } from 'yaml';
import type { Permission } from './permissions.js';

export interface RbacObject {
  apiVersion: 'rbac.authorization.k8s.io/v1';
  kind: 'ClusterRole' | 'Role' | 'ClusterRoleBinding' | 'RoleBinding';
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [key: string]: unknown;
}

export interface ManifestOptions {
  /** Name of every object (ClusterRole, Roles and bindings). */
  name: string;
  serviceAccount?: { namespace: string; name: string };
  labels?: Record<string, string>;
}

const API = 'rbac.authorization.k8s.io/v1';

export function rbacManifests(permissions: readonly Permission[], options: ManifestOptions): RbacObject[] {
  const meta = (namespace?: string) => ({ name: options.name, ...(namespace ? { namespace } : {}), ...(options.labels ? { labels: options.labels } : {}) });
  const objects: RbacObject[] = [];
  const cluster = permissions.filter((p) => p.namespace === undefined);
  const namespaces = [...new Set(permissions.flatMap((p) => (p.namespace === undefined ? [] : [p.namespace])))].sort();
  const subjects = options.serviceAccount ? [{ kind: 'ServiceAccount', name: options.serviceAccount.name, namespace: options.serviceAccount.namespace }] : undefined;

  if (cluster.length > 0) {
    objects.push({ apiVersion: API, kind: 'ClusterRole', metadata: meta(), rules: cluster.map(ruleOf) });
    if (subjects) objects.push({ apiVersion: API, kind: 'ClusterRoleBinding', metadata: meta(), roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: options.name }, subjects });
  }
  for (const namespace of namespaces) {
    const rules = permissions.filter((p) => p.namespace === namespace).map(ruleOf);
    objects.push({ apiVersion: API, kind: 'Role', metadata: meta(namespace), rules });
    if (subjects) objects.push({ apiVersion: API, kind: 'RoleBinding', metadata: meta(namespace), roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: options.name }, subjects });
  }
  return objects;
}

function ruleOf(p: Permission) {
  return {
    apiGroups: [p.group],
    resources: [p.subresource ? `${p.resource}/${p.subresource}` : p.resource],
    ...(p.resourceNames?.length ? { resourceNames: [...p.resourceNames] } : {}),
    verbs: [...p.verbs],
  };
}

/** A multi-document YAML stream, `---` between objects. */
export function manifestsYaml(objects: readonly RbacObject[]): string {
  return objects.map((o) => stringify(o, { lineWidth: 0 })).join('---\n');
}
