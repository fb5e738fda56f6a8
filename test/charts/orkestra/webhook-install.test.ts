// The chart's webhook on the real API server with real helm, its pods run by the pod runner (no
// kubelet here) under the chart's own ServiceAccounts and RBAC: both webhook replicas resolve and
// verify the bundle, race for the certificate Secret (one creates it), turn ready, and register
// the configurations and the CRD's conversion with the Service and the Secret's CA. The API server
// cannot call the Service here (pod IPs are loopback addresses, which Endpoints refuse, and there
// is no kube-proxy), so the replicas are called directly on their pod IPs with the Secret's CA and
// the Service's host name — exactly what the API server would verify. Apply-time refusal through
// the API server is covered with real `ork webhook` processes registered by URL
// (test/controller/webhook/secret.test.ts) and with `ork run` (ork-run.test.ts).
import { expect } from 'chai';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { request } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { join, normalize } from 'node:path';
import { stringify as toYaml } from 'yaml';
import { getTestCluster, newTestNamespace, CLUSTER_START_TIMEOUT_MS, type TestCluster } from '../../support/cluster.js';
import { startHttpServer, type TestServer } from '../../support/https-server.js';
import { imageOrk } from '../../support/image-ork.js';
import { startPodRunner, type PodRunner } from '../../support/pod-runner/runner.js';
import { until } from '../../support/poll.js';
import { getHelm, repoRoot, tempDir, type HelmTool } from '../../support/tools.js';
import { gadgetFixture } from '../../controller/webhook/ork-run.js';

const CHART = join(repoRoot, 'charts/orkestra');

/** The webhook fixture (Gadget v1alpha1/v1, rules, conversion) as a Helm chart: the CRD in crds/, the Katalog by apiTypes. */
function gadgetChart(dir: string, fixture: { dir: string; group: string }): string {
  const chart = join(dir, 'gadgets');
  mkdirSync(join(chart, 'crds'), { recursive: true });
  writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: gadgets\nversion: 1.0.0\ndescription: the webhook test Katalog\n');
  cpSync(join(fixture.dir, 'gadget-crd.yaml'), join(chart, 'crds/gadget.yaml'));
  const katalog = readFileSync(join(fixture.dir, 'katalog.yaml'), 'utf8')
    .replace('crdFile: ./gadget-crd.yaml', `apiTypes: {group: ${fixture.group}, version: v1, kind: Gadget, plural: gadgets}`);
  writeFileSync(join(chart, 'katalog.yaml'), katalog);
  return chart;
}

function staticFiles(dir: string) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const rel = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^\/+/, '');
    try {
      res.writeHead(200).end(readFileSync(join(dir, rel)));
    } catch {
      res.writeHead(404).end('not found');
    }
  };
}

/** POST an AdmissionReview to a replica, verifying its certificate as the API server would. */
function review(podIP: string, caPem: string, servername: string, body: unknown): Promise<{ cert: string; answer: any }> {
  return new Promise((resolve, reject) => {
    const text = JSON.stringify(body);
    const req = request({ host: podIP, port: 9443, path: '/validate', method: 'POST', ca: caPem, servername, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) } }, (res) => {
      const cert = (res.socket as TLSSocket).getPeerCertificate().fingerprint256;
      let out = '';
      res.on('data', (c: Buffer) => { out += c.toString(); });
      res.on('end', () => resolve({ cert, answer: JSON.parse(out) }));
    });
    req.once('error', reject);
    req.end(text);
  });
}

