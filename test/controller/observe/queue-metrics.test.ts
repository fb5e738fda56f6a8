import { expect } from 'chai';
import { FakeClock } from '../../../controller/engine/fake-clock.js';
import { WorkQueue } from '../../../controller/engine/queue.js';
import { ItemExponentialLimiter } from '../../../controller/engine/rate-limit.js';
import { ControllerMetrics } from '../../../controller/observe/metrics.js';
import { parseExposition, valueOf } from './exposition.js';

const NAME = 'websites.example.com';

function setup(maxDepth?: number) {
  const clock = new FakeClock();
  const metrics = new ControllerMetrics({ processMetrics: false });
  const queue = new WorkQueue({
    clock,
    rateLimiter: new ItemExponentialLimiter({ baseMs: 5, capMs: 1000 }),
    metrics: metrics.queueMetrics(NAME),
    ...(maxDepth ? { maxDepth } : {}),
  });
  metrics.watchQueue(NAME, queue);
  const scrape = async (series: string) => valueOf(parseExposition(await metrics.metrics()), series, { name: NAME });
  return { clock, metrics, queue, scrape };
}

describe('controller/observe/queue-metrics', () => {
  it('starts every series of a new queue at zero', async () => {
    const { scrape } = setup();
    for (const series of ['workqueue_depth', 'workqueue_adds_total', 'workqueue_retries_total', 'orkestra_workqueue_dropped_total',
      'workqueue_queue_duration_seconds_count', 'workqueue_work_duration_seconds_count',
      'workqueue_longest_running_processor_seconds', 'workqueue_unfinished_work_seconds']) {
      expect(await scrape(series), series).to.equal(0);
    }
  });

  it('labels every workqueue series with controller and name, both the controller\'s name (controller-runtime)', async () => {
    const { metrics, queue } = setup();
    queue.add('ns/a');
    const samples = parseExposition(await metrics.metrics()).samples.filter((s) => s.name.includes('workqueue_'));
    expect(samples.length).to.be.greaterThan(8);
    for (const sample of samples) expect([sample.name, sample.labels.controller, sample.labels.name]).to.deep.equal([sample.name, NAME, NAME]);
  });

  it('counts adds (not deduplicated ones) and follows the depth', async () => {
    const { queue, scrape } = setup();
    queue.add('ns/a');
    queue.add('ns/b');
    queue.add('ns/a');
    expect(await scrape('workqueue_adds_total')).to.equal(2);
    expect(await scrape('workqueue_depth')).to.equal(2);
    await queue.get();
    expect(await scrape('workqueue_depth')).to.equal(1);
  });

  it('observes how long a key waited and how long it was worked on, in seconds', async () => {
    const { clock, queue, scrape } = setup();
    queue.add('ns/a');
    await clock.advance(1500);
    const key = await queue.get();
    expect(await scrape('workqueue_queue_duration_seconds_count')).to.equal(1);
    expect(await scrape('workqueue_queue_duration_seconds_sum')).to.equal(1.5);
    await clock.advance(3000);
    queue.done(key!);
    expect(await scrape('workqueue_work_duration_seconds_count')).to.equal(1);
    expect(await scrape('workqueue_work_duration_seconds_sum')).to.equal(3);
  });

  it('reads in-flight ages from the queue at scrape time', async () => {
    const { clock, queue, scrape } = setup();
    queue.add('ns/a');
    queue.add('ns/b');
    const a = await queue.get();
    await clock.advance(2000);
    await queue.get();
    await clock.advance(1000);
    expect(await scrape('workqueue_longest_running_processor_seconds')).to.equal(3);
    expect(await scrape('workqueue_unfinished_work_seconds')).to.equal(4);
    queue.done(a!);
    expect(await scrape('workqueue_longest_running_processor_seconds')).to.equal(1);
  });

  it('counts rate-limited retries', async () => {
    const { queue, scrape } = setup();
    queue.addRateLimited('ns/a');
    queue.addRateLimited('ns/a');
    expect(await scrape('workqueue_retries_total')).to.equal(2);
  });

  it('counts keys dropped at maxDepth', async () => {
    const { queue, scrape } = setup(1);
    queue.add('ns/a');
    queue.add('ns/b');
    queue.add('ns/c');
    expect(await scrape('orkestra_workqueue_dropped_total')).to.equal(2);
    expect(await scrape('workqueue_adds_total')).to.equal(1);
  });

  it('an unwatched queue leaves the scrape-time gauges', async () => {
    const { metrics, scrape } = setup();
    const other = new WorkQueue({ clock: new FakeClock() });
    const unwatch = metrics.watchQueue('other', other);
    expect(valueOf(parseExposition(await metrics.metrics()), 'workqueue_unfinished_work_seconds', { name: 'other' })).to.equal(0);
    unwatch();
    expect(valueOf(parseExposition(await metrics.metrics()), 'workqueue_unfinished_work_seconds', { name: 'other' })).to.equal(undefined);
    expect(await scrape('workqueue_unfinished_work_seconds')).to.equal(0);
  });
});
