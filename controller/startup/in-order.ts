// Start-up's many small, independent API calls (CRD reads, applies, Established and discovery
// checks) with a bounded number in flight instead of one after another, failing as the serial loop
// did: with the error of the first item, in input order, that failed (after all have settled).
import { mapBounded } from '../engine/map-bounded.js';

/** How many start-up calls may be in flight at once (the RBAC self-check's number). */
export const STARTUP_CONCURRENCY = 8;

export async function allInOrder<T, R>(items: readonly T[], fn: (item: T) => Promise<R>, limit = STARTUP_CONCURRENCY): Promise<R[]> {
  const settled = await mapBounded(items, limit, (item) => fn(item).then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  ));
  const failed = settled.find((s) => !s.ok);
  if (failed && !failed.ok) throw failed.error;
  return settled.map((s) => (s as { value: R }).value);
}
