import { expect } from 'chai';
import { longTimeout, MAX_TIMEOUT_MS, realClock } from '../../../controller/engine/clock.js';
import { FakeClock } from '../../../controller/engine/fake-clock.js';

describe('controller/engine/clock', () => {
  it('FakeClock fires timers in time order, each at its own instant', async () => {
    const clock = new FakeClock(1000);
    const fired: Array<[string, number]> = [];
    clock.setTimer(30, () => fired.push(['c', clock.now()]));
    clock.setTimer(10, () => fired.push(['a', clock.now()]));
    clock.setTimer(10, () => fired.push(['b', clock.now()]));
    await clock.advance(20);
    expect(fired).to.deep.equal([['a', 1010], ['b', 1010]]);
    expect(clock.now()).to.equal(1020);
    await clock.advance(10);
    expect(fired.map((f) => f[0])).to.deep.equal(['a', 'b', 'c']);
    expect(clock.pendingTimers()).to.equal(0);
  });

  it('FakeClock fires timers scheduled by timers within the same advance', async () => {
    const clock = new FakeClock();
    const at: number[] = [];
    const tick = (): void => {
      at.push(clock.now());
      if (at.length < 3) clock.setTimer(5, tick);
    };
    clock.setTimer(5, tick);
    await clock.advance(100);
    expect(at).to.deep.equal([5, 10, 15]);
  });

  it('cancelled timers do not fire', async () => {
    const clock = new FakeClock();
    let fired = false;
    const t = clock.setTimer(5, () => (fired = true));
    t.cancel();
    t.cancel();
    await clock.advance(10);
    expect(fired).to.equal(false);
    expect(clock.pendingTimers()).to.equal(0);
  });

  it('sleep resolves after the delay, or early on abort, leaving no timer', async () => {
    const clock = new FakeClock();
    let slept = false;
    void clock.sleep(50).then(() => (slept = true));
    await clock.advance(49);
    expect(slept).to.equal(false);
    await clock.advance(1);
    expect(slept).to.equal(true);

    const ac = new AbortController();
    let woke = false;
    void clock.sleep(1000, ac.signal).then(() => (woke = true));
    ac.abort();
    await clock.advance(0);
    expect(woke).to.equal(true);
    expect(clock.pendingTimers()).to.equal(0);
  });

  it('sleep with an already aborted signal returns at once', async () => {
    const clock = new FakeClock();
    const ac = new AbortController();
    ac.abort();
    await clock.sleep(1_000_000, ac.signal);
    expect(clock.pendingTimers()).to.equal(0);
  });

  it('fireNext jumps to the soonest timer', async () => {
    const clock = new FakeClock();
    clock.setTimer(70, () => undefined);
    clock.setTimer(20, () => undefined);
    expect(clock.pendingDelays()).to.deep.equal([20, 70]);
    expect(await clock.fireNext()).to.equal(true);
    expect(clock.now()).to.equal(20);
    expect(await clock.fireNext()).to.equal(true);
    expect(await clock.fireNext()).to.equal(false);
  });

  it('realClock sleeps on real time and can be cancelled', async () => {
    const start = realClock.now();
    await realClock.sleep(20);
    expect(realClock.now() - start).to.be.at.least(15);
    let fired = false;
    realClock.setTimer(5, () => (fired = true)).cancel();
    await new Promise((r) => setTimeout(r, 20));
    expect(fired).to.equal(false);
  });
  it('realClock does not fire a delay longer than setTimeout can hold (600h) at once', async () => {
    let fired = false;
    const timer = realClock.setTimer(600 * 3_600_000, () => (fired = true));
    await new Promise((r) => setTimeout(r, 50));
    timer.cancel();
    expect(fired).to.equal(false);
  });

  it('longTimeout waits a long delay out in steps of at most MAX_TIMEOUT_MS, then fires once; cancel stops any step', () => {
    const armed: number[] = [];
    const pending = new Map<number, () => void>();
    let next = 0;
    const timers = {
      setTimeout: ((fn: () => void, ms: number) => {
        armed.push(ms);
        pending.set(++next, fn);
        return next;
      }) as unknown as typeof setTimeout,
      clearTimeout: ((id: number) => pending.delete(id)) as unknown as typeof clearTimeout,
    };
    const runNext = () => {
      const [id, fn] = [...pending][0]!;
      pending.delete(id);
      fn();
    };
    let fired = 0;
    longTimeout(2 * MAX_TIMEOUT_MS + 5, () => fired++, timers);
    runNext();
    runNext();
    expect(fired).to.equal(0);
    runNext();
    expect(fired).to.equal(1);
    expect(armed).to.deep.equal([MAX_TIMEOUT_MS, MAX_TIMEOUT_MS, 5]);

    const cancelled = longTimeout(MAX_TIMEOUT_MS + 1, () => fired++, timers);
    runNext();
    cancelled.cancel();
    expect(pending.size).to.equal(0);
    expect(fired).to.equal(1);
    longTimeout(Number.NaN, () => fired++, timers);
    longTimeout(-5, () => fired++, timers);
    expect(armed.slice(-2)).to.deep.equal([0, 0]);
  });
});
