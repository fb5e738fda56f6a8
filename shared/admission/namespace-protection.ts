// Namespace protection as the Go runtime gives it (its /namespace-protection webhook): with
// `security.namespaceProtection` declared (enabled unless `enabled: false`), a CREATE or UPDATE of
// a CR in a namespace its CRD may not use is refused before it is stored. A CRD's rules are its
// entry's allowedNamespaces / restrictedNamespaces plus the Katalog-wide lists under
// security.namespaceProtection, added to them (a broader level never loosens a narrower one). The
// same rules keep the reconciler off such a CR (controller/reconcile/namespace-guard.ts); the
// webhook is the gate in front of it. The registration asks for CREATE and UPDATE of namespaced
// CRDs that have rules only, with the failurePolicy given (default Fail, as upstream). Pure.
import type { CrdEntry, KatalogDocument } from '../katalog/types.js';
import { namespaceRefusal, type NamespaceLists } from '../katalog/namespace-rules.js';

export interface NamespaceProtection extends NamespaceLists {
  failurePolicy: 'Fail' | 'Ignore';
}

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string' && s !== '') : []);

/** `security.namespaceProtection` when declared and not turned off, else undefined. */
export function namespaceProtectionOf(katalog: KatalogDocument): NamespaceProtection | undefined {
  const security = (katalog as unknown as Rec).security;
  const np = isRecord(security) && isRecord(security.namespaceProtection) ? security.namespaceProtection : undefined;
  if (np === undefined || np.enabled === false) return undefined;
  const failurePolicy = typeof np.failurePolicy === 'string' && np.failurePolicy.toLowerCase() === 'ignore' ? 'Ignore' : 'Fail';
  return { failurePolicy, allowedNamespaces: strings(np.allowedNamespaces), restrictedNamespaces: strings(np.restrictedNamespaces) };
}

/** A CRD's namespace rules under protection (its own lists and the Katalog-wide ones); undefined when it has none. */
export function namespaceRulesOf(protection: NamespaceProtection, entry: CrdEntry): NamespaceLists | undefined {
  const allowedNamespaces = [...new Set([...(entry.allowedNamespaces ?? []), ...(protection.allowedNamespaces ?? [])])];
  const restrictedNamespaces = [...new Set([...(entry.restrictedNamespaces ?? []), ...(protection.restrictedNamespaces ?? [])])];
  if (allowedNamespaces.length + restrictedNamespaces.length === 0) return undefined;
  return { allowedNamespaces, restrictedNamespaces };
}

/** The refusal of a CR in a namespace its CRD may not use, or undefined. */
export function namespaceAdmissionRefusal(crdName: string, rules: NamespaceLists, namespace: string): string | undefined {
  const why = namespaceRefusal(rules, namespace);
  if (why === undefined) return undefined;
  return `CRs of CRD ${crdName} may not be created or changed in this namespace: ${why} (security.namespaceProtection in the Katalog); create it in an allowed namespace, or change spec.crds.${crdName}.allowedNamespaces / restrictedNamespaces (or security.namespaceProtection's) and redeploy`;
}
