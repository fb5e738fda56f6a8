// ServiceAccount, Role and RoleBinding. A RoleBinding's `roleRef` may be just the Role's name;
// subjects get the RBAC apiGroup (users, groups) or the child's namespace (service accounts)
// when omitted, as kubectl would fill them in.
import { show } from '../problems.js';
import { FAILED } from '../templating.js';
import type { KindContext, KindSpec } from './kind.js';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

export const serviceAccount: KindSpec = {
  apiVersion: 'v1',
  kind: 'ServiceAccount',
  fields: [],
  build: () => ({}),
};

export const role: KindSpec = {
  apiVersion: `${RBAC_GROUP}/v1`,
  kind: 'Role',
  fields: ['rules'],
  build(ctx) {
    return { rules: ctx.fields.list('rules', true) ?? [] };
  },
};

function roleRef(ctx: KindContext): unknown {
  const f = ctx.fields;
  const raw = f.entry.roleRef;
  if (raw === FAILED) return undefined;
  if (typeof raw === 'string' && raw !== '') return { apiGroup: RBAC_GROUP, kind: 'Role', name: raw };
  const obj = f.object('roleRef', true, ': the name of a Role, or {kind, name}');
  if (!obj) return undefined;
  if (typeof obj.name !== 'string' || (obj.kind !== 'Role' && obj.kind !== 'ClusterRole')) {
    f.error('roleRef', `expected {kind: Role|ClusterRole, name}, got ${show(obj)}`);
  }
  return { apiGroup: RBAC_GROUP, ...obj };
}

function subjects(ctx: KindContext): unknown[] {
  const f = ctx.fields;
  const list = f.list('subjects') ?? [];
  return list.map((s, i) => {
    if (s === null || typeof s !== 'object' || Array.isArray(s)) {
      f.problems.error(`${f.path}.subjects[${i}]`, `expected {kind, name}, got ${show(s)}`);
      return s;
    }
    const subject = s as Record<string, unknown>;
    if (subject.kind === 'ServiceAccount') return { namespace: ctx.namespace, ...subject };
    if (subject.kind === 'User' || subject.kind === 'Group') return { apiGroup: RBAC_GROUP, ...subject };
    f.problems.error(`${f.path}.subjects[${i}].kind`, `expected User, Group or ServiceAccount, got ${show(subject.kind)}`);
    return subject;
  });
}

export const roleBinding: KindSpec = {
  apiVersion: `${RBAC_GROUP}/v1`,
  kind: 'RoleBinding',
  fields: ['roleRef', 'subjects'],
  build(ctx) {
    return { roleRef: roleRef(ctx), subjects: subjects(ctx) };
  },
};
