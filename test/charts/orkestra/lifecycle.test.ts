// The chart's whole life against the real API server with real helm: install, upgrade to a new
// import version, the first revision's bundle replayed into the second's rollout (refused), three
// upgrades that must fail in the new pod's init container while the old pods keep reconciling, and
// a rollback (which must still work with the bundle bound to its configuration). The pods run under
// the pod runner (no kubelet here), which takes every command, env var and mount from the Pod
// objects helm's Deployment produced, `ork` being the image's launcher on the bundled CLI.
import { expect } from 'chai';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, normalize } from 'node:path';
import { stringify as toYaml } from 'yaml';
import { getTestCluster, newTestNamespace, CLUSTER_START_TIMEOUT_MS, type TestCluster } from '../../support/cluster.js';
import { makeTestCa, startHttpsServer, type TestCa, type TestServer } from '../../support/https-server.js';
import { imageOrk } from '../../support/image-ork.js';
import { startPodRunner, type PodRunner } from '../../support/pod-runner/runner.js';
import { until } from '../../support/poll.js';
import { getHelm, repoRoot, runTool, tempDir, type HelmTool } from '../../support/tools.js';

const DIGEST_ANNOTATION = 'orkestra.orkspace.io/bundle-digest';
const CHART = join(repoRoot, 'charts/orkestra');
const OPERATOR_CHART = 'website-operator';

/** The example website Katalog as a Helm chart of the given version; its Deployments carry the version in an env var. */
function writeOperatorChart(dir: string, version: string, katalogEdit: (text: string) => string = (t) => t): string {
  const chart = join(dir, `${OPERATOR_CHART}-${version}`);
  mkdirSync(join(chart, 'crds'), { recursive: true });
  writeFileSync(join(chart, 'Chart.yaml'), `apiVersion: v2\nname: ${OPERATOR_CHART}\nversion: ${version}\ndescription: the example website operator (test fixture)\n`);
  copyFileSync(join(repoRoot, 'examples/website/crd.yaml'), join(chart, 'crds/website.yaml'));
  const katalog = readFileSync(join(repoRoot, 'examples/website/katalog.yaml'), 'utf8')
    .replace('crdFile: ./crd.yaml', 'apiTypes: {group: examples.orkspace.io, version: v1, kind: Website, plural: websites}')
    .replace('              env:\n', `              env:\n                - name: OPERATOR_VERSION\n                  value: "${version}"\n`);
  if (!katalog.includes('OPERATOR_VERSION')) throw new Error('fixture: the example Katalog changed shape; update writeOperatorChart');
  writeFileSync(join(chart, 'katalog.yaml'), katalogEdit(katalog));
  return chart;
}

function staticFiles(dir: string) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const rel = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^\/+/, '');
    if (rel.startsWith('..')) return void res.writeHead(400).end();
    try {
      res.writeHead(200).end(readFileSync(join(dir, rel)));
    } catch {
      res.writeHead(404).end('not found');
    }
  };
}

