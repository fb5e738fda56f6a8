// The `.children` map status templates read, shaped as upstream Orkestra builds it after a
// reconcile: per declared list a plural key holding the live children by name
// (`.children.deployments.web`) and a singular key holding the first declared one
// (`.children.deployment`), or a placeholder `{_placeholder: true, status: {}}` while none exists
// yet, so `resourceExists` is false and `.children.deployment.status.x` is simply empty. Pure.
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
  custom: ['custom', 'customs'],
};

const LIST_OF_ENTRY = /^operatorBox\.on(?:Create|Reconcile)\.([A-Za-z]+)\[/;

function identity(o: KubeObject): string {
  return `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
}

/**
 * `desired` are the rendered onCreate/onReconcile children (declaration order); `live` what the
 * server holds for them now. A desired child not found live is left out of its plural map.
 */
export function childrenContext(desired: readonly DesiredChild[], live: readonly KubeObject[]): Record<string, unknown> {
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
  const out: Record<string, unknown> = {};
  for (const [list, byName] of groups) {
    const [singular, plural] = KEYS[list]!;
    out[plural] = byName;
    out[singular] = Object.values(byName)[0] ?? { _placeholder: true, status: {} };
  }
  return out;
}
