// Leader election on one coordination.k8s.io/v1 Lease, with client-go's rules (get or create,
// acquire when free, ours or unchanged for a lease duration by our clock, PUT with the
// resourceVersion, renew every retry period, give up after the renew deadline) plus the
// split-brain guard of verdict.ts. It only decides who leads; the caller starts and stops the work.
import type { Clock, Timer } from '../engine/clock.js';
import { realClock } from '../engine/clock.js';
import { isKubeError, type KubeClient, type KubeObject } from '../../shared/kube/index.js';
import { silentLogger, type Logger } from '../../shared/log.js';
import { LeaseApi } from './lease-api.js';
import { heldRecord, leaseWith, recordKey, recordOf, releasedRecord, type Candidate, type LeaseRecord } from './lease-record.js';
import { checkTiming, DEFAULT_TIMING, leaseSeconds } from './timing.js';
import { judge, type BlockedReason, type Observation } from './verdict.js';

export type ElectionState = 'standby' | 'leader' | 'blocked';

/** Why run() returned: the caller's signal, release(), or leadership lost (renew deadline / taken). */
export type RunOutcome = 'aborted' | 'released' | 'lost';

export interface LeaderElectorOptions {
  kube: KubeClient;
  namespace: string;
  /** The Lease name (leaseNameFor). */
  name: string;
  /** Unique per process (identityFor: pod name + random suffix). */
  identity: string;
  /** The bundle digest this replica runs. */
  digest: string;
  /** pod-template-hash of this replica's ReplicaSet; '' when unknown (the guard then never blocks). */
  revision: string;
  leaseDurationMs?: number;
  renewDeadlineMs?: number;
  retryPeriodMs?: number;
  clock?: Clock;
  logger?: Logger;
  /** Start working. Called without awaiting; a rejection is logged. */
  onStartedLeading(): void | Promise<void>;
  /** Leadership was LOST (not released): stop working at once. run() then resolves 'lost'. */
  onStoppedLeading(): void;
  /** This replica refuses to lead (called once per distinct mismatch). */
  onBlocked?(reason: BlockedReason): void;
}

/** Read-only view for metrics and readiness. */
export interface LeaderStatus {
  state: ElectionState;
  isLeader: boolean;
  /** leader_election_master_status */
  masterStatus: 0 | 1;
  /** standby and leader are healthy; blocked is not ready. */
  ready: boolean;
  /** The holder last seen on the Lease ('' when free or not read yet). */
  holderIdentity: string;
  blockedReason: BlockedReason | undefined;
}

export class LeaderElector {
  private readonly api: LeaseApi;
  private readonly self: Candidate;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly leaseDurationMs: number;
  private readonly renewDeadlineMs: number;
  private readonly retryPeriodMs: number;

  private phase: ElectionState = 'standby';
  private blocked: BlockedReason | undefined;
  /** The record as last seen and when its content last changed, by our clock. */
  private seen: Observation | undefined;
  /** The Lease as last read or written: its resourceVersion is what the next PUT must match. */
  private lease: KubeObject | undefined;
  /** Whether the Lease on the server names us (so release() has something to give up). */
  private holding = false;
  /** Bumped when leadership ends: results of attempts begun before are dropped. */
  private term = 0;
  private deadline: Timer | undefined;
  private failuresInRow = 0;
  private readonly stopper = new AbortController();
  private loop: Promise<RunOutcome> | undefined;
  private releasing = false;
  private lost = false;

  constructor(private readonly options: LeaderElectorOptions) {
    const timing = checkTiming({
      leaseDurationMs: options.leaseDurationMs ?? DEFAULT_TIMING.leaseDurationMs,
      renewDeadlineMs: options.renewDeadlineMs ?? DEFAULT_TIMING.renewDeadlineMs,
      retryPeriodMs: options.retryPeriodMs ?? DEFAULT_TIMING.retryPeriodMs,
    });
    if (options.identity === '') throw new Error('LeaderElector needs a non-empty identity');
    this.leaseDurationMs = timing.leaseDurationMs;
    this.renewDeadlineMs = timing.renewDeadlineMs;
    this.retryPeriodMs = timing.retryPeriodMs;
    this.api = new LeaseApi(options.kube, options.namespace, options.name);
    this.self = { identity: options.identity, digest: options.digest, revision: options.revision };
    this.clock = options.clock ?? realClock;
    this.logger = options.logger ?? silentLogger();
  }

