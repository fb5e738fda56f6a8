import { expect } from 'chai';
import { DelayHeap } from '../../../controller/engine/delay-heap.js';

describe('controller/engine/delay-heap', () => {
  it('pops due keys soonest first and keeps the rest', () => {
    const h = new DelayHeap();
    const times = [50, 10, 40, 30, 20, 60, 5];
    times.forEach((t, i) => h.offer(`k${i}`, t));
    expect(h.peekAt()).to.equal(5);
    expect(h.popDue(35)).to.deep.equal(['k6', 'k1', 'k4', 'k3']);
    expect(h.size).to.equal(3);
    expect(h.popDue(100)).to.deep.equal(['k2', 'k0', 'k5']);
    expect(h.peekAt()).to.equal(undefined);
  });

  it('one entry per key: an earlier time replaces a later one, a later one is ignored', () => {
    const h = new DelayHeap();
    expect(h.offer('a', 100)).to.equal(true);
    expect(h.offer('a', 200)).to.equal(false);
    expect(h.offer('a', 10)).to.equal(true);
    expect(h.size).to.equal(1);
    expect(h.popDue(10)).to.deep.equal(['a']);
  });

  it('stays ordered under many random offers', () => {
    const h = new DelayHeap();
    let seed = 7;
    const rand = (): number => (seed = (seed * 16807) % 2147483647) % 10_000;
    const best = new Map<string, number>();
    for (let i = 0; i < 2000; i++) {
      const key = `k${rand() % 300}`;
      const at = rand();
      h.offer(key, at);
      best.set(key, Math.min(best.get(key) ?? Infinity, at));
    }
    const out = h.popDue(Infinity);
    expect(out.length).to.equal(best.size);
    const ats = out.map((k) => best.get(k)!);
    expect(ats).to.deep.equal([...ats].sort((a, b) => a - b));
  });
});
