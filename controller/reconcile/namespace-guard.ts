// allowedNamespaces / restrictedNamespaces of a CRD entry (upstream's per-CRD namespace guards):
// patterns are exact names or have one leading or trailing `*`. A CR in a namespace outside them
// is not reconciled, and neither is a CR whose children would land outside them; both are
// reported on the CR (Ready=False NamespaceNotAllowed and its Warning Event). Pure.
import type { CrdEntry } from '../../shared/katalog/types.js';

/** Upstream's MatchesPattern: exact, `prefix*` or `*suffix`. */
export function namespaceMatches(namespace: string, pattern: string): boolean {
  if (pattern === namespace) return true;
  if (pattern.endsWith('*')) return namespace.startsWith(pattern.slice(0, -1));
  if (pattern.startsWith('*')) return namespace.endsWith(pattern.slice(1));
  return false;
}

/** Why `namespace` is out of bounds for this entry (naming the list to change), or undefined. */
export function namespaceRefusal(entry: CrdEntry, namespace: string): string | undefined {
  const restricted = entry.restrictedNamespaces ?? [];
  const hit = restricted.find((p) => namespaceMatches(namespace, p));
  if (hit !== undefined) return `namespace ${namespace} is restricted (restrictedNamespaces: ${hit})`;
  const allowed = entry.allowedNamespaces ?? [];
  if (allowed.length > 0 && !allowed.some((p) => namespaceMatches(namespace, p))) return `namespace ${namespace} is not in allowedNamespaces (${allowed.join(', ')})`;
  return undefined;
}

/** The refusal for a CR and the namespaces of its children, as one Ready message; undefined when all are allowed. */
export function guardMessage(entry: CrdEntry, crNamespace: string | undefined, childNamespaces: readonly (string | undefined)[]): string | undefined {
  if (!entry.allowedNamespaces?.length && !entry.restrictedNamespaces?.length) return undefined;
  if (crNamespace !== undefined) {
    const why = namespaceRefusal(entry, crNamespace);
    if (why) return `${why}: this CR is not reconciled; create it in an allowed namespace`;
  }
  const refused = [...new Set(childNamespaces.filter((n): n is string => n !== undefined))].map((n) => namespaceRefusal(entry, n)).filter((w) => w !== undefined);
  if (refused.length > 0) return `children would be created where they may not: ${refused.join('; ')}; nothing was applied`;
  return undefined;
}
