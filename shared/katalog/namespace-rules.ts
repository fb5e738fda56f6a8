// allowedNamespaces / restrictedNamespaces (upstream's namespace rules): patterns are exact names or
// have one leading or trailing `*`. A namespace matching a restricted pattern is refused; with an
// allow-list, one matching none of it is refused too. Shared by the reconcile-time guard
// (controller/reconcile/namespace-guard.ts) and the admission-time one (shared/admission/
// namespace-protection.ts), so both points refuse the same namespaces. Pure.

export interface NamespaceLists {
  allowedNamespaces?: readonly string[];
  restrictedNamespaces?: readonly string[];
}

/** Upstream's MatchesPattern: exact, `prefix*` or `*suffix`. */
export function namespaceMatches(namespace: string, pattern: string): boolean {
  if (pattern === namespace) return true;
  if (pattern.endsWith('*')) return namespace.startsWith(pattern.slice(0, -1));
  if (pattern.startsWith('*')) return namespace.endsWith(pattern.slice(1));
  return false;
}

/** Why `namespace` is out of bounds for these lists (naming the list to change), or undefined. */
export function namespaceRefusal(lists: NamespaceLists, namespace: string): string | undefined {
  const restricted = lists.restrictedNamespaces ?? [];
  const hit = restricted.find((p) => namespaceMatches(namespace, p));
  if (hit !== undefined) return `namespace ${namespace} is restricted (restrictedNamespaces: ${hit})`;
  const allowed = lists.allowedNamespaces ?? [];
  if (allowed.length > 0 && !allowed.some((p) => namespaceMatches(namespace, p))) return `namespace ${namespace} is not in allowedNamespaces (${allowed.join(', ')})`;
  return undefined;
}
