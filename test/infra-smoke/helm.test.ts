// Smoke tests of the real helm binary (test/infra/helm.sh) against the test registry and control
// plane: package, push, pull back byte-identical, log in to an htpasswd registry, install a chart.
import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLUSTER_START_TIMEOUT_MS, getTestCluster, newTestNamespace } from '../support/cluster.js';
import { startRegistry } from '../support/registry.js';
import { getHelm, tempDir, type HelmTool } from '../support/tools.js';

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** A chart with one ConfigMap, packaged into `dir`; returns the .tgz path. */
async function packageTinyChart(helm: HelmTool, dir: string): Promise<string> {
  const chart = join(dir, 'tiny');
  mkdirSync(join(chart, 'templates'), { recursive: true });
  writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: tiny\nversion: 0.1.0\ndescription: smoke-test chart\n');
  writeFileSync(join(chart, 'values.yaml'), 'greeting: hello\n');
  writeFileSync(join(chart, 'templates', 'configmap.yaml'),
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-tiny\ndata:\n  greeting: {{ .Values.greeting | quote }}\n');
  const out = join(dir, 'packaged');
  await helm.run(['package', chart, '--destination', out]);
  return join(out, 'tiny-0.1.0.tgz');
}

describe('infra-smoke: helm', function () {
  this.timeout(120_000);
  let helm: HelmTool;
  let work: string;
  let tgz: string;

  before(async function () {
    this.timeout(300_000); // the first run downloads the binaries (≈ 35 MB)
    helm = await getHelm();
    work = tempDir('helm-smoke');
    tgz = await packageTinyChart(helm, work);
  });

  it(`runs the expected helm major version`, async function () {
    const { stdout } = await helm.run(['version', '--template', '{{.Version}}']);
    expect(stdout.trim()).to.match(new RegExp(`^v${helm.major}\\.\\d+\\.\\d+$`));
  });

  it('pushes a packaged chart to the registry and pulls it back byte for byte', async function () {
    const registry = await startRegistry();
    const pushed = await helm.run(['push', tgz, `oci://${registry.address}/charts`, '--plain-http']);
    expect(pushed.stdout + pushed.stderr).to.match(/Digest: sha256:[0-9a-f]{64}/);
    const into = join(work, 'pulled');
    mkdirSync(into, { recursive: true });
    await helm.run(['pull', `oci://${registry.address}/charts/tiny`, '--version', '0.1.0', '--plain-http', '--destination', into]);
    expect(sha256(join(into, 'tiny-0.1.0.tgz'))).to.equal(sha256(tgz));
  });

  it('needs a registry login for an htpasswd registry', async function () {
    const registry = await startRegistry({ htpasswd: { user: 'ci', password: 'chart-pass' } });
    const target = `oci://${registry.address}/charts`;
    let anonymousError = '';
    await helm.run(['push', tgz, target, '--plain-http']).catch((e: Error) => { anonymousError = e.message; });
    expect(anonymousError).to.match(/credential|unauthorized|access denied|401/i);
    // Helm 3 logs in over plain HTTP with --insecure; Helm 4 has --plain-http.
    const plain = helm.major === 3 ? '--insecure' : '--plain-http';
    await helm.run(['registry', 'login', registry.address, '--username', 'ci', '--password-stdin', plain], { input: 'chart-pass\n' });
    await helm.run(['push', tgz, target, '--plain-http']);
  });

  it('installs the chart into the test cluster', async function () {
    this.timeout(CLUSTER_START_TIMEOUT_MS); // when run alone, this test starts the control plane
    const { client, kubeconfigPath } = await getTestCluster();
    const ns = await newTestNamespace('helm');
    await helm.run(['install', 'smoke', tgz, '--namespace', ns, '--kubeconfig', kubeconfigPath, '--set', 'greeting=hi']);
    const cm = await client.get(`/api/v1/namespaces/${ns}/configmaps/smoke-tiny`);
    expect(cm.data).to.deep.equal({ greeting: 'hi' });
    const listed = await helm.run(['list', '--namespace', ns, '--kubeconfig', kubeconfigPath, '--output', 'json']);
    expect(JSON.parse(listed.stdout).map((r: { name: string; status: string }) => [r.name, r.status])).to.deep.equal([['smoke', 'deployed']]);
  });
});
