// The Clock port: the engine's only source of time. Production code uses `realClock`; tests use
// FakeClock (fake-clock.ts) so that backoff, rate limits and resync are asserted exactly, without
// sleeping. Nothing in controller/engine may call setTimeout or Date.now directly.

/** A scheduled callback that has not fired yet; cancelling twice or after firing is harmless. */
export interface Timer {
  cancel(): void;
}

export interface Clock {
  /** Milliseconds since the epoch (or since the fake's start). */
  now(): number;
  /** Calls `fn` once after `ms` (≤ 0: on the next turn of the event loop). */
  setTimer(ms: number, fn: () => void): Timer;
  /**
   * Resolves after `ms`, or as soon as `signal` aborts (it resolves then too, never rejects:
   * loops that sleep check their own stop flag afterwards).
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Sleep built on any setTimer; shared by the real and the fake clock. */
export function sleepOn(clock: Pick<Clock, 'setTimer'>, ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const onAbort = (): void => {
      timer.cancel();
      resolve();
    };
    const timer = clock.setTimer(ms, () => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    });
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The longest delay Node's setTimeout honours; a longer one (or NaN) fires after 1 ms, with a warning. */
export const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/**
 * setTimeout for any delay: one longer than MAX_TIMEOUT_MS (a resync or requeueAfter of 600h, say)
 * waits in steps of at most that, instead of firing at once and looping. `timers` is for tests.
 */
export function longTimeout(ms: number, fn: () => void, timers: Pick<typeof globalThis, 'setTimeout' | 'clearTimeout'> = globalThis): Timer {
  let handle: ReturnType<typeof setTimeout>;
  const arm = (left: number): void => {
    handle = left > MAX_TIMEOUT_MS ? timers.setTimeout(() => arm(left - MAX_TIMEOUT_MS), MAX_TIMEOUT_MS) : timers.setTimeout(fn, left);
  };
  arm(Number.isNaN(ms) ? 0 : Math.max(0, ms));
  return { cancel: () => timers.clearTimeout(handle) };
}

/**
 * Timers are deliberately not unref'd: a controller backing off after a network failure may
 * hold no socket, and must not let the process exit during that sleep.
 */
export const realClock: Clock = {
  now: () => Date.now(),
  setTimer: (ms, fn) => longTimeout(ms, fn),
  sleep(ms, signal) {
    return sleepOn(realClock, ms, signal);
  },
};
