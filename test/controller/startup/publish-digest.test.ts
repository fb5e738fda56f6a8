// publishDigest and `ork audit` against the real API server: a real Deployment whose ReplicaSets
// and Pods kube-controller-manager creates (no kubelet: the Pods stay Pending, which is enough —
// the digest is published by name). Covers the Pod and Deployment annotations, the audit's table
// and JSON, a split brain within one ReplicaSet, and a rollout with two ReplicaSets.
import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand } from '../../../cli/dispatch.js';
import { createKubeClient, type HttpKubeClient } from '../../../cli/kube/http-client.js';
import { loadKubeConfig } from '../../../cli/kube/config.js';
import { DEPLOYMENTS, PODS, REPLICA_SETS, publishDigest, publishDigestFromEnv } from '../../../controller/startup/publish-digest.js';
import type { KubeClient, KubeObject } from '../../../shared/kube/index.js';
import { silentLogger } from '../../../shared/log.js';
import { CLUSTER_START_TIMEOUT_MS, getTestCluster, newTestNamespace } from '../../support/cluster.js';
import type { TestKubeClient } from '../../support/kube-http.js';
import { captureIO } from '../../support/io.js';
import { tempDir } from '../../support/tools.js';
import { until } from '../../support/poll.js';

const A = 'sha256:' + 'a'.repeat(64);
const B = 'sha256:' + 'b'.repeat(64);
const C = 'sha256:' + 'c'.repeat(64);
const DIGEST = 'orkestra.orkspace.io/bundle-digest';
const LABELS = { 'app.kubernetes.io/name': 'orkestra', 'app.kubernetes.io/instance': 'audit-test' };
function deployment(name: string, replicas: number): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: LABELS },
    spec: {
      replicas,
      selector: { matchLabels: LABELS },
      template: {
        metadata: { labels: LABELS },
        spec: { containers: [{ name: 'controller', image: 'registry.invalid/orkestra:test', env: [{ name: 'GENERATION', value: '1' }] }] },
      },
    },
  };
}

