import { expect } from 'chai';
import { auditReplicas, exitCodeForVerdict, type AuditObject, type AuditVerdict } from '../../../shared/audit/index.js';

const A = 'sha256:' + 'a'.repeat(64);
const B = 'sha256:' + 'b'.repeat(64);
const C = 'sha256:' + 'c'.repeat(64);

function pod(name: string, revision: string, digest?: string, ready = false): AuditObject {
  return {
    metadata: {
      name,
      labels: { 'pod-template-hash': revision },
      ...(digest ? { annotations: { 'orkestra.orkspace.io/bundle-digest': digest } } : {}),
    },
    status: { phase: ready ? 'Running' : 'Pending', conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
  };
}

function replicaSet(revision: string, deploymentRevision: number): AuditObject {
  return { metadata: { name: `orkestra-${revision}`, labels: { 'pod-template-hash': revision }, annotations: { 'deployment.kubernetes.io/revision': String(deploymentRevision) } } };
}

function lease(name: string, holderIdentity: string, digest = A, revision = 'r1'): AuditObject {
  return { metadata: { name, annotations: { 'orkestra.orkspace.io/bundle-digest': digest, 'orkestra.orkspace.io/revision': revision } }, spec: { holderIdentity } };
}

describe('shared/audit/report', () => {
  const cases: { name: string; pods: AuditObject[]; replicaSets?: AuditObject[]; verdict: AuditVerdict; exit: number; revisions: string[] }[] = [
    { name: 'no replicas', pods: [], verdict: 'no-replicas', exit: 2, revisions: [] },
    { name: 'all agree', pods: [pod('p1', 'r1', A), pod('p2', 'r1', A), pod('p3', 'r1', A)], verdict: 'consistent', exit: 0, revisions: ['r1'] },
    { name: 'one replica', pods: [pod('p1', 'r1', A)], verdict: 'consistent', exit: 0, revisions: ['r1'] },
    {
      name: 'rollout: two revisions, each self-consistent, newest first',
      pods: [pod('old1', 'r1', A), pod('old2', 'r1', A), pod('new1', 'r2', B)],
      replicaSets: [replicaSet('r1', 1), replicaSet('r2', 2)],
      verdict: 'rollout', exit: 0, revisions: ['r2', 'r1'],
    },
    {
      name: 'rollout where both revisions run the same digest',
      pods: [pod('old1', 'r1', A), pod('new1', 'r2', A)],
      replicaSets: [replicaSet('r1', 3), replicaSet('r2', 2)],
      verdict: 'rollout', exit: 0, revisions: ['r1', 'r2'],
    },
    { name: 'split brain within one revision', pods: [pod('p1', 'r1', A), pod('p2', 'r1', B)], verdict: 'split-brain', exit: 4, revisions: ['r1'] },
    {
      name: 'split brain in one revision during a rollout',
      pods: [pod('old1', 'r1', A), pod('new1', 'r2', B), pod('new2', 'r2', C)],
      verdict: 'split-brain', exit: 4, revisions: ['r1', 'r2'],
    },
    { name: 'one replica without a digest is not an error', pods: [pod('p1', 'r1', A), pod('p2', 'r1')], verdict: 'consistent', exit: 0, revisions: ['r1'] },
    { name: 'a digest and an unknown do not make a split brain', pods: [pod('p1', 'r1'), pod('p2', 'r1', B), pod('p3', 'r1')], verdict: 'consistent', exit: 0, revisions: ['r1'] },
    { name: 'every replica unknown', pods: [pod('p1', 'r1'), pod('p2', 'r1')], verdict: 'unknown', exit: 2, revisions: ['r1'] },
    { name: 'split brain wins over unknowns', pods: [pod('p1', 'r1'), pod('p2', 'r1', A), pod('p3', 'r1', B)], verdict: 'split-brain', exit: 4, revisions: ['r1'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const report = auditReplicas({ pods: c.pods, replicaSets: c.replicaSets ?? [], leases: [] });
      expect(report.verdict).to.equal(c.verdict);
      expect(exitCodeForVerdict(report.verdict)).to.equal(c.exit);
      expect(report.revisions.map((g) => g.revision)).to.deep.equal(c.revisions);
      expect(report.replicas).to.have.length(c.pods.length);
    });
  }

  it('reports each revision’s digests, unknown replicas and deployment revision', () => {
    const report = auditReplicas({
      pods: [pod('b', 'r1', B), pod('a', 'r1', A), pod('c', 'r1'), pod('n', 'r2', C, true)],
      replicaSets: [replicaSet('r1', 4), replicaSet('r2', 5)],
      leases: [],
    });
    expect(report.revisions).to.deep.equal([
      { revision: 'r2', deploymentRevision: 5, pods: ['n'], digests: [C], unknown: [], agree: true },
      { revision: 'r1', deploymentRevision: 4, pods: ['a', 'b', 'c'], digests: [A, B], unknown: ['c'], agree: false },
    ]);
    expect(report.summary).to.equal(`split brain: revision r1 runs ${A} and ${B}`);
    expect(report.replicas.find((r) => r.pod === 'n')).to.include({ ready: true, phase: 'Running', digest: C });
    expect(report.replicas.find((r) => r.pod === 'c')).to.include({ ready: false, phase: 'Pending', digest: undefined });
  });

  describe('leader identification', () => {
    const leaderCases: { name: string; leases: AuditObject[]; leaders: Record<string, string[]>; leaseNames: string[] }[] = [
      { name: 'no lease', leases: [], leaders: {}, leaseNames: [] },
      { name: 'holder is <pod>_<uuid>', leases: [lease('orkestra-x', 'p2_1b4e28ba-2fa1-11d2-883f-0016d3cca427')], leaders: { p2: ['orkestra-x'] }, leaseNames: ['orkestra-x'] },
      { name: 'released lease: no leader', leases: [lease('orkestra-x', '')], leaders: {}, leaseNames: [] },
      { name: 'holder not among the replicas', leases: [lease('orkestra-x', 'elsewhere_123')], leaders: {}, leaseNames: [] },
      { name: 'a pod name alone (no _) is not a match', leases: [lease('orkestra-x', 'p1')], leaders: {}, leaseNames: [] },
      { name: 'the longest pod-name prefix wins', leases: [lease('orkestra-x', 'p1_x_uuid')], leaders: { p1_x: ['orkestra-x'] }, leaseNames: ['orkestra-x'] },
      {
        name: 'two installs, two leases, two leaders',
        leases: [lease('orkestra-a', 'p1_u1'), lease('orkestra-b', 'p3_u2'), lease('kube-other', 'node_1')],
        leaders: { p1: ['orkestra-a'], p3: ['orkestra-b'] },
        leaseNames: ['orkestra-a', 'orkestra-b'],
      },
    ];
    for (const c of leaderCases) {
      it(c.name, () => {
        const report = auditReplicas({ pods: [pod('p1', 'r1', A), pod('p1_x', 'r1', A), pod('p2', 'r1', A), pod('p3', 'r1', A)], replicaSets: [], leases: c.leases });
        const leaders = Object.fromEntries(report.replicas.filter((r) => r.leads.length > 0).map((r) => [r.pod, r.leads]));
        expect(leaders).to.deep.equal(c.leaders);
        expect(report.leases.map((l) => l.name)).to.deep.equal(c.leaseNames);
      });
    }

    it('carries the lease’s recorded digest and revision', () => {
      const report = auditReplicas({ pods: [pod('p1', 'r9', B)], replicaSets: [], leases: [lease('orkestra-x', 'p1_u', B, 'r9')] });
      expect(report.leases).to.deep.equal([{ name: 'orkestra-x', holderIdentity: 'p1_u', holderPod: 'p1', digest: B, revision: 'r9' }]);
    });
  });
});
