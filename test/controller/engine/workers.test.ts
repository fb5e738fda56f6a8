import { expect } from 'chai';
import { FakeClock, settle } from '../../../controller/engine/fake-clock.js';
import { WorkQueue } from '../../../controller/engine/queue.js';
import { ItemExponentialLimiter } from '../../../controller/engine/rate-limit.js';
import { runWorkers, type ReconcileResult } from '../../../controller/engine/workers.js';

function setup() {
  const clock = new FakeClock();
  const queue = new WorkQueue({ clock, rateLimiter: new ItemExponentialLimiter({ baseMs: 5, capMs: 1000 }) });
  return { clock, queue };
}

/** A reconcile whose calls the test completes by hand. */
function controlled() {
  const pending: Array<{ key: string; resolve: (r?: ReconcileResult) => void; reject: (e: unknown) => void }> = [];
  const reconcile = (key: string): Promise<ReconcileResult | void> =>
    new Promise((resolve, reject) => pending.push({ key, resolve, reject }));
  return { pending, reconcile };
}

describe('controller/engine/workers', () => {
  it('runs at most n reconciles at once', async () => {
    const { queue } = setup();
    const { pending, reconcile } = controlled();
    const done = runWorkers(queue, 3, reconcile);
    for (let i = 0; i < 10; i++) queue.add(`k${i}`);
    await settle();
    expect(pending.map((p) => p.key)).to.deep.equal(['k0', 'k1', 'k2']);
    pending[1]!.resolve();
    await settle();
    expect(pending.map((p) => p.key)).to.deep.equal(['k0', 'k1', 'k2', 'k3']);
    expect(queue.inFlight()).to.equal(3);
    queue.shutDown();
    for (const p of pending) p.resolve();
    await done;
  });

  it('retries a failing key with per-key backoff, then forgets its failures on success', async () => {
    const { queue, clock } = setup();
    const calls: number[] = [];
    const failures: number[] = [];
    let fail = 3;
    const done = runWorkers(queue, 1, async () => {
      calls.push(clock.now());
      if (fail-- > 0) throw new Error('boom');
    }, { onError: (_k, _e, n) => failures.push(n) });
    queue.add('a');
    await clock.advance(1000);
    expect(calls).to.deep.equal([0, 5, 15, 35]);
    expect(failures).to.deep.equal([1, 2, 3]);
    expect(queue.numRequeues('a')).to.equal(0);
    queue.shutDown();
    await done;
  });

  it('a reconcile that throws synchronously is retried like any failure', async () => {
    const { queue, clock } = setup();
    let calls = 0;
    const done = runWorkers(queue, 1, ((): Promise<void> => {
      calls++;
      if (calls === 1) throw new Error('sync');
      return Promise.resolve();
    }));
    queue.add('a');
    await clock.advance(10);
    expect(calls).to.equal(2);
    queue.shutDown();
    await done;
  });

  it('requeueAfter schedules the next look and resets the backoff', async () => {
    const { queue, clock } = setup();
    const calls: number[] = [];
    let n = 0;
    const done = runWorkers(queue, 2, async () => {
      calls.push(clock.now());
      n++;
      if (n === 1) throw new Error('first fails');
      if (n <= 3) return { requeueAfterMs: 30_000 };
      return undefined;
    });
    queue.add('a');
    await clock.advance(100_000);
    expect(calls).to.deep.equal([0, 5, 30_005, 60_005]);
    expect(queue.numRequeues('a')).to.equal(0);
    queue.shutDown();
    await done;
  });

  it('requeue: true retries rate-limited without an error', async () => {
    const { queue, clock } = setup();
    const calls: number[] = [];
    const errors: unknown[] = [];
    const done = runWorkers(queue, 1, async () => {
      calls.push(clock.now());
      return calls.length < 3 ? { requeue: true } : undefined;
    }, { onError: (_k, e) => errors.push(e) });
    queue.add('a');
    await clock.advance(100);
    expect(calls).to.deep.equal([0, 5, 15]);
    expect(errors).to.deep.equal([]);
    queue.shutDown();
    await done;
  });

  it('gives up on a key after failureThreshold consecutive failures', async () => {
    const { queue, clock } = setup();
    let calls = 0;
    const gaveUp: string[] = [];
    const done = runWorkers(queue, 1, async () => {
      calls++;
      throw new Error('always');
    }, { failureThreshold: 3, onGiveUp: (k) => gaveUp.push(k) });
    queue.add('a');
    await clock.advance(10_000);
    expect(calls).to.equal(3);
    expect(gaveUp).to.deep.equal(['a']);
    expect(queue.numRequeues('a')).to.equal(0);
    expect(clock.pendingTimers()).to.equal(0);
    queue.shutDown();
    await done;
  });

  it('does not retry a terminal error: the key is forgotten, a later add brings it back', async () => {
    const { queue, clock } = setup();
    const calls: string[] = [];
    const terminal: string[] = [];
    const errors: string[] = [];
    const done = runWorkers(queue, 1, async (key) => {
      calls.push(key);
      throw new Error(key === 'bad' ? 'terminal' : 'transient');
    }, {
      failureThreshold: 2,
      isTerminal: (e) => String(e).includes('terminal'),
      onTerminal: (k) => terminal.push(k),
      onError: (k) => errors.push(k),
    });
    queue.add('bad');
    queue.add('flaky');
    await clock.advance(10_000);
    expect(calls.filter((k) => k === 'bad')).to.deep.equal(['bad']);
    expect(calls.filter((k) => k === 'flaky')).to.deep.equal(['flaky', 'flaky']);
    expect(terminal).to.deep.equal(['bad']);
    expect(errors).to.deep.equal(['flaky', 'flaky']);
    expect(queue.numRequeues('bad')).to.equal(0);
    queue.add('bad');
    await clock.advance(10);
    expect(calls.filter((k) => k === 'bad')).to.deep.equal(['bad', 'bad']);
    queue.shutDown();
    await done;
  });

  it('a throwing log callback does not stop the worker', async () => {
    const { queue, clock } = setup();
    let calls = 0;
    const done = runWorkers(queue, 1, async () => {
      calls++;
      if (calls === 1) throw new Error('x');
    }, { onError: () => { throw new Error('log sink broken'); } });
    queue.add('a');
    await clock.advance(10);
    expect(calls).to.equal(2);
    queue.shutDown();
    await done;
  });

  it('stops on shutdown only after in-flight reconciles finish, taking no new keys', async () => {
    const { queue } = setup();
    const { pending, reconcile } = controlled();
    let finished = false;
    const done = runWorkers(queue, 2, reconcile).then(() => (finished = true));
    queue.add('a');
    queue.add('b');
    queue.add('c');
    await settle();
    queue.shutDown();
    await settle();
    expect(finished).to.equal(false);
    pending[0]!.resolve();
    await settle();
    expect(finished).to.equal(false);
    pending[1]!.reject(new Error('late failure'));
    await done;
    expect(pending.map((p) => p.key)).to.deep.equal(['a', 'b']);
  });

  it('rejects a worker count that is not a positive integer', async () => {
    const { queue } = setup();
    for (const n of [0, -1, 1.5]) {
      let err: unknown;
      await runWorkers(queue, n, async () => undefined).catch((e) => (err = e));
      expect(err).to.be.instanceOf(RangeError);
    }
  });
});
