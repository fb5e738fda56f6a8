// Leader election as a manager unit: competes for the install's Lease from start until stop,
// calls onLead when this replica leads (the manager then starts its leader-gated units), reports
// a lost Lease, and on stop — after the gated units have drained — hands the Lease over at once.
import { OrkError } from '../../shared/errors.js';
import type { Logger } from '../../shared/log.js';
import type { KubeClient } from '../../shared/kube/index.js';
import type { Clock } from '../engine/index.js';
import type { Unit } from '../manager/index.js';
import type { ControllerMetrics } from '../observe/index.js';
import { LeaderElector, type LeaderStatus } from './elector.js';
import type { ElectionTiming } from './timing.js';

export interface LeaderElectionOptions {
  namespace: string;
  /** The Lease name, derived from the install (leaseNameFor). */
  name: string;
  /** This replica (identityFor(pod name)). */
  identity: string;
  /** This replica's rollout revision (pod-template-hash); '' disables the split-brain guard. */
  revision: string;
  timing?: Partial<ElectionTiming>;
}

export interface ElectionContext {
  kube: KubeClient;
  digest: string;
  clock: Clock;
  logger: Logger;
  metrics?: ControllerMetrics;
  onLead(): void;
  onLost(error: OrkError): void;
}

export interface ElectionUnit extends Unit {
  status(): LeaderStatus | undefined;
}

export function electionUnit(le: LeaderElectionOptions, context: ElectionContext): ElectionUnit {
  const { logger, metrics } = context;
  const abort = new AbortController();
  let elector: LeaderElector | undefined;
  return {
    name: 'leader-election',
    status: () => elector?.status(),
    async start() {
      elector = new LeaderElector({
        kube: context.kube, namespace: le.namespace, name: le.name, identity: le.identity,
        digest: context.digest, revision: le.revision, ...le.timing, clock: context.clock, logger,
        onStartedLeading: () => {
          metrics?.setLeader(le.name, true);
          logger.info('leading', { lease: le.name, identity: le.identity, digest: context.digest });
          context.onLead();
        },
        onStoppedLeading: () => {
          metrics?.setLeader(le.name, false);
          context.onLost(new OrkError('LEADERSHIP_LOST', `lost the lease ${le.namespace}/${le.name}; exiting so that a fresh start competes again`, { retry: 'transient' }));
        },
        onBlocked: (reason) => {
          metrics?.setBundleDigestMismatch(true);
          logger.error('bundle digest differs from the leader of the same revision; never leading', { reason: reason.reason, revision: reason.revision, leaderDigest: reason.leaderDigest, digest: reason.ownDigest, leader: reason.leaderIdentity });
        },
      });
      metrics?.setLeader(le.name, false);
      void elector.run(abort.signal);
      logger.info('standing by for the lease', { lease: le.name, identity: le.identity });
    },
    async stop() {
      abort.abort();
      await elector?.release().catch((e: unknown) => logger.warn('cannot release the lease', { err: String(e) }));
    },
  };
}
