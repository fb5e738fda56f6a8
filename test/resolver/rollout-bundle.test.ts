// One bundle per rollout against the real API server: real Deployments whose ReplicaSets and Pods
// kube-controller-manager creates (no kubelet: Pods stay Pending, enough to be "this pod"), imports
// served by a local HTTPS server. First pod publishes; second pod reuses with the server stopped;
// racing first pods agree; a tampered ConfigMap is refused; oversize bundles; garbage collection.
import { expect } from 'chai';
import { createPublicKey, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { runCommand } from '../../cli/dispatch.js';
import { createKubeClient, type HttpKubeClient } from '../../cli/kube/http-client.js';
import { loadKubeConfig } from '../../cli/kube/config.js';
import type { ApiResource, KubeObject } from '../../shared/kube/index.js';
import { generateSigningKeyPair, parsePrivateKeyPem, parsePublicKeyPem } from '../../shared/bundle/keys.js';
import { signBundle } from '../../shared/bundle/sign.js';
import type { BundlePayload } from '../../shared/bundle/payload.js';
import {
  CONFIGMAP_LIMIT_BYTES, DIGEST_ANNOTATION, configMapFor, configMapName, rolloutBundle, type SignedFiles,
} from '../../resolver/rollout-bundle.js';
import { CLUSTER_START_TIMEOUT_MS, getTestCluster, newTestNamespace } from '../support/cluster.js';
import { rejection } from '../support/errors.js';
import { makeTestCa, startHttpsServer, type TestCa, type TestServer } from '../support/https-server.js';
import { captureIO } from '../support/io.js';
import { tempDir } from '../support/tools.js';
import { katalogYaml } from './e2e/world.js';
import { until } from '../support/poll.js';

const PODS: ApiResource = { group: '', version: 'v1', resource: 'pods', kind: 'Pod', namespaced: true };
const REPLICA_SETS: ApiResource = { group: 'apps', version: 'v1', resource: 'replicasets', kind: 'ReplicaSet', namespaced: true };
const CONFIG_MAPS: ApiResource = { group: '', version: 'v1', resource: 'configmaps', kind: 'ConfigMap', namespaced: true };
describe('resolver/rollout-bundle (real API server)', function () {
  this.timeout(90_000);
  let kube: HttpKubeClient;
  let kubeconfigPath: string;
  let namespace: string;
  let ca: TestCa;
  let server: TestServer | undefined;
  let dir: string;
  let keyPath: string;
  let komposer: string;
  /** What the import server answers; tests change it to prove which bytes a run used. */
  let served: () => string;

  before(async function () {
    this.timeout(CLUSTER_START_TIMEOUT_MS);
    const cluster = await getTestCluster();
    kubeconfigPath = cluster.kubeconfigPath;
    kube = createKubeClient(loadKubeConfig({ env: {}, path: kubeconfigPath }));
    namespace = await newTestNamespace('rollout-bundle');
    dir = tempDir('rollout-bundle');
    ca = await makeTestCa();
    writeFileSync(join(dir, 'ca.pem'), ca.caCert);
    const keys = generateSigningKeyPair();
    keyPath = join(dir, 'private.pem');
    writeFileSync(keyPath, keys.privateKeyPem, { mode: 0o600 });
    served = () => katalogYaml('caches', 'cache', 'cache.example.org', 'Cache');
    await startImports();
  });

  after(async () => {
    await server?.close();
    await ca?.remove();
    await kube?.close();
  });

  async function startImports(): Promise<void> {
    server = await startHttpsServer(ca, (_req, res) => void res.writeHead(200, { 'content-type': 'application/yaml' }).end(served()));
    komposer = join(dir, `komposer-${server.port}.yaml`);
    writeFileSync(komposer, [
      'apiVersion: orkestra.orkspace.io/v1', 'kind: Komposer', 'metadata: {name: platform}',
      'imports:', '  files:', `    - ${server.origin}/katalog.yaml`, 'spec: {crds: {}}', '',
    ].join('\n'));
  }

  async function stopImports(): Promise<void> {
    await server?.close();
    server = undefined;
  }

  /** A Deployment of `replicas` Pending pods; its ReplicaSet and pod names once kcm made them. */
  async function rollout(name: string, replicas: number): Promise<{ rs: KubeObject; pods: string[] }> {
    const labels = { app: name };
    await kube.create({
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace },
      spec: { replicas, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'c', image: 'registry.invalid/orkestra:test' }] } } },
    });
    return until(`ReplicaSet of ${name} with ${replicas} pods`, async () => {
      const rs = (await kube.list(REPLICA_SETS, { namespace })).items.find((r) => r.metadata.ownerReferences?.some((o) => o.name === name));
      if (!rs) return undefined;
      const pods = (await kube.list(PODS, { namespace })).items.filter((p) => p.metadata.ownerReferences?.some((o) => o.uid === rs.metadata.uid));
      return pods.length >= replicas ? { rs, pods: pods.map((p) => p.metadata.name).sort() } : undefined;
    });
  }

  async function resolveAs(pod: string, out: string, ...extra: string[]): Promise<{ code: number; out: string; err: string }> {
    const io = captureIO({ cwd: dir, env: { KUBECONFIG: kubeconfigPath, POD_NAME: pod, POD_NAMESPACE: namespace } });
    const argv = ['resolve', '-f', komposer, '--out', out, '--key', keyPath, '--ca-file', join(dir, 'ca.pem'), '--rollout-bundle', ...extra];
    const code = await runCommand(argv, io);
    return { code, out: io.out, err: io.err };
  }

  /** The ConfigMap's two files, decompressed. */
  function filesOf(cm: KubeObject): { bundle: Buffer; envelope: Buffer } {
    const binary = cm.binaryData as Record<string, string>;
    return {
      bundle: gunzipSync(Buffer.from(binary['bundle.json.gz']!, 'base64')),
      envelope: gunzipSync(Buffer.from(binary['bundle.sig.json.gz']!, 'base64')),
    };
  }

  const outDir = (name: string) => join(dir, 'out', name);
  const read = (out: string, file: string) => readFileSync(join(out, file));

  it('first pod publishes an immutable, owned, compressed ConfigMap; second pod reuses it with the import server stopped', async () => {
    const { rs, pods } = await rollout('first-second', 2);
    const first = outDir('first');
    const r1 = await resolveAs(pods[0]!, first);
    expect(r1.code, r1.err).to.equal(0);
    expect(r1.err).to.contain(`published the bundle as ConfigMap ${namespace}/orkestra-bundle-${rs.metadata.name}`);
    const digest = r1.out.trim();
    expect(digest).to.match(/^sha256:[0-9a-f]{64}$/);

    const cm = (await kube.get(CONFIG_MAPS, namespace, `orkestra-bundle-${rs.metadata.name}`))!;
    expect(cm.immutable).to.equal(true);
    expect(cm.metadata.ownerReferences).to.deep.equal([{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs.metadata.name, uid: rs.metadata.uid, controller: true }]);
    expect(cm.metadata.labels).to.deep.equal({ 'app.kubernetes.io/managed-by': 'orkestra' });
    expect(cm.metadata.annotations?.[DIGEST_ANNOTATION]).to.equal(digest);
    expect(cm.data).to.equal(undefined);
    expect(filesOf(cm).bundle.equals(read(first, 'bundle.json'))).to.equal(true);
    expect(filesOf(cm).envelope.equals(read(first, 'bundle.sig.json'))).to.equal(true);

    // The source changes and then disappears: the second pod must neither notice nor need it.
    served = () => katalogYaml('queues', 'queue', 'queue.example.org', 'Queue');
    await stopImports();
    try {
      const second = outDir('second');
      const r2 = await resolveAs(pods[1]!, second);
      expect(r2.code, r2.err).to.equal(0);
      expect(r2.err).to.contain('reused the bundle of');
      expect(r2.out.trim()).to.equal(digest);
      expect(read(second, 'bundle.json').equals(read(first, 'bundle.json'))).to.equal(true);
      expect(read(second, 'bundle.sig.json').equals(read(first, 'bundle.sig.json'))).to.equal(true);
    } finally {
      served = () => katalogYaml('caches', 'cache', 'cache.example.org', 'Cache');
      await startImports();
    }
  });

  it('a plain resolve of the same Komposer with the source gone fails: the reuse above did not fetch', async () => {
    await stopImports();
    try {
      const io = captureIO({ cwd: dir, env: {} });
      const code = await runCommand(['resolve', '-f', komposer, '--out', outDir('plain'), '--key', keyPath, '--ca-file', join(dir, 'ca.pem')], io);
      expect(code, io.err).to.equal(3);
    } finally {
      await startImports();
    }
  });

  it('two first pods racing (the source changing between them): one ConfigMap, both run its bytes', async () => {
    const { rs, pods } = await rollout('race-cli', 2);
    let n = 0;
    served = () => katalogYaml(`caches${++n}`, 'cache', 'cache.example.org', 'Cache');
    const [a, b] = [outDir('race-a'), outDir('race-b')];
    const [ra, rb] = await Promise.all([resolveAs(pods[0]!, a), resolveAs(pods[1]!, b)]);
    expect(ra.code, ra.err).to.equal(0);
    expect(rb.code, rb.err).to.equal(0);
    const cms = (await kube.list(CONFIG_MAPS, { namespace })).items.filter((c) => c.metadata.ownerReferences?.some((o) => o.uid === rs.metadata.uid));
    expect(cms).to.have.length(1);
    const { bundle } = filesOf(cms[0]!);
    expect(read(a, 'bundle.json').equals(bundle)).to.equal(true);
    expect(read(b, 'bundle.json').equals(bundle)).to.equal(true);
    expect(ra.out).to.equal(rb.out);
    expect([ra.err, rb.err].filter((e) => e.includes('published the bundle as'))).to.have.length(1);
  });

  it('the loser of a create race adopts the winner\'s bundle and discards its own', async () => {
    const { rs, pods } = await rollout('race-module', 2);
    const base = JSON.parse(read(outDir('first'), 'bundle.json').toString('utf8')) as BundlePayload;
    const privateKey = parsePrivateKeyPem(readFileSync(keyPath, 'utf8'), keyPath);
    const publicKey = parsePublicKeyPem(generateSigningKeyPair().publicKeyPem, 'unused');
    const variant = (name: string): SignedFiles => signBundle({ ...base, katalog: { ...base.katalog, metadata: { ...base.katalog.metadata, name } } }, privateKey);
    const mine = [variant('one'), variant('two')];
    expect(mine[0]!.digest).not.to.equal(mine[1]!.digest);
    // Neither producer finishes before both started: both GETs saw no ConfigMap, both create.
    let started = 0;
    let release!: () => void;
    const bothStarted = new Promise<void>((r) => (release = r));
    const produce = (i: number) => async () => {
      if (++started === 2) release();
      await bothStarted;
      return mine[i]!;
    };
    const truePublic = createPublicKey(privateKey);
    const results = await Promise.all(pods.map((pod, i) => rolloutBundle({ kube, namespace, podName: pod, publicKey: truePublic, produce: produce(i) })));
    expect(results.map((r) => r.path).sort()).to.deep.equal(['adopted', 'published']);
    expect(results[0]!.files.digest).to.equal(results[1]!.files.digest);
    expect(Buffer.from(results[0]!.files.bundleBytes).equals(Buffer.from(results[1]!.files.bundleBytes))).to.equal(true);
    const cm = (await kube.get(CONFIG_MAPS, namespace, configMapName(rs.metadata.name)))!;
    expect(cm.metadata.annotations?.[DIGEST_ANNOTATION]).to.equal(results[0]!.files.digest);
    // With a public key that is not the signer's, the very same ConfigMap is refused.
    const e = await rejection(rolloutBundle({ kube, namespace, podName: pods[0]!, publicKey, produce: () => { throw new Error('must not resolve'); } }));
    expect(e).to.have.property('code', 'SIGNATURE_INVALID');
  });

  it('a tampered ConfigMap (bad signature) → exit 4, no bundle written, ConfigMap left as it was', async () => {
    const { rs, pods } = await rollout('tampered', 1);
    const good = read(outDir('first'), 'bundle.json');
    const base = JSON.parse(good.toString('utf8')) as BundlePayload;
    const forged = signBundle(base, parsePrivateKeyPem(generateSigningKeyPair().privateKeyPem, 'attacker'));
    const name = configMapName(rs.metadata.name);
    const owner = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs.metadata.name, uid: rs.metadata.uid!, controller: true };
    const created = await kube.create(configMapFor(forged, { namespace, name, owner }));
    const out = outDir('tampered');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'bundle.json'), good);
    const r = await resolveAs(pods[0]!, out);
    expect(r.code, r.err).to.equal(4);
    expect(r.err).to.contain('SIGNATURE_INVALID');
    expect(r.err).to.contain(`ConfigMap ${namespace}/${name} fails verification`);
    expect(existsSync(join(out, 'bundle.json')), 'old bundle removed, none written').to.equal(false);
    expect(existsSync(join(out, 'bundle.sig.json'))).to.equal(false);
    const after = (await kube.get(CONFIG_MAPS, namespace, name))!;
    expect(after.metadata.resourceVersion).to.equal(created.metadata.resourceVersion);
  });

  it('a ConfigMap of that name owned by another ReplicaSet → ROLLOUT_BUNDLE_STALE, exit 3, untouched', async () => {
    const { rs, pods } = await rollout('stale', 1);
    // An owner that does not exist would be collected at once; a live other ReplicaSet stands in
    // for an earlier one of the same name that the collector has not reached yet.
    const { rs: other } = await rollout('stale-other', 1);
    const base = JSON.parse(read(outDir('first'), 'bundle.json').toString('utf8')) as BundlePayload;
    const signed = signBundle(base, parsePrivateKeyPem(readFileSync(keyPath, 'utf8'), keyPath));
    const earlier = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: other.metadata.name, uid: other.metadata.uid!, controller: true };
    const name = configMapName(rs.metadata.name);
    await kube.create(configMapFor(signed, { namespace, name, owner: earlier }));
    const r = await resolveAs(pods[0]!, outDir('stale'));
    expect(r.code, r.err).to.equal(3);
    expect(r.err).to.contain('ROLLOUT_BUNDLE_STALE');
    expect((await kube.get(CONFIG_MAPS, namespace, name))!.metadata.ownerReferences![0]!.uid).to.equal(earlier.uid);
  });

  it('a bundle over the ConfigMap limit even compressed → BUNDLE_TOO_LARGE naming the sizes; nothing created', async () => {
    const { rs, pods } = await rollout('oversize', 1);
    const noise = randomBytes(CONFIGMAP_LIMIT_BYTES + 1024);
    const files: SignedFiles = { bundleBytes: noise, envelopeBytes: Buffer.from('{}'), digest: `sha256:${'0'.repeat(64)}` };
    const e = await rejection(rolloutBundle({ kube, namespace, podName: pods[0]!, publicKey: parsePublicKeyPem(generateSigningKeyPair().publicKeyPem, 'k'), produce: async () => files }));
    expect(e).to.have.property('code', 'BUNDLE_TOO_LARGE');
    expect((e as Error).message).to.contain(`bundle.json is ${noise.length} bytes`);
    expect((e as Error).message).to.contain(`limit of ${CONFIGMAP_LIMIT_BYTES}`);
    expect(await kube.get(CONFIG_MAPS, namespace, configMapName(rs.metadata.name))).to.equal(undefined);
  });

  it('a bundle just under the limit is accepted by the API server (the limit is not stricter than needed)', async () => {
    const { rs, pods } = await rollout('undersize', 1);
    // gzip adds a few bytes to incompressible data: leave room for its framing.
    const files: SignedFiles = { bundleBytes: randomBytes(CONFIGMAP_LIMIT_BYTES - 4096), envelopeBytes: Buffer.from('{}'), digest: `sha256:${'0'.repeat(64)}` };
    const r = await rolloutBundle({ kube, namespace, podName: pods[0]!, publicKey: parsePublicKeyPem(generateSigningKeyPair().publicKeyPem, 'k'), produce: async () => files });
    expect(r.path).to.equal('published');
    const cm = (await kube.get(CONFIG_MAPS, namespace, configMapName(rs.metadata.name)))!;
    expect(filesOf(cm).bundle.equals(files.bundleBytes)).to.equal(true);
    // …and one byte over it is what the server itself refuses: the constant is the server's.
    const over = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'over-limit', namespace }, binaryData: { x: randomBytes(CONFIGMAP_LIMIT_BYTES + 1).toString('base64') } };
    const refused = await kube.create(over).then(() => undefined, (e: unknown) => e);
    expect(refused).to.have.property('status', 422);
    const atLimit = { ...over, metadata: { name: 'at-limit', namespace }, binaryData: { x: randomBytes(CONFIGMAP_LIMIT_BYTES).toString('base64') } };
    expect((await kube.create(atLimit)).metadata.name).to.equal('at-limit');
  });

  it('a pod without a ReplicaSet controller is refused with a usage error', async () => {
    const pod = await kube.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'bare', namespace }, spec: { containers: [{ name: 'c', image: 'registry.invalid/x' }] } });
    const r = await resolveAs(pod.metadata.name, outDir('bare'));
    expect(r.code).to.equal(2);
    expect(r.err).to.contain('is not controlled by a ReplicaSet');
    const missing = await resolveAs('no-such-pod', outDir('missing'));
    expect(missing.code).to.equal(2);
    expect(missing.err).to.contain('does not exist');
  });

  it('the ConfigMap is garbage-collected with its ReplicaSet', async function () {
    this.timeout(60_000);
    const { rs, pods } = await rollout('collected', 1);
    const r = await resolveAs(pods[0]!, outDir('collected'));
    expect(r.code, r.err).to.equal(0);
    const name = configMapName(rs.metadata.name);
    expect(await kube.get(CONFIG_MAPS, namespace, name)).not.to.equal(undefined);
    await kube.delete({ group: 'apps', version: 'v1', resource: 'deployments', kind: 'Deployment', namespaced: true }, namespace, 'collected', { propagationPolicy: 'Background' });
    await until('ConfigMap collected', async () => ((await kube.get(CONFIG_MAPS, namespace, name)) ? undefined : true), 45_000);
  });
});

describe('resolver/rollout-bundle configMapName', () => {
  const cases: { rs: string; expect: (name: string) => void }[] = [
    { rs: 'orkestra-6d4b75cb6d', expect: (n) => expect(n).to.equal('orkestra-bundle-orkestra-6d4b75cb6d') },
    { rs: 'a'.repeat(253), expect: (n) => { expect(n.length).to.be.at.most(253); expect(n).to.match(/^orkestra-bundle-a+-[0-9a-f]{16}$/); } },
  ];
  for (const c of cases) it(`names the ConfigMap of ReplicaSet ${c.rs.slice(0, 30)}`, () => c.expect(configMapName(c.rs)));
  it('keeps long names of different ReplicaSets apart', () => {
    expect(configMapName(`${'a'.repeat(250)}x`)).not.to.equal(configMapName(`${'a'.repeat(250)}y`));
  });
});
