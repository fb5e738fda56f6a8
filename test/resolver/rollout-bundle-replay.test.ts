// Replay through the rollout ConfigMap, against the real API server: anyone who may create
// ConfigMaps in the namespace can put an older bundle, validly signed with the same key, where a
// new ReplicaSet's pods look for theirs. The resolver must refuse one resolved for another
// configuration (CONFIG_CHECKSUM_MISMATCH) or older than --rollout-bundle-max-age (BUNDLE_EXPIRED),
// write nothing and leave the ConfigMap for a person; and still reuse its own rollout's bundle.
import { expect } from 'chai';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand } from '../../cli/dispatch.js';
import { createKubeClient, type HttpKubeClient } from '../../cli/kube/http-client.js';
import { loadKubeConfig } from '../../cli/kube/config.js';
import type { ApiResource, KubeObject } from '../../shared/kube/index.js';
import { generateSigningKeyPair, parsePrivateKeyPem } from '../../shared/bundle/keys.js';
import { parseEnvelope } from '../../shared/bundle/dsse.js';
import { signBundle } from '../../shared/bundle/sign.js';
import type { BundlePayload } from '../../shared/bundle/payload.js';
import { configMapFor, configMapName } from '../../resolver/rollout-bundle.js';
import { CLUSTER_START_TIMEOUT_MS, getTestCluster, newTestNamespace } from '../support/cluster.js';
import { captureIO } from '../support/io.js';
import { tempDir } from '../support/tools.js';
import { until } from '../support/poll.js';
import { katalogYaml } from './e2e/world.js';

const PODS: ApiResource = { group: '', version: 'v1', resource: 'pods', kind: 'Pod', namespaced: true };
const REPLICA_SETS: ApiResource = { group: 'apps', version: 'v1', resource: 'replicasets', kind: 'ReplicaSet', namespaced: true };
const CONFIG_MAPS: ApiResource = { group: '', version: 'v1', resource: 'configmaps', kind: 'ConfigMap', namespaced: true };
const OLD_CONFIG = 'a'.repeat(64);
const NEW_CONFIG = 'b'.repeat(64);
const DAY = 86_400_000;

