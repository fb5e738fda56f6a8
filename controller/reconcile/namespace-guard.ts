// allowedNamespaces / restrictedNamespaces of a CRD entry (upstream's per-CRD namespace guards):
// patterns are exact names or have one leading or trailing `*` (shared/katalog/namespace-rules.ts). A CR in a namespace outside them
// is not reconciled, and neither is a CR whose children would land outside them; both are
// reported on the CR (Ready=False NamespaceNotAllowed and its Warning Event). Pure.
import type { CrdEntry } from '../../shared/katalog/types.js';
import { namespaceRefusal } from '../../shared/katalog/namespace-rules.js';

export { namespaceMatches, namespaceRefusal } from '../../shared/katalog/namespace-rules.js';

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
