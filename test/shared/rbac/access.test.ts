import { expect } from 'chai';
import { accessChecks, describeAccess, guessResource } from '../../../shared/rbac/index.js';

describe('shared/rbac/access', () => {
  it('one check per verb, subresource and namespace carried', () => {
    expect(accessChecks([
      { group: 'a.io', resource: 'xs', subresource: 'status', verbs: ['patch'] },
      { group: 'coordination.k8s.io', resource: 'leases', verbs: ['get', 'update'], namespace: 'ork' },
    ])).to.deep.equal([
      { verb: 'patch', group: 'a.io', resource: 'xs', subresource: 'status' },
      { verb: 'get', group: 'coordination.k8s.io', resource: 'leases', namespace: 'ork' },
      { verb: 'update', group: 'coordination.k8s.io', resource: 'leases', namespace: 'ork' },
    ]);
  });

  const described: [Parameters<typeof describeAccess>[0], string][] = [
    [{ verb: 'delete', group: '', resource: 'services' }, 'delete services'],
    [{ verb: 'patch', group: 'a.io', resource: 'xs', subresource: 'status' }, 'patch a.io/xs/status'],
    [{ verb: 'update', group: 'coordination.k8s.io', resource: 'leases', namespace: 'ork' }, 'update coordination.k8s.io/leases in ork'],
  ];
  for (const [check, text] of described) it(`describes ${text}`, () => expect(describeAccess(check)).to.equal(text));

  const guesses: [string, string, string, string][] = [
    ['v1', 'ResourceQuota', '', 'resourcequotas'],
    ['policy/v1', 'PodDisruptionBudget', 'policy', 'poddisruptionbudgets'],
    ['networking.k8s.io/v1', 'Ingress', 'networking.k8s.io', 'ingresses'],
    ['a.io/v1', 'Policy', 'a.io', 'policies'],
    ['a.io/v1', 'Gateway', 'a.io', 'gateways'],
    ['a.io/v1', 'Box', 'a.io', 'boxes'],
  ];
  for (const [apiVersion, kind, group, resource] of guesses) {
    it(`guesses ${kind} → ${resource}`, () => expect(guessResource(apiVersion, kind)).to.deep.equal({ group, resource }));
  }
});
