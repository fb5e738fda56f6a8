// Upstream's built-in rollingUpdate, containerSecurity, podSecurity and networkPolicies profiles as
// the renderer expands them (also when a template produced the name), the StatefulSet strategy
// (maxUnavailable only), NetworkPolicy selectors in upstream's label-map form, and the errors for a
// name no preset has.
import { expect } from 'chai';
import type { ResourceLists } from '../../../../shared/katalog/types.js';
import { issueLines, makeCr, only, reconcile, render, renderError } from '../fixtures.js';

type Rec = Record<string, any>;
const spec = (lists: ResourceLists, crSpec: Rec = {}): Rec => (only(reconcile(lists), makeCr(crSpec)) as Rec).spec;
const pod = (lists: ResourceLists, crSpec: Rec = {}): Rec => {
  const s = spec(lists, crSpec);
  if (s.containers) return s;
  return (s.jobTemplate ? s.jobTemplate.spec : s).template.spec;
};

describe('shared/render kinds presets for workloads and policies', () => {
  const strategies: [string, ResourceLists, Rec][] = [
    ['deployment safe', { deployments: [{ image: 'x', rollingUpdate: { profile: 'safe' } }] }, { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } }],
    ['deployment fast', { deployments: [{ image: 'x', rollingUpdate: { profile: 'FAST' } }] }, { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } }],
    ['deployment blue-green from a template', { deployments: [{ image: 'x', rollingUpdate: { profile: '{{ .spec.rollout }}' } }] }, { type: 'RollingUpdate', rollingUpdate: { maxSurge: '100%', maxUnavailable: 0 } }],
    ['deployment explicit', { deployments: [{ image: 'x', rollingUpdate: { maxSurge: '2', maxUnavailable: '10%' } }] }, { type: 'RollingUpdate', rollingUpdate: { maxSurge: 2, maxUnavailable: '10%' } }],
  ];
  for (const [name, lists, expected] of strategies) it(`strategy: ${name}`, () => expect(spec(lists, { rollout: 'blue-green' }).strategy).to.deep.equal(expected));

  it('a StatefulSet takes maxUnavailable only, from a profile or given (maxSurge given: a warning)', () => {
    expect(spec({ statefulSets: [{ image: 'x', rollingUpdate: { profile: 'fast' } }] }).updateStrategy).to.deep.equal({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%' } });
    const result = render(reconcile({ statefulSets: [{ image: 'x', rollingUpdate: { maxSurge: 1, maxUnavailable: 1 } }] }));
    expect((result.children[0]!.object as Rec).spec.updateStrategy).to.deep.equal({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } });
    expect(result.warnings.map((w) => `${w.path}: ${w.message}`)).to.deep.equal(['operatorBox.onReconcile.statefulSets[0].rollingUpdate.maxSurge: a StatefulSet has no maxSurge: left out, as upstream does (CR default/blog)']);
  });

  const security: [string, ResourceLists, Rec | undefined, Rec | undefined][] = [
    ['baseline on a Deployment', { deployments: [{ image: 'x', securityContext: { profile: 'baseline' }, podSecurity: { profile: 'baseline' } }] },
      { allowPrivilegeEscalation: false, capabilities: { drop: ['NET_RAW'] } }, { runAsNonRoot: false }],
    ['restricted on a Job', { jobs: [{ image: 'x', securityContext: { profile: 'restricted' }, podSecurity: { profile: 'Restricted' } }] },
      { allowPrivilegeEscalation: false, runAsNonRoot: true, capabilities: { drop: ['ALL'] } }, { runAsNonRoot: true, runAsUser: 1000 }],
    ['hardened on a CronJob, named by a template', { cronJobs: [{ image: 'x', schedule: '@daily', securityContext: { profile: '{{ .spec.level }}' }, podSecurity: { profile: '{{ .spec.level }}' } }] },
      { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ['ALL'] } }, { runAsNonRoot: true, runAsUser: 65534, runAsGroup: 65534, fsGroup: 65534 }],
    ['explicit fields on a Pod, as Kubernetes writes them', { pods: [{ image: 'x', securityContext: { privileged: false }, podSecurity: { fsGroup: 7 } }] }, { privileged: false }, { fsGroup: 7 }],
    ['none on a StatefulSet', { statefulSets: [{ image: 'x' }] }, undefined, undefined],
  ];
  for (const [name, lists, container, podContext] of security) {
    it(`security: ${name}`, () => {
      const p = pod(lists, { level: 'hardened' });
      expect(p.containers[0].securityContext).to.deep.equal(container);
      expect(p.securityContext).to.deep.equal(podContext);
    });
  }

  const policies: [string, Rec, Rec][] = [
    ['deny-all', { profile: 'deny-all' }, { podSelector: {}, ingress: [], egress: [], policyTypes: ['Ingress', 'Egress'] }],
    ['deny-all-ingress', { profile: 'deny-all-ingress', podSelector: { app: 'db' } }, { podSelector: { matchLabels: { app: 'db' } }, ingress: [], policyTypes: ['Ingress'] }],
    ['deny-all-egress', { profile: 'Deny-All-Egress' }, { podSelector: {}, egress: [], policyTypes: ['Egress'] }],
    ['allow-same-namespace', { profile: 'allow-same-namespace' }, { podSelector: {}, ingress: [{ from: [{ podSelector: {} }] }], policyTypes: ['Ingress'] }],
    ['allow-dns-egress from a template', { profile: '{{ .spec.policy }}' }, {
      podSelector: {}, egress: [{ ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }] }], policyTypes: ['Egress'],
    }],
    ['upstream\'s label-map selectors and text ports', { podSelector: { app: 'api' }, ingress: [{ from: [{ podSelector: { app: 'web' }, namespaceSelector: { team: 'a' } }], ports: [{ port: '8080', protocol: 'TCP' }, { port: 'http' }] }] }, {
      podSelector: { matchLabels: { app: 'api' } },
      ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } }, namespaceSelector: { matchLabels: { team: 'a' } } }], ports: [{ port: 8080, protocol: 'TCP' }, { port: 'http' }] }],
      policyTypes: ['Ingress'],
    }],
    ['Kubernetes\' selector form kept', { podSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['a'] }] }, egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8' } }] }] }, {
      podSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['a'] }] }, egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8' } }] }], policyTypes: ['Egress'],
    }],
  ];
  for (const [name, entry, expected] of policies) {
    it(`networkPolicy: ${name}`, () => expect(spec({ networkPolicies: [{ name: 'np', ...entry }] }, { policy: 'allow-dns-egress' })).to.deep.equal(expected));
  }

  const refused: [string, ResourceLists, RegExp][] = [
    ['an unknown templated rollingUpdate profile', { deployments: [{ image: 'x', rollingUpdate: { profile: '{{ .spec.bad }}' } }] },
      /deployments\[0\]\.rollingUpdate\.profile: unknown rollingUpdate profile "sage" \(did you mean "safe"\?\): use one of safe, fast, blue-green, or declare it under profiles\.rollingUpdate/],
    ['an unknown templated security profile', { pods: [{ image: 'x', securityContext: { profile: '{{ .spec.bad }}' } }] },
      /pods\[0\]\.securityContext\.profile: unknown containerSecurity profile "sage": use one of baseline, restricted, hardened, or declare it under profiles\.containerSecurity/],
    ['an unknown templated pod security profile', { replicaSets: [{ image: 'x', podSecurity: { profile: '{{ .spec.bad }}' } }] },
      /replicaSets\[0\]\.podSecurity\.profile: unknown podSecurity profile "sage": use one of baseline, restricted, hardened, or declare it under profiles\.podSecurity/],
    ['an unknown templated networkPolicies profile', { networkPolicies: [{ name: 'np', profile: '{{ .spec.bad }}' }] },
      /networkPolicies\[0\]\.profile: unknown networkPolicies profile "sage": use one of deny-all, deny-all-ingress/],
    ['an empty profile name', { deployments: [{ image: 'x', rollingUpdate: { profile: '' } }] }, /deployments\[0\]\.rollingUpdate\.profile: expected a rollingUpdate profile name, got ""/],
  ];
  for (const [name, lists, message] of refused) {
    it(`refuses ${name}`, () => {
      const e = renderError(reconcile(lists), makeCr({ bad: 'sage' }));
      expect(e.code).to.equal('RENDER_INVALID');
      expect(issueLines(e).join('\n')).to.match(message);
    });
  }
});
