// Access checks against the rules a SelfSubjectRulesReview lists, with RBAC's matching: `*` for
// verbs, API groups and resources; a rule resource `resource/subresource` or `*/subresource` for a
// subresource; a rule with resourceNames grants only those objects (none listed: every object).
// And which review answers a check: the review for its namespace, or — for a cluster-wide check —
// the review for a namespace that cannot exist, so that it lists the rules of ClusterRoleBindings
// only (a review for a real namespace adds that namespace's RoleBindings, which grant nothing
// cluster-wide). Pure: the start-up check (controller/startup/rules-review.ts) sends the reviews.
import type { AccessCheck } from './access.js';

/** One entry of a SelfSubjectRulesReview's status.resourceRules (absent lists: empty). */
export interface ResourceRule {
  verbs: readonly string[];
  apiGroups?: readonly string[];
  resources?: readonly string[];
  resourceNames?: readonly string[];
}

/**
 * The namespace asked for the rules that apply cluster-wide: not a DNS label (the colon), so no
 * namespace, and no RoleBinding, can have it. The API server requires a namespace in a rules
 * review and does not check that it exists.
 */
export const CLUSTER_WIDE_RULES_NAMESPACE = 'orkestra:cluster-wide';

const ALL = '*';

/** The namespace of the rules review that answers the check. */
export function rulesNamespaceOf(check: AccessCheck): string {
  return check.namespace ?? CLUSTER_WIDE_RULES_NAMESPACE;
}

/** Whether any of the rules grants the check (rules of the review for rulesNamespaceOf(check)). */
export function rulesGrant(rules: readonly ResourceRule[], check: AccessCheck): boolean {
  return rules.some((rule) => ruleGrants(rule, check));
}

export function ruleGrants(rule: ResourceRule, check: AccessCheck): boolean {
  return listMatches(rule.verbs, check.verb)
    && listMatches(rule.apiGroups ?? [], check.group)
    && resourceMatches(rule.resources ?? [], check)
    && nameMatches(rule.resourceNames ?? [], check.name);
}

function listMatches(list: readonly string[], value: string): boolean {
  return list.some((entry) => entry === ALL || entry === value);
}

function resourceMatches(resources: readonly string[], check: AccessCheck): boolean {
  const sub = check.subresource ? check.subresource : undefined;
  const combined = sub ? `${check.resource}/${sub}` : check.resource;
  return resources.some((r) => r === ALL || r === combined || (sub !== undefined && r === `${ALL}/${sub}`));
}

/** No names on the rule: every object. Names: only those — a check of any object (no name) is not granted. */
function nameMatches(names: readonly string[], name: string | undefined): boolean {
  return names.length === 0 || names.includes(name ?? '');
}
