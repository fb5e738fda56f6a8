import { expect } from 'chai';
import type { ReconcileResult } from '../../../controller/engine/workers.js';
import { ControllerMetrics } from '../../../controller/observe/metrics.js';
import { outcomeOf } from '../../../controller/observe/reconcile-metrics.js';
import { parseExposition, valueOf } from './exposition.js';

const NAME = 'websites.example.com';

function setup() {
  let nowMs = 0;
  const metrics = new ControllerMetrics({ processMetrics: false, now: () => nowMs });
  const scrape = async (series: string, labels: Record<string, string> = {}) =>
    valueOf(parseExposition(await metrics.metrics()), series, { controller: NAME, ...labels });
  return { metrics, scrape, tick: (ms: number) => (nowMs += ms) };
}

describe('controller/observe/reconcile-metrics', () => {
  const outcomes: Array<[ReconcileResult | void, string]> = [
    [undefined, 'success'],
    [{}, 'success'],
    [{ requeueAfterMs: 0 }, 'success'],
    [{ requeue: false }, 'success'],
    [{ requeue: true }, 'requeue'],
    [{ requeueAfterMs: 0, requeue: true }, 'requeue'],
    [{ requeueAfterMs: 250 }, 'requeue_after'],
    [{ requeueAfterMs: 250, requeue: true }, 'requeue_after'],
  ];
  for (const [result, expected] of outcomes) {
    it(`${JSON.stringify(result) ?? 'undefined'} counts as result="${expected}"`, async () => {
      expect(outcomeOf(result)).to.equal(expected);
      const { metrics, scrape } = setup();
      const reconcile = metrics.instrumentReconcile(NAME, async () => result);
      expect(await reconcile('ns/a')).to.equal(result);
      for (const label of ['success', 'error', 'requeue', 'requeue_after']) {
        expect(await scrape('controller_runtime_reconcile_total', { result: label }), label).to.equal(label === expected ? 1 : 0);
      }
      expect(await scrape('controller_runtime_reconcile_errors_total')).to.equal(0);
    });
  }

  it('an error counts result="error" and an error, and is rethrown unchanged', async () => {
    const { metrics, scrape } = setup();
    const boom = new Error('boom');
    const reconcile = metrics.instrumentReconcile(NAME, async () => {
      throw boom;
    });
    let caught: unknown;
    await reconcile('ns/a').catch((e: unknown) => (caught = e));
    expect(caught).to.equal(boom);
    expect(await scrape('controller_runtime_reconcile_total', { result: 'error' })).to.equal(1);
    expect(await scrape('controller_runtime_reconcile_total', { result: 'success' })).to.equal(0);
    expect(await scrape('controller_runtime_reconcile_errors_total')).to.equal(1);
  });

  it('a terminal error counts as an error and as a terminal error; others only as errors', async () => {
    const { metrics, scrape } = setup();
    const reconcile = metrics.instrumentReconcile(NAME, async (key: string) => {
      throw new Error(key === 'ns/terminal' ? 'terminal' : 'transient');
    }, { isTerminal: (e) => String(e).includes('terminal') });
    await reconcile('ns/terminal').catch(() => undefined);
    await reconcile('ns/other').catch(() => undefined);
    expect(await scrape('controller_runtime_reconcile_errors_total')).to.equal(2);
    expect(await scrape('controller_runtime_terminal_reconcile_errors_total')).to.equal(1);
  });

  it('a panic (isPanic) counts as an error and as a panic, and is rethrown unchanged', async () => {
    const { metrics, scrape } = setup();
    const bug = new TypeError("Cannot read properties of undefined (reading 'spec')");
    const reconcile = metrics.instrumentReconcile(NAME, async (key: string) => {
      if (key === 'ns/bug') throw bug;
      throw new Error('expected failure');
    }, { isPanic: (e) => e instanceof TypeError });
    expect(await scrape('controller_runtime_reconcile_panics_total')).to.equal(0);
    expect(await reconcile('ns/bug').catch((e: unknown) => e)).to.equal(bug);
    await reconcile('ns/other').catch(() => undefined);
    expect(await scrape('controller_runtime_reconcile_errors_total')).to.equal(2);
    expect(await scrape('controller_runtime_reconcile_panics_total')).to.equal(1);
    expect(await scrape('controller_runtime_reconcile_total', { result: 'error' })).to.equal(2);
  });

  it('a reconcile that throws synchronously is counted as an error too', async () => {
    const { metrics, scrape } = setup();
    const reconcile = metrics.instrumentReconcile(NAME, ((): Promise<void> => {
      throw new Error('sync');
    }));
    await reconcile('ns/a').then(() => expect.fail('should reject'), () => undefined);
    expect(await scrape('controller_runtime_reconcile_errors_total')).to.equal(1);
    expect(await scrape('controller_runtime_active_workers')).to.equal(0);
  });

  it('mixes outcomes per controller and keeps controllers apart', async () => {
    const { metrics, scrape } = setup();
    const results: Array<ReconcileResult | Error> = [{}, { requeue: true }, new Error('x'), {}, { requeueAfterMs: 10 }];
    const a = metrics.instrumentReconcile(NAME, async () => {
      const next = results.shift()!;
      if (next instanceof Error) throw next;
      return next;
    });
    const b = metrics.instrumentReconcile('other.example.com', async () => undefined);
    for (let i = 0; i < 5; i++) await a('ns/a').catch(() => undefined);
    await b('ns/b');
    expect(await scrape('controller_runtime_reconcile_total', { result: 'success' })).to.equal(2);
    expect(await scrape('controller_runtime_reconcile_total', { result: 'requeue' })).to.equal(1);
    expect(await scrape('controller_runtime_reconcile_total', { result: 'requeue_after' })).to.equal(1);
    expect(await scrape('controller_runtime_reconcile_total', { result: 'error' })).to.equal(1);
    expect(await scrape('controller_runtime_reconcile_time_seconds_count')).to.equal(5);
    expect(valueOf(parseExposition(await metrics.metrics()), 'controller_runtime_reconcile_total', { controller: 'other.example.com', result: 'success' })).to.equal(1);
  });

  it('observes each reconcile\'s duration in seconds, errors included', async () => {
    const { metrics, scrape, tick } = setup();
    let fail = false;
    const reconcile = metrics.instrumentReconcile(NAME, async () => {
      tick(fail ? 2000 : 250);
      if (fail) throw new Error('slow failure');
    });
    await reconcile('ns/a');
    fail = true;
    await reconcile('ns/a').catch(() => undefined);
    expect(await scrape('controller_runtime_reconcile_time_seconds_count')).to.equal(2);
    expect(await scrape('controller_runtime_reconcile_time_seconds_sum')).to.equal(2.25);
    expect(await scrape('controller_runtime_reconcile_time_seconds_bucket', { le: '0.25' })).to.equal(1);
    expect(await scrape('controller_runtime_reconcile_time_seconds_bucket', { le: '1.75' })).to.equal(1);
    expect(await scrape('controller_runtime_reconcile_time_seconds_bucket', { le: '2' })).to.equal(2);
  });

  it('active workers count reconciles in flight; max concurrent is what the caller says', async () => {
    const { metrics, scrape } = setup();
    const release: Array<() => void> = [];
    const reconcile = metrics.instrumentReconcile(NAME, () => new Promise<void>((resolve) => release.push(resolve)), { maxConcurrentReconciles: 3 });
    expect(await scrape('controller_runtime_max_concurrent_reconciles')).to.equal(3);
    const running = [reconcile('ns/a'), reconcile('ns/b')];
    await new Promise((r) => setImmediate(r));
    expect(await scrape('controller_runtime_active_workers')).to.equal(2);
    release.shift()!();
    await running[0];
    expect(await scrape('controller_runtime_active_workers')).to.equal(1);
    release.shift()!();
    await running[1];
    expect(await scrape('controller_runtime_active_workers')).to.equal(0);
  });

  it('without maxConcurrentReconciles the gauge has no series for that controller', async () => {
    const { metrics, scrape } = setup();
    metrics.instrumentReconcile(NAME, async () => undefined);
    expect(await scrape('controller_runtime_max_concurrent_reconciles')).to.equal(undefined);
    expect(await scrape('controller_runtime_reconcile_total', { result: 'success' })).to.equal(0);
  });
});
