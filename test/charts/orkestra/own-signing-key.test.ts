// signing.existingSecret / existingPublicKeyConfigMap: a key pair the user made with `ork keygen`
// instead of the generated one (charts rendered without a cluster cannot keep a generated pair).
// Rendered: nothing generated, the private key still reaches the resolver only. Installed with real
// helm and run by the pod runner: the controller verifies the bundle with the user's public key.
// The operator comes from the chart's `katalogs` value, so no import server is needed.
import { expect } from 'chai';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify as toYaml } from 'yaml';
import { getTestCluster, newTestNamespace, CLUSTER_START_TIMEOUT_MS, type TestCluster } from '../../support/cluster.js';
import { imageOrk } from '../../support/image-ork.js';
import { startPodRunner, type PodRunner } from '../../support/pod-runner/runner.js';
import { until } from '../../support/poll.js';
import { getHelm, repoRoot, runTool, tempDir, type HelmTool } from '../../support/tools.js';
import { CHART_DIR, findObject, helmFailure, parseManifests, podSpecOf, renderChart, RELEASE, NAMESPACE } from './render.js';

const OWN_KEY = ['--set', 'signing.existingSecret=bundle-signing', '--set', 'signing.existingPublicKeyConfigMap=bundle-signing-public'];
const DIGEST_ANNOTATION = 'orkestra.orkspace.io/bundle-digest';

describe('charts/orkestra: your own signing key pair (rendered)', function () {
  this.timeout(120_000);
  let helm: HelmTool;
  before(async () => {
    helm = await getHelm({ major: 3 });
  });

  it('renders no key material and wires the named Secret to the resolver and the ConfigMap to the controller', async () => {
    const text = await renderChart(helm, OWN_KEY);
    expect(text).not.to.contain('BEGIN');
    const objects = parseManifests(text);
    expect(objects.filter((o) => o.metadata.name.includes('signing'))).to.deep.equal([]);
    const pod = podSpecOf(objects);
    const keyVolume = pod.volumes.find((v: any) => v.secret?.secretName === 'bundle-signing');
    expect(keyVolume.secret.items).to.deep.equal([{ key: 'key.pem', path: 'key.pem' }]);
    const publicVolume = pod.volumes.find((v: any) => v.configMap?.name === 'bundle-signing-public');
    expect(publicVolume.configMap.items).to.deep.equal([{ key: 'public.pem', path: 'public.pem' }]);
    const [resolver] = pod.initContainers;
    const [controller] = pod.containers;
    expect(resolver.volumeMounts.map((m: any) => m.name)).to.include(keyVolume.name);
    expect(controller.volumeMounts.map((m: any) => m.name)).not.to.include(keyVolume.name);
    expect(controller.volumeMounts.map((m: any) => m.name)).to.include(publicVolume.name);
    expect(controller.args[controller.args.indexOf('--key') + 1]).to.equal('/etc/orkestra/signing-cert/public.pem');
  });

  it('rolls the pods when the key pair changes (the names are part of the pod checksum)', async () => {
    const checksum = async (args: string[]) => findObject(parseManifests(await renderChart(helm, args)), 'Deployment').spec.template.metadata.annotations['checksum/komposer'];
    const generated = await checksum([]);
    const own = await checksum(OWN_KEY);
    const rotated = await checksum(['--set', 'signing.existingSecret=bundle-signing-2', '--set', 'signing.existingPublicKeyConfigMap=bundle-signing-public-2']);
    expect(new Set([generated, own, rotated]).size).to.equal(3);
  });

  it('refuses one half of the pair, and a name that is not a Kubernetes name', async () => {
    const half = await helmFailure(helm, ['template', RELEASE, CHART_DIR, '-n', NAMESPACE, '--set', 'signing.existingSecret=bundle-signing']);
    expect(half).to.contain('signing.existingSecret and signing.existingPublicKeyConfigMap go together');
    const badName = await helmFailure(helm, ['template', RELEASE, CHART_DIR, '-n', NAMESPACE, '--set', 'signing.existingSecret=Bundle_Signing', '--set', 'signing.existingPublicKeyConfigMap=p']);
    expect(badName).to.match(/signing[./]existingSecret/);
  });
});

