// The election's three durations, their defaults and the order they must keep: a leader gives up
// (renew deadline) strictly before any standby may take over (lease duration), and retries
// several times within that deadline. Pure.
import { OrkError } from '../../shared/errors.js';

export interface ElectionTiming {
  leaseDurationMs: number;
  renewDeadlineMs: number;
  retryPeriodMs: number;
}

/** spec.leaseDurationSeconds is an int32. */
const MAX_LEASE_SECONDS = 2 ** 31 - 1;

export const DEFAULT_TIMING: ElectionTiming = { leaseDurationMs: 15_000, renewDeadlineMs: 10_000, retryPeriodMs: 2_000 };

/** Throws OrkError USAGE naming the flag values to fix. */
export function checkTiming(t: ElectionTiming): ElectionTiming {
  const { leaseDurationMs: lease, renewDeadlineMs: renew, retryPeriodMs: retry } = t;
  const all = [lease, renew, retry];
  if (!all.every((v) => Number.isFinite(v) && v > 0)) {
    throw new OrkError('USAGE', `leader election durations must be positive numbers of milliseconds (lease ${lease}, renew deadline ${renew}, retry ${retry})`);
  }
  if (lease < 1000) throw new OrkError('USAGE', `the leader election lease duration must be at least 1 s (the Lease stores whole seconds), not ${lease} ms`);
  if (leaseSeconds(lease) > MAX_LEASE_SECONDS) throw new OrkError('USAGE', `the leader election lease duration must be at most ${MAX_LEASE_SECONDS / 3600 | 0}h (the Lease stores a 32-bit count of seconds), not ${lease} ms`);
  if (!(lease > renew)) throw new OrkError('USAGE', `the leader election lease duration (${lease} ms) must be longer than the renew deadline (${renew} ms)`);
  if (!(renew > retry)) throw new OrkError('USAGE', `the leader election renew deadline (${renew} ms) must be longer than the retry period (${retry} ms)`);
  return t;
}

/** What the Lease records: whole seconds, rounded up so others never wait less than we promise. */
export function leaseSeconds(leaseDurationMs: number): number {
  return Math.ceil(leaseDurationMs / 1000);
}