  state(): ElectionState {
    return this.phase;
  }

  isLeader(): boolean {
    return this.phase === 'leader';
  }

  get blockedReason(): BlockedReason | undefined {
    return this.blocked;
  }

  status(): LeaderStatus {
    const isLeader = this.isLeader();
    return {
      state: this.phase,
      isLeader,
      masterStatus: isLeader ? 1 : 0,
      ready: this.phase !== 'blocked',
      holderIdentity: this.seen?.record.holderIdentity ?? '',
      blockedReason: this.blocked,
    };
  }

  /**
   * Competes until `signal` aborts, release() is called, or leadership is lost. Aborting does NOT
   * write the Lease (it expires after its duration, as after a kill); call release() for a fast
   * handover, after the work has stopped.
   */
  run(signal: AbortSignal): Promise<RunOutcome> {
    if (this.loop) throw new Error('LeaderElector.run() was already called; create a new elector to compete again');
    this.loop = this.compete(AbortSignal.any([signal, this.stopper.signal]));
    return this.loop;
  }

  /**
   * Steps down: stops competing and, if the Lease names us, writes it with no holder and a
   * one-second duration so a standby takes it at its next retry. Resolves true when written.
   * Does not call onStoppedLeading (the caller is the one stopping).
   */
  async release(): Promise<boolean> {
    this.releasing = true;
    this.stopper.abort();
    if (this.loop) await this.loop;
    if (this.phase === 'leader') this.endTerm('standby');
    let base = this.lease;
    if (!this.holding || !base) return false;
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const record = releasedRecord(recordOf(base), this.clock.now());
        this.lease = await this.api.update(leaseWith(base, this.api.namespace, this.api.name, record));
        this.holding = false;
        this.logger.info('leadership released', this.fields());
        return true;
      } catch (e) {
        if (!isKubeError(e, 409)) {
          this.logger.warn('lease release failed; the lease expires on its own', { ...this.fields(), err: String(e) });
          return false;
        }
        // Someone wrote meanwhile (our own late renewal, or a new holder): release only if still ours.
        const fresh = await this.api.get().catch(() => undefined);
        if (!fresh || recordOf(fresh).holderIdentity !== this.self.identity) {
          this.holding = false;
          return false;
        }
        base = fresh;
      }
    }
    return false;
  }

  private async compete(stop: AbortSignal): Promise<RunOutcome> {
    this.logger.info('leader election started', { ...this.fields(), leaseDurationMs: this.leaseDurationMs, renewDeadlineMs: this.renewDeadlineMs, retryPeriodMs: this.retryPeriodMs });
    while (!stop.aborted) {
      await this.attempt();
      if (stop.aborted) break;
      await this.clock.sleep(this.retryPeriodMs, stop);
    }
    this.deadline?.cancel();
    if (this.lost) return 'lost';
    if (this.releasing) return 'released';
    if (this.phase === 'leader') {
      this.endTerm('standby');
      this.logger.info('leader election stopped without releasing the lease', this.fields());
    }
    return 'aborted';
  }

  /** One get-then-write round, as client-go's tryAcquireOrRenew. */
  private async attempt(): Promise<void> {
    const term = this.term;
    const startMs = this.clock.now();
    let lease: KubeObject | undefined;
    try {
      lease = await this.api.get();
    } catch (e) {
      this.failed('get', e);
      return;
    }
    if (term !== this.term) return;
    if (!lease) {
      await this.write(undefined, undefined, startMs, term);
      return;
    }
    this.lease = lease;
    const record = recordOf(lease);
    this.observe(record);
    const verdict = judge(this.seen!, this.self, this.clock.now(), this.leaseDurationMs);
    switch (verdict.action) {
      case 'blocked':
        this.holding = false;
        this.lose('the lease was taken by a replica with another bundle', verdict.blocked.leaderIdentity);
        this.block(verdict.blocked);
        return;
      case 'wait':
        this.holding = false;
        this.unblock();
        this.lose('the lease was taken by another replica', verdict.holder);
        return;
      case 'renew':
      case 'acquire':
        this.unblock();
        await this.write(lease, record, startMs, term);
        return;
    }
  }

  /** Creates (no Lease yet) or updates the Lease naming us; success makes or keeps us leader. */
  private async write(base: KubeObject | undefined, previous: LeaseRecord | undefined, startMs: number, term: number): Promise<void> {
    const next = heldRecord(previous, this.self, this.clock.now(), leaseSeconds(this.leaseDurationMs));
    const body = leaseWith(base, this.api.namespace, this.api.name, next);
    let written: KubeObject;
    try {
      written = base ? await this.api.update(body) : await this.api.create(body);
    } catch (e) {
      if (isKubeError(e, 409)) {
        // Another candidate wrote first: it won this round. A leader keeps trying until its deadline.
        this.failuresInRow = 0;
        this.logger.debug('lease changed by another writer', { ...this.fields(), op: base ? 'update' : 'create' });
        return;
      }
      this.failed(base ? 'update' : 'create', e);
      return;
    }
    this.lease = written;
    this.holding = true;
    this.failuresInRow = 0;
    if (term !== this.term) return;
    this.seen = { record: recordOf(written), observedAtMs: this.clock.now() };
    if (this.phase !== 'leader') this.lead();
    // The server applied the write no earlier than startMs, so nobody can take over before
    // startMs + leaseDuration; stopping at startMs + renewDeadline is strictly before that.
    this.deadline?.cancel();
    this.deadline = this.clock.setTimer(startMs + this.renewDeadlineMs - this.clock.now(), () => {
      this.lose('the lease could not be renewed within the renew deadline', this.self.identity);
    });
  }

  private lead(): void {
    this.phase = 'leader';
    this.logger.info('leadership acquired', this.fields());
    if (this.releasing) return;
    try {
      Promise.resolve(this.options.onStartedLeading()).catch((e) => this.logger.error('onStartedLeading failed', { ...this.fields(), err: String(e) }));
    } catch (e) {
      this.logger.error('onStartedLeading failed', { ...this.fields(), err: String(e) });
    }
  }

  /** Involuntary end of leadership: tell the caller, then stop competing. */
  private lose(why: string, holder: string): void {
    if (this.phase !== 'leader') return;
    this.endTerm('standby');
    this.lost = true;
    this.logger.warn('leadership lost', { ...this.fields(), why, holder });
    this.stopper.abort();
    try {
      this.options.onStoppedLeading();
    } catch (e) {
      this.logger.error('onStoppedLeading failed', { ...this.fields(), err: String(e) });
    }
  }

  private endTerm(next: ElectionState): void {
    this.term++;
    this.deadline?.cancel();
    this.deadline = undefined;
    this.phase = next;
  }

  private block(reason: BlockedReason): void {
    const same = this.blocked && this.blocked.leaderDigest === reason.leaderDigest && this.blocked.revision === reason.revision;
    this.phase = 'blocked';
    this.blocked = reason;
    if (same) return;
    this.logger.error('bundle digest differs from the leader of the same revision; this replica will not lead', {
      ...this.fields(), reason: reason.reason, leaderDigest: reason.leaderDigest, ownDigest: reason.ownDigest, leader: reason.leaderIdentity,
    });
    try {
      this.options.onBlocked?.(reason);
    } catch (e) {
      this.logger.error('onBlocked failed', { ...this.fields(), err: String(e) });
    }
  }

  private unblock(): void {
    if (this.phase !== 'blocked') return;
    this.phase = 'standby';
    this.blocked = undefined;
    this.logger.info('bundle digest guard cleared; this replica is a standby again', this.fields());
  }

  /** The observed time moves only when the record's content changes. */
  private observe(record: LeaseRecord): void {
    if (this.seen && recordKey(this.seen.record) === recordKey(record)) return;
    this.seen = { record, observedAtMs: this.clock.now() };
  }

  private failed(op: string, e: unknown): void {
    this.failuresInRow++;
    const fields = { ...this.fields(), op, failures: this.failuresInRow, err: String(e) };
    if (this.phase === 'leader') this.logger.warn('lease renewal failed', fields);
    else if (this.failuresInRow === 1) this.logger.warn('lease unreachable; retrying', fields);
    else this.logger.debug('lease unreachable; retrying', fields);
  }

  private fields(): Record<string, string> {
    return { lease: `${this.api.namespace}/${this.api.name}`, identity: this.self.identity, digest: this.self.digest, revision: this.self.revision };
  }
}
