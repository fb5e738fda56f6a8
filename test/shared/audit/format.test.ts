import { expect } from 'chai';
import { auditReplicas, formatAudit, type AuditObject } from '../../../shared/audit/index.js';

const A = 'sha256:' + 'a'.repeat(64);
const B = 'sha256:' + 'b'.repeat(64);

function pod(name: string, revision: string, digest?: string): AuditObject {
  return { metadata: { name, labels: { 'pod-template-hash': revision }, ...(digest ? { annotations: { 'orkestra.orkspace.io/bundle-digest': digest } } : {}) }, status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] } };
}

describe('shared/audit/format', () => {
  it('prints a table, one line per revision with full digests, and the verdict', () => {
    const report = auditReplicas({
      pods: [pod('ork-1', 'r1', A), pod('ork-2', 'r1')],
      replicaSets: [],
      leases: [{ metadata: { name: 'orkestra-x' }, spec: { holderIdentity: 'ork-1_u' } }],
    });
    expect(formatAudit(report)).to.equal([
      'POD    REVISION  DIGEST               PHASE    READY  LEADER',
      'ork-1  r1        sha256:aaaaaaaaaaaa  Running  yes    yes (orkestra-x)',
      'ork-2  r1        unknown              Running  yes',
      '',
      `revision r1: 2 replicas run ${A}; 1 without a digest`,
      '',
      'verdict: consistent: all replicas agree',
      '',
    ].join('\n'));
  });

  it('marks a split revision', () => {
    const text = formatAudit(auditReplicas({ pods: [pod('a', 'r1', A), pod('b', 'r1', B)], replicaSets: [], leases: [] }));
    expect(text).to.contain(`revision r1: 2 replicas DISAGREE: ${A}, ${B}`);
    expect(text).to.match(/verdict: split-brain: /);
  });

  it('prints only the verdict when nothing matched', () => {
    expect(formatAudit(auditReplicas({ pods: [], replicaSets: [], leases: [] }))).to.equal('verdict: no-replicas: no controller replica matches the selector in this namespace\n');
  });
});