describe('charts/orkestra: install, upgrade, failed upgrades, rollback (real API server, real helm, pod runner)', function () {
  this.timeout(10 * 60_000);
  let cluster: TestCluster;
  let helm: HelmTool;
  let ns: string;
  let ca: TestCa;
  let repo: TestServer;
  let repoDir: string;
  let runner: PodRunner | undefined;
  const release = `lc${process.pid % 10000}`;
  const fullname = `${release}-orkestra`;
  const kubeconfigArgs = (): string[] => ['--kubeconfig', cluster.kubeconfigPath, '-n', ns];

  /** The values of one revision: the website operator chart at `version` from our HTTPS repo. */
  function values(version: string, extra: Record<string, unknown> = {}): string {
    const file = join(tempDir('chart-values'), 'values.yaml');
    writeFileSync(file, toYaml({
      komposer: { name: 'websites', imports: { helm: [{ repo: repo.origin, chart: OPERATOR_CHART, version }] } },
      resolver: { caBundle: { configMapName: 'test-ca', key: 'ca.crt' } },
      controller: { leaderElection: { leaseDuration: '3s', renewDeadline: '2s', retryPeriod: '500ms' } },
      rbac: {
        extraRules: [
          { apiGroups: ['examples.orkspace.io'], resources: ['websites', 'websites/status', 'websites/finalizers'], verbs: ['get', 'list', 'watch', 'update', 'patch'] },
          { apiGroups: ['apiextensions.k8s.io'], resources: ['customresourcedefinitions'], resourceNames: ['websites.examples.orkspace.io'], verbs: ['get', 'patch'] },
          { apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] },
          { apiGroups: [''], resources: ['services'], verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] },
        ],
      },
      ...extra,
    }));
    return file;
  }

  const deployment = (): Promise<any> => cluster.client.get(`/apis/apps/v1/namespaces/${ns}/deployments/${fullname}`);
  const childDeployment = (name: string): Promise<any> => cluster.client.get(`/apis/apps/v1/namespaces/${ns}/deployments/${name}`);
  const operatorVersionOf = (child: any): string | undefined =>
    child.spec.template.spec.containers[0].env.find((e: { name: string }) => e.name === 'OPERATOR_VERSION')?.value;

  /** The Pods of the ReplicaSet that holds the Deployment's newest revision (the one a rollout brings up). */
  async function newestRevisionPods(): Promise<any[]> {
    const revision = (await deployment()).metadata.annotations?.['deployment.kubernetes.io/revision'];
    const sets = (await cluster.client.get(`/apis/apps/v1/namespaces/${ns}/replicasets?labelSelector=app.kubernetes.io/instance=${release}`)).items;
    const newest = sets.find((rs: any) => rs.metadata.annotations?.['deployment.kubernetes.io/revision'] === revision);
    if (!newest) return [];
    const hash = newest.metadata.labels['pod-template-hash'];
    return (await cluster.client.get(`/api/v1/namespaces/${ns}/pods?labelSelector=pod-template-hash=${hash}`)).items;
  }

  /** Waits until the Deployment finished rolling out the template of `helm` revision `revision` and publishes a digest. */
  async function rolledOut(what: string): Promise<string> {
    return until(`${what}: the rollout completes and the Deployment publishes its digest`, async () => {
      const d = await deployment();
      const s = d.status ?? {};
      const done = s.observedGeneration === d.metadata.generation && s.updatedReplicas === d.spec.replicas
        && s.availableReplicas === d.spec.replicas && (s.replicas ?? 0) === d.spec.replicas;
      return done ? d.metadata.annotations?.[DIGEST_ANNOTATION] : undefined;
    }, 180_000);
  }

  before(async function () {
    this.timeout(CLUSTER_START_TIMEOUT_MS + 120_000);
    cluster = await getTestCluster();
    helm = await getHelm();
    ns = await newTestNamespace('chart-lifecycle');
    ca = await makeTestCa();
    repoDir = tempDir('website-operator-repo');
    const sources = tempDir('website-operator-src');
    for (const version of ['1.0.0', '1.1.0']) await helm.run(['package', writeOperatorChart(sources, version), '-d', repoDir]);
    // 1.2.0 is tampered with after indexing; 1.3.0 carries a Katalog the resolver must reject.
    await helm.run(['package', writeOperatorChart(sources, '1.2.0'), '-d', repoDir]);
    await helm.run(['package', writeOperatorChart(sources, '1.3.0', (t) => t.replace('      mutation:\n', '      mutashun:\n')), '-d', repoDir]);
    await helm.run(['repo', 'index', repoDir]);
    copyFileSync(join(repoDir, `${OPERATOR_CHART}-1.1.0.tgz`), join(repoDir, `${OPERATOR_CHART}-1.2.0.tgz`));
    repo = await startHttpsServer(ca, staticFiles(repoDir));
    await cluster.client.post(`/api/v1/namespaces/${ns}/configmaps`, {
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'test-ca' }, data: { 'ca.crt': ca.caCert },
    });
    // The image's `ork`: the resolver from the bundled CLI, the controller from its own bundle.
    runner = await startPodRunner({ cluster, namespace: ns, selector: `app.kubernetes.io/instance=${release}`, ...imageOrk() });
  });

  afterEach(function () {
    // What the pods did, for a failure on a machine nobody can log into.
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
    await ca?.remove();
  });

  let digest1: string;
  let digest2: string;
  let checksum1: string;

  it('helm install: the resolver writes the bundle, the controller verifies it, publishes its digest and reconciles a CR', async () => {
    await helm.run(['install', release, CHART, '-f', values('1.0.0'), ...kubeconfigArgs()]);
    digest1 = await rolledOut('install');
    expect(digest1).to.match(/^sha256:[0-9a-f]{64}$/);
    checksum1 = (await deployment()).spec.template.metadata.annotations['checksum/komposer'];
    const pods = (await cluster.client.get(`/api/v1/namespaces/${ns}/pods?labelSelector=app.kubernetes.io/instance=${release}`)).items;
    expect(pods).to.have.length(2);
    for (const pod of pods) expect(pod.metadata.annotations?.[DIGEST_ANNOTATION]).to.equal(digest1);

    await cluster.client.post(`/apis/examples.orkspace.io/v1/namespaces/${ns}/websites`, {
      apiVersion: 'examples.orkspace.io/v1', kind: 'Website', metadata: { name: 'blog' }, spec: { image: 'nginx:1.27', title: 'Our blog' },
    });
    const child = await until('the Website blog gets its Deployment', () => childDeployment('blog').catch(() => undefined));
    expect(operatorVersionOf(child)).to.equal('1.0.0');
    const ready = await until('blog is Ready', async () => {
      const cr = await cluster.client.get(`/apis/examples.orkspace.io/v1/namespaces/${ns}/websites/blog`);
      return cr.status?.conditions?.find((c: { type: string }) => c.type === 'Ready');
    });
    expect(ready).to.exist;
  });

  it('helm upgrade to a new chart version of the import: a new digest runs and the children follow', async () => {
    await helm.run(['upgrade', release, CHART, '-f', values('1.1.0'), ...kubeconfigArgs()]);
    digest2 = await until('the new digest', async () => {
      const d = await rolledOut('upgrade to 1.1.0');
      return d !== digest1 ? d : undefined;
    }, 180_000);
    await until('blog\'s Deployment carries OPERATOR_VERSION 1.1.0', async () => operatorVersionOf(await childDeployment('blog')) === '1.1.0' || undefined);
    const pods = await until('only the new revision\'s two pods remain', async () => {
      const all = (await cluster.client.get(`/api/v1/namespaces/${ns}/pods?labelSelector=app.kubernetes.io/instance=${release}`)).items;
      return all.length === 2 ? all : undefined;
    });
    expect(pods.map((p: any) => p.metadata.annotations?.[DIGEST_ANNOTATION])).to.deep.equal([digest2, digest2]);
  });

  /** The rollout bundle ConfigMaps, by the digest they are annotated with. */
  async function bundleConfigMaps(): Promise<Map<string, any>> {
    const items = (await cluster.client.get(`/api/v1/namespaces/${ns}/configmaps?labelSelector=app.kubernetes.io/managed-by=orkestra`)).items;
    return new Map(items.map((cm: any) => [cm.metadata.annotations?.[DIGEST_ANNOTATION], cm]));
  }

  /** The message of the first failed resolver among `pods`, if any. */
  function failedResolver(pods: any[]): string | undefined {
    for (const pod of pods) {
      const status = pod.status?.initContainerStatuses?.[0];
      const terminated = status?.state?.terminated ?? status?.lastState?.terminated;
      if (terminated && terminated.exitCode !== 0) return String(terminated.message ?? '');
    }
    return undefined;
  }

  it('replay: the first revision\'s validly signed bundle put in the second revision\'s ConfigMap is refused by its next pod; the running pods keep the second digest', async () => {
    const byDigest = await bundleConfigMaps();
    const older = byDigest.get(digest1);
    const current = byDigest.get(digest2);
    expect(older, 'the first revision\'s bundle ConfigMap').to.exist;
    expect(current, 'the second revision\'s bundle ConfigMap').to.exist;
    // As anyone allowed to create ConfigMaps in the namespace could: the old bytes, under the
    // current ReplicaSet's name and ownership, and an annotation that agrees with them.
    const path = `/api/v1/namespaces/${ns}/configmaps`;
    await cluster.client.delete(`${path}/${current.metadata.name}`);
    await cluster.client.post(path, {
      apiVersion: 'v1', kind: 'ConfigMap', immutable: true, binaryData: older.binaryData,
      metadata: { name: current.metadata.name, labels: current.metadata.labels, annotations: { [DIGEST_ANNOTATION]: digest1 }, ownerReferences: current.metadata.ownerReferences },
    });
    const [victim, survivor] = await newestRevisionPods();
    await cluster.client.request({ method: 'DELETE', path: `/api/v1/namespaces/${ns}/pods/${victim.metadata.name}`, body: { gracePeriodSeconds: 0 } });
    const message = await until('the replacement pod\'s resolver refuses the replayed bundle', async () =>
      failedResolver((await newestRevisionPods()).filter((p) => p.metadata.name !== survivor.metadata.name)), 120_000);
    expect(message.trim()).to.match(new RegExp(`^CONFIG_CHECKSUM_MISMATCH: ${ns}/${current.metadata.name}: the bundle in ConfigMap .* fails verification: the bundle was resolved for configuration [0-9a-f]{64}, but this pod runs configuration [0-9a-f]{64}`));
    const checksum = (await deployment()).spec.template.metadata.annotations['checksum/komposer'];
    expect(message).to.contain(`this pod runs configuration ${checksum}`);
    const pods = (await cluster.client.get(`/api/v1/namespaces/${ns}/pods?labelSelector=app.kubernetes.io/instance=${release}`)).items;
    expect(pods.filter((p: any) => p.metadata.annotations?.[DIGEST_ANNOTATION] === digest1), 'no pod runs the replayed digest').to.deep.equal([]);
    expect((await deployment()).metadata.annotations?.[DIGEST_ANNOTATION]).to.equal(digest2);

    // Removing the planted ConfigMap lets the pod's next attempt resolve its own bundle again.
    await cluster.client.delete(`${path}/${current.metadata.name}`);
    expect(await rolledOut('recovery after the replay')).to.equal(digest2);
    expect((await bundleConfigMaps()).has(digest2)).to.equal(true);
  });

  const badUpgrades: [string, () => Record<string, unknown>, string, RegExp][] = [
    ['an unreachable import', () => ({ komposer: { name: 'websites', imports: { helm: [{ repo: 'https://127.0.0.1:9/', chart: OPERATOR_CHART, version: '1.1.0' }] } } }), '1.1.0', /^IMPORT_FETCH_FAILED: \S*komposer\S*: imports\.helm\[0\]: helm:https:\/\/127\.0\.0\.1:9\/website-operator@1\.1\.0: .*connection refused/],
    ['a tampered import (digest differs from the repository index)', () => ({}), '1.2.0', /^DIGEST_MISMATCH: \S*komposer\S*: imports\.helm\[0\]: helm:https:\/\/127\.0\.0\.1:\d+\/website-operator@1\.2\.0: the chart archive .* but index\.yaml says sha256:[0-9a-f]{64}/],
    ['a bad Katalog', () => ({}), '1.3.0', /^KATALOG_INVALID: helm:.*website-operator@1\.3\.0#katalog\.yaml:\d+:\d+: spec\.crds\.website\.mutashun: unknown key/],
  ];
  for (const [name, override, version, reason] of badUpgrades) {
    it(`helm upgrade with ${name}: the new pod's init container fails with the reason, the old pods keep reconciling`, async () => {
      await helm.run(['upgrade', release, CHART, '-f', values(version, override()), ...kubeconfigArgs()]);
      const message = await until(`the new pod's resolver fails (${name})`, async () => {
        for (const pod of await newestRevisionPods()) {
          const status = pod.status?.initContainerStatuses?.[0];
          const terminated = status?.state?.terminated ?? status?.lastState?.terminated;
          if (terminated && terminated.exitCode !== 0) return String(terminated.message ?? '');
        }
        return undefined;
      }, 120_000);
      expect(message.trim()).to.match(reason);
      // The old revision still serves: its pods are Ready, the Deployment still says digest2,
      // and a change to a CR is still reconciled by it.
      const d = await deployment();
      expect(d.metadata.annotations?.[DIGEST_ANNOTATION]).to.equal(digest2);
      expect(d.status.availableReplicas).to.equal(2);
      const image = `nginx:1.27.${badUpgrades.findIndex((b) => b[0] === name) + 1}`;
      await cluster.client.mergePatch(`/apis/examples.orkspace.io/v1/namespaces/${ns}/websites/blog`, { spec: { image } });
      await until(`the old pods reconcile blog to ${image}`, async () => {
        const child = await childDeployment('blog');
        return child.spec.template.spec.containers[0].image === image && operatorVersionOf(child) === '1.1.0' ? true : undefined;
      });
    });
  }

  it('helm rollback to the first revision: the first digest runs again, from its ReplicaSet\'s bundle', async () => {
    const repoRequests = repo.requests.length;
    await helm.run(['rollback', release, '1', ...kubeconfigArgs()]);
    const digest = await until('the first digest again', async () => {
      const d = await rolledOut('rollback');
      return d === digest1 ? d : undefined;
    }, 180_000);
    expect(digest).to.equal(digest1);
    // The rolled-back pods took the bundle their ReplicaSet published at install: no import fetched.
    expect(repo.requests.length).to.equal(repoRequests);
    // helm rollback rendered the first revision's configuration, so its checksum, to which that
    // ReplicaSet's bundle is bound: the controllers verify it under that checksum.
    const checksum = (await deployment()).spec.template.metadata.annotations['checksum/komposer'];
    expect(checksum).to.equal(checksum1);
    for (const pod of await newestRevisionPods()) {
      expect(runner!.logs(pod.metadata.name, 'resolver')).to.match(/rollout bundle: (reused|lost the publish race; adopted) the bundle of ConfigMap/);
      expect(runner!.logs(pod.metadata.name, 'controller')).to.contain(`"configChecksum":"${checksum1}"`);
      expect(pod.metadata.annotations?.[DIGEST_ANNOTATION]).to.equal(digest1);
    }
    await until('blog\'s Deployment is back at OPERATOR_VERSION 1.0.0', async () => operatorVersionOf(await childDeployment('blog')) === '1.0.0' || undefined);
  });

  it('ork audit agrees: one digest for the revision, both replicas ready, one leader', async () => {
    const res = await runTool(process.execPath, [join(repoRoot, 'dist/cli/main.js'), 'audit', '-n', ns, '--selector', `app.kubernetes.io/instance=${release}`, '--json', '--kubeconfig', cluster.kubeconfigPath]);
    const report = JSON.parse(res.stdout);
    expect(report.verdict).to.equal('consistent');
    expect(report.revisions).to.have.length(1);
    expect(report.revisions[0]).to.include({ agree: true });
    expect(report.revisions[0].digests).to.deep.equal([digest1]);
    expect(report.replicas.map((r: { digest: string; ready: boolean }) => [r.digest, r.ready])).to.deep.equal([[digest1, true], [digest1, true]]);
    expect(report.replicas.filter((r: { leads: string[] }) => r.leads.length > 0)).to.have.length(1);
  });

  it('helm test runs ork audit in a hook Pod (its own list-only ServiceAccount) and passes', async () => {
    const { stdout } = await helm.run(['test', release, '--timeout', '120s', ...kubeconfigArgs()]);
    expect(stdout).to.match(/TEST SUITE:\s+\S+-test-audit/);
    expect(stdout).to.match(/Phase:\s+Succeeded/);
    expect(runner!.logs(`${fullname}-test-audit`, 'audit')).to.include(digest1);
  });
});
