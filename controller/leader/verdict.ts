// What one election attempt should do with the Lease it just read: renew, acquire, wait, or
// refuse (split-brain guard). Pure: expiry is judged by OUR clock from when we last saw the
// record change (as client-go does), never from the remote renewTime.
import type { Candidate, LeaseRecord } from './lease-record.js';

export const BUNDLE_DIGEST_MISMATCH = 'BundleDigestMismatch';

/** Why a replica refuses to lead. */
export interface BlockedReason {
  reason: typeof BUNDLE_DIGEST_MISMATCH;
  /** The revision (pod-template-hash) both this replica and the recorded leader have. */
  revision: string;
  leaderDigest: string;
  ownDigest: string;
  /** Who recorded the other digest ('' when it has released the lease since). */
  leaderIdentity: string;
}

export type Verdict =
  | { action: 'renew' }
  | { action: 'acquire' }
  | { action: 'wait'; holder: string }
  | { action: 'blocked'; blocked: BlockedReason };

/**
 * The guard: replicas of one rollout (same non-empty revision) must run identical bytes, so a
 * digest differing from the one the leader recorded forbids leading. An unknown revision ('' on
 * either side) proves nothing about being siblings, and a different revision is a rollout in
 * progress: neither blocks.
 */
export function digestConflict(recorded: LeaseRecord, self: Candidate): BlockedReason | undefined {
  if (recorded.revision === '' || self.revision === '' || recorded.revision !== self.revision) return undefined;
  if (recorded.digest === '' || recorded.digest === self.digest) return undefined;
  return {
    reason: BUNDLE_DIGEST_MISMATCH,
    revision: self.revision,
    leaderDigest: recorded.digest,
    ownDigest: self.digest,
    leaderIdentity: recorded.holderIdentity,
  };
}

export interface Observation {
  record: LeaseRecord;
  /** Our clock when we first saw this exact record content. */
  observedAtMs: number;
}

/**
 * `fallbackLeaseMs` stands in when the record carries no duration. The lease is still valid while
 * observedAt + duration > now: at exactly the boundary it has expired.
 */
export function judge(seen: Observation, self: Candidate, nowMs: number, fallbackLeaseMs: number): Verdict {
  const { record } = seen;
  if (record.holderIdentity !== '' && record.holderIdentity === self.identity) return { action: 'renew' };
  const blocked = digestConflict(record, self);
  if (blocked) return { action: 'blocked', blocked };
  if (record.holderIdentity === '') return { action: 'acquire' };
  const durationMs = record.leaseDurationSeconds > 0 ? record.leaseDurationSeconds * 1000 : fallbackLeaseMs;
  if (seen.observedAtMs + durationMs > nowMs) return { action: 'wait', holder: record.holderIdentity };
  return { action: 'acquire' };
}
