// The manager alone, with recording units: start order, reverse stop, leader gating, and a
// failing start that stops what had started (newest first) and rethrows.
import { expect } from 'chai';
import { Manager, type Unit } from '../../../controller/manager/index.js';

function recorder() {
  const log: string[] = [];
  const unit = (name: string, extra: { leaderGated?: boolean; failStart?: boolean; failStop?: boolean } = {}): Unit => ({
    name,
    ...(extra.leaderGated ? { leaderGated: true } : {}),
    async start() {
      log.push(`start ${name}`);
      if (extra.failStart) throw new Error(`${name} cannot start`);
    },
    async stop() {
      log.push(`stop ${name}`);
      if (extra.failStop) throw new Error(`${name} cannot stop`);
    },
  });
  return { log, unit };
}

describe('controller/manager', () => {
  it('starts units in the order added and stops them in reverse', async () => {
    const { log, unit } = recorder();
    const m = new Manager({ leaderElection: false }).add(unit('a')).add(unit('b')).add(unit('c'));
    await m.start();
    expect(m.running).to.equal(true);
    await m.stop();
    expect(m.running).to.equal(false);
    expect(log).to.deep.equal(['start a', 'start b', 'start c', 'stop c', 'stop b', 'stop a']);
  });

  it('without an election, leader-gated units start right after the others, in order', async () => {
    const { log, unit } = recorder();
    const m = new Manager({ leaderElection: false }).add(unit('caches')).add(unit('workers', { leaderGated: true })).add(unit('webhook'));
    await m.start();
    expect(log).to.deep.equal(['start caches', 'start webhook', 'start workers']);
  });

  it('with an election, leader-gated units wait for lead(), which starts them once', async () => {
    const { log, unit } = recorder();
    const m = new Manager({ leaderElection: true }).add(unit('caches')).add(unit('election')).add(unit('workers', { leaderGated: true }));
    await m.start();
    expect(log).to.deep.equal(['start caches', 'start election']);
    await m.lead();
    await m.lead();
    expect(log).to.deep.equal(['start caches', 'start election', 'start workers']);
    await m.stop();
    expect(log.slice(3)).to.deep.equal(['stop workers', 'stop election', 'stop caches']);
  });

  it('a standby stops only what it started: gated units that never ran are not stopped', async () => {
    const { log, unit } = recorder();
    const m = new Manager({ leaderElection: true }).add(unit('caches')).add(unit('workers', { leaderGated: true }));
    await m.start();
    await m.stop();
    await m.lead();
    expect(log).to.deep.equal(['start caches', 'stop caches']);
  });

  it('a failing start stops the started units newest first, skips the rest and rethrows', async () => {
    const { log, unit } = recorder();
    const m = new Manager({ leaderElection: false }).add(unit('a')).add(unit('b')).add(unit('c', { failStart: true })).add(unit('d'));
    const error = await m.start().then(() => undefined, (e: unknown) => e);
    expect(String(error)).to.include('c cannot start');
    expect(log).to.deep.equal(['start a', 'start b', 'start c', 'stop b', 'stop a']);
    expect(m.running).to.equal(false);
  });

  it('a failing leader-gated start stops everything started before it', async () => {
    const { log, unit } = recorder();
    const m = new Manager({ leaderElection: true }).add(unit('caches')).add(unit('workers', { leaderGated: true, failStart: true }));
    await m.start();
    const error = await m.lead().then(() => undefined, (e: unknown) => e);
    expect(String(error)).to.include('workers cannot start');
    expect(log).to.deep.equal(['start caches', 'start workers', 'stop caches']);
  });

  it('a failing stop is logged and the other units still stop; stop is idempotent', async () => {
    const { log, unit } = recorder();
    const warnings: string[] = [];
    const logger = { warn: (msg: string, f?: Record<string, unknown>) => warnings.push(`${msg} ${String(f?.unit)}`) } as never;
    const m = new Manager({ leaderElection: false, logger }).add(unit('a')).add(unit('b', { failStop: true })).add(unit('c'));
    await m.start();
    await m.stop();
    await m.stop();
    expect(log.slice(3)).to.deep.equal(['stop c', 'stop b', 'stop a']);
    expect(warnings).to.deep.equal(['unit failed to stop b']);
  });

  it('a unit whose start resolves after stop() began is stopped at once', async () => {
    const log: string[] = [];
    let release: () => void = () => undefined;
    const slow: Unit = {
      name: 'slow',
      start: () => new Promise<void>((resolve) => { release = () => { log.push('start slow'); resolve(); }; }),
      stop: async () => { log.push('stop slow'); },
    };
    const m = new Manager({ leaderElection: false }).add(slow);
    const starting = m.start();
    await m.stop();
    release();
    await starting;
    expect(log).to.deep.equal(['start slow', 'stop slow']);
  });

  it('refuses units added after start, and a second start', async () => {
    const { unit } = recorder();
    const m = new Manager({ leaderElection: false }).add(unit('a'));
    await m.start();
    expect(() => m.add(unit('late'))).to.throw('added after the manager started');
    const error = await m.start().then(() => undefined, (e: unknown) => e);
    expect(String(error)).to.include('starts only once');
  });
});
