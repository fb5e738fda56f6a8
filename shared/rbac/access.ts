// A permission list as single access checks (one verb on one resource, as a SelfSubjectAccessReview
// asks) and the one-line form a person reads: `verb group/resource[/subresource] [in namespace]`,
// with the core group left out (`create events`). Pure.
import type { Permission } from './permissions.js';

export interface AccessCheck {
  verb: string;
  group: string;
  resource: string;
  subresource?: string;
  /** Absent: in every namespace (or a cluster-scoped resource). */
  namespace?: string;
}

export function accessChecks(permissions: readonly Permission[]): AccessCheck[] {
  return permissions.flatMap((p) => p.verbs.map((verb) => ({
    verb,
    group: p.group,
    resource: p.resource,
    ...(p.subresource ? { subresource: p.subresource } : {}),
    ...(p.namespace ? { namespace: p.namespace } : {}),
  })));
}

export function describeAccess(check: AccessCheck): string {
  const resource = `${check.group ? `${check.group}/` : ''}${check.resource}${check.subresource ? `/${check.subresource}` : ''}`;
  return `${check.verb} ${resource}${check.namespace ? ` in ${check.namespace}` : ''}`;
}
