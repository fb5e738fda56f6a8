// What the templates produce from values: the pod wiring the pod runner and the docs rely on
// (.tmp/chart-contract.md: commands, flags, paths, env), the Komposer ConfigMap, the checksum that
// rolls the pods, and the refusals of combinations that cannot work.
import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { getHelm, repoRoot, runTool, tempDir, type HelmTool } from '../../support/tools.js';
import { CHART_DIR, FULL_ARGS, FULL_VALUES, findObject, helmFailure, parseManifests, podSpecOf, readText, renderChart, type K8sObject } from './render.js';

const ENV_FROM_FIELD = (name: string, fieldPath: string) => ({ name, valueFrom: { fieldRef: { fieldPath } } });

async function render(helm: HelmTool, args: string[] = []): Promise<K8sObject[]> {
  return parseManifests(await renderChart(helm, args));
}

function containers(objects: K8sObject[]) {
  const pod = podSpecOf(objects);
  return { pod, resolver: pod.initContainers[0], controller: pod.containers[0] };
}

/** The pod template's checksum/komposer: the configuration both containers bind the bundle to. */
function configChecksum(objects: K8sObject[]): string {
  const value = findObject(objects, 'Deployment').spec.template.metadata.annotations['checksum/komposer'];
  expect(value).to.match(/^[0-9a-f]{64}$/);
  return value;
}

async function checksum(helm: HelmTool, args: string[] = []): Promise<string> {
  return findObject(await render(helm, args), 'Deployment').spec.template.metadata.annotations['checksum/komposer'];
}

