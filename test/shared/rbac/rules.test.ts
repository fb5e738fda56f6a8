import { expect } from 'chai';
import { CLUSTER_WIDE_RULES_NAMESPACE, ruleGrants, rulesGrant, rulesNamespaceOf, type AccessCheck, type ResourceRule } from '../../../shared/rbac/index.js';

const deleteConfigMaps: AccessCheck = { verb: 'delete', group: '', resource: 'configmaps' };
const patchStatus: AccessCheck = { verb: 'patch', group: 'a.io', resource: 'xs', subresource: 'status' };
const getNamedCrd: AccessCheck = { verb: 'get', group: 'apiextensions.k8s.io', resource: 'customresourcedefinitions', name: 'xs.a.io' };
const createCrd: AccessCheck = { verb: 'create', group: 'apiextensions.k8s.io', resource: 'customresourcedefinitions' };

// [what, rule, check, granted]
const table: [string, ResourceRule, AccessCheck, boolean][] = [
  ['exact verb, group, resource', { verbs: ['get', 'delete'], apiGroups: [''], resources: ['configmaps'] }, deleteConfigMaps, true],
  ['another verb', { verbs: ['get', 'list'], apiGroups: [''], resources: ['configmaps'] }, deleteConfigMaps, false],
  ['verb *', { verbs: ['*'], apiGroups: [''], resources: ['configmaps'] }, deleteConfigMaps, true],
  ['another group', { verbs: ['delete'], apiGroups: ['apps'], resources: ['configmaps'] }, deleteConfigMaps, false],
  ['group *', { verbs: ['delete'], apiGroups: ['*'], resources: ['configmaps'] }, deleteConfigMaps, true],
  ['no apiGroups listed: no group', { verbs: ['delete'], resources: ['configmaps'] }, deleteConfigMaps, false],
  ['another resource', { verbs: ['delete'], apiGroups: [''], resources: ['secrets'] }, deleteConfigMaps, false],
  ['resource *', { verbs: ['delete'], apiGroups: [''], resources: ['*'] }, deleteConfigMaps, true],
  ['no resources listed (a non-resource rule): nothing', { verbs: ['*'], apiGroups: ['*'] }, deleteConfigMaps, false],
  ['everything (cluster-admin)', { verbs: ['*'], apiGroups: ['*'], resources: ['*'] }, patchStatus, true],
  ['resource/subresource', { verbs: ['patch'], apiGroups: ['a.io'], resources: ['xs/status'] }, patchStatus, true],
  ['*/subresource', { verbs: ['patch'], apiGroups: ['a.io'], resources: ['*/status'] }, patchStatus, true],
  ['*/another subresource', { verbs: ['patch'], apiGroups: ['a.io'], resources: ['*/finalizers'] }, patchStatus, false],
  ['the resource alone does not grant its subresource', { verbs: ['patch'], apiGroups: ['a.io'], resources: ['xs'] }, patchStatus, false],
  ['resource * grants a subresource', { verbs: ['patch'], apiGroups: ['a.io'], resources: ['*'] }, patchStatus, true],
  ['a subresource rule does not grant the resource', { verbs: ['patch'], apiGroups: ['a.io'], resources: ['xs/status'] }, { verb: 'patch', group: 'a.io', resource: 'xs' }, false],
  ['*/subresource does not grant the resource', { verbs: ['patch'], apiGroups: ['a.io'], resources: ['*/status'] }, { verb: 'patch', group: 'a.io', resource: 'xs' }, false],
  ['another resource\'s subresource', { verbs: ['patch'], apiGroups: ['a.io'], resources: ['ys/status'] }, patchStatus, false],
  ['prefix is not a match', { verbs: ['patch'], apiGroups: ['a.io'], resources: ['x'] }, { verb: 'patch', group: 'a.io', resource: 'xs' }, false],
  ['no resourceNames: every object, a named one too', { verbs: ['get'], apiGroups: ['apiextensions.k8s.io'], resources: ['customresourcedefinitions'] }, getNamedCrd, true],
  ['resourceNames listing the object', { verbs: ['get'], apiGroups: ['apiextensions.k8s.io'], resources: ['customresourcedefinitions'], resourceNames: ['ys.a.io', 'xs.a.io'] }, getNamedCrd, true],
  ['resourceNames not listing it', { verbs: ['get'], apiGroups: ['apiextensions.k8s.io'], resources: ['customresourcedefinitions'], resourceNames: ['ys.a.io'] }, getNamedCrd, false],
  ['resourceNames do not grant any object (create, list)', { verbs: ['create'], apiGroups: ['apiextensions.k8s.io'], resources: ['customresourcedefinitions'], resourceNames: ['xs.a.io'] }, createCrd, false],
  ['empty resourceNames list: every object', { verbs: ['create'], apiGroups: ['apiextensions.k8s.io'], resources: ['customresourcedefinitions'], resourceNames: [] }, createCrd, true],
  ['names are exact (no * in resourceNames)', { verbs: ['get'], apiGroups: ['apiextensions.k8s.io'], resources: ['customresourcedefinitions'], resourceNames: ['*'] }, getNamedCrd, false],
  ['case matters', { verbs: ['Delete'], apiGroups: [''], resources: ['ConfigMaps'] }, deleteConfigMaps, false],
];

describe('shared/rbac/rules: RBAC matching of rules-review rules', () => {
  for (const [what, rule, check, granted] of table) {
    it(`${what}: ${granted ? 'granted' : 'not granted'}`, () => expect(ruleGrants(rule, check)).to.equal(granted));
  }

  it('any rule granting is enough; no rules grant nothing', () => {
    const rules: ResourceRule[] = [
      { verbs: ['get'], apiGroups: [''], resources: ['configmaps'] },
      { verbs: ['delete'], apiGroups: [''], resources: ['configmaps', 'secrets'] },
    ];
    expect(rulesGrant(rules, deleteConfigMaps)).to.equal(true);
    expect(rulesGrant(rules.slice(0, 1), deleteConfigMaps)).to.equal(false);
    expect(rulesGrant([], deleteConfigMaps)).to.equal(false);
  });

  it('a namespaced check is answered by its namespace\'s review; a cluster-wide one by a namespace no RoleBinding can be in', () => {
    expect(rulesNamespaceOf({ verb: 'get', group: 'coordination.k8s.io', resource: 'leases', namespace: 'ork' })).to.equal('ork');
    expect(rulesNamespaceOf(deleteConfigMaps)).to.equal(CLUSTER_WIDE_RULES_NAMESPACE);
    expect(rulesNamespaceOf(getNamedCrd)).to.equal(CLUSTER_WIDE_RULES_NAMESPACE);
    // Not a DNS-1123 label: no namespace of that name can exist.
    expect(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(CLUSTER_WIDE_RULES_NAMESPACE)).to.equal(false);
  });
});
