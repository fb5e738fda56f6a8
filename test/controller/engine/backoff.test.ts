import { expect } from 'chai';
import { backoffDelay } from '../../../controller/engine/backoff.js';

describe('controller/engine/backoff', () => {
  const cases: Array<{ name: string; policy: { baseMs: number; capMs: number; jitter?: number }; attempt: number; random?: number; want: number }> = [
    { name: 'first retry is the base', policy: { baseMs: 5, capMs: 300_000 }, attempt: 0, want: 5 },
    { name: 'doubles', policy: { baseMs: 5, capMs: 300_000 }, attempt: 3, want: 40 },
    { name: 'just below the cap', policy: { baseMs: 5, capMs: 300_000 }, attempt: 15, want: 163_840 },
    { name: 'capped', policy: { baseMs: 5, capMs: 300_000 }, attempt: 16, want: 300_000 },
    { name: 'huge attempt stays capped, not NaN', policy: { baseMs: 5, capMs: 300_000 }, attempt: 5000, want: 300_000 },
    { name: 'negative attempt treated as first', policy: { baseMs: 1000, capMs: 30_000 }, attempt: -1, want: 1000 },
    { name: 'jitter adds up to the fraction', policy: { baseMs: 1000, capMs: 30_000, jitter: 0.1 }, attempt: 1, random: 0.5, want: 2100 },
    { name: 'jitter never passes the cap', policy: { baseMs: 1000, capMs: 30_000, jitter: 0.1 }, attempt: 10, random: 0.99, want: 30_000 },
    { name: 'zero random means no jitter', policy: { baseMs: 1000, capMs: 30_000, jitter: 0.1 }, attempt: 2, random: 0, want: 4000 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(backoffDelay(c.policy, c.attempt, () => c.random ?? 0)).to.equal(c.want);
    });
  }
});
