// The first round of the start-up RBAC check: one SelfSubjectRulesReview per namespace the checks
// need (cluster-wide checks: shared/rbac's namespace that only ClusterRoleBindings reach), all in
// flight together, and each check matched against the listed rules with RBAC's own semantics.
// A check a review grants is settled as allowed. Everything else — not granted, or its review
// refused (an error, 403, 404: the API not served), `incomplete` (a webhook or other authorizer that
// cannot list rules) or with an evaluationError — goes on to a SelfSubjectAccessReview of its own,
// so a denial is always the access review's verdict. The two can differ only where an authorizer
// that is not RBAC would deny what RBAC grants; such authorizers make a rules review incomplete,
// and either way this is a fail-fast preflight: the API server still authorizes every request the
// controller makes.
import { rulesGrant, rulesNamespaceOf, type AccessCheck, type ResourceRule } from '../../shared/rbac/index.js';
import type { KubeClient } from '../../shared/kube/index.js';

export const SSRR_PATH = '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews';

interface RulesReviewStatus {
  resourceRules?: ResourceRule[];
  incomplete?: boolean;
  evaluationError?: string;
}

export interface RulesSettlement {
  /** Per check (same order): granted by its namespace's rules review. */
  granted: boolean[];
  /** Namespaces asked, with why a review's rules were not used (undefined: used). */
  reviews: { namespace: string; unused?: string }[];
}

export async function settleByRules(kube: KubeClient, checks: readonly AccessCheck[]): Promise<RulesSettlement> {
  const namespaces = [...new Set(checks.map(rulesNamespaceOf))];
  const answers = await Promise.all(namespaces.map((namespace) => rulesFor(kube, namespace)));
  const rulesByNamespace = new Map(namespaces.map((namespace, i) => [namespace, answers[i]!.rules]));
  return {
    granted: checks.map((check) => {
      const rules = rulesByNamespace.get(rulesNamespaceOf(check));
      return rules !== undefined && rulesGrant(rules, check);
    }),
    reviews: namespaces.map((namespace, i) => ({ namespace, ...(answers[i]!.unused ? { unused: answers[i]!.unused } : {}) })),
  };
}

/** The rules listed for the caller in one namespace, or why they cannot settle anything. */
async function rulesFor(kube: KubeClient, namespace: string): Promise<{ rules?: ResourceRule[]; unused?: string }> {
  let status: RulesReviewStatus | undefined;
  try {
    const review = await kube.request<{ status?: RulesReviewStatus }>('POST', SSRR_PATH, {
      apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', spec: { namespace },
    });
    status = review?.status;
  } catch (error) {
    return { unused: error instanceof Error ? error.message : String(error) };
  }
  if (!status) return { unused: 'no status in the answer' };
  if (status.incomplete) return { unused: `incomplete${status.evaluationError ? `: ${status.evaluationError}` : ''}` };
  if (status.evaluationError) return { unused: `evaluationError: ${status.evaluationError}` };
  return { rules: status.resourceRules ?? [] };
}
