import { expect } from 'chai';
import { ReconcileLimiter } from '../../../controller/autoscale/limiter.js';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('controller/autoscale/limiter', () => {
  it('runs no more than its limit at once, and more when the limit grows', async () => {
    const limiter = new ReconcileLimiter(2);
    let running = 0;
    let most = 0;
    const releases: Array<() => void> = [];
    const work = () => new Promise<void>((resolve) => {
      running++;
      most = Math.max(most, running);
      releases.push(() => { running--; resolve(); });
    });
    const all = Array.from({ length: 5 }, () => limiter.run(work));
    await tick();
    expect(running).to.equal(2);
    expect(limiter.snapshot(3)).to.include({ queueDepth: 3, workersBusyPercent: 100, workersIdlePercent: 0 });
    limiter.setLimit(4);
    await tick();
    expect(running).to.equal(4);
    while (releases.length > 0) { releases.shift()!(); await tick(); }
    await Promise.all(all);
    expect(most).to.equal(4);
  });

  it('reports the P95 of reconcile durations and the error rate', async () => {
    let clock = 0;
    const limiter = new ReconcileLimiter(1, () => clock);
    for (let ms = 1; ms <= 20; ms++) {
      await limiter.run(async () => { clock += ms; });
    }
    await limiter.run(async () => { clock += 1000; throw new Error('boom'); }).catch(() => undefined);
    const s = limiter.snapshot(0);
    // 21 durations: 1..20 and 1000; the nearest rank at 95 % is the 20th smallest, 20.
    expect(s.reconcileDurationP95Ms).to.equal(20);
    expect(s.errorRatePercent).to.equal(4.8);
    expect(s.workersBusyPercent).to.equal(0);
  });
});
