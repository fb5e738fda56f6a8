// Which permissions a set of RBAC objects grants, for the chart's RBAC tests: each rule as verb ×
// resource (× name) grants scoped to its Role's namespace, and whether some rule covers a grant
// (ClusterRole rules cover every namespace; resourceNames narrow a rule to those objects).
import type { K8sObject } from './render.js';

export interface Rule { apiGroups?: string[]; resources?: string[]; verbs: string[]; resourceNames?: string[] }
export interface Grant { group: string; resource: string; verb: string; namespace?: string; name?: string }

/** Each verb × resource (× name) a rule grants, scoped to the namespace of its Role (none: cluster-wide). */
export function grantsOf(rule: Rule, namespace?: string): Grant[] {
  const names: (string | undefined)[] = rule.resourceNames?.length ? rule.resourceNames : [undefined];
  return (rule.apiGroups ?? []).flatMap((group) =>
    (rule.resources ?? []).flatMap((resource) => rule.verbs.flatMap((verb) => names.map((name) => ({
      group, resource, verb, ...(namespace ? { namespace } : {}), ...(name ? { name } : {}),
    })))));
}

/** Grants of the RBAC objects: ClusterRole rules everywhere, Role rules in their namespace. */
export function grantsOfRoles(objects: K8sObject[]): { grant: Grant; rule: Rule }[] {
  return objects
    .filter((o) => o.kind === 'ClusterRole' || o.kind === 'Role')
    .flatMap((o) => (o.rules as Rule[]).flatMap((rule) => grantsOf(rule, o.kind === 'Role' ? o.metadata.namespace : undefined).map((grant) => ({ grant, rule }))));
}

const matches = (list: string[], value: string) => list.includes('*') || list.includes(value);

/** Does some role rule allow this grant? A ClusterRole's rule covers any namespace; resourceNames narrow a rule to those objects. */
export function covered(grant: Grant, roles: { grant: Grant; rule: Rule }[]): boolean {
  return roles.some(({ grant: g, rule }) =>
    (g.namespace === undefined || g.namespace === grant.namespace)
    && (!rule.resourceNames?.length || (grant.name !== undefined && rule.resourceNames.includes(grant.name)))
    && matches([g.group], grant.group) && matches([g.resource], grant.resource) && matches([g.verb], grant.verb));
}

export const describeGrant = (g: Grant) => `${g.verb} ${g.group ? `${g.group}/` : ''}${g.resource}${g.name ? ` ${g.name}` : ''}${g.namespace ? ` in ${g.namespace}` : ''}`;
