import { expect } from 'chai';
import fc from 'fast-check';
import { afterTick, INITIAL_SETTLE_STATE, SETTLE_POLICY, settled, type SettlePolicy, type SettleState } from '../../../cli/memory/settle-policy.js';

const policy: SettlePolicy = { tickMs: 2000, quietBelow: 0.05, minBusyMs: 200, costFactor: 20, minIntervalMs: 30_000 };

/** Runs ticks of `tickMs`; each settle costs `cost(state)` ms. Returns when each settle happened. */
function simulate(actives: readonly number[], costMs: number, p = policy): { at: number[]; busy: number; cost: number } {
  let state: SettleState = INITIAL_SETTLE_STATE;
  const at: number[] = [];
  let now = 0;
  let busy = 0;
  let cost = 0;
  for (const activeMs of actives) {
    now += p.tickMs;
    busy += activeMs;
    const next = afterTick(state, { at: now, elapsedMs: p.tickMs, activeMs }, p);
    state = next.state;
    if (next.settle) {
      at.push(now);
      cost += costMs;
      state = settled(now, costMs);
    }
  }
  return { at, busy, cost };
}

describe('cli/memory/settle-policy', () => {
  it('is the policy the controller runs', () => {
    expect(SETTLE_POLICY).to.deep.equal(policy);
  });

  it('settles on the first quiet tick after a burst, not during it', () => {
    const r = simulate([1900, 1900, 1800, 40, 10, 10], 50);
    expect(r.at).to.deep.equal([8000]);
  });

  it('does not settle after too little work, however long it stays quiet', () => {
    expect(simulate([150, ...Array(100).fill(0)], 50).at).to.deep.equal([]);
  });

  it('counts quiet ticks as work too: a trickle reaches the threshold', () => {
    // 20 ms per 2 s tick is quiet (1 %); 10 ticks make 200 ms.
    expect(simulate(Array(12).fill(20), 5).at).to.deep.equal([20_000]);
  });

  it('waits the minimum interval between two settles', () => {
    const burst = [1500, 1500, 0];
    const r = simulate([...burst, ...burst, ...Array(20).fill(0)], 10);
    // The second burst ends at 12 s, but the first settle was at 6 s: the next may come at 36 s.
    expect(r.at).to.deep.equal([6000, 36_000]);
  });

  it('needs work worth 20 times the last settle before the next one', () => {
    // A settle that took 100 ms: the next needs 2,000 ms of work, not 200.
    const r = simulate([1500, 0, ...Array(20).fill(0), 900, 900, 0, ...Array(20).fill(0)], 100);
    expect(r.at).to.deep.equal([4000]);
    const more = simulate([1500, 0, ...Array(20).fill(0), 1000, 1000, 0], 100);
    expect(more.at).to.deep.equal([4000, 50_000]);
  });

  it('never spends more than 1/20 of the work on settling, whatever the load (property)', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 2000 }), { maxLength: 400 }), fc.integer({ min: 1, max: 2000 }), (actives, costMs) => {
      const r = simulate(actives, costMs);
      // Each settle but the first is paid for by 20× its predecessor's cost in work; the first by 200 ms of work.
      expect(r.cost).to.be.at.most(costMs + r.busy / policy.costFactor);
      for (let i = 1; i < r.at.length; i++) expect(r.at[i]! - r.at[i - 1]!).to.be.at.least(policy.minIntervalMs);
    }));
  });
});
