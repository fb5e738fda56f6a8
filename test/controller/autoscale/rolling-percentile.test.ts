import { expect } from 'chai';
import { RollingPercentile } from '../../../controller/autoscale/rolling-percentile.js';

/** The definition: nearest rank over the last `window` values, by sorting them. */
function byDefinition(values: readonly number[], window: number, fraction: number): number {
  const last = values.slice(-window).sort((a, b) => a - b);
  return last.length === 0 ? 0 : last[Math.max(0, Math.ceil(last.length * fraction) - 1)]!;
}

/** A small seeded generator, so a failure repeats. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('controller/autoscale/rolling-percentile', () => {
  const cases: Array<{ name: string; window: number; fraction: number; values: number[]; want: number }> = [
    { name: 'no values is 0', window: 4, fraction: 0.95, values: [], want: 0 },
    { name: 'one value is itself', window: 4, fraction: 0.95, values: [7], want: 7 },
    { name: 'nearest rank of 20 values at 0.95 is the 19th', window: 32, fraction: 0.95, values: Array.from({ length: 20 }, (_, i) => 20 - i), want: 19 },
    { name: 'the oldest value leaves the window', window: 3, fraction: 1, values: [100, 1, 2, 3], want: 3 },
    { name: 'duplicates leave one at a time', window: 2, fraction: 1, values: [5, 5, 1], want: 5 },
    { name: 'a value that is not finite is ignored', window: 3, fraction: 1, values: [1, Number.NaN, 2, Number.POSITIVE_INFINITY], want: 2 },
    { name: 'median', window: 5, fraction: 0.5, values: [9, 1, 5, 3, 7], want: 5 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const p = new RollingPercentile(c.window, c.fraction);
      for (const v of c.values) p.add(v);
      expect(p.value()).to.equal(c.want);
    });
  }

  it('agrees with sorting the window after every value, with ties and eviction', () => {
    for (const [seed, window] of [[1, 1], [2, 7], [3, 256]] as const) {
      const random = lcg(seed);
      const p = new RollingPercentile(window, 0.95);
      const seen: number[] = [];
      for (let i = 0; i < 2000; i++) {
        const v = Math.floor(random() * 50) / 2; // few distinct values: many ties
        p.add(v);
        seen.push(v);
        expect(p.value(), `seed ${seed}, window ${window}, after ${i + 1} values`).to.equal(byDefinition(seen, window, 0.95));
      }
    }
  });

  it('refuses a window or fraction that has no meaning', () => {
    expect(() => new RollingPercentile(0, 0.95)).to.throw(RangeError, /window must be a positive integer, got 0/);
    expect(() => new RollingPercentile(2.5, 0.95)).to.throw(RangeError, /window/);
    expect(() => new RollingPercentile(4, 0)).to.throw(RangeError, /fraction must be in \(0, 1\], got 0/);
    expect(() => new RollingPercentile(4, 1.5)).to.throw(RangeError, /fraction/);
  });
});
