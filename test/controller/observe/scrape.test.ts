import { expect } from 'chai';
import { realClock } from '../../../controller/engine/clock.js';
import { WorkQueue } from '../../../controller/engine/queue.js';
import { ItemExponentialLimiter } from '../../../controller/engine/rate-limit.js';
import { runWorkers, type ReconcileResult } from '../../../controller/engine/workers.js';
import { ControllerMetrics } from '../../../controller/observe/metrics.js';
import { startObservabilityServer } from '../../../controller/observe/http-server.js';
import { httpRequest } from './http-client.js';
import { parseExposition, valueOf } from './exposition.js';

const NAME = 'websites.example.com';
const WORKERS = 2;

describe('controller/observe: a scrape during a run', () => {
  it('shows reconcile and workqueue series of a real WorkQueue + runWorkers', async () => {
    const metrics = new ControllerMetrics({ processMetrics: false });
    const queue = new WorkQueue({ clock: realClock, rateLimiter: new ItemExponentialLimiter({ baseMs: 5, capMs: 50 }), metrics: metrics.queueMetrics(NAME) });
    metrics.watchQueue(NAME, queue);
    const server = await startObservabilityServer({ host: '127.0.0.1', port: 0, metrics, ready: () => ({ ok: true }), bundle: () => undefined });

    // ns/flaky fails once then succeeds; ns/later asks to be looked at again once; the rest succeed.
    const seen: string[] = [];
    let flakyFailed = false;
    let laterRequeued = false;
    let release!: () => void;
    const slowGate = new Promise<void>((resolve) => (release = resolve));
    const reconcile = async (key: string): Promise<ReconcileResult | void> => {
      seen.push(key);
      if (key === 'ns/slow') await slowGate;
      if (key === 'ns/flaky' && !flakyFailed) {
        flakyFailed = true;
        throw new Error('transient');
      }
      if (key === 'ns/later' && !laterRequeued) {
        laterRequeued = true;
        return { requeueAfterMs: 10 };
      }
      return undefined;
    };
    const workers = runWorkers(queue, WORKERS, metrics.instrumentReconcile(NAME, reconcile, { maxConcurrentReconciles: WORKERS }));
    try {
      for (const key of ['ns/a', 'ns/b', 'ns/flaky', 'ns/later', 'ns/slow']) queue.add(key);
      // 7 reconciles end: a, b, flaky ×2, later ×2 — and slow is still running.
      await until(() => seen.length >= 7 && queue.inFlight() === 1);

      const during = await httpRequest(`${server.url}/metrics`);
      expect(during.status).to.equal(200);
      expect(during.headers['content-type']).to.match(/^text\/plain; version=0\.0\.4/);
      const e = parseExposition(during.body);
      const total = (result: string) => valueOf(e, 'controller_runtime_reconcile_total', { controller: NAME, result });
      expect(total('success')).to.equal(4);
      expect(total('error')).to.equal(1);
      expect(total('requeue_after')).to.equal(1);
      expect(valueOf(e, 'controller_runtime_reconcile_errors_total', { controller: NAME })).to.equal(1);
      expect(valueOf(e, 'controller_runtime_reconcile_time_seconds_count', { controller: NAME })).to.equal(6);
      expect(valueOf(e, 'controller_runtime_active_workers', { controller: NAME })).to.equal(1);
      expect(valueOf(e, 'controller_runtime_max_concurrent_reconciles', { controller: NAME })).to.equal(WORKERS);
      // 5 first adds, the failed key's retry and the requeueAfter's re-add.
      expect(valueOf(e, 'workqueue_adds_total', { name: NAME })).to.equal(7);
      expect(valueOf(e, 'workqueue_retries_total', { name: NAME })).to.equal(1);
      expect(valueOf(e, 'workqueue_queue_duration_seconds_count', { name: NAME })).to.equal(7);
      expect(valueOf(e, 'workqueue_work_duration_seconds_count', { name: NAME })).to.equal(6);
      expect(valueOf(e, 'workqueue_depth', { name: NAME })).to.equal(0);
      expect(valueOf(e, 'workqueue_longest_running_processor_seconds', { name: NAME })).to.be.greaterThan(0);
    } finally {
      release();
      queue.shutDown();
      await workers;
      await server.close();
    }
    const after = parseExposition(await metrics.metrics());
    expect(valueOf(after, 'controller_runtime_reconcile_total', { controller: NAME, result: 'success' })).to.equal(5);
    expect(valueOf(after, 'controller_runtime_active_workers', { controller: NAME })).to.equal(0);
    expect(valueOf(after, 'workqueue_longest_running_processor_seconds', { name: NAME })).to.equal(0);
  });
});

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
