// A small manager of start/stop units, after controller-runtime's Runnable and Manager: units
// start in the order added and stop in reverse; leader-gated units start only once this replica
// leads (at once when there is no election). A start that fails stops what had started, newest
// first, and rethrows. Every unit is testable alone; the manager knows nothing of Kubernetes.
import type { Logger } from '../../shared/log.js';

export interface Unit {
  /** For logs and errors: `informers`, `leader-election`, `workers`. */
  readonly name: string;
  /** Start only while this replica holds the leader Lease. */
  readonly leaderGated?: boolean;
  /** Resolves when the unit is up (an informer unit: when its caches are synced). */
  start(): Promise<void>;
  /** Releases what start took; called once, and only for a unit whose start resolved. */
  stop(): Promise<void>;
}

export interface ManagerOptions {
  /** Leader-gated units wait for lead(); without an election they start right after the others. */
  leaderElection: boolean;
  logger?: Logger;
}

export class Manager {
  private readonly units: Unit[] = [];
  private readonly started: Unit[] = [];
  private phase: 'new' | 'running' | 'stopping' | 'stopped' = 'new';
  private leading = false;

  constructor(private readonly options: ManagerOptions) {}

  add(unit: Unit): this {
    if (this.phase !== 'new') throw new Error(`unit ${unit.name} added after the manager started`);
    this.units.push(unit);
    return this;
  }

  /** Starts the units that need no leadership (and, without an election, all the others). */
  async start(): Promise<void> {
    if (this.phase !== 'new') throw new Error('the manager starts only once');
    this.phase = 'running';
    await this.startEach((u) => !u.leaderGated);
    if (!this.options.leaderElection) await this.lead();
  }

  /** This replica leads: start the leader-gated units, in order. Later calls do nothing. */
  async lead(): Promise<void> {
    if (this.leading || this.phase !== 'running') return;
    this.leading = true;
    await this.startEach((u) => u.leaderGated === true);
  }

  /** True between start() and stop(). */
  get running(): boolean {
    return this.phase === 'running';
  }

  /** Stops every started unit, newest first; a failing stop is logged and the others still stop. */
  async stop(): Promise<void> {
    if (this.phase === 'stopping' || this.phase === 'stopped') return;
    this.phase = 'stopping';
    while (this.started.length > 0) {
      const unit = this.started.pop()!;
      try {
        await unit.stop();
      } catch (e) {
        this.options.logger?.warn('unit failed to stop', { unit: unit.name, err: String(e) });
      }
    }
    this.phase = 'stopped';
  }

  private async startEach(selected: (u: Unit) => boolean): Promise<void> {
    for (const unit of this.units.filter(selected)) {
      if (this.phase !== 'running') return;
      try {
        await unit.start();
      } catch (e) {
        await this.stop();
        throw e;
      }
      this.started.push(unit);
      // A stop() that ran while this start was pending could not see the unit: stop it now.
      if (this.phase !== 'running') await this.stopLate(unit);
    }
  }

  private async stopLate(unit: Unit): Promise<void> {
    this.started.pop();
    await unit.stop().catch((e: unknown) => this.options.logger?.warn('unit failed to stop', { unit: unit.name, err: String(e) }));
  }
}
