// The workers unit alone, over stand-in controllers and a fake clock: dependsOn decides who
// starts first, waiting ones are polled until they can start, and stop drains every controller
// and cancels the poll. (The caches unit needs informers: run.test.ts and the e2e tests cover it.)
import { expect } from 'chai';
import { silentLogger } from '../../../shared/log.js';
import type { DependencyState } from '../../../shared/katalog/types.js';
import type { CrdSet } from '../../../controller/crd/crd-set.js';
import { workersUnit } from '../../../controller/crd/units.js';
import { FakeClock } from '../../../controller/engine/index.js';

class StandIn {
  status: 'waiting' | 'started' | 'stopped' = 'waiting';
  waitingFor: readonly string[] = [];
  isHealthy = false;
  constructor(readonly crd: { name: string; entry: { dependsOn?: Record<string, DependencyState> } }, private readonly log: string[]) {}
  startWorkers(): void {
    this.status = 'started';
    this.log.push(`start ${this.crd.name}`);
  }
  reportWaitingFor(unmet: readonly string[]): void {
    this.waitingFor = unmet;
  }
  healthy(): boolean {
    return this.isHealthy;
  }
  async stop(): Promise<void> {
    this.status = 'stopped';
    this.log.push(`stop ${this.crd.name}`);
  }
}

function setOf(...controllers: StandIn[]): CrdSet {
  return { controllers: new Map(controllers.map((c) => [c.crd.name, c])), autoscalers: [] } as unknown as CrdSet;
}

describe('controller/crd/units: workersUnit', () => {
  it('is leader-gated', () => {
    expect(workersUnit(setOf(), new FakeClock(), silentLogger()).leaderGated).to.equal(true);
  });

  it('starts controllers whose dependencies are met, polls the others, and stops them all', async () => {
    const log: string[] = [];
    const db = new StandIn({ name: 'db', entry: {} }, log);
    const app = new StandIn({ name: 'app', entry: { dependsOn: { db: 'healthy' } } }, log);
    const clock = new FakeClock();
    const unit = workersUnit(setOf(app, db), clock, silentLogger());
    await unit.start();
    expect(log).to.deep.equal(['start db']);
    expect(app.waitingFor).to.deep.equal(['db (healthy)']);
    expect(clock.pendingTimers()).to.equal(1);

    db.isHealthy = true;
    await clock.advance(500);
    expect(log).to.deep.equal(['start db', 'start app']);
    expect(clock.pendingTimers()).to.equal(0);

    await unit.stop();
    expect(log.slice(2).sort()).to.deep.equal(['stop app', 'stop db']);
  });

  it('stop cancels the poll of a controller still waiting', async () => {
    const log: string[] = [];
    const app = new StandIn({ name: 'app', entry: { dependsOn: { missing: 'started' } } }, log);
    const clock = new FakeClock();
    const unit = workersUnit(setOf(app), clock, silentLogger());
    await unit.start();
    expect(clock.pendingTimers()).to.equal(1);
    await unit.stop();
    expect(clock.pendingTimers()).to.equal(0);
    await clock.advance(5_000);
    expect(log).to.deep.equal(['stop app']);
  });
});
