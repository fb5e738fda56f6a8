// A Clock for tests: time stands still until the test calls advance(), which fires due timers
// in time order and lets the promise chains they start settle before moving on. Lives beside
// the port (not under test/) because other controller tests build on it.
import { sleepOn, type Clock, type Timer } from './clock.js';

interface Scheduled {
  at: number;
  seq: number;
  fn: () => void;
}

/** Lets every queued microtask and I/O callback run (promise chains several levels deep). */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export class FakeClock implements Clock {
  private current: number;
  private seq = 0;
  private readonly timers = new Set<Scheduled>();

  constructor(startMs = 0) {
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  setTimer(ms: number, fn: () => void): Timer {
    const entry: Scheduled = { at: this.current + Math.max(0, ms), seq: this.seq++, fn };
    this.timers.add(entry);
    return { cancel: () => this.timers.delete(entry) };
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return sleepOn(this, ms, signal);
  }

  /** Timers scheduled and not yet fired or cancelled. */
  pendingTimers(): number {
    return this.timers.size;
  }

  /** Delays (from now) of the pending timers, soonest first. */
  pendingDelays(): number[] {
    return [...this.timers].sort(byTime).map((t) => t.at - this.current);
  }

  /** Moves time forward by `ms`, firing every timer that falls due, each at its own instant. */
  async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    await settle();
    for (;;) {
      const next = this.soonest();
      if (!next || next.at > target) break;
      this.timers.delete(next);
      this.current = next.at;
      next.fn();
      await settle();
    }
    this.current = target;
    await settle();
  }

  /** Advances exactly to the soonest pending timer and fires what is due then; false if none. */
  async fireNext(): Promise<boolean> {
    const next = this.soonest();
    if (!next) return false;
    await this.advance(next.at - this.current);
    return true;
  }

  private soonest(): Scheduled | undefined {
    let best: Scheduled | undefined;
    for (const t of this.timers) if (!best || byTime(t, best) < 0) best = t;
    return best;
  }
}

function byTime(a: Scheduled, b: Scheduled): number {
  return a.at - b.at || a.seq - b.seq;
}
