import { expect } from 'chai';
import { FakeClock, settle } from '../../../controller/engine/fake-clock.js';
import type { QueueMetrics } from '../../../controller/engine/queue-metrics.js';
import { WorkQueue } from '../../../controller/engine/queue.js';
import { ItemExponentialLimiter } from '../../../controller/engine/rate-limit.js';

class RecordingMetrics implements QueueMetrics {
  adds = 0;
  retries = 0;
  drops = 0;
  depths: number[] = [];
  queueDurations: number[] = [];
  workDurations: number[] = [];
  add(): void { this.adds++; }
  depth(n: number): void { this.depths.push(n); }
  retry(): void { this.retries++; }
  queueDuration(s: number): void { this.queueDurations.push(s); }
  workDuration(s: number): void { this.workDurations.push(s); }
  dropped(): void { this.drops++; }
}

function setup(options: { maxDepth?: number; limiter?: boolean } = {}) {
  const clock = new FakeClock(1_000_000);
  const metrics = new RecordingMetrics();
  const queue = new WorkQueue({
    clock,
    metrics,
    maxDepth: options.maxDepth,
    rateLimiter: options.limiter === false ? undefined : new ItemExponentialLimiter({ baseMs: 5, capMs: 1000 }),
  });
  return { clock, metrics, queue };
}

/** Takes every key waiting now, without waiting for more. */
async function drainNow(queue: WorkQueue): Promise<string[]> {
  const out: string[] = [];
  while (queue.len() > 0) out.push((await queue.get())!);
  return out;
}

