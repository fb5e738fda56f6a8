// Storage-version migration on the real API server: a Gauge CRD installed by hand with v1alpha1 as
// its only (storage) version and 40 objects stored in it; then the controller starts on a bundle
// whose CRD serves v1alpha1 and v1 and stores v1. Its leader-gated migration must rewrite every
// object (each resourceVersion moves: the API server wrote it again, now as v1 — the entry watches
// another namespace, so no reconcile writes them), count it in metrics, post Events on the CRD, and
// only then trim status.storedVersions to [v1]. Then a bundle without v1alpha1 must apply.
import { expect } from 'chai';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { createKubeClient } from '../../../cli/kube/http-client.js';
import { loadKubeConfig } from '../../../cli/kube/config.js';
import { startController, type RunningController } from '../../../controller/run.js';
import { ControllerMetrics } from '../../../controller/observe/index.js';
import { decideCrdGuard } from '../../../controller/startup/crd-guard.js';
import type { CrdObject } from '../../../shared/bundle/payload.js';
import { CLUSTER_START_TIMEOUT_MS, getTestCluster, newTestNamespace, type TestCluster } from '../../support/cluster.js';
import { fixtureCopy, memoryLogger, poll, resolveToBundle, type LogLine } from './world.js';

const COUNT = 40;
const CRD_API = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions';

