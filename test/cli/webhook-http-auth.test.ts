// `ork webhook --http-auth kubernetes` on the real API server: its probes stay open, its /metrics
// answers 401 without a token, 403 to a ServiceAccount not allowed to get it, and 200 to one bound
// to the chart's metrics-reader rule — as `ork controller --http-auth kubernetes` does.
import { expect } from 'chai';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveToBundle, type SignedBundleDir } from '../controller/e2e/world.js';
import { killAllWebhooks, readyz, startOrkWebhook, type OrkWebhook } from '../controller/webhook/ork-webhook.js';
import { CLUSTER_START_TIMEOUT_MS, getTestCluster, newTestNamespace, type TestCluster } from '../support/cluster.js';
import { serviceAccountToken } from '../support/service-account.js';
import { repoRoot, tempDir } from '../support/tools.js';

describe('cli ork webhook --http-auth kubernetes (real API server)', function () {
  this.timeout(120_000);
  let cluster: TestCluster;
  let bundle: SignedBundleDir;
  let webhook: OrkWebhook | undefined;
  const cleanup: string[] = [];

  before(async function () {
    this.timeout(CLUSTER_START_TIMEOUT_MS);
    cluster = await getTestCluster();
    const dir = tempDir('cli-webhook-auth');
    for (const f of ['katalog.yaml', 'gadget-crd.yaml']) writeFileSync(join(dir, f), readFileSync(join(repoRoot, 'test/fixtures/webhook', f)));
    bundle = await resolveToBundle({ komposer: join(dir, 'katalog.yaml'), cwd: dir });
  });
  after(async () => {
    await webhook?.stop();
    killAllWebhooks();
    for (const path of cleanup) await cluster.client.request({ method: 'DELETE', path });
  });

  it('keeps the probes open and answers /metrics 401, 403 or 200 as the API server decides', async () => {
    const ns = await newTestNamespace('webhook-auth');
    const tokenOf = async (name: string) => {
      await cluster.client.post(`/api/v1/namespaces/${ns}/serviceaccounts`, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name } });
      return serviceAccountToken(cluster, ns, name);
    };
    const role = `ork-webhook-metrics-${ns}`;
    await cluster.client.post('/apis/rbac.authorization.k8s.io/v1/clusterroles', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: role }, rules: [{ nonResourceURLs: ['/metrics'], verbs: ['get'] }] });
    cleanup.push(`/apis/rbac.authorization.k8s.io/v1/clusterroles/${role}`);
    await cluster.client.post('/apis/rbac.authorization.k8s.io/v1/clusterrolebindings', {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: role },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role }, subjects: [{ kind: 'ServiceAccount', name: 'prometheus', namespace: ns }],
    });
    cleanup.push(`/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/${role}`);
    const [prometheus, stranger] = [await tokenOf('prometheus'), await tokenOf('stranger')];

    webhook = await startOrkWebhook(['--bundle', bundle.bundleDir, '--key', bundle.publicKeyPath, '--no-register', '--host', '127.0.0.1', '--http-auth', 'kubernetes', '--kubeconfig', cluster.kubeconfigPath]);
    await readyz(webhook);
    const get = (path: string, token?: string) => fetch(`http://127.0.0.1:${webhook!.httpPort}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
    expect((await get('/healthz')).status).to.equal(200);
    expect((await get('/metrics')).status).to.equal(401);
    expect((await get('/metrics', 'not-a-token')).status).to.equal(401);
    expect((await get('/metrics', stranger)).status).to.equal(403);
    const allowed = await get('/metrics', prometheus);
    expect(allowed.status).to.equal(200);
    expect(await allowed.text()).to.contain('orkestra_webhook_');
    expect((await get('/bundle', prometheus)).status, 'bound to /metrics only').to.equal(403);
    expect(webhook.stderr()).to.not.contain(prometheus).and.not.contain(stranger);
  });

});