describe('controller/engine/queue', () => {
  it('hands keys out in FIFO order and dedupes keys that are waiting', async () => {
    const { queue, metrics } = setup();
    for (const k of ['a', 'b', 'a', 'c', 'b', 'a']) queue.add(k);
    expect(queue.len()).to.equal(3);
    expect(metrics.adds).to.equal(3);
    expect(await drainNow(queue)).to.deep.equal(['a', 'b', 'c']);
  });

  it('a key added while processing is not handed out again until done, then exactly once', async () => {
    const { queue } = setup();
    queue.add('a');
    const key = await queue.get();
    expect(key).to.equal('a');
    queue.add('a');
    queue.add('a');
    expect(queue.len()).to.equal(0);
    let second: string | undefined;
    void queue.get().then((k) => (second = k));
    await settle();
    expect(second).to.equal(undefined);
    queue.done('a');
    await settle();
    expect(second).to.equal('a');
    queue.done('a');
    expect(queue.len()).to.equal(0);
  });

  it('done on a key that was not added again does not re-queue it', async () => {
    const { queue } = setup();
    queue.add('a');
    await queue.get();
    queue.done('a');
    expect(queue.len()).to.equal(0);
    queue.done('a'); // unknown: harmless
    expect(queue.inFlight()).to.equal(0);
  });

  it('never has two workers on one key, whatever the interleaving', async () => {
    const { queue } = setup();
    const inFlight = new Set<string>();
    let overlaps = 0;
    let processed = 0;
    const worker = async (): Promise<void> => {
      for (;;) {
        const key = await queue.get();
        if (key === undefined) return;
        if (inFlight.has(key)) overlaps++;
        inFlight.add(key);
        await settle();
        if (processed++ % 3 === 0) queue.add(key); // an event arrives mid-reconcile
        inFlight.delete(key);
        queue.done(key);
      }
    };
    const workers = Array.from({ length: 5 }, worker);
    for (let round = 0; round < 20; round++) {
      for (const k of ['a', 'b', 'c']) queue.add(k);
      await settle();
    }
    while (queue.len() > 0 || queue.inFlight() > 0) await settle();
    queue.shutDown();
    await Promise.all(workers);
    expect(overlaps).to.equal(0);
    expect(processed).to.be.greaterThan(20);
  });

  it('a waiting get() receives a key added later, and wakes with undefined on shutdown', async () => {
    const { queue } = setup();
    const first = queue.get();
    const second = queue.get();
    queue.add('x');
    expect(await first).to.equal('x');
    queue.shutDown();
    expect(await second).to.equal(undefined);
    expect(await queue.get()).to.equal(undefined);
  });

  it('addAfter releases keys in time order at their time; an earlier time wins', async () => {
    const { queue, clock } = setup();
    queue.addAfter('late', 300);
    queue.addAfter('early', 100);
    queue.addAfter('mid', 200);
    queue.addAfter('mid', 250); // later: ignored
    queue.addAfter('late', 150); // earlier: replaces 300
    queue.addAfter('now', 0);
    expect(await drainNow(queue)).to.deep.equal(['now']);
    queue.done('now');
    await clock.advance(99);
    expect(queue.len()).to.equal(0);
    await clock.advance(1);
    expect(await drainNow(queue)).to.deep.equal(['early']);
    await clock.advance(50);
    expect(await drainNow(queue)).to.deep.equal(['late']);
    await clock.advance(50);
    expect(await drainNow(queue)).to.deep.equal(['mid']);
    expect(clock.pendingTimers()).to.equal(0);
  });

  it('keeps one timer for all delayed keys', async () => {
    const { queue, clock } = setup();
    for (let i = 0; i < 50; i++) queue.addAfter(`k${i}`, 1000 + i);
    expect(clock.pendingTimers()).to.equal(1);
    queue.addAfter('first', 10);
    expect(clock.pendingTimers()).to.equal(1);
    expect(clock.pendingDelays()).to.deep.equal([10]);
    await clock.advance(2000);
    expect(queue.len()).to.equal(51);
  });

  it('a delayed key that is already waiting is not queued twice', async () => {
    const { queue, clock } = setup();
    queue.add('a');
    queue.addAfter('a', 10);
    await clock.advance(10);
    expect(queue.len()).to.equal(1);
  });

  it('addRateLimited backs off per key (5, 10, 20 … capped), forget resets, numRequeues counts', async () => {
    const { queue, clock, metrics } = setup();
    const delays: number[] = [];
    for (let i = 0; i < 10; i++) {
      queue.addRateLimited('a');
      delays.push(clock.pendingDelays()[0]!);
      await clock.fireNext();
      expect(await queue.get()).to.equal('a');
      queue.done('a');
    }
    expect(delays).to.deep.equal([5, 10, 20, 40, 80, 160, 320, 640, 1000, 1000]);
    expect(queue.numRequeues('a')).to.equal(10);
    expect(metrics.retries).to.equal(10);
    queue.forget('a');
    expect(queue.numRequeues('a')).to.equal(0);
    queue.addRateLimited('a');
    expect(clock.pendingDelays()).to.deep.equal([5]);
  });

  it('the default limiter bounds overall retries with its token bucket', async () => {
    const { queue, clock } = setup({ limiter: false });
    for (let i = 0; i < 110; i++) queue.addRateLimited(`k${i}`);
    await clock.advance(5);
    expect(queue.len()).to.equal(100);
    await clock.advance(500);
    expect(queue.len()).to.equal(105);
    await clock.advance(500);
    expect(queue.len()).to.equal(110);
  });

  it('maxDepth: new keys beyond it are dropped (metric), dedupe and accepted work still go through', async () => {
    const { queue, clock, metrics } = setup({ maxDepth: 2 });
    queue.add('a');
    queue.add('b');
    queue.add('c');
    expect(metrics.drops).to.equal(1);
    queue.add('a'); // already waiting: deduped, not a drop
    expect(metrics.drops).to.equal(1);
    expect(queue.len()).to.equal(2);
    // A delayed retry falling due is never dropped, even when full.
    queue.addAfter('retry', 10);
    await clock.advance(10);
    expect(queue.len()).to.equal(3);
    expect(await drainNow(queue)).to.deep.equal(['a', 'b', 'retry']);
    // A dirty re-queue of a processing key is never dropped either.
    queue.add('x');
    queue.add('y');
    queue.add('a'); // 'a' is processing: marked dirty, not counted against depth
    queue.done('a');
    expect(queue.len()).to.equal(3);
    expect(metrics.drops).to.equal(1);
  });

  it('reports adds, depth, queue and work durations', async () => {
    const { queue, clock, metrics } = setup();
    queue.add('a');
    queue.add('b');
    expect(metrics.adds).to.equal(2);
    expect(metrics.depths).to.deep.equal([1, 2]);
    await clock.advance(1500);
    const k = await queue.get();
    expect(metrics.depths.at(-1)).to.equal(1);
    expect(metrics.queueDurations).to.deep.equal([1.5]);
    await clock.advance(250);
    expect(queue.longestRunningProcessorSeconds()).to.equal(0.25);
    const k2 = await queue.get();
    await clock.advance(250);
    expect(queue.longestRunningProcessorSeconds()).to.equal(0.5);
    expect(queue.unfinishedWorkSeconds()).to.equal(0.75);
    queue.done(k!);
    expect(metrics.workDurations).to.deep.equal([0.5]);
    queue.done(k2!);
    expect(queue.longestRunningProcessorSeconds()).to.equal(0);
  });

  it('after shutdown: adds are ignored, waiting and delayed keys are discarded, timers cancelled', async () => {
    const { queue, clock } = setup();
    queue.add('a');
    queue.addAfter('b', 100);
    queue.addRateLimited('c');
    queue.shutDown();
    queue.add('d');
    queue.addAfter('e', 1);
    queue.addRateLimited('f');
    expect(queue.len()).to.equal(0);
    expect(clock.pendingTimers()).to.equal(0);
    expect(await queue.get()).to.equal(undefined);
    expect(queue.isShuttingDown()).to.equal(true);
  });

  it('shutDownWithDrain waits for in-flight keys, and a key re-added meanwhile is not re-queued', async () => {
    const { queue, clock } = setup();
    queue.add('a');
    const k = await queue.get();
    queue.add('a');
    let drained: boolean | undefined;
    void queue.shutDownWithDrain(1000).then((d) => (drained = d));
    await clock.advance(500);
    expect(drained).to.equal(undefined);
    queue.done(k!);
    await settle();
    expect(drained).to.equal(true);
    expect(queue.len()).to.equal(0);
    expect(clock.pendingTimers()).to.equal(0);
  });

  it('shutDownWithDrain gives up after its timeout', async () => {
    const { queue, clock } = setup();
    queue.add('stuck');
    await queue.get();
    let drained: boolean | undefined;
    void queue.shutDownWithDrain(1000).then((d) => (drained = d));
    await clock.advance(999);
    expect(drained).to.equal(undefined);
    await clock.advance(1);
    expect(drained).to.equal(false);
  });

  it('shutDownWithDrain with nothing in flight returns at once', async () => {
    const { queue } = setup();
    expect(await queue.shutDownWithDrain(1000)).to.equal(true);
  });
});
