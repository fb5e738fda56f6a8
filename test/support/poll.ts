// Polling for tests against real servers: wait until a probe yields a value, bounded in time.
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The first defined value `probe` returns, polling every `intervalMs`; throws naming `what` after the timeout. */
export async function poll<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(intervalMs);
  }
}

/** poll() with the timeout last (default 30 s). */
export function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  return poll(what, timeoutMs, probe);
}
