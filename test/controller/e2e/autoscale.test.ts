// autoscale end to end (fixture `autoscale`): a burst of 40 Batches fills the one-worker queue; the
// autoscaler (every 100 ms) sees more than 5 waiting and switches to 4 workers, a 100-deep queue
// and a 30s resync; once the queue has stayed short for the 2 s cooldown it goes back. Both
// switches are visible in orkestra_autoscale_* on the controller's registry, and in the Batches'
// status through `.metrics.workers` / `.metrics.autoscaleActive`.
import { expect } from 'chai';
import { join } from 'node:path';
import { createKubeClient } from '../../../cli/kube/http-client.js';
import { loadKubeConfig } from '../../../cli/kube/config.js';
import { startController } from '../../../controller/run.js';
import { ControllerMetrics } from '../../../controller/observe/index.js';
import { CLUSTER_START_TIMEOUT_MS, getTestCluster, newTestNamespace } from '../../support/cluster.js';
import { fixtureCopy, memoryLogger, poll, resolveToBundle, type LogLine } from './world.js';

const gauge = (text: string, name: string) => Number(new RegExp(`^${name}\\{crd="batch"\\} (\\S+)$`, 'm').exec(text)?.[1]);

describe('controller end to end: autoscale (real API server)', function () {
  this.timeout(90_000);

  it('switches workers, queue depth and resync on queue depth, and back after the cooldown', async function () {
    this.timeout(CLUSTER_START_TIMEOUT_MS + 60_000);
    const { dir, group } = fixtureCopy('autoscale');
    const bundle = await resolveToBundle({ komposer: join(dir, 'katalog.yaml'), cwd: dir });
    const cluster = await getTestCluster();
    const kube = createKubeClient(loadKubeConfig({ env: {}, path: cluster.kubeconfigPath }), { userAgent: 'orkestra-e2e' });
    const metrics = new ControllerMetrics({ processMetrics: false });
    const logs: LogLine[] = [];
    const controller = await startController({ bundleDir: bundle.bundleDir, publicKeyPath: bundle.publicKeyPath, expectedDigest: bundle.digest, env: {}, logger: memoryLogger(logs), kube, metrics });
    try {
      let text = await metrics.metrics();
      expect([gauge(text, 'orkestra_autoscale_active'), gauge(text, 'orkestra_autoscale_workers'), gauge(text, 'orkestra_autoscale_queue_max_depth'), gauge(text, 'orkestra_autoscale_resync_seconds')]).to.deep.equal([0, 1, 2000, 600]);

      const ns = await newTestNamespace('e2e-autoscale');
      const burstAt = Date.now();
      await Promise.all(Array.from({ length: 40 }, (_, i) => cluster.client.post(`/apis/${group}/v1/namespaces/${ns}/batches`, { apiVersion: `${group}/v1`, kind: 'Batch', metadata: { name: `b${i}` }, spec: { database: String(i) } })));
      await poll('the override', 10_000, async () => (logs.some((l) => l.message === 'autoscale override on') ? true : undefined));
      console.log(`      override on ${Date.now() - burstAt} ms after a burst of 40 Batches`);
      text = await metrics.metrics();
      expect([gauge(text, 'orkestra_autoscale_active'), gauge(text, 'orkestra_autoscale_workers'), gauge(text, 'orkestra_autoscale_queue_max_depth'), gauge(text, 'orkestra_autoscale_resync_seconds')]).to.deep.equal([1, 4, 100, 30]);
      expect(controller.controllers.get('batch')!.limiter!.limit).to.equal(4);

      // Every Batch gets its children; then the queue stays short and the cooldown runs out.
      await poll('80 ConfigMaps', 30_000, async () => {
        const list = (await cluster.client.get(`/api/v1/namespaces/${ns}/configmaps`)) as { items: unknown[] };
        return list.items.length >= 80 ? true : undefined;
      });
      // Status fields read `.metrics` as each reconcile saw it: under the override, 4 workers and
      // "true" (each status write brings its Batch back once more, so all of them end up saying so).
      const batches = () => cluster.client.get(`/apis/${group}/v1/namespaces/${ns}/batches`) as Promise<{ items: { metadata: { name: string }; status?: { workers?: string; autoscaleActive?: string } }[] }>;
      const seen = await poll('every Batch\'s status', 10_000, async () => {
        const items = (await batches()).items;
        return items.every((b) => b.status?.workers !== undefined) ? items.map((b) => `${b.status!.workers}/${b.status!.autoscaleActive}`) : undefined;
      });
      expect(seen).to.include('4/true');
      const drainedAt = Date.now();
      await poll('back to baseline', 10_000, async () => (logs.some((l) => l.message === 'autoscale back to baseline') ? true : undefined));
      const backAfter = Date.now() - drainedAt;
      console.log(`      baseline again ${backAfter} ms after the last children appeared (cooldown 2000 ms)`);
      expect(backAfter).to.be.above(1000);
      text = await metrics.metrics();
      expect([gauge(text, 'orkestra_autoscale_active'), gauge(text, 'orkestra_autoscale_workers'), gauge(text, 'orkestra_autoscale_queue_max_depth')]).to.deep.equal([0, 1, 2000]);
      // Back at the baseline, the next reconcile of a Batch writes 1 worker and "false" again.
      const over = (await batches()).items.find((b) => b.status?.autoscaleActive === 'true')!;
      await cluster.client.mergePatch(`/apis/${group}/v1/namespaces/${ns}/batches/${over.metadata.name}`, { spec: { database: 'again' } });
      await poll(`${over.metadata.name} status back to 1/false`, 10_000, async () => {
        const b = (await batches()).items.find((x) => x.metadata.name === over.metadata.name)!;
        return b.status?.workers === '1' && b.status.autoscaleActive === 'false' ? true : undefined;
      });
      expect(text).to.match(/^orkestra_autoscale_switches_total\{crd="batch",to="override"\} 1$/m);
      expect(text).to.match(/^orkestra_autoscale_switches_total\{crd="batch",to="baseline"\} 1$/m);
    } finally {
      await controller.stop();
      await kube.close();
    }
  });
});
