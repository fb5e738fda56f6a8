// The objects the profile and shorthand expansions render are ones the real API server accepts:
// each is server-side applied with dryRun to the test control plane (test/support/cluster.ts) —
// a Deployment with a built-in resources profile and http/tcp probes, a PersistentVolume, a
// LimitRange from limits, a ResourceQuota from a built-in profile, and (where the server serves
// autoscaling/v2 and policy/v1; the local v1.20 plane does not) an HPA and a PDB from profiles.
import { expect } from 'chai';
import { createKubeClient, type HttpKubeClient } from '../../../../cli/kube/http-client.js';
import { loadKubeConfig } from '../../../../cli/kube/config.js';
import { isKubeError, type KubeObject } from '../../../../shared/kube/index.js';
import { CLUSTER_START_TIMEOUT_MS, getTestCluster, newTestNamespace } from '../../../support/cluster.js';
import { makeCr, render, reconcile } from '../fixtures.js';

describe('shared/render kinds presets against the API server', function () {
  this.timeout(60_000);
  let client: HttpKubeClient;
  let namespace: string;

  before(async function () {
    this.timeout(CLUSTER_START_TIMEOUT_MS);
    const cluster = await getTestCluster();
    client = createKubeClient(loadKubeConfig({ env: {}, path: cluster.kubeconfigPath }));
    namespace = await newTestNamespace('presets');
  });

  after(async () => client?.close());

  async function served(apiVersion: string, kind: string): Promise<boolean> {
    try {
      await client.resourceFor(apiVersion, kind);
      return true;
    } catch (e) {
      if (isKubeError(e) && e.status === 404) return false;
      throw e;
    }
  }

  it('accepts every rendered object (server-side apply, dryRun)', async () => {
    const entry = reconcile({
      deployments: [{
        image: 'nginx:1.27', port: 8080, resources: { profile: 'burst' },
        probes: { startup: { type: 'tcp', profile: 'slow-start' }, liveness: { path: '/healthz', profile: 'standard' }, readiness: { type: 'tcp', profile: 'fast' } },
      }],
      persistentVolumes: [{ name: `${namespace}-pv`, capacity: '1Gi', hostPath: '/tmp/orkestra-presets' }],
      limitRanges: [{ limits: [{ type: 'Container', default: { cpu: '500m', memory: '512Mi' }, defaultRequest: { cpu: '100m' } }] }],
      resourceQuotas: [{ profile: 'small' }],
      hpa: [{ scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'blog-deployment' }, maxReplicas: 4, behavior: { profile: 'latency-sensitive' } }],
      pdb: [{ behavior: { profile: 'relaxed' } }],
    });
    const { children } = render(entry, makeCr({}, { namespace }));
    const kinds: string[] = [];
    for (const { object } of children) {
      if (!(await served(object.apiVersion, object.kind))) continue;
      const applied = await client.apply(object as KubeObject, { fieldManager: 'orkestra-test', dryRun: true, force: true });
      expect(applied.metadata.name).to.equal(object.metadata.name);
      kinds.push(object.kind);
    }
    expect(kinds).to.include.members(['Deployment', 'PersistentVolume', 'LimitRange', 'ResourceQuota']);
  });
});
