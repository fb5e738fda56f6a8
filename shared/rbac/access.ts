// A permission list as single access checks (one verb on one resource, or on one named object, as a
// SelfSubjectAccessReview asks) and the one-line form a person reads:
// `verb group/resource[/subresource] [name] [in namespace]`,
// with the core group left out (`create events`). Pure.
import type { Permission } from './permissions.js';

export interface AccessCheck {
  verb: string;
  group: string;
  resource: string;
  subresource?: string;
  /** Absent: in every namespace (or a cluster-scoped resource). */
  namespace?: string;
  /** One object by name; absent: any object of the resource. */
  name?: string;
}

export function accessChecks(permissions: readonly Permission[]): AccessCheck[] {
  return permissions.flatMap((p) => p.verbs.flatMap((verb) => {
    const check: AccessCheck = {
      verb,
      group: p.group,
      resource: p.resource,
      ...(p.subresource ? { subresource: p.subresource } : {}),
      ...(p.namespace ? { namespace: p.namespace } : {}),
    };
    return p.resourceNames?.length ? p.resourceNames.map((name) => ({ ...check, name })) : [check];
  }));
}

/** Access checks back as permissions: one per check, a named check narrowed to its object. */
export function permissionsOf(checks: readonly AccessCheck[]): Permission[] {
  return checks.map(({ verb, name, ...rest }) => ({ ...rest, verbs: [verb], ...(name ? { resourceNames: [name] } : {}) }));
}

export function describeAccess(check: AccessCheck): string {
  const resource = `${check.group ? `${check.group}/` : ''}${check.resource}${check.subresource ? `/${check.subresource}` : ''}`;
  return `${check.verb} ${resource}${check.name ? ` ${check.name}` : ''}${check.namespace ? ` in ${check.namespace}` : ''}`;
}
