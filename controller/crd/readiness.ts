// /readyz of a running controller: caches synced, and either leading with every CRD's workers
// started or a healthy standby; blocked by the split-brain guard is never ready. Pure.
import type { LeaderStatus } from '../leader/index.js';
import type { CrdSet } from './crd-set.js';

export interface Readiness {
  ok: boolean;
  reason?: string;
}

export function readinessOf(running: boolean, set: CrdSet, leader: LeaderStatus | undefined): Readiness {
  if (!running) return { ok: false, reason: 'stopping' };
  const controllers = [...set.controllers.values()];
  if (!set.synced || !controllers.every((c) => c.crInformer.hasSynced())) return { ok: false, reason: 'caches not synced' };
  if (leader) {
    if (leader.state === 'blocked') {
      const b = leader.blockedReason!;
      return { ok: false, reason: `BundleDigestMismatch: leader ${b.leaderIdentity} of revision ${b.revision} runs ${b.leaderDigest}, this replica ${b.ownDigest}` };
    }
    if (!leader.isLeader) return { ok: true };
  }
  const waiting = controllers.filter((c) => c.status !== 'started').map((c) => c.crd.name);
  return waiting.length === 0 ? { ok: true } : { ok: false, reason: `workers of ${waiting.join(', ')} wait for dependencies` };
}
