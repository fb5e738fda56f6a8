// allInOrder: start-up's independent API calls run a few at a time, results in input order, and a
// failure is reported as the serial loop reported it — the first failing item's error in input
// order, even when a later item failed first in time — once every call has settled.
import { expect } from 'chai';
import { allInOrder, STARTUP_CONCURRENCY } from '../../../controller/startup/in-order.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('controller/startup/in-order', () => {
  it('returns results in input order whatever order they finish in', async () => {
    const out = await allInOrder([30, 10, 20, 0], async (ms) => { await sleep(ms); return ms * 2; });
    expect(out).to.deep.equal([60, 20, 40, 0]);
  });

  it(`keeps at most ${STARTUP_CONCURRENCY} calls in flight (and uses that many)`, async () => {
    let inFlight = 0;
    let peak = 0;
    await allInOrder(Array.from({ length: 30 }, (_, i) => i), async () => {
      peak = Math.max(peak, ++inFlight);
      await sleep(2);
      inFlight--;
    });
    expect(peak).to.equal(STARTUP_CONCURRENCY);
  });

  it('throws the first failure in input order, after all have settled', async () => {
    const settled: number[] = [];
    const error = await allInOrder([0, 1, 2, 3], async (i) => {
      await sleep(i === 1 ? 30 : 1);
      settled.push(i);
      if (i === 1 || i === 3) throw new Error(`item ${i}`);
      return i;
    }).then(() => undefined, (e: unknown) => e);
    expect((error as Error).message).to.equal('item 1');
    expect([...settled].sort()).to.deep.equal([0, 1, 2, 3]);
  });
});
