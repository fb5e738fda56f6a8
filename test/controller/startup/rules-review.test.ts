// settleByRules with an in-memory client for the answers a real RBAC-only API server does not give
// (incomplete, evaluationError, a refused review); granted and denied rules, against the real API
// server, are in rbac-check.test.ts.
import { expect } from 'chai';
import { settleByRules, SSRR_PATH } from '../../../controller/startup/rules-review.js';
import { CLUSTER_WIDE_RULES_NAMESPACE, type AccessCheck, type ResourceRule } from '../../../shared/rbac/index.js';
import { FakeKube } from '../../support/fake-kube.js';

type Answer = { resourceRules?: ResourceRule[]; incomplete?: boolean; evaluationError?: string } | Error;

/** Answers rules reviews per namespace; records the namespaces asked. */
class RulesKube extends FakeKube {
  readonly asked: string[] = [];
  constructor(private readonly answers: Record<string, Answer>) {
    super([]);
  }
  override async request<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    expect(`${method} ${path}`).to.equal(`POST ${SSRR_PATH}`);
    const namespace = (body as { spec: { namespace: string } }).spec.namespace;
    this.asked.push(namespace);
    const answer = this.answers[namespace];
    if (answer instanceof Error) throw answer;
    return { status: answer } as T;
  }
}

const ALL: ResourceRule = { verbs: ['*'], apiGroups: ['*'], resources: ['*'] };
const listConfigMaps: AccessCheck = { verb: 'list', group: '', resource: 'configmaps' };
const createCrd: AccessCheck = { verb: 'create', group: 'apiextensions.k8s.io', resource: 'customresourcedefinitions' };
const getLease: AccessCheck = { verb: 'get', group: 'coordination.k8s.io', resource: 'leases', namespace: 'ork' };
const updateLease: AccessCheck = { ...getLease, verb: 'update' };

describe('controller/startup/rules-review: settleByRules', () => {
  it('one review per namespace, cluster-wide checks in the namespace no RoleBinding can be in; each check matched against its own namespace\'s rules', async () => {
    const kube = new RulesKube({
      [CLUSTER_WIDE_RULES_NAMESPACE]: { resourceRules: [{ verbs: ['list'], apiGroups: [''], resources: ['configmaps'] }] },
      ork: { resourceRules: [{ verbs: ['get', 'list'], apiGroups: ['*'], resources: ['leases', 'configmaps'] }] },
    });
    const settled = await settleByRules(kube, [listConfigMaps, createCrd, getLease, updateLease]);
    expect(kube.asked).to.deep.equal([CLUSTER_WIDE_RULES_NAMESPACE, 'ork']);
    expect(settled.granted).to.deep.equal([true, false, true, false]);
    expect(settled.reviews).to.deep.equal([{ namespace: CLUSTER_WIDE_RULES_NAMESPACE }, { namespace: 'ork' }]);
  });

  it('rules of a namespace do not settle a cluster-wide check (a RoleBinding grants nothing cluster-wide)', async () => {
    const kube = new RulesKube({ [CLUSTER_WIDE_RULES_NAMESPACE]: { resourceRules: [] }, ork: { resourceRules: [ALL] } });
    const settled = await settleByRules(kube, [listConfigMaps, getLease]);
    expect(settled.granted).to.deep.equal([false, true]);
  });

  const unusable: [string, Answer, string][] = [
    ['incomplete (a webhook authorizer)', { resourceRules: [ALL], incomplete: true, evaluationError: 'webhook authorizer does not support user rule resolution' }, 'incomplete: webhook authorizer does not support user rule resolution'],
    ['an evaluationError', { resourceRules: [ALL], evaluationError: 'clusterrole "gone" not found' }, 'evaluationError: clusterrole "gone" not found'],
    ['a refused review (403, 404)', new Error('POST selfsubjectrulesreviews: 404 Not Found'), 'POST selfsubjectrulesreviews: 404 Not Found'],
  ];
  for (const [what, answer, reason] of unusable) {
    it(`${what}: that review settles nothing, the other namespace's still does`, async () => {
      const kube = new RulesKube({ [CLUSTER_WIDE_RULES_NAMESPACE]: answer, ork: { resourceRules: [ALL] } });
      const settled = await settleByRules(kube, [listConfigMaps, createCrd, getLease]);
      expect(settled.granted).to.deep.equal([false, false, true]);
      expect(settled.reviews).to.deep.equal([{ namespace: CLUSTER_WIDE_RULES_NAMESPACE, unused: reason }, { namespace: 'ork' }]);
    });
  }

  it('no checks: no review', async () => {
    const kube = new RulesKube({});
    expect(await settleByRules(kube, [])).to.deep.equal({ granted: [], reviews: [] });
    expect(kube.asked).to.deep.equal([]);
  });
});
