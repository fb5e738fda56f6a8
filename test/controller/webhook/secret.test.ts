// The Secret-backed certificates on the real API server, with two `ork webhook` processes behind a
// round-robin TCP balancer the API server calls by URL (a Service's endpoints are not reachable
// from the test API server: pod IPs are loopback addresses, which Endpoints refuse). Two replicas
// race to create the Secret: one wins, both serve its certificate. Then, with lifetimes forced to
// seconds, a serving-certificate renewal and a CA rotation happen under a steady stream of creates
// and conversions through the webhook (failurePolicy Fail), and not one of them is lost.
import { expect } from 'chai';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { CLUSTER_START_TIMEOUT_MS, getTestCluster, newTestNamespace, type TestCluster } from '../../support/cluster.js';
import { sleep, until } from '../../support/poll.js';
import { gadgetFixture } from './ork-run.js';
import { killAllWebhooks, readyz, servedCertificate, signedBundle, startBalancer, startOrkWebhook, type Balancer, type OrkWebhook } from './ork-webhook.js';

const SECRET = 'webhook-tls';
const STREAM_MS = 75_000;
const pemCount = (pem: string) => (pem.match(/-----BEGIN CERTIFICATE-----/g) ?? []).length;

describe('webhook certificates in a Secret, two ork webhook replicas (real kube-apiserver)', function () {
  this.timeout(300_000);
  let cluster: TestCluster;
  let ns: string;
  let group: string;
  let balancer: Balancer;
  const backends: number[] = [];
  let replicas: OrkWebhook[] = [];
  const name = `sec${process.pid % 10000}`;
  const gadgets = (version = 'v1') => `/apis/${group}/${version}/namespaces/${ns}/gadgets`;
  const secret = async () => {
    const s = await cluster.client.get<{ data: Record<string, string> }>(`/api/v1/namespaces/${ns}/secrets/${SECRET}`);
    return Object.fromEntries(Object.entries(s.data).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]));
  };
  const logLines = (w: OrkWebhook, message: string) => w.stderr().split('\n').filter((l) => l.includes(`"message":"${message}"`));

  before(async function () {
    this.timeout(CLUSTER_START_TIMEOUT_MS);
    cluster = await getTestCluster();
    ns = await newTestNamespace('webhook-secret');
    const fixture = gadgetFixture();
    group = fixture.group;
    const signed = await signedBundle(fixture.dir);
    // The controller would apply the CRD; the webhook only patches its conversion.
    const crd = parseYaml(readFileSync(join(fixture.dir, 'gadget-crd.yaml'), 'utf8'));
    await cluster.client.post('/apis/apiextensions.k8s.io/v1/customresourcedefinitions', crd);
    await until('the Gadget CRD is established', async () => {
      const live = await cluster.client.get(`/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${crd.metadata.name}`);
      return live.status?.conditions?.some((c: { type: string; status: string }) => c.type === 'Established' && c.status === 'True') || undefined;
    });
    balancer = await startBalancer(backends);
    const args = [
      '--bundle', signed.bundle, '--key', signed.publicKey, '--expected-digest', signed.digest, '--kubeconfig', cluster.kubeconfigPath,
      '--name', name, '--url', `https://127.0.0.1:${balancer.port}`, '--failure-policy', 'Fail',
      '--tls-secret', SECRET, '--tls-secret-namespace', ns,
      '--cert-lifetime', '45s', '--ca-lifetime', '90s', '--cert-check-interval', '1s',
    ];
    // Started together: both find no Secret and race to create it.
    replicas = await Promise.all([startOrkWebhook(args), startOrkWebhook(args)]);
    backends.push(...replicas.map((r) => r.port));
    await Promise.all(replicas.map((r) => readyz(r, 90_000)));
  });

  afterEach(function () {
    if (this.currentTest?.state === 'failed') for (const r of replicas) console.log(`--- ork webhook ${r.pid}\n${r.stderr().split('\n').slice(-30).join('\n')}`);
  });

  after(async () => {
    await Promise.all(replicas.map((r) => r.stop('SIGTERM')));
    killAllWebhooks();
    await balancer?.close();
    for (const kind of ['validatingwebhookconfigurations', 'mutatingwebhookconfigurations']) {
      await cluster?.client.request({ method: 'DELETE', path: `/apis/admissionregistration.k8s.io/v1/${kind}/orkestra-${name}` });
    }
  });

  it('two replicas racing for the Secret: exactly one creates it, both serve its certificate, and admission works through either', async () => {
    const issued = replicas.flatMap((r) => logLines(r, 'webhook certificates issued'));
    expect(issued, 'one replica issues').to.have.length(1);
    const tls = await secret();
    expect(Object.keys(tls).sort()).to.deep.equal(['ca.crt', 'ca.key', 'tls.crt', 'tls.key']);
    const served = await Promise.all(replicas.map((r) => servedCertificate(r.port, tls['ca.crt']!)));
    expect(served[0]!.fingerprint256).to.equal(served[1]!.fingerprint256);
    expect(served[0]!.fingerprint256).to.equal(new X509Certificate(tls['tls.crt']!).fingerprint256);
    // The registration carries the Secret's CA.
    const config = await cluster.client.get(`/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations/orkestra-${name}`);
    expect(Buffer.from(config.webhooks[0].clientConfig.caBundle, 'base64').toString('utf8')).to.equal(tls['ca.crt']);
    // No private key in any log line.
    for (const r of replicas) expect(r.stderr()).to.not.contain('PRIVATE KEY');
    const bad = await cluster.client.request({ method: 'POST', path: gadgets(), body: { apiVersion: `${group}/v1`, kind: 'Gadget', metadata: { name: 'too-big' }, spec: { size: 9, image: 'registry.example/a' } } });
    expect(bad.status).to.equal(403);
    expect(bad.body.message).to.contain('spec.size must be at most 5 gadgets');
  });

  it(`renews the serving certificate and rotates the CA under a steady stream of creates and conversions, losing none (${STREAM_MS / 1000} s)`, async () => {
    const caBefore = (await secret())['ca.crt']!;
    const seen = new Set<string>();
    const failures: string[] = [];
    let ok = 0;
    let conversions = 0;
    const started = Date.now();
    const sampler = (async () => {
      while (Date.now() - started < STREAM_MS) {
        const ca = (await secret())['ca.crt']!;
        for (const r of replicas) seen.add((await servedCertificate(r.port, ca).catch(() => undefined))?.fingerprint256 ?? 'unverifiable');
        await sleep(500);
      }
    })();
    const worker = async (w: number) => {
      for (let i = 0; Date.now() - started < STREAM_MS; i++) {
        const res = await cluster.client.request({ method: 'POST', path: gadgets(), body: { apiVersion: `${group}/v1`, kind: 'Gadget', metadata: { name: `g-${w}-${i}` }, spec: { size: 1, image: 'registry.example/a' } } });
        if (res.status !== 201) failures.push(`create g-${w}-${i}: HTTP ${res.status} ${res.body?.message ?? ''}`);
        else ok++;
        if (i % 5 === 0) {
          const old = await cluster.client.request({ path: `${gadgets('v1alpha1')}/g-${w}-${i}` });
          if (old.status !== 200 || old.body.spec?.replicas !== 1) failures.push(`read g-${w}-${i} as v1alpha1: HTTP ${old.status} ${JSON.stringify(old.body?.spec ?? old.body?.message)}`);
          else conversions++;
        }
      }
    };
    await Promise.all([0, 1, 2, 3].map(worker));
    await sampler;
    const tls = await secret();
    const caRenewals = replicas.flatMap((r) => logLines(r, 'webhook certificates renewed')).filter((l) => l.includes('"caRenewed":true'));
    console.log(`      ${ok} creates and ${conversions} conversions in ${STREAM_MS / 1000} s; ${seen.size} serving certificates seen; connections per replica ${[...balancer.counts.values()].join('/')}; failures ${failures.length}`);
    expect(failures, failures.slice(0, 5).join('\n')).to.deep.equal([]);
    expect(seen.has('unverifiable'), 'every served certificate verifies against the Secret\'s CA bundle').to.equal(false);
    expect(seen.size, 'the initial, the renewed and the new CA\'s serving certificates').to.be.at.least(3);
    expect(caRenewals, 'one replica rotated the CA').to.have.length(1);
    expect(tls['ca.crt']).to.not.equal(caBefore);
    expect(pemCount(tls['ca.crt']!), 'the new CA is trusted next to the old one').to.equal(2);
    expect(tls['ca.crt']!.endsWith(caBefore)).to.equal(true);
    expect(ok).to.be.greaterThan(100);
  });
});
