// Polling for tests against real servers: wait until a probe yields a value, bounded in time.
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The first defined value `probe` returns, polling every 100 ms; throws naming `what` after the timeout. */
export async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}