describe('controller/startup/publish-digest and ork audit (real API server)', function () {
  this.timeout(60_000);
  let kube: HttpKubeClient;
  let admin: TestKubeClient;
  let kubeconfigPath: string;
  let namespace: string;
  const logger = silentLogger();

  before(async function () {
    this.timeout(CLUSTER_START_TIMEOUT_MS);
    const cluster = await getTestCluster();
    kubeconfigPath = cluster.kubeconfigPath;
    admin = cluster.client;
    kube = createKubeClient(loadKubeConfig({ env: {}, path: kubeconfigPath }));
    namespace = await newTestNamespace('audit');
  });

  after(async () => { await kube?.close(); });

  /** The Deployment's ReplicaSet of `revision` and its `count` Pods, once the controllers made them. */
  async function replicaSetWithPods(name: string, revision: string, count: number): Promise<{ rs: KubeObject; pods: string[] }> {
    return until(`ReplicaSet revision ${revision} of ${name} with ${count} pods`, async () => {
      const sets = await kube.list(REPLICA_SETS, { namespace });
      const rs = sets.items.find((r) => r.metadata.ownerReferences?.some((o) => o.name === name) && r.metadata.annotations?.['deployment.kubernetes.io/revision'] === revision);
      if (!rs) return undefined;
      const pods = (await kube.list(PODS, { namespace })).items.filter((p) => p.metadata.ownerReferences?.some((o) => o.uid === rs.metadata.uid));
      return pods.length >= count ? { rs, pods: pods.map((p) => p.metadata.name).sort() } : undefined;
    });
  }

  async function annotations(resource: typeof PODS, name: string): Promise<Record<string, string>> {
    return (await kube.get(resource, namespace, name))?.metadata.annotations ?? {};
  }

  async function audit(...flags: string[]): Promise<{ code: number; out: string; err: string }> {
    const io = captureIO({ env: {} });
    const code = await runCommand(['audit', '-n', namespace, '--kubeconfig', kubeconfigPath, ...flags], io);
    return { code, out: io.out, err: io.err };
  }

  it('publishes the digest on the Pod and its Deployment; ork audit lists them and the leader', async () => {
    await kube.create({ ...deployment('orkestra', 2), metadata: { ...deployment('orkestra', 2).metadata, namespace } });
    const { rs, pods } = await replicaSetWithPods('orkestra', '1', 2);
    const [first, second] = pods as [string, string];

    const outcome = await publishDigest({ kube, podName: first, namespace, digest: A, logger });
    expect(outcome).to.deep.equal({ deployment: 'orkestra' });
    expect((await annotations(PODS, first))[DIGEST]).to.equal(A);
    expect((await annotations(PODS, second))[DIGEST]).to.equal(undefined);
    expect((await annotations(DEPLOYMENTS, 'orkestra'))[DIGEST]).to.equal(A);

    // The leader, as the elector records it: holderIdentity `<pod>_<uuid>`.
    await admin.post(`/apis/coordination.k8s.io/v1/namespaces/${namespace}/leases`, {
      apiVersion: 'coordination.k8s.io/v1', kind: 'Lease',
      metadata: { name: 'orkestra-audit-test', annotations: { [DIGEST]: A, 'orkestra.orkspace.io/revision': rs.metadata.labels!['pod-template-hash'] } },
      spec: { holderIdentity: `${first}_0f8fad5b-d9cb-469f-a165-70867728950e`, leaseDurationSeconds: 15 },
    });

    const partial = await audit();
    expect(partial.code, partial.err).to.equal(0);
    const revision = rs.metadata.labels!['pod-template-hash']!;
    expect(partial.out).to.match(new RegExp(`${first}\\s+${revision}\\s+sha256:aaaaaaaaaaaa\\s+Pending\\s+no\\s+yes \\(orkestra-audit-test\\)`));
    expect(partial.out).to.match(new RegExp(`${second}\\s+${revision}\\s+unknown\\s+Pending\\s+no\\n`));
    expect(partial.out).to.contain(`revision ${revision} (deployment revision 1): 2 replicas run ${A}; 1 without a digest`);
    expect(partial.out).to.contain('verdict: consistent');

    await publishDigest({ kube, podName: second, namespace, digest: A, logger });
    const json = await audit('--json');
    expect(json.code, json.err).to.equal(0);
    const report = JSON.parse(json.out);
    expect(report).to.include({ namespace, selector: 'app.kubernetes.io/name=orkestra', verdict: 'consistent' });
    expect(report.replicas.map((r: { pod: string; digest: string; leads: string[] }) => [r.pod, r.digest, r.leads])).to.deep.equal([[first, A, ['orkestra-audit-test']], [second, A, []]]);
    expect(report.leases).to.deep.equal([{ name: 'orkestra-audit-test', holderIdentity: `${first}_0f8fad5b-d9cb-469f-a165-70867728950e`, holderPod: first, digest: A, revision }]);
  });

  it('detects a split brain: a sibling of the same ReplicaSet with another digest', async () => {
    const { pods } = await replicaSetWithPods('orkestra', '1', 2);
    await admin.mergePatch(`/api/v1/namespaces/${namespace}/pods/${pods[1]}`, { metadata: { annotations: { [DIGEST]: B } } });
    const result = await audit();
    expect(result.code).to.equal(4);
    expect(result.out).to.contain('DISAGREE');
    expect(result.out).to.contain(`verdict: split-brain: split brain: revision`);
    expect(result.out).to.contain(`${A} and ${B}`);
    await publishDigest({ kube, podName: pods[1]!, namespace, digest: A, logger });
    expect((await audit()).code).to.equal(0);
  });

  it('reports a rollout; only the newest revision writes the Deployment annotation', async () => {
    const old = await replicaSetWithPods('orkestra', '1', 2);
    await kube.patch(DEPLOYMENTS, namespace, 'orkestra', { spec: { template: { spec: { containers: [{ name: 'controller', env: [{ name: 'GENERATION', value: '2' }] }] } } } }, 'strategic');
    // maxUnavailable rounds down to 0 of 2 and Pending pods never become ready: the rollout stays half-way.
    const fresh = await replicaSetWithPods('orkestra', '2', 1);
    const newPod = fresh.pods[0]!;
    await until('the Deployment at revision 2', async () => ((await annotations(DEPLOYMENTS, 'orkestra'))['deployment.kubernetes.io/revision'] === '2' ? true : undefined));

    const stale = await publishDigest({ kube, podName: old.pods[0]!, namespace, digest: A, logger });
    expect(stale.deployment).to.equal(undefined);
    expect(stale.skipped).to.contain('is at revision 2');
    expect((await annotations(PODS, old.pods[0]!))[DIGEST]).to.equal(A);

    expect(await publishDigest({ kube, podName: newPod, namespace, digest: C, logger })).to.deep.equal({ deployment: 'orkestra' });
    expect((await annotations(DEPLOYMENTS, 'orkestra'))[DIGEST]).to.equal(C);
    await publishDigest({ kube, podName: old.pods[1]!, namespace, digest: A, logger });
    expect((await annotations(DEPLOYMENTS, 'orkestra'))[DIGEST], 'an old pod never overwrites the newest digest').to.equal(C);

    const result = await audit();
    expect(result.code, result.err).to.equal(0);
    expect(result.out).to.contain('verdict: rollout: rollout in progress: 2 revisions, each self-consistent');
    const newRevision = fresh.rs.metadata.labels!['pod-template-hash']!;
    const oldRevision = old.rs.metadata.labels!['pod-template-hash']!;
    const revisionLines = result.out.split('\n').filter((l) => l.startsWith('revision '));
    expect(revisionLines).to.deep.equal([
      `revision ${newRevision} (deployment revision 2): 1 replica run ${C}`,
      `revision ${oldRevision} (deployment revision 1): 2 replicas run ${A}`,
    ]);

    // A split brain within one revision is still a split brain, rollout or not.
    await admin.mergePatch(`/api/v1/namespaces/${namespace}/pods/${old.pods[0]}`, { metadata: { annotations: { [DIGEST]: B } } });
    const split = await audit();
    expect(split.code).to.equal(4);
    expect(split.out).to.contain(`revision ${oldRevision} (deployment revision 1): 2 replicas DISAGREE: ${A}, ${B}`);
  });

  it('exits 2 when no replica matches the selector, 3 when the API server is unreachable', async () => {
    const none = await audit('--selector', 'app.kubernetes.io/name=nothing-here');
    expect(none.code).to.equal(2);
    expect(none.out).to.contain('verdict: no-replicas');
    const io = captureIO({ env: {} });
    const dir = tempDir('audit');
    writeFileSync(join(dir, 'kubeconfig'), [
      'apiVersion: v1', 'kind: Config', 'current-context: c',
      'clusters: [{name: k, cluster: {server: "http://127.0.0.1:9"}}]',
      'users: [{name: u, user: {token: t}}]',
      'contexts: [{name: c, context: {cluster: k, user: u, namespace: x}}]', '',
    ].join('\n'));
    const code = await runCommand(['audit', '--kubeconfig', join(dir, 'kubeconfig')], io);
    expect(code, io.err).to.equal(3);
    expect(io.err).to.contain('KUBE_API_FAILED');
  });

  it('publishDigestFromEnv does nothing without POD_NAME/POD_NAMESPACE and only warns on failure', async () => {
    const calls: string[] = [];
    const recording = new Proxy({}, { get: (_t, prop) => () => { calls.push(String(prop)); throw new Error('must not be called'); } }) as KubeClient;
    await publishDigestFromEnv({ kube: recording, env: { POD_NAMESPACE: namespace }, digest: A, logger });
    await publishDigestFromEnv({ kube: recording, env: { POD_NAME: 'x' }, digest: A, logger });
    expect(calls).to.deep.equal([]);
    const warnings: unknown[] = [];
    const warnLogger = Object.assign(silentLogger(), { warn: (...args: unknown[]) => { warnings.push(args); return warnLogger; } });
    await publishDigestFromEnv({ kube, env: { POD_NAME: 'no-such-pod', POD_NAMESPACE: namespace }, digest: A, logger: warnLogger });
    expect(warnings).to.have.length(1);
    expect(String((warnings[0] as unknown[])[0])).to.contain('cannot publish the bundle digest');
  });
});