describe('resolver/rollout-bundle: a replayed bundle in the rollout ConfigMap (real API server)', function () {
  this.timeout(90_000);
  let kube: HttpKubeClient;
  let kubeconfigPath: string;
  let namespace: string;
  let dir: string;
  let keyPath: string;
  let komposer: string;
  let payload: BundlePayload;

  before(async function () {
    this.timeout(CLUSTER_START_TIMEOUT_MS);
    kubeconfigPath = (await getTestCluster()).kubeconfigPath;
    kube = createKubeClient(loadKubeConfig({ env: {}, path: kubeconfigPath }));
    namespace = await newTestNamespace('rollout-replay');
    dir = tempDir('rollout-replay');
    keyPath = join(dir, 'private.pem');
    writeFileSync(keyPath, generateSigningKeyPair().privateKeyPem, { mode: 0o600 });
    writeFileSync(join(dir, 'caches.yaml'), katalogYaml('caches', 'cache', 'cache.example.org', 'Cache'));
    komposer = join(dir, 'komposer.yaml');
    writeFileSync(komposer, 'apiVersion: orkestra.orkspace.io/v1\nkind: Komposer\nmetadata: {name: platform}\nimports:\n  files: [./caches.yaml]\nspec: {crds: {}}\n');
  });

  after(async () => { await kube?.close(); });

  /** A Deployment of one Pending pod (no kubelet): its ReplicaSet and the pod's name. */
  async function rollout(name: string): Promise<{ rs: KubeObject; pod: string }> {
    const labels = { app: name };
    await kube.create({
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace },
      spec: { replicas: 1, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'c', image: 'registry.invalid/orkestra:test' }] } } },
    });
    return until(`ReplicaSet and pod of ${name}`, async () => {
      const rs = (await kube.list(REPLICA_SETS, { namespace })).items.find((r) => r.metadata.ownerReferences?.some((o) => o.name === name));
      const pod = rs && (await kube.list(PODS, { namespace })).items.find((p) => p.metadata.ownerReferences?.some((o) => o.uid === rs.metadata.uid));
      return rs && pod ? { rs, pod: pod.metadata.name } : undefined;
    });
  }

  async function resolveAs(pod: string, out: string, ...extra: string[]): Promise<{ code: number; out: string; err: string }> {
    const io = captureIO({ cwd: dir, env: { KUBECONFIG: kubeconfigPath, POD_NAME: pod, POD_NAMESPACE: namespace } });
    const code = await runCommand(['resolve', '-f', komposer, '--out', out, '--key', keyPath, '--rollout-bundle', ...extra], io);
    return { code, out: io.out, err: io.err };
  }

  /** Puts `signed` where the ReplicaSet's pods look for their bundle, as an attacker with ConfigMap create would. */
  async function plant(rs: KubeObject, signed: ReturnType<typeof signBundle>): Promise<KubeObject> {
    const owner = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs.metadata.name, uid: rs.metadata.uid!, controller: true };
    return kube.create(configMapFor(signed, { namespace, name: configMapName(rs.metadata.name), owner }));
  }

  const signer = () => parsePrivateKeyPem(readFileSync(keyPath, 'utf8'), keyPath);
  const outDir = (name: string) => join(dir, 'out', name);

  it('the first pod signs its configuration checksum and an issue time into the bundle it publishes; the next pod reuses it', async () => {
    const { pod } = await rollout('own');
    const before = Date.now();
    const r = await resolveAs(pod, outDir('own-1'), '--config-checksum', NEW_CONFIG);
    expect(r.code, r.err).to.equal(0);
    expect(r.err).to.contain('published the bundle as');
    const envelope = parseEnvelope(readFileSync(join(outDir('own-1'), 'bundle.sig.json')), 'e');
    const predicate = JSON.parse(Buffer.from(envelope.payload, 'base64').toString()).predicate;
    expect(predicate.configChecksum).to.equal(NEW_CONFIG);
    expect(Date.parse(predicate.issuedAt)).to.be.within(Math.floor(before / 1000) * 1000, Date.now());
    payload = JSON.parse(readFileSync(join(outDir('own-1'), 'bundle.json'), 'utf8')) as BundlePayload;

    const again = await resolveAs(pod, outDir('own-2'), '--config-checksum', NEW_CONFIG, '--rollout-bundle-max-age', '1h');
    expect(again.code, again.err).to.equal(0);
    expect(again.err).to.contain('reused the bundle of');
    expect(again.out).to.equal(r.out);
  });

  it('an older bundle resolved for another configuration, validly signed with the same key, is refused: CONFIG_CHECKSUM_MISMATCH, exit 4', async () => {
    const { rs, pod } = await rollout('replayed');
    const planted = await plant(rs, signBundle(payload, signer(), { configChecksum: OLD_CONFIG, issuedAt: new Date(Date.now() - DAY) }));
    const out = outDir('replayed');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'bundle.json'), '{}');
    const r = await resolveAs(pod, out, '--config-checksum', NEW_CONFIG);
    expect(r.code, r.err).to.equal(4);
    expect(r.err).to.contain('ork resolve: CONFIG_CHECKSUM_MISMATCH');
    expect(r.err).to.match(new RegExp(`ConfigMap ${namespace}/${configMapName(rs.metadata.name)} fails verification: the bundle was resolved for configuration ${OLD_CONFIG}, but this pod runs configuration ${NEW_CONFIG}`));
    expect(existsSync(join(out, 'bundle.json')), 'no bundle left in --out').to.equal(false);
    const after = (await kube.get(CONFIG_MAPS, namespace, planted.metadata.name))!;
    expect(after.metadata.resourceVersion, 'left for a person to look at').to.equal(planted.metadata.resourceVersion);
  });

  it('a bundle from before the binding (no checksum) is refused where the pod has one', async () => {
    const { rs, pod } = await rollout('unbound');
    await plant(rs, signBundle(payload, signer()));
    const r = await resolveAs(pod, outDir('unbound'), '--config-checksum', NEW_CONFIG);
    expect(r.code, r.err).to.equal(4);
    expect(r.err).to.contain('ork resolve: CONFIG_CHECKSUM_MISMATCH');
    expect(r.err).to.match(/fails verification: the bundle is bound to no configuration/);
  });

  it('its own configuration but older than --rollout-bundle-max-age: BUNDLE_EXPIRED, exit 4; without the limit it is reused', async () => {
    const { rs, pod } = await rollout('aged');
    await plant(rs, signBundle(payload, signer(), { configChecksum: NEW_CONFIG, issuedAt: new Date(Date.now() - 31 * DAY) }));
    const r = await resolveAs(pod, outDir('aged'), '--config-checksum', NEW_CONFIG, '--rollout-bundle-max-age', '720h');
    expect(r.code, r.err).to.equal(4);
    expect(r.err).to.contain('ork resolve: BUNDLE_EXPIRED');
    expect(r.err).to.match(/, 31d ago, longer than the maximum age of 30d; roll the Deployment/);
    const unlimited = await resolveAs(pod, outDir('aged-2'), '--config-checksum', NEW_CONFIG);
    expect(unlimited.code, unlimited.err).to.equal(0);
    expect(unlimited.err).to.contain('reused the bundle of');
  });

  const badFlags: [string, string[], string, RegExp][] = [
    ['an empty --config-checksum', ['--config-checksum', ''], 'CONFIG_CHECKSUM_INVALID', /^--config-checksum needs a value/],
    ['a --config-checksum that is not one', ['--config-checksum', 'a/b'], 'CONFIG_CHECKSUM_INVALID', /^--config-checksum must be 1 to 128 characters/],
    ['a --rollout-bundle-max-age of 30d (not a Go duration)', ['--rollout-bundle-max-age', '30d'], 'USAGE', /^--rollout-bundle-max-age must be a positive duration such as 720h/],
  ];
  for (const [name, args, code, message] of badFlags) {
    it(`${name}: ${code}, exit 2, before any API call or write`, async () => {
      const r = await resolveAs('no-such-pod', outDir('bad-flag'), ...args);
      expect(r.code).to.equal(2);
      expect(r.err).to.match(message).and.to.contain(`ork resolve: ${code}`);
      expect(r.err).not.to.contain('no-such-pod');
    });
  }
});
