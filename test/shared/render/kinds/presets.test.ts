// Upstream's built-in profiles as the renderer expands them (resources, hpa and pdb behavior,
// resourceQuotas), the limits/hard shorthands and PersistentVolumes; an unknown name (e.g. one a
// template produced) is an error naming the field, with "did you mean".
import { expect } from 'chai';
import type { ResourceLists } from '../../../../shared/katalog/types.js';
import { issueLines, makeCr, only, reconcile, renderError } from '../fixtures.js';

type Rec = Record<string, any>;
const spec = (lists: ResourceLists, crSpec: Rec = {}): Rec => (only(reconcile(lists), makeCr(crSpec)) as Rec).spec;
const OWNER = { 'orkestra-owner': 'blog' };

describe('shared/render kinds presets', () => {
  it('expands a built-in resources profile, given requests/limits winning per key', () => {
    const c = spec({ deployments: [{ image: 'x:1', resources: { profile: 'burst', limits: { memory: '3Gi' } } }] }).template.spec.containers[0];
    expect(c.resources).to.deep.equal({ requests: { cpu: '200m', memory: '256Mi' }, limits: { cpu: '2', memory: '3Gi' } });
    const job = spec({ jobs: [{ image: 'x:1', resources: { profile: '{{ .spec.size }}' } }] }, { size: 'TINY' }).template.spec.containers[0];
    expect(job.resources).to.deep.equal({ requests: { cpu: '25m', memory: '64Mi' }, limits: { cpu: '100m', memory: '128Mi' } });
  });

  const table: [string, ResourceLists, Rec][] = [
    ['hpa behavior.profile api: behaviour and CPU target', { hpa: [{ scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'w' }, maxReplicas: 3, behavior: { profile: 'api' } }] }, {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'w' }, minReplicas: 1, maxReplicas: 3,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } }],
      behavior: {
        scaleUp: { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }, { type: 'Pods', value: 4, periodSeconds: 15 }] },
        scaleDown: { stabilizationWindowSeconds: 600, selectPolicy: 'Min', policies: [{ type: 'Percent', value: 5, periodSeconds: 60 }] },
      },
    }],
    ['hpa profile keeps a CPU target given', { hpa: [{ scaleTargetRef: { name: 'w' }, maxReplicas: 2, targetCPUUtilizationPercentage: '90', behavior: { profile: 'cost-optimized' } }] }, {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'w' }, minReplicas: 1, maxReplicas: 2,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 90 } } }],
      behavior: {
        scaleUp: { stabilizationWindowSeconds: 180, selectPolicy: 'Min', policies: [{ type: 'Percent', value: 25, periodSeconds: 60 }] },
        scaleDown: { stabilizationWindowSeconds: 60, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 50, periodSeconds: 60 }] },
      },
    }],
    ['hpa with upstream\'s defaults: the CR\'s Deployment, 1 to 1 replicas', { hpa: [{ targetCPUUtilizationPercentage: '75' }] }, {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'blog' }, minReplicas: 1, maxReplicas: 1,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 75 } } }],
    }],
    ['pdb zero-downtime', { pdb: [{ behavior: { profile: 'zero-downtime' } }] }, { minAvailable: '100%', selector: { matchLabels: OWNER } }],
    ['pdb rolling', { pdb: [{ behavior: { profile: 'rolling' } }] }, { maxUnavailable: 1, selector: { matchLabels: OWNER } }],
    ['pdb relaxed', { pdb: [{ behavior: { profile: 'relaxed' } }] }, { maxUnavailable: '25%', selector: { matchLabels: OWNER } }],
    ['resourceQuota profile large', { resourceQuotas: [{ profile: 'large' }] }, {
      hard: { pods: '50', cpu: '8', memory: '16Gi', 'requests.cpu': '4', 'requests.memory': '8Gi', 'limits.cpu': '8', 'limits.memory': '16Gi' },
    }],
    ['resourceQuota hard shorthand', { resourceQuotas: [{ hard: { pods: 5, cpu: '{{ .spec.replicas }}' } }] }, { hard: { pods: '5', cpu: '2' } }],
    ['limitRange limits shorthand', { limitRanges: [{ limits: [{ type: 'Container', max: { cpu: 1 } }] }] }, { limits: [{ type: 'Container', max: { cpu: '1' } }] }],
  ];
  for (const [name, lists, expected] of table) {
    it(name, () => expect(spec(lists)).to.deep.equal(expected));
  }

  it('builds a cluster-scoped PersistentVolume named <cr>-pv with upstream\'s defaults', () => {
    const obj = only(reconcile({ persistentVolumes: [{ capacity: '10Gi', csiDriver: 'ebs.csi.aws.com', csiVolumeHandle: '{{ .spec.volumeId }}' }] }), makeCr({ volumeId: 'vol-1' })) as Rec;
    expect([obj.apiVersion, obj.kind, obj.metadata.name, obj.metadata.namespace]).to.deep.equal(['v1', 'PersistentVolume', 'blog-pv', undefined]);
    expect(obj.spec).to.deep.equal({
      capacity: { storage: '10Gi' }, accessModes: ['ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Retain', csi: { driver: 'ebs.csi.aws.com', volumeHandle: 'vol-1' },
    });
    expect(spec({ persistentVolumes: [{ capacity: '1Gi', hostPath: '/mnt', reclaimPolicy: 'Delete', accessModes: ['ReadOnlyMany'], storageClassName: 'local' }] })).to.deep.equal({
      capacity: { storage: '1Gi' }, accessModes: ['ReadOnlyMany'], persistentVolumeReclaimPolicy: 'Delete', storageClassName: 'local', hostPath: { path: '/mnt' },
    });
  });

  const refused: [string, ResourceLists, RegExp][] = [
    ['an unknown templated resources profile', { deployments: [{ image: 'x:1', resources: { profile: '{{ .spec.size }}' } }] },
      /deployments\[0\]\.resources\.profile: unknown resources profile "smal" \(did you mean "small"\?\): use one of tiny, small, medium, large, burst, steady, compute-heavy, memory-heavy, or declare it under profiles\.resources/],
    ['an unknown hpa profile', { hpa: [{ scaleTargetRef: { name: 'w' }, maxReplicas: 2, behavior: { profile: '{{ .spec.size }}' } }] }, /hpa\[0\]\.behavior\.profile: unknown hpa profile "smal": use one of web, api/],
    ['a pdb profile beside minAvailable', { pdb: [{ minAvailable: 1, behavior: { profile: 'rolling' } }] }, /pdb\[0\]\.behavior\.profile: give the profile or minAvailable, not both/],
    ['an unknown resourceQuota profile', { resourceQuotas: [{ profile: 'xxlarge' }] }, /resourceQuotas\[0\]\.profile: unknown resourceQuotas profile "xxlarge" \(did you mean "xlarge"\?\)/],
    ['a LimitRange profile left undeclared', { limitRanges: [{ profile: '{{ .spec.size }}' }] }, /limitRanges\[0\]\.profile: limitRange profile "smal" is not declared: LimitRange profiles have no built-ins/],
    ['a ResourceQuota with nothing to enforce', { resourceQuotas: [{}] }, /resourceQuotas\[0\]\.hard: required/],
    ['a PersistentVolume without capacity', { persistentVolumes: [{ hostPath: '/mnt' }] }, /persistentVolumes\[0\]\.capacity: required: a quantity such as 10Gi/],
    ['a PersistentVolume without a source', { persistentVolumes: [{ capacity: '1Gi' }] }, /persistentVolumes\[0\]\.hostPath: required: hostPath, or csiDriver with csiVolumeHandle/],
    ['a bad reclaimPolicy', { persistentVolumes: [{ capacity: '1Gi', hostPath: '/m', reclaimPolicy: 'Keep' }] }, /persistentVolumes\[0\]\.reclaimPolicy: expected one of Retain, Delete, Recycle/],
  ];
  for (const [name, lists, message] of refused) {
    it(`refuses ${name}`, () => {
      const e = renderError(reconcile(lists), makeCr({ size: 'smal' }));
      expect(e.code).to.equal('RENDER_INVALID');
      expect(issueLines(e).join('\n')).to.match(message);
    });
  }
});
