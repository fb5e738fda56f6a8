// What Helm and operator users expect of a chart: it works as a dependency of an umbrella chart
// (`global` values), no PodDisruptionBudget over a single replica, Prometheus Operator objects only
// where that API is served, the usual extension values, common labels, alerts, a dashboard, and a
// `helm test` hook that runs `ork audit`. Rendered with real helm; the umbrella chart is also
// installed on the real API server.
import { expect } from 'chai';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { CLUSTER_START_TIMEOUT_MS, getTestCluster, newTestNamespace } from '../../support/cluster.js';
import { getHelm, tempDir, type HelmMajor, type HelmTool } from '../../support/tools.js';
import { CHART_DIR, FULL_ARGS, FULL_VALUES, MONITORING_API, findObject, parseManifests, podSpecOf, readText, renderChart, type K8sObject } from './render.js';

const render = async (helm: HelmTool, args: string[] = []) => parseManifests(await renderChart(helm, args));
const kinds = (objects: K8sObject[]) => objects.map((o) => o.kind);

/** A parent chart that carries charts/orkestra as an unpacked subchart and sets `global`. */
function umbrellaChart(): string {
  const dir = join(tempDir('umbrella'), 'platform');
  mkdirSync(join(dir, 'charts'), { recursive: true });
  writeFileSync(join(dir, 'Chart.yaml'), stringify({ apiVersion: 'v2', name: 'platform', version: '1.0.0', dependencies: [{ name: 'orkestra', version: '>=0.0.0-0' }] }));
  writeFileSync(join(dir, 'values.yaml'), stringify({ global: { imageRegistry: 'registry.example.org', team: 'platform' }, orkestra: { replicaCount: 1 } }));
  cpSync(CHART_DIR, join(dir, 'charts', 'orkestra'), { recursive: true });
  return dir;
}

