// The leader-election record as it lives on a coordination.k8s.io/v1 Lease: reading it out of the
// object, writing the next one (acquire, renew, release) and the two split-brain annotations.
// Pure: no I/O, no clock — callers pass the time in.
import type { KubeObject } from '../../shared/kube/index.js';

export const LEASE_API_VERSION = 'coordination.k8s.io/v1';
export const DIGEST_ANNOTATION = 'orkestra.orkspace.io/bundle-digest';
export const REVISION_ANNOTATION = 'orkestra.orkspace.io/revision';

/** What the elector reads from a Lease: its spec plus the holder's bundle digest and revision. */
export interface LeaseRecord {
  /** '' when nobody holds the lease (never acquired, or released). */
  holderIdentity: string;
  leaseDurationSeconds: number;
  acquireTime: string;
  renewTime: string;
  leaseTransitions: number;
  /** The bundle digest the (last) holder runs; '' when not recorded. */
  digest: string;
  /** The (last) holder's pod-template-hash; '' when not recorded or unknown. */
  revision: string;
}

/** Who is competing: the Lease fields a holder writes about itself. */
export interface Candidate {
  identity: string;
  digest: string;
  revision: string;
}

export function recordOf(lease: KubeObject): LeaseRecord {
  const spec = (lease.spec ?? {}) as Record<string, unknown>;
  const annotations = lease.metadata.annotations ?? {};
  return {
    holderIdentity: typeof spec.holderIdentity === 'string' ? spec.holderIdentity : '',
    leaseDurationSeconds: typeof spec.leaseDurationSeconds === 'number' ? spec.leaseDurationSeconds : 0,
    acquireTime: typeof spec.acquireTime === 'string' ? spec.acquireTime : '',
    renewTime: typeof spec.renewTime === 'string' ? spec.renewTime : '',
    leaseTransitions: typeof spec.leaseTransitions === 'number' ? spec.leaseTransitions : 0,
    digest: annotations[DIGEST_ANNOTATION] ?? '',
    revision: annotations[REVISION_ANNOTATION] ?? '',
  };
}

/**
 * Identity of a record's content: a change of it is what "the holder is alive" means. Remote
 * timestamps are compared only for (in)equality, never against our clock (clock skew).
 */
export function recordKey(r: LeaseRecord): string {
  return JSON.stringify([r.holderIdentity, r.leaseDurationSeconds, r.acquireTime, r.renewTime, r.leaseTransitions, r.digest, r.revision]);
}

/** Lease timestamps are MicroTime: RFC 3339 with exactly six fractional digits. */
export function microTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** The spec a candidate writes to take the lease or to keep it. */
export function heldRecord(previous: LeaseRecord | undefined, self: Candidate, nowMs: number, leaseDurationSeconds: number): LeaseRecord {
  const keeping = previous !== undefined && previous.holderIdentity === self.identity;
  const now = microTime(nowMs);
  return {
    holderIdentity: self.identity,
    leaseDurationSeconds,
    acquireTime: keeping && previous.acquireTime ? previous.acquireTime : now,
    renewTime: now,
    leaseTransitions: previous === undefined ? 0 : keeping ? previous.leaseTransitions : previous.leaseTransitions + 1,
    digest: self.digest,
    revision: self.revision,
  };
}

/**
 * Stepping down: no holder and a one-second duration so any candidate takes it at its next try.
 * The digest and revision stay: siblings of the same revision with other bytes remain blocked.
 */
export function releasedRecord(previous: LeaseRecord, nowMs: number): LeaseRecord {
  const now = microTime(nowMs);
  return { ...previous, holderIdentity: '', leaseDurationSeconds: 1, acquireTime: now, renewTime: now };
}

/** The Lease to create or PUT: `base` (the object as last read) with the record written into it. */
export function leaseWith(base: KubeObject | undefined, namespace: string, name: string, r: LeaseRecord): KubeObject {
  const metadata = base ? { ...base.metadata } : { name, namespace };
  metadata.annotations = { ...(metadata.annotations ?? {}), [DIGEST_ANNOTATION]: r.digest, [REVISION_ANNOTATION]: r.revision };
  return {
    ...(base ?? {}),
    apiVersion: LEASE_API_VERSION,
    kind: 'Lease',
    metadata,
    spec: {
      ...((base?.spec ?? {}) as Record<string, unknown>),
      holderIdentity: r.holderIdentity,
      leaseDurationSeconds: r.leaseDurationSeconds,
      acquireTime: r.acquireTime,
      renewTime: r.renewTime,
      leaseTransitions: r.leaseTransitions,
    },
  };
}