describe('charts/orkestra: your own signing key pair (real API server, real helm, pod runner)', function () {
  this.timeout(5 * 60_000);
  let cluster: TestCluster;
  let helm: HelmTool;
  let runner: PodRunner | undefined;
  let ns: string;
  const release = `own${process.pid % 10000}`;
  const group = `own${process.pid % 10000}.signing.orkspace.io`;

  before(async function () {
    this.timeout(CLUSTER_START_TIMEOUT_MS + 60_000);
    cluster = await getTestCluster();
    helm = await getHelm();
    ns = await newTestNamespace('chart-own-key');
  });
  after(async () => {
    await helm?.run(['uninstall', release, '--wait', '--kubeconfig', cluster.kubeconfigPath, '-n', ns]).catch(() => undefined);
    await runner?.stop();
    await cluster?.client.delete(`/apis/apiextensions.k8s.io/v1/customresourcedefinitions/notes.${group}`).catch(() => undefined);
  });

  it('the controller verifies the bundle with the public key from the ConfigMap and reconciles', async () => {
    const keys = tempDir('own-signing-key');
    const keygen = await runTool(process.execPath, [join(repoRoot, 'dist/cli/main.js'), 'keygen', '--out-private', join(keys, 'key.pem'), '--out-public', join(keys, 'public.pem')]);
    const keyid = /keyid ([0-9a-f]{64})/.exec(keygen.stdout)![1]!;
    await cluster.client.post(`/api/v1/namespaces/${ns}/secrets`, {
      apiVersion: 'v1', kind: 'Secret', metadata: { name: 'bundle-signing' }, type: 'Opaque',
      data: { 'key.pem': readFileSync(join(keys, 'key.pem')).toString('base64') },
    });
    await cluster.client.post(`/api/v1/namespaces/${ns}/configmaps`, {
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'bundle-signing-public' }, data: { 'public.pem': readFileSync(join(keys, 'public.pem'), 'utf8') },
    });

    const katalog = {
      apiVersion: 'orkestra.orkspace.io/v1',
      kind: 'Katalog',
      metadata: { name: 'notes' },
      spec: {
        crds: {
          note: {
            crd: {
              apiVersion: 'apiextensions.k8s.io/v1',
              kind: 'CustomResourceDefinition',
              metadata: { name: `notes.${group}` },
              spec: {
                group,
                scope: 'Namespaced',
                names: { kind: 'Note', plural: 'notes', singular: 'note', listKind: 'NoteList' },
                versions: [{
                  name: 'v1', served: true, storage: true, subresources: { status: {} },
                  schema: { openAPIV3Schema: { type: 'object', properties: {
                    spec: { type: 'object', properties: { text: { type: 'string' } } },
                    status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
                  } } },
                }],
              },
            },
            operatorBox: { onReconcile: { configMaps: [{ name: '{{ .metadata.name }}-note', data: { text: '{{ .spec.text }}' } }] } },
          },
        },
      },
    };
    const values = join(tempDir('own-key-values'), 'values.yaml');
    writeFileSync(values, toYaml({
      replicaCount: 1,
      komposer: { name: 'notes', imports: { files: ['./notes.yaml'] } },
      katalogs: { 'notes.yaml': katalog },
      signing: { existingSecret: 'bundle-signing', existingPublicKeyConfigMap: 'bundle-signing-public' },
      rbac: {
        extraRules: [
          { apiGroups: [group], resources: ['notes', 'notes/status', 'notes/finalizers'], verbs: ['get', 'list', 'watch', 'update', 'patch'] },
          { apiGroups: ['apiextensions.k8s.io'], resources: ['customresourcedefinitions'], resourceNames: [`notes.${group}`], verbs: ['get', 'patch'] },
          { apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] },
        ],
      },
    }));
    await helm.run(['install', release, CHART_DIR, '-f', values, '--kubeconfig', cluster.kubeconfigPath, '-n', ns]);
    runner = await startPodRunner({ cluster, namespace: ns, selector: `app.kubernetes.io/instance=${release}`, ...imageOrk() });

    const digest = await until('the Deployment publishes a digest', async () =>
      (await cluster.client.get(`/apis/apps/v1/namespaces/${ns}/deployments/${release}-orkestra`)).metadata.annotations?.[DIGEST_ANNOTATION], 120_000);
    expect(digest).to.match(/^sha256:[0-9a-f]{64}$/);
    const pod = await runner.waitForPod((p) => p.ready, 60_000, 'the controller pod is ready (its CRD applied)');
    const verified = runner.logs(pod.name, 'controller').split('\n').filter((l) => l.includes('"bundle verified"')).map((l) => JSON.parse(l));
    expect(verified.map((l) => l.keyid)).to.include(keyid);
    // No generated key pair exists next to the user's.
    expect((await cluster.client.request({ path: `/api/v1/namespaces/${ns}/secrets/${release}-orkestra-signing-key` })).status).to.equal(404);

    await cluster.client.post(`/apis/${group}/v1/namespaces/${ns}/notes`, { apiVersion: `${group}/v1`, kind: 'Note', metadata: { name: 'hello' }, spec: { text: 'signed by my key' } });
    const child = await until('the Note\'s ConfigMap', async () => {
      const r = await cluster.client.request({ path: `/api/v1/namespaces/${ns}/configmaps/hello-note` });
      return r.status === 200 ? r.body : undefined;
    });
    expect(child.data).to.deep.equal({ text: 'signed by my key' });
  });
});