describe('charts/orkestra: the webhook installed (real API server, real helm, pod runner)', function () {
  this.timeout(10 * 60_000);
  let cluster: TestCluster;
  let helm: HelmTool;
  let ns: string;
  let repo: TestServer;
  let runner: PodRunner | undefined;
  let group: string;
  const release = `wh${process.pid % 10000}`;
  const fullname = `${release}-orkestra`;
  const webhook = `${fullname}-webhook`;
  const kubeconfigArgs = (): string[] => ['--kubeconfig', cluster.kubeconfigPath, '-n', ns];

  before(async function () {
    this.timeout(CLUSTER_START_TIMEOUT_MS + 120_000);
    cluster = await getTestCluster();
    helm = await getHelm();
    ns = await newTestNamespace('chart-webhook');
    const fixture = gadgetFixture();
    group = fixture.group;
    const repoDir = tempDir('gadget-repo');
    await helm.run(['package', gadgetChart(tempDir('gadget-src'), fixture), '-d', repoDir]);
    repo = await startHttpServer(staticFiles(repoDir));
    await helm.run(['repo', 'index', repoDir, '--url', repo.origin]);
    runner = await startPodRunner({ cluster, namespace: ns, selector: `app.kubernetes.io/instance=${release}`, ...imageOrk() });
    const crd = `gadgets.${group}`;
    const values = join(tempDir('chart-webhook-values'), 'values.yaml');
    writeFileSync(values, toYaml({
      replicaCount: 1,
      komposer: { name: 'gadgets', imports: { helm: [{ repo: repo.origin, chart: 'gadgets', version: '1.0.0' }] } },
      resolver: { extraArgs: ['--allow-http-loopback'] },
      controller: { httpAuth: 'none' },
      rbac: {
        extraRules: [
          { apiGroups: [group], resources: ['gadgets', 'gadgets/status', 'gadgets/finalizers'], verbs: ['get', 'list', 'watch', 'update', 'patch'] },
          { apiGroups: ['apiextensions.k8s.io'], resources: ['customresourcedefinitions'], resourceNames: [crd], verbs: ['get', 'patch'] },
          { apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] },
        ],
      },
      webhook: { enabled: true, rbac: { extraRules: [{ apiGroups: ['apiextensions.k8s.io'], resources: ['customresourcedefinitions'], resourceNames: [crd], verbs: ['patch'] }] } },
    }));
    await helm.run(['install', release, CHART, '-f', values, ...kubeconfigArgs()]);
  });

  afterEach(function () {
    if (this.currentTest?.state !== 'failed' || !runner) return;
    console.log(runner.describe());
    for (const pod of runner.pods()) {
      for (const c of [...pod.initContainers, ...pod.containers]) console.log(`--- ${pod.name}/${c.name}\n${runner.logs(pod.name, c.name).split('\n').slice(-15).join('\n')}`);
    }
  });

  after(async () => {
    await helm?.run(['uninstall', release, '--wait', ...kubeconfigArgs()]).catch(() => undefined);
    await runner?.stop();
    await repo?.close();
  });

  it('both replicas verify the bundle and turn ready; one creates the Secret; the configurations and the CRD\'s conversion name the Service and the Secret\'s CA', async () => {
    await until('the webhook Deployment has 2 available replicas', async () => {
      const d = await cluster.client.get(`/apis/apps/v1/namespaces/${ns}/deployments/${webhook}`);
      return d.status?.availableReplicas === 2 ? true : undefined;
    }, 240_000);
    const pods = runner!.pods().filter((p) => p.name.startsWith(`${webhook}-`));
    expect(pods).to.have.length(2);
    const logs = pods.map((p) => runner!.logs(p.name, 'webhook'));
    expect(logs.join('\n').match(/webhook certificates issued/g) ?? [], 'one replica issues').to.have.length(1);
    for (const log of logs) {
      expect(log).to.match(/"message":"bundle verified"/);
      expect(log).to.not.contain('PRIVATE KEY');
    }
    const secret = await cluster.client.get(`/api/v1/namespaces/${ns}/secrets/${webhook}-tls`);
    const ca = Buffer.from(secret.data['ca.crt'], 'base64').toString('utf8');
    const service = { namespace: ns, name: webhook, port: 443 };
    const config = await until('the webhook fills the chart\'s empty ValidatingWebhookConfiguration', async () => {
      const c = await cluster.client.get(`/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations/orkestra-${fullname}`);
      return c.webhooks?.length ? c : undefined;
    });
    expect(config.webhooks[0].clientConfig).to.deep.equal({ service: { ...service, path: '/validate' }, caBundle: Buffer.from(ca).toString('base64') });
    expect(config.webhooks[0].rules[0]).to.include({ scope: 'Namespaced' }).and.deep.include({ apiGroups: [group], resources: ['gadgets'] });
    const conversion = await until('the CRD (applied by the controller) gets its conversion webhook', async () => {
      const crd = await cluster.client.request({ path: `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/gadgets.${group}` });
      return crd.body?.spec?.conversion?.strategy === 'Webhook' ? crd.body.spec.conversion : undefined;
    }, 120_000);
    expect(conversion.webhook.clientConfig.service).to.deep.equal({ ...service, path: '/convert' });
  });

  it('each replica serves the Secret\'s certificate for the Service\'s name and refuses a CR breaking a deny rule', async () => {
    const secret = await cluster.client.get(`/api/v1/namespaces/${ns}/secrets/${webhook}-tls`);
    const ca = Buffer.from(secret.data['ca.crt'], 'base64').toString('utf8');
    const pods = (await cluster.client.get(`/api/v1/namespaces/${ns}/pods?labelSelector=app.kubernetes.io/component=webhook`)).items;
    const body = {
      apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview',
      request: { uid: 'u1', operation: 'CREATE', kind: { group, version: 'v1', kind: 'Gadget' }, resource: { group, version: 'v1', resource: 'gadgets' }, namespace: ns, name: 'big', object: { apiVersion: `${group}/v1`, kind: 'Gadget', metadata: { name: 'big', namespace: ns }, spec: { size: 9 } } },
    };
    const answers = await Promise.all(pods.map((p: { status: { podIP: string } }) => review(p.status.podIP, ca, `${webhook}.${ns}.svc`, body)));
    expect(answers).to.have.length(2);
    expect(answers[0]!.cert).to.equal(answers[1]!.cert);
    for (const { answer } of answers) {
      expect(answer.response.allowed).to.equal(false);
      expect(answer.response.status.message).to.contain('spec.size must be at most 5 gadgets');
    }
  });

  it('helm uninstall removes both configurations (no Fail-policy webhook left pointing at a deleted Service)', async () => {
    await helm.run(['uninstall', release, '--wait', ...kubeconfigArgs()]);
    for (const kind of ['validatingwebhookconfigurations', 'mutatingwebhookconfigurations']) {
      expect((await cluster.client.request({ path: `/apis/admissionregistration.k8s.io/v1/${kind}/orkestra-${fullname}` })).status, kind).to.equal(404);
    }
  });
});
