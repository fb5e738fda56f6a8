// The chart against the real v1.20 API server with real helm (both majors): the server accepts
// every object, the PodDisruptionBudget is policy/v1beta1 there, the generated key pair is one
// P-256 pair `ork` reads (SEC1 key, self-signed certificate), and `helm upgrade` keeps it while a
// new import version changes the pod template's checksum; `helm rollback` restores that checksum.
// No kubelet runs: pods stay Pending (running them is the pod runner's job).
import { expect } from 'chai';
import { createPublicKey, X509Certificate } from 'node:crypto';
import { parsePrivateKeyPem, parsePublicKeyPem } from '../../../shared/bundle/keys.js';
import { CLUSTER_START_TIMEOUT_MS, getTestCluster, newTestNamespace, type TestCluster } from '../../support/cluster.js';
import { getHelm, type HelmMajor, type HelmTool } from '../../support/tools.js';
import { CHART_DIR } from './render.js';

const importVersion = (v: string) => [
  '--set', 'komposer.imports.helm[0].repo=https://charts.example.org',
  '--set', 'komposer.imports.helm[0].chart=shop',
  '--set', `komposer.imports.helm[0].version=${v}`,
];

for (const major of [3, 4] as HelmMajor[]) {
  describe(`charts/orkestra: install, upgrade, rollback on the API server (helm ${major})`, function () {
    this.timeout(120_000);
    let cluster: TestCluster;
    let helm: HelmTool;
    let namespace: string;
    // Cluster-scoped objects (ClusterRole, binding) are named after the release: one per run and major.
    const release = `orkestra-chart${major}-${process.pid % 10000}`;
    const helmIn = (args: string[]) => helm.run([...args, '--namespace', namespace, '--kubeconfig', cluster.kubeconfigPath]);
    const api = (path: string) => cluster.client.get(path);
    const signingSecret = () => api(`/api/v1/namespaces/${namespace}/secrets/${release}-signing-key`);
    const checksum = async () => (await api(`/apis/apps/v1/namespaces/${namespace}/deployments/${release}`)).spec.template.metadata.annotations['checksum/komposer'];

    before(async function () {
      this.timeout(CLUSTER_START_TIMEOUT_MS);
      cluster = await getTestCluster();
      helm = await getHelm({ major });
      namespace = await newTestNamespace(`chart-helm${major}`);
      await helmIn(['install', release, CHART_DIR, ...importVersion('1.0.0')]);
    });

    after(async function () {
      if (namespace) await helmIn(['uninstall', release]).catch(() => undefined);
    });

    it('creates every object, with a policy/v1beta1 PodDisruptionBudget on Kubernetes 1.20', async () => {
      const { stdout } = await helmIn(['get', 'manifest', release]);
      expect(stdout).to.include('apiVersion: policy/v1beta1\nkind: PodDisruptionBudget');
      for (const path of [
        `/apis/apps/v1/namespaces/${namespace}/deployments/${release}`,
        `/api/v1/namespaces/${namespace}/configmaps/${release}-komposer`,
        `/api/v1/namespaces/${namespace}/configmaps/${release}-signing-cert`,
        `/api/v1/namespaces/${namespace}/serviceaccounts/${release}`,
        `/api/v1/namespaces/${namespace}/services/${release}-metrics`,
        `/apis/policy/v1beta1/namespaces/${namespace}/poddisruptionbudgets/${release}`,
        `/apis/rbac.authorization.k8s.io/v1/namespaces/${namespace}/roles/${release}`,
        `/apis/rbac.authorization.k8s.io/v1/namespaces/${namespace}/rolebindings/${release}`,
        `/apis/rbac.authorization.k8s.io/v1/clusterroles/${release}`,
        `/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/${release}`,
      ]) await api(path);
    });

    it('generates one ECDSA P-256 pair that ork reads: SEC1 key in the Secret, its certificate in the ConfigMap', async () => {
      const secret = await signingSecret();
      expect(secret.type).to.equal('Opaque');
      const key = Buffer.from(secret.data['key.pem'], 'base64').toString();
      const cert = Buffer.from(secret.data['cert.pem'], 'base64').toString();
      expect(key).to.match(/^-----BEGIN EC PRIVATE KEY-----/);
      const configMap = await api(`/api/v1/namespaces/${namespace}/configmaps/${release}-signing-cert`);
      expect(configMap.data['cert.pem'].trim()).to.equal(cert.trim());
      const publicKey = parsePublicKeyPem(configMap.data['cert.pem'], 'cert.pem');
      const fromKey = createPublicKey(parsePrivateKeyPem(key, 'key.pem'));
      expect(publicKey.export({ type: 'spki', format: 'der' })).to.deep.equal(fromKey.export({ type: 'spki', format: 'der' }));
      const x509 = new X509Certificate(cert);
      expect(x509.subject).to.equal(`CN=${release}-bundle-signing`);
      expect(new Date(x509.validTo).getUTCFullYear() - new Date(x509.validFrom).getUTCFullYear()).to.be.at.least(99);
    });

    it('keeps the key pair across upgrades while a new import version changes the checksum; rollback restores it', async () => {
      const before = { secret: (await signingSecret()).data, checksum: await checksum() };
      await helmIn(['upgrade', release, CHART_DIR, ...importVersion('1.0.1')]);
      const after = { secret: (await signingSecret()).data, checksum: await checksum() };
      expect(after.secret).to.deep.equal(before.secret);
      expect(after.checksum).to.match(/^[0-9a-f]{64}$/).and.not.equal(before.checksum);
      const komposer = await api(`/api/v1/namespaces/${namespace}/configmaps/${release}-komposer`);
      expect(komposer.data['komposer.yaml']).to.include('version: 1.0.1');

      await helmIn(['rollback', release, '1']);
      expect(await checksum()).to.equal(before.checksum);
      expect((await signingSecret()).data).to.deep.equal(before.secret);
    });
  });
}
