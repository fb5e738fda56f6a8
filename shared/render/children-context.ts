// The `.children` map status templates read, shaped as upstream Orkestra builds it after a
// reconcile: per declared list a plural key holding the live children by name
// (`.children.deployments.web`) and a singular key holding the first declared one
// (`.children.deployment`), or a placeholder `{_placeholder: true, status: {}}` while none exists
// yet, so `resourceExists` is false and `.children.deployment.status.x` is simply empty. Children
// this CR still has but does not render now (a Job whose `when` turned false: Jobs are kept) are
// read too, as upstream reads every declared name: after the rendered ones in the plural map, and
// as the singular only when no rendered child of the list exists — so a state machine's
// `.children.job` is the current step's Job, or the last step's while none is running. Pure.
import type { DesiredChild, KubeObject } from './types.js';

/** Resource-list key → [singular, plural], upstream's names (pvc, hpa-style abbreviations included). */
const KEYS: Record<string, readonly [string, string]> = {
  deployments: ['deployment', 'deployments'],
  statefulSets: ['statefulset', 'statefulsets'],
  services: ['service', 'services'],
  secrets: ['secret', 'secrets'],
  configMaps: ['configmap', 'configmaps'],
  jobs: ['job', 'jobs'],
  cronJobs: ['cronjob', 'cronjobs'],
  serviceAccounts: ['serviceaccount', 'serviceaccounts'],
  ingresses: ['ingress', 'ingresses'],
  persistentVolumeClaims: ['pvc', 'persistentvolumeclaims'],
  networkPolicies: ['networkpolicy', 'networkpolicies'],
  roles: ['role', 'roles'],
  roleBindings: ['rolebinding', 'rolebindings'],
  replicaSets: ['replicaset', 'replicasets'],
  pods: ['pod', 'pods'],
  hpa: ['hpa', 'hpas'],
  persistentVolumes: ['pv', 'persistentvolumes'],
  namespaces: ['namespace', 'namespaces'],
  resourceQuotas: ['resourcequota', 'resourcequotas'],
  limitRanges: ['limitrange', 'limitranges'],
  clusterRoles: ['clusterrole', 'clusterroles'],
  clusterRoleBindings: ['clusterrolebinding', 'clusterrolebindings'],
  custom: ['custom', 'customs'],
  endpointSlices: ['endpointslice', 'endpointslices'],
};

const LIST_OF_ENTRY = /^operatorBox\.on(?:Create|Reconcile)\.([A-Za-z]+)\[/;

/** Kind → resource-list key, for kept children (which carry no entry path). */
const LIST_OF_KIND: Record<string, string> = {
  Deployment: 'deployments', StatefulSet: 'statefulSets', Service: 'services', Secret: 'secrets',
  ConfigMap: 'configMaps', Job: 'jobs', CronJob: 'cronJobs', ServiceAccount: 'serviceAccounts',
  Ingress: 'ingresses', PersistentVolumeClaim: 'persistentVolumeClaims', NetworkPolicy: 'networkPolicies',
  Role: 'roles', RoleBinding: 'roleBindings', ReplicaSet: 'replicaSets', Pod: 'pods',
  HorizontalPodAutoscaler: 'hpa', PersistentVolume: 'persistentVolumes', EndpointSlice: 'endpointSlices',
};

function identity(o: KubeObject): string {
  return `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
}

/**
 * `desired` are the rendered onCreate/onReconcile children (declaration order); `live` what the
 * server holds for them now. A desired child not found live is left out of its plural map.
 * `kept`: live children of this CR that were not rendered this time and are kept (not pruned).
 */
export function childrenContext(desired: readonly DesiredChild[], live: readonly KubeObject[], kept: readonly KubeObject[] = []): Record<string, unknown> {
  const found = new Map(live.map((o) => [identity(o), o]));
  const groups = new Map<string, Record<string, unknown>>();
  for (const child of desired) {
    const list = LIST_OF_ENTRY.exec(child.entryPath)?.[1];
    const keys = list === undefined ? undefined : KEYS[list];
    if (!keys) continue;
    const byName = groups.get(list!) ?? {};
    groups.set(list!, byName);
    const object = found.get(identity(child.object));
    // A status map always, so `.children.x.status.y` reads as empty on a just-created child.
    if (object) byName[object.metadata.name] = { ...object, status: object.status ?? {} };
  }
  const extra = new Map<string, Record<string, unknown>>();
  // Newest first: while no rendered child runs, the singular is the one made last.
  const newestFirst = [...kept].sort((a, b) => (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? ''));
  for (const object of newestFirst) {
    const list = LIST_OF_KIND[object.kind];
    if (list === undefined || object.metadata.deletionTimestamp) continue;
    const byName = extra.get(list) ?? {};
    extra.set(list, byName);
    byName[object.metadata.name] = { ...object, status: object.status ?? {} };
  }
  const out: Record<string, unknown> = {};
  for (const list of new Set([...groups.keys(), ...extra.keys()])) {
    const [singular, plural] = KEYS[list]!;
    const rendered = groups.get(list) ?? {};
    const others = extra.get(list) ?? {};
    out[plural] = { ...rendered, ...Object.fromEntries(Object.entries(others).filter(([name]) => !(name in rendered))) };
    out[singular] = Object.values(rendered)[0] ?? Object.values(others)[0] ?? { _placeholder: true, status: {} };
  }
  return out;
}
