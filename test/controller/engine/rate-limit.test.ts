import { expect } from 'chai';
import { FakeClock } from '../../../controller/engine/fake-clock.js';
import {
  defaultControllerRateLimiter, ItemExponentialLimiter, MaxOfLimiter, TokenBucketLimiter,
} from '../../../controller/engine/rate-limit.js';

describe('controller/engine/rate-limit', () => {
  it('per-key backoff: 5 ms doubling to 5 min, per key, reset by forget', () => {
    const l = new ItemExponentialLimiter();
    const seq = Array.from({ length: 18 }, () => l.when('a'));
    expect(seq.slice(0, 5)).to.deep.equal([5, 10, 20, 40, 80]);
    expect(seq[15]).to.equal(163_840);
    expect(seq[16]).to.equal(300_000);
    expect(seq[17]).to.equal(300_000);
    expect(l.numRequeues('a')).to.equal(18);
    expect(l.when('b')).to.equal(5);
    l.forget('a');
    expect(l.numRequeues('a')).to.equal(0);
    expect(l.when('a')).to.equal(5);
  });

  it('token bucket: burst at once, then 1/qps apart, refilled by time', async () => {
    const clock = new FakeClock();
    const l = new TokenBucketLimiter(clock, 10, 3);
    expect([l.when(), l.when(), l.when()]).to.deep.equal([0, 0, 0]);
    expect(l.when()).to.be.closeTo(100, 1e-9);
    expect(l.when()).to.be.closeTo(200, 1e-9);
    await clock.advance(1000);
    // 10 tokens accrued in 1 s, minus the 2 borrowed, capped at burst 3.
    expect([l.when(), l.when(), l.when()]).to.deep.equal([0, 0, 0]);
    expect(l.when()).to.be.closeTo(100, 1e-9);
  });

  it('token bucket rejects a nonsensical configuration', () => {
    expect(() => new TokenBucketLimiter(new FakeClock(), 0, 10)).to.throw(RangeError);
    expect(() => new TokenBucketLimiter(new FakeClock(), 10, 0)).to.throw(RangeError);
  });

  it('max-of takes the longer delay and records the failure in every limiter', () => {
    const clock = new FakeClock();
    const item = new ItemExponentialLimiter({ baseMs: 5, capMs: 1000 });
    const bucket = new TokenBucketLimiter(clock, 1, 1);
    const l = new MaxOfLimiter(item, bucket);
    expect(l.when('a')).to.equal(5); // bucket had a token; item says 5
    expect(l.when('a')).to.equal(1000); // bucket: next token in 1 s; item says 10
    expect(item.numRequeues('a')).to.equal(2);
    expect(l.numRequeues('a')).to.equal(2);
    l.forget('a');
    expect(l.numRequeues('a')).to.equal(0);
  });

  it('the default limiter lets 100 failing keys retry at once, then holds the rest to 10/s', () => {
    const clock = new FakeClock();
    const l = defaultControllerRateLimiter(clock);
    const delays = Array.from({ length: 120 }, (_, i) => l.when(`k${i}`));
    expect(delays.slice(0, 100).every((d) => d === 5)).to.equal(true);
    expect(delays[100]).to.be.closeTo(100, 1e-9);
    expect(delays[119]).to.be.closeTo(2000, 1e-9);
  });
});
