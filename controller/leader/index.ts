// Leader election for the controller: who of the replicas of one install does the work, and the
// split-brain guard that keeps a replica with other bytes than its rollout siblings from leading.
// Owns the Lease only; starting, stopping and exiting on lost leadership belong to the caller.
export { LeaderElector, type ElectionState, type LeaderElectorOptions, type LeaderStatus, type RunOutcome } from './elector.js';
export { BUNDLE_DIGEST_MISMATCH, type BlockedReason } from './verdict.js';
export { DIGEST_ANNOTATION, REVISION_ANNOTATION } from './lease-record.js';
export { LEASES } from './lease-api.js';
export { checkLeaseNamespace, identityFor, leaseNameFor } from './lease-name.js';
export { checkTiming, DEFAULT_TIMING, type ElectionTiming } from './timing.js';
export { electionUnit, type ElectionContext, type ElectionUnit, type LeaderElectionOptions } from './unit.js';