describe('charts/orkestra: templates', function () {
  this.timeout(300_000);
  let helm: HelmTool;

  before(async function () {
    helm = await getHelm({ major: 3 });
  });

  describe('the pod (default values)', () => {
    let objects: K8sObject[];
    before(async () => { objects = await render(helm); });

    it('runs the resolver as init container with the contract flags and environment', () => {
      const { pod, resolver } = containers(objects);
      expect(pod.initContainers.map((c: any) => c.name)).to.deep.equal(['resolver']);
      expect(resolver.command).to.deep.equal(['ork']);
      expect(resolver.args).to.deep.equal([
        'resolve', '-f', '/etc/orkestra/komposer/komposer.yaml', '--out', '/var/run/orkestra/bundle',
        '--key', '/etc/orkestra/signing-key/key.pem', '--rollout-bundle', '--config-checksum', configChecksum(objects),
        '--termination-message-path', '/dev/termination-log',
      ]);
      expect(resolver.terminationMessagePath).to.equal('/dev/termination-log');
      expect(resolver.terminationMessagePolicy).to.equal('FallbackToLogsOnError');
      expect(resolver.env).to.deep.equal([
        ENV_FROM_FIELD('POD_NAME', 'metadata.name'),
        ENV_FROM_FIELD('POD_NAMESPACE', 'metadata.namespace'),
        { name: 'HOME', value: '/tmp' },
      ]);
      expect(resolver.volumeMounts).to.deep.equal([
        { name: 'komposer', mountPath: '/etc/orkestra/komposer', readOnly: true },
        { name: 'signing-key', mountPath: '/etc/orkestra/signing-key', readOnly: true },
        { name: 'bundle', mountPath: '/var/run/orkestra/bundle' },
        { name: 'tmp', mountPath: '/tmp' },
      ]);
      expect(resolver.image).to.equal('ghcr.io/orkspace/orkestra:0.1.0');
    });

    it('controller.nodeOptions empty: no NODE_OPTIONS, so one from extraEnv is the only one', async () => {
      const { controller } = containers(await render(helm, ['--set', 'controller.nodeOptions=', '--set', 'extraEnv[0].name=NODE_OPTIONS', '--set', 'extraEnv[0].value=--max-semi-space-size=4']));
      expect(controller.env.filter((e: { name: string }) => e.name === 'NODE_OPTIONS')).to.deep.equal([{ name: 'NODE_OPTIONS', value: '--max-semi-space-size=4' }]);
    });

    it('runs the controller with the contract flags, environment, port and probes', () => {
      const { pod, controller } = containers(objects);
      expect(pod.containers.map((c: any) => c.name)).to.deep.equal(['controller']);
      expect(controller.command).to.deep.equal(['ork']);
      expect(controller.args).to.deep.equal([
        'controller', '--bundle', '/var/run/orkestra/bundle', '--key', '/etc/orkestra/signing-cert/cert.pem',
        '--config-checksum', configChecksum(objects), '--http-address', '$(POD_IP):8080', '--termination-message-path', '/dev/termination-log',
        '--log-level', 'info', '--leader-elect', '--leader-election-id', 'orkestra', '--http-auth', 'kubernetes',
      ]);
      expect(controller.env).to.deep.equal([
        ENV_FROM_FIELD('POD_NAME', 'metadata.name'),
        ENV_FROM_FIELD('POD_NAMESPACE', 'metadata.namespace'),
        ENV_FROM_FIELD('POD_IP', 'status.podIP'),
        ENV_FROM_FIELD('ORKESTRA_REVISION', "metadata.labels['pod-template-hash']"),
        { name: 'NODE_OPTIONS', value: '--max-semi-space-size=1 --max-old-space-size=384' },
      ]);
      expect(controller.ports).to.deep.equal([{ name: 'http', containerPort: 8080, protocol: 'TCP' }]);
      expect(controller.livenessProbe.httpGet).to.deep.equal({ path: '/healthz', port: 'http' });
      expect(controller.readinessProbe.httpGet).to.deep.equal({ path: '/readyz', port: 'http' });
      expect(controller.volumeMounts).to.deep.equal([
        { name: 'signing-cert', mountPath: '/etc/orkestra/signing-cert', readOnly: true },
        { name: 'bundle', mountPath: '/var/run/orkestra/bundle', readOnly: true },
        { name: 'tmp', mountPath: '/tmp' },
      ]);
    });

    it('backs the mounts by the contract volumes, and runs 2 replicas as the release ServiceAccount', () => {
      const deployment = findObject(objects, 'Deployment', 'orkestra');
      const { pod } = containers(objects);
      expect(pod.volumes).to.deep.equal([
        { name: 'komposer', configMap: { name: 'orkestra-komposer' } },
        { name: 'signing-key', secret: { secretName: 'orkestra-signing-key', defaultMode: 0o440 } },
        { name: 'signing-cert', configMap: { name: 'orkestra-signing-cert' } },
        { name: 'bundle', emptyDir: {} },
        { name: 'tmp', emptyDir: {} },
      ]);
      expect(deployment.spec.replicas).to.equal(2);
      expect(pod.serviceAccountName).to.equal('orkestra');
      expect(objects.filter((o) => o.kind === 'ServiceAccount' && !o.metadata.annotations?.['helm.sh/hook']).map((o) => o.metadata.name)).to.deep.equal(['orkestra']);
      expect(deployment.spec.selector.matchLabels).to.deep.equal({ 'app.kubernetes.io/name': 'orkestra', 'app.kubernetes.io/instance': 'orkestra' });
      expect(deployment.spec.template.metadata.labels).to.include({
        'app.kubernetes.io/name': 'orkestra', 'app.kubernetes.io/instance': 'orkestra', 'app.kubernetes.io/version': '0.1.0',
        'app.kubernetes.io/component': 'controller', 'app.kubernetes.io/managed-by': 'Helm', 'helm.sh/chart': 'orkestra-0.1.0',
      });
    });

    it('renders a minimal Komposer named after the release', () => {
      const komposer = parse(findObject(objects, 'ConfigMap', 'orkestra-komposer').data['komposer.yaml']);
      expect(komposer).to.deep.equal({ apiVersion: 'orkestra.orkspace.io/v1', kind: 'Komposer', metadata: { name: 'orkestra' }, spec: { crds: {} } });
    });

    it('serves the metrics port and keeps a PodDisruptionBudget (policy/v1 where served)', () => {
      const service = findObject(objects, 'Service', 'orkestra-metrics');
      expect(service.spec.ports).to.deep.equal([{ name: 'http-metrics', port: 8080, targetPort: 'http', protocol: 'TCP' }]);
      expect(service.spec.selector).to.deep.equal({ 'app.kubernetes.io/name': 'orkestra', 'app.kubernetes.io/instance': 'orkestra' });
      const pdb = findObject(objects, 'PodDisruptionBudget');
      expect(pdb.apiVersion).to.equal('policy/v1');
      expect(pdb.spec).to.deep.equal({ minAvailable: 1, selector: { matchLabels: service.spec.selector } });
      expect(objects.filter((o) => o.kind === 'ServiceMonitor')).to.deep.equal([]);
    });
  });

  describe('the pod (ci/full-values.yaml)', () => {
    let objects: K8sObject[];
    let values: any;
    before(async () => {
      objects = await render(helm, FULL_ARGS);
      values = parse(readText(FULL_VALUES));
    });

    it('adds the CA file, the docker config and the extra flags to the resolver, credentials to its env', () => {
      const { resolver } = containers(objects);
      expect(resolver.args.slice(8, 14)).to.deep.equal([
        '--config-checksum', configChecksum(objects), '--rollout-bundle-max-age', values.bundle.maxAge, '--termination-message-path', '/dev/termination-log',
      ]);
      expect(resolver.args.slice(14)).to.deep.equal([
        '--ca-file', '/etc/orkestra/ca/ca-bundle.pem', '--docker-config', '/etc/orkestra/docker/config.json', ...values.resolver.extraArgs,
      ]);
      expect(resolver.env.slice(3)).to.deep.equal(values.credentials.map((c: any) => ({ name: c.env, valueFrom: { secretKeyRef: { name: c.secretName, key: c.secretKey } } })));
      expect(resolver.volumeMounts.slice(4)).to.deep.equal([
        { name: 'ca', mountPath: '/etc/orkestra/ca', readOnly: true },
        { name: 'docker-config', mountPath: '/etc/orkestra/docker', readOnly: true },
      ]);
      const { pod } = containers(objects);
      expect(pod.volumes.slice(5, 7)).to.deep.equal([
        { name: 'ca', configMap: { name: 'platform-ca', items: [{ key: 'ca-bundle.pem', path: 'ca-bundle.pem' }] } },
        { name: 'docker-config', secret: { secretName: 'platform-registry', defaultMode: 0o440, items: [{ key: '.dockerconfigjson', path: 'config.json' }] } },
      ]);
      expect(resolver.image).to.equal(`${values.image.repository}@${values.image.digest}`);
    });

    it('passes the leader-election timings, the pinned digest and the extra flags to the controller', () => {
      const { controller } = containers(objects);
      expect(controller.args.slice(5, 7)).to.deep.equal(['--config-checksum', configChecksum(objects)]);
      expect(controller.args.slice(9)).to.deep.equal([
        '--termination-message-path', '/dev/termination-log', '--log-level', 'debug',
        '--leader-elect', '--leader-election-id', 'platform-orkestra',
        '--lease-duration', '30s', '--renew-deadline', '20s', '--retry-period', '4s',
        '--expected-digest', values.bundle.expectedDigest, '--http-auth', 'none', ...values.controller.extraArgs,
      ]);
      expect(controller.args.slice(7, 9)).to.deep.equal(['--http-address', '$(POD_IP):9090']);
      expect(controller.ports).to.deep.equal([{ name: 'http', containerPort: 9090, protocol: 'TCP' }]);
    });

    it('puts the imports, the CRD overrides and the katalogs files into the Komposer ConfigMap', () => {
      const data = findObject(objects, 'ConfigMap', 'platform-orkestra-komposer').data;
      expect(Object.keys(data).sort()).to.deep.equal(['greetings.yaml', 'komposer.yaml']);
      expect(parse(data['komposer.yaml'])).to.deep.equal({
        apiVersion: 'orkestra.orkspace.io/v1',
        kind: 'Komposer',
        metadata: { name: values.komposer.name, description: values.komposer.description },
        imports: values.komposer.imports,
        spec: { crds: values.komposer.crds },
      });
      expect(parse(data['greetings.yaml'])).to.deep.equal(values.katalogs['greetings.yaml']);
    });

    it('creates the ServiceMonitor on the metrics Service port, with its extra labels', () => {
      const monitor = findObject(objects, 'ServiceMonitor');
      expect(monitor.metadata.labels).to.include({ release: 'prometheus' });
      expect(monitor.spec.endpoints).to.deep.equal([{ port: 'http-metrics', path: '/metrics', interval: '15s' }]);
      expect(monitor.spec.selector.matchLabels).to.deep.equal(findObject(objects, 'Service').spec.selector);
    });
  });

  it('renders a Komposer ConfigMap the real ork resolve accepts (katalogs file imported from beside it)', async () => {
    const full = parse(readText(FULL_VALUES));
    const dir = tempDir('chart-komposer');
    const valuesFile = join(dir, 'values.yaml');
    writeFileSync(valuesFile, stringify({ komposer: { imports: { files: ['./greetings.yaml'] } }, katalogs: full.katalogs }));
    const data = findObject(await render(helm, ['-f', valuesFile]), 'ConfigMap', 'orkestra-komposer').data as Record<string, string>;
    for (const [file, text] of Object.entries(data)) writeFileSync(join(dir, file), text);
    const cli = (args: string[]) => runTool(process.execPath, [join(repoRoot, 'dist', 'cli', 'main.js'), ...args], { cwd: dir });
    await cli(['keygen', '--out-private', 'key.pem', '--out-public', 'pub.pem']);
    const { stdout } = await cli(['resolve', '-f', 'komposer.yaml', '--out', 'bundle', '--key', 'key.pem', '--json']);
    const summary = JSON.parse(stdout);
    expect(summary.imports.map((i: { ref: string }) => i.ref)).to.deep.equal(['file:./greetings.yaml']);
    expect(summary.warnings).to.equal(0);
    expect(summary.digest).to.match(/^sha256:[0-9a-f]{64}$/);
    const bundle = JSON.parse(readText(join(dir, 'bundle', 'bundle.json')));
    expect(bundle.katalog.metadata.name).to.equal('orkestra'); // komposer.name defaults to the fullname
  });

  describe('checksum/komposer', () => {
    const HELM_IMPORT = ['--set', 'komposer.imports.helm[0].repo=https://charts.example.org', '--set', 'komposer.imports.helm[0].chart=shop'];
    const version = (v: string) => [...HELM_IMPORT, '--set', `komposer.imports.helm[0].version=${v}`];

    it('is the same for the same values, and changes with a new import version', async () => {
      const first = await checksum(helm, version('1.0.0'));
      expect(first).to.match(/^[0-9a-f]{64}$/);
      expect(await checksum(helm, version('1.0.0'))).to.equal(first);
      expect(await checksum(helm, version('1.0.1'))).not.to.equal(first);
    });

    const BASE = [...version('1.0.0'), '--set', 'komposer.imports.files[0]=./k.yaml', '--set', 'katalogs.k\\.yaml.kind=Katalog'];
    const changes: [string, string[]][] = [
      ['a CRD override', ['--set', 'komposer.crds.shop.enabled=false']],
      ['the content of a katalogs file', ['--set', 'katalogs.k\\.yaml.metadata.name=k']],
      ['a credential reference', ['--set', 'credentials[0].env=TOKEN,credentials[0].secretName=s,credentials[0].secretKey=k']],
      ['the CA bundle', ['--set', 'resolver.caBundle.configMapName=ca']],
      ['the docker config Secret', ['--set', 'resolver.dockerConfigSecret=regcred']],
      ['the resolver flags', ['--set', 'resolver.extraArgs[0]=--concurrency=2']],
    ];
    for (const [what, args] of changes) {
      it(`changes with ${what}`, async () => {
        expect(await checksum(helm, [...BASE, ...args])).not.to.equal(await checksum(helm, BASE));
      });
    }

    it('ignores what the resolver does not read (controller settings, replicas)', async () => {
      const base = await checksum(helm);
      expect(await checksum(helm, ['--set', 'controller.logLevel=debug', '--set', 'replicaCount=3'])).to.equal(base);
    });
  });

  describe('refusals and switches', () => {
    it('refuses a katalogs entry the Komposer does not import, naming it', async () => {
      const message = await helmFailure(helm, ['template', 'orkestra', CHART_DIR, '--set', 'katalogs.shop\\.yaml.kind=Katalog']);
      expect(message).to.include('katalogs.shop.yaml is not imported: add "./shop.yaml" to komposer.imports.files');
    });

    for (const [how, args] of [
      ['./name', ['--set', 'komposer.imports.files[0]=./shop.yaml']],
      ['a bare name', ['--set', 'komposer.imports.files[0]=shop.yaml']],
      ['an object with path', ['--set', 'komposer.imports.files[0].path=./shop.yaml']],
    ] as [string, string[]][]) {
      it(`accepts a katalogs entry imported as ${how}`, async () => {
        const objects = await render(helm, ['--set', 'katalogs.shop\\.yaml.kind=Katalog', ...args]);
        expect(parse(findObject(objects, 'ConfigMap', 'orkestra-komposer').data['shop.yaml'])).to.deep.equal({ kind: 'Katalog' });
      });
    }

    it('refuses several replicas without leader election; one replica runs without it', async () => {
      const message = await helmFailure(helm, ['template', 'orkestra', CHART_DIR, '--set', 'controller.leaderElection.enabled=false']);
      expect(message).to.include('replicaCount > 1 needs controller.leaderElection.enabled');
      const { controller } = containers(await render(helm, ['--set', 'controller.leaderElection.enabled=false', '--set', 'replicaCount=1']));
      expect(controller.args.filter((a: string) => a.startsWith('--lea'))).to.deep.equal([]);
    });

    it('refuses a ServiceMonitor without the metrics Service', async () => {
      const message = await helmFailure(helm, ['template', 'orkestra', CHART_DIR, '--set', 'metrics.serviceMonitor.enabled=true', '--set', 'metrics.service.enabled=false']);
      expect(message).to.include('metrics.serviceMonitor.enabled needs metrics.service.enabled');
    });

    it('leaves out RBAC objects, the ServiceAccount, the PDB, the Service and the test hook when switched off', async () => {
      const objects = await render(helm, ['--set', 'rbac.create=false', '--set', 'serviceAccount.create=false', '--set', 'podDisruptionBudget.enabled=false', '--set', 'metrics.service.enabled=false', '--set', 'helmTest.enabled=false']);
      expect(objects.map((o) => o.kind).sort()).to.deep.equal(['ConfigMap', 'ConfigMap', 'Deployment', 'Secret']);
      expect(containers(objects).pod.serviceAccountName).to.equal('default');
    });

    it('names everything after fullnameOverride, and the tag falls back to appVersion', async () => {
      const objects = await render(helm, ['--set', 'fullnameOverride=ork', '--set', 'image.tag=9.9.9']);
      for (const o of objects) expect(o.metadata.name, o.kind).to.match(/^ork(-|$)/);
      expect(containers(objects).controller.image).to.equal('ghcr.io/orkspace/orkestra:9.9.9');
      expect(containers(objects).controller.args).to.include('ork'); // --leader-election-id
    });
  });
});