describe('controller end to end: storage-version migration (real API server)', function () {
  this.timeout(120_000);
  let cluster: TestCluster;
  let running: RunningController | undefined;
  const http = { close: async () => undefined } as { close(): Promise<void> };

  before(async function () {
    this.timeout(CLUSTER_START_TIMEOUT_MS);
    cluster = await getTestCluster();
  });
  after(async () => {
    await running?.stop();
    await http.close();
  });

  it('rewrites every stored object, trims storedVersions, and the old version can then be dropped', async () => {
    const client = cluster.client;
    const { dir, group } = fixtureCopy('storage');
    const crdFile = join(dir, 'gauge-crd.yaml');
    const bundleCrd = parse(readFileSync(crdFile, 'utf8')) as CrdObject & { spec: { versions: { name: string; storage: boolean }[] } };
    const crdName = bundleCrd.metadata.name;
    const gauges = (ns: string, version: string) => `/apis/${group}/${version}/namespaces/${ns}/gauges`;
    const liveCrd = () => client.get(`${CRD_API}/${crdName}`);

    // 1. v1alpha1 alone, as a first release installed it; objects stored as v1alpha1.
    const first = structuredClone(bundleCrd);
    first.spec.versions = [{ ...bundleCrd.spec.versions[0]!, storage: true }];
    await client.ok({ method: 'PATCH', path: `${CRD_API}/${crdName}?fieldManager=kubectl&force=true`, body: first, contentType: 'application/apply-patch+yaml' });
    await poll('CRD established', 20_000, async () => ((await liveCrd()).status?.conditions?.some((c: { type: string; status: string }) => c.type === 'Established' && c.status === 'True') ? true : undefined));
    const ns = await newTestNamespace('e2e-storage');
    const before = new Map<string, string>();
    for (let i = 0; i < COUNT; i++) {
      const made = await client.post(gauges(ns, 'v1alpha1'), { apiVersion: `${group}/v1alpha1`, kind: 'Gauge', metadata: { name: `g${i}` }, spec: { level: i } });
      before.set(made.metadata.name, made.metadata.resourceVersion);
    }
    expect((await liveCrd()).status.storedVersions).to.deep.equal(['v1alpha1']);

    // The guard, asked now to drop v1alpha1, names step 1: it is still the storage version.
    const dropped = structuredClone(bundleCrd);
    dropped.spec.versions = dropped.spec.versions.filter((v) => v.name !== 'v1alpha1');
    const early = decideCrdGuard([dropped], new Map([[crdName, await liveCrd()]]), {});
    expect(early.error?.code).to.equal('CRD_BREAKING_CHANGE');
    expect(early.verdicts[0]!.refused.map((c) => c.message).join('\n')).to.contain('step 1 of the storage-version migration first');

    // 2. The controller on the bundle that stores v1.
    const logs: LogLine[] = [];
    const metrics = new ControllerMetrics({ processMetrics: false });
    const kube = createKubeClient(loadKubeConfig({ env: {}, path: cluster.kubeconfigPath }), { userAgent: 'orkestra-e2e' });
    http.close = () => kube.close();
    const start = async (bundleDir: string) => {
      const bundle = await resolveToBundle({ komposer: join(bundleDir, 'katalog.yaml'), cwd: bundleDir });
      await running?.stop();
      running = await startController({ bundleDir: bundle.bundleDir, publicKeyPath: bundle.publicKeyPath, expectedDigest: bundle.digest, env: {}, logger: memoryLogger(logs), kube, metrics });
    };
    const t = Date.now();
    await start(dir);
    const trimmed = await poll('storedVersions trimmed to [v1]', 60_000, async () => {
      const crd = await liveCrd();
      return JSON.stringify(crd.status.storedVersions) === '["v1"]' ? crd : undefined;
    });
    const migrateMs = Date.now() - t;
    expect(trimmed.spec.versions.map((v: { name: string; storage: boolean }) => `${v.name}:${v.storage}`)).to.deep.equal(['v1alpha1:false', 'v1:true']);

    // Every object was written again (its resourceVersion moved) before the trim; none lost.
    const now = (await client.get(gauges(ns, 'v1'))).items as { metadata: { name: string; resourceVersion: string }; spec: { level: number }; status?: unknown }[];
    expect(now).to.have.length(COUNT);
    for (const g of now) {
      expect(g.metadata.resourceVersion, g.metadata.name).to.not.equal(before.get(g.metadata.name));
      expect(g.spec.level, g.metadata.name).to.equal(Number(g.metadata.name.slice(1)));
      expect(g.status, `${g.metadata.name} was not reconciled (unwatched namespace)`).to.equal(undefined);
    }
    const text = await metrics.metrics();
    const series = (name: string) => new RegExp(`^${name}\\{crd="${crdName.replaceAll('.', '\\.')}"\\} (\\d+)$`, 'm').exec(text)?.[1];
    expect(series('orkestra_storage_migration_rewritten_total')).to.equal(String(COUNT));
    expect(series('orkestra_storage_migration_remaining_objects')).to.equal('0');
    expect(series('orkestra_storage_migrations_completed_total')).to.equal('1');
    const events = (await client.get('/api/v1/namespaces/default/events')).items
      .filter((e: { involvedObject: { name: string } }) => e.involvedObject.name === crdName)
      .map((e: { reason: string; message: string }) => `${e.reason}: ${e.message}`);
    expect(events.join('\n')).to.contain(`StorageVersionMigrationStarted: rewriting ${COUNT} objects that may be stored as v1alpha1 to v1`)
      .and.to.contain(`StorageVersionMigrated: ${COUNT} objects rewritten to v1; status.storedVersions trimmed to [v1]`);

    // 3. A bundle without v1alpha1 (its removal acknowledged: clients of v1alpha1 get 404) applies.
    writeFileSync(crdFile, stringify(dropped));
    const katalog = parse(readFileSync(join(dir, 'katalog.yaml'), 'utf8'));
    katalog.spec.crds.gauge.allowBreakingChanges = ['v1alpha1::version-removed'];
    writeFileSync(join(dir, 'katalog.yaml'), stringify(katalog));
    await start(dir);
    const after = await liveCrd();
    expect(after.spec.versions.map((v: { name: string }) => v.name)).to.deep.equal(['v1']);
    expect(after.status.storedVersions).to.deep.equal(['v1']);
    expect((await client.get(gauges(ns, 'v1'))).items).to.have.length(COUNT);
    console.log(`      ${JSON.stringify({ objects: COUNT, migrateMs })}`);
  });
});