describe('charts/orkestra: conventions of Helm and operator users', function () {
  this.timeout(300_000);
  let helm: HelmTool;
  before(async () => { helm = await getHelm({ major: 3 }); });

  for (const major of [3, 4] as HelmMajor[]) {
    it(`renders as a subchart of an umbrella chart that sets global values (helm ${major})`, async () => {
      const h = await getHelm({ major });
      const { stdout } = await h.run(['template', 'platform', umbrellaChart(), '--namespace', 'platform-system']);
      const objects = parseManifests(stdout);
      expect(findObject(objects, 'Deployment').spec.replicas).to.equal(1);
      expect(kinds(objects)).not.to.include('PodDisruptionBudget');
    });
  }

  it('installs as a subchart with global values on the real API server', async function () {
    this.timeout(CLUSTER_START_TIMEOUT_MS);
    const cluster = await getTestCluster();
    const namespace = await newTestNamespace('umbrella');
    const release = `umbrella-${process.pid % 10000}`;
    const run = (args: string[]) => helm.run([...args, '--namespace', namespace, '--kubeconfig', cluster.kubeconfigPath]);
    try {
      await run(['install', release, umbrellaChart()]);
      const deployment = await cluster.client.get(`/apis/apps/v1/namespaces/${namespace}/deployments/${release}-orkestra`);
      expect(deployment.spec.replicas).to.equal(1);
      const pdb = await cluster.client.request({ path: `/apis/policy/v1beta1/namespaces/${namespace}/poddisruptionbudgets/${release}-orkestra` });
      expect(pdb.status, 'no PDB over one replica').to.equal(404);
    } finally {
      await run(['uninstall', release]).catch(() => undefined);
    }
  });

  it('keeps a PodDisruptionBudget only with more than one replica', async () => {
    expect(kinds(await render(helm))).to.include('PodDisruptionBudget');
    expect(kinds(await render(helm, ['--set', 'replicaCount=1']))).not.to.include('PodDisruptionBudget');
    expect(kinds(await render(helm, ['--set', 'replicaCount=2', '--set', 'podDisruptionBudget.enabled=false']))).not.to.include('PodDisruptionBudget');
  });

  it('renders ServiceMonitor and PrometheusRule only where monitoring.coreos.com/v1 is served', async () => {
    const on = ['--set', 'metrics.serviceMonitor.enabled=true', '--set', 'metrics.prometheusRule.enabled=true'];
    expect(kinds(await render(helm, on))).not.to.include.members(['ServiceMonitor']);
    expect(kinds(await render(helm, on))).not.to.include('PrometheusRule');
    expect(kinds(await render(helm, [...on, ...MONITORING_API]))).to.include.members(['ServiceMonitor', 'PrometheusRule']);
    expect(kinds(await render(helm, MONITORING_API))).not.to.include.members(['ServiceMonitor']);
  });

  it('NOTES.txt says when the ServiceMonitor was skipped for want of the API', async () => {
    const h = await getHelm({ major: 4 });
    const { stdout } = await h.run(['install', 'orkestra', CHART_DIR, '--namespace', 'orkestra-system', '--dry-run=client', '--set', 'metrics.serviceMonitor.enabled=true'], { env: { KUBECONFIG: '/nonexistent' } });
    expect(stdout).to.include('does not serve monitoring.coreos.com/v1');
    expect(stdout).to.include('no ServiceMonitor was created');
  });

  describe('ci/full-values.yaml', () => {
    let objects: K8sObject[];
    let values: any;
    before(async () => {
      objects = await render(helm, FULL_ARGS);
      values = parse(readText(FULL_VALUES));
    });

    it('puts commonLabels on every object', () => {
      for (const o of objects) expect(o.metadata.labels, `${o.kind} ${o.metadata.name}`).to.include(values.commonLabels);
    });

    it('applies revisionHistoryLimit, strategy, deploymentAnnotations and the ServiceAccount token setting', () => {
      const deployment = findObject(objects, 'Deployment');
      expect(deployment.spec.revisionHistoryLimit).to.equal(3);
      expect(deployment.spec.strategy).to.deep.equal(values.strategy);
      expect(deployment.metadata.annotations).to.deep.equal(values.deploymentAnnotations);
      expect(findObject(objects, 'ServiceAccount').automountServiceAccountToken).to.equal(false);
      expect(podSpecOf(objects).automountServiceAccountToken, 'the pods still mount the token they need').to.equal(true);
    });

    it('adds extraEnv and extraVolumeMounts to the controller only, extraVolumes to the pod', () => {
      const pod = podSpecOf(objects);
      const controller = pod.containers[0];
      const resolver = pod.initContainers[0];
      expect(controller.env.slice(-values.extraEnv.length)).to.deep.equal(values.extraEnv);
      expect(resolver.env.map((e: { name: string }) => e.name)).not.to.include('NODE_OPTIONS');
      expect(controller.volumeMounts.slice(-1)).to.deep.equal(values.extraVolumeMounts);
      expect(resolver.volumeMounts.map((m: { name: string }) => m.name)).not.to.include('extra-ca');
      expect(pod.volumes.slice(-1)).to.deep.equal(values.extraVolumes);
    });

    it('alerts on a digest split brain, a controller not running a bundle, the reconcile error rate and panics', () => {
      const rule = findObject(objects, 'PrometheusRule');
      expect(rule.metadata.labels).to.include({ release: 'prometheus' });
      const rules = rule.spec.groups[0].rules as { alert: string; expr: string; for: string }[];
      expect(rules.map((r) => r.alert)).to.deep.equal(['OrkestraBundleDigestSplitBrain', 'OrkestraControllerNotRunningBundle', 'OrkestraReconcileErrorRateHigh', 'OrkestraReconcilePanics']);
      expect(rules[0]!.expr).to.equal('count(count by (digest) (orkestra_bundle_info{namespace="orkestra-system", service="platform-orkestra-metrics"})) > 1');
      expect(rules[0]!.for).to.equal('30m');
      expect(rules[1]!.expr).to.match(/^absent\(orkestra_bundle_info\{/);
      expect(rules[1]!.for).to.equal('5m');
      expect(rules[2]!.expr).to.include('controller_runtime_reconcile_errors_total').and.include('> 0.25');
      expect(rules[3]!.expr).to.equal('sum by (controller) (increase(controller_runtime_reconcile_panics_total{namespace="orkestra-system", service="platform-orkestra-metrics"}[15m])) > 0');
    });

    it('ships the Grafana dashboard as JSON with every panel querying a metric the controller serves', () => {
      const cm = findObject(objects, 'ConfigMap', 'platform-orkestra-dashboard');
      expect(cm.metadata.namespace).to.equal('monitoring');
      expect(cm.metadata.labels).to.include({ grafana_dashboard: 'yes' });
      const dashboard = JSON.parse(cm.data['orkestra.json']);
      expect(dashboard.uid).to.equal('orkestra-controller');
      const exprs = dashboard.panels.flatMap((p: { targets: { expr: string }[] }) => p.targets.map((t) => t.expr));
      expect(exprs.length).to.be.greaterThan(6);
      // Every metric a query names is one the controller serves (names as in docs/observability.md).
      const served = new Set(['orkestra_bundle_info', 'leader_election_master_status', 'controller_runtime_reconcile_total', 'controller_runtime_reconcile_errors_total',
        'controller_runtime_terminal_reconcile_errors_total', 'controller_runtime_reconcile_panics_total', 'controller_runtime_reconcile_time_seconds_bucket',
        'workqueue_depth', 'orkestra_crd_healthy', 'process_resident_memory_bytes', 'rest_client_requests_total', 'rest_client_request_duration_seconds_bucket']);
      const named = exprs.flatMap((e: string) => [...e.matchAll(/([a-z_]+)\{/g)].map((m) => m[1]!));
      expect(named.length).to.be.at.least(exprs.length);
      for (const name of named) expect(served, name).to.include(name);
      for (const name of ['rest_client_requests_total', 'rest_client_request_duration_seconds_bucket', 'controller_runtime_reconcile_panics_total']) expect(named).to.include(name);
      expect(exprs).to.include('sum by (controller) (workqueue_depth{namespace="$namespace"})');
    });

    it('leaves out the helm test hook when helmTest.enabled is false', () => {
      expect(objects.filter((o) => o.metadata.annotations?.['helm.sh/hook'] === 'test')).to.deep.equal([]);
    });
  });

  it('has a helm test hook that runs ork audit on the release with list-only access', async () => {
    const objects = await render(helm);
    const hooks = objects.filter((o) => o.metadata.annotations?.['helm.sh/hook'] === 'test');
    expect(hooks.map((o) => `${o.kind} ${o.metadata.name}`)).to.deep.equal([
      'ServiceAccount orkestra-test', 'Role orkestra-test', 'RoleBinding orkestra-test', 'Pod orkestra-test-audit',
    ]);
    const pod = hooks[3]!;
    expect(pod.spec.serviceAccountName).to.equal('orkestra-test');
    expect(pod.spec.restartPolicy).to.equal('Never');
    expect([...pod.spec.containers[0].command, ...pod.spec.containers[0].args]).to.deep.equal([
      'ork', 'audit', '--namespace', 'orkestra-system', '--selector', 'app.kubernetes.io/name=orkestra,app.kubernetes.io/instance=orkestra,app.kubernetes.io/component=controller',
    ]);
    expect(pod.metadata.labels?.['app.kubernetes.io/component'], 'the audit must not select its own pod').to.equal('test');
    const verbs = (hooks[1]!.rules as { verbs: string[] }[]).flatMap((r) => r.verbs);
    expect([...new Set(verbs)]).to.deep.equal(['list']);
  });

  it('Chart.yaml names home, sources and maintainers', () => {
    const chart = parse(readText(join(CHART_DIR, 'Chart.yaml')));
    expect(chart.home).to.match(/^https:\/\//);
    expect(chart.sources).to.be.an('array').that.is.not.empty;
    expect(chart.maintainers[0].name).to.be.a('string');
  });
});
