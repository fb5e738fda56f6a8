// The CRD controllers as manager units: `caches` (wire, start every informer, wait for sync; not
// leader-gated, so a standby's caches are warm) and `workers` (leader-gated: each CRD's workers
// start once its dependsOn allow, polled until all have started; stopping drains them).
import type { Logger } from '../../shared/log.js';
import type { Clock, Timer } from '../engine/index.js';
import type { Unit } from '../manager/index.js';
import type { CrdSet } from './crd-set.js';
import { unmetDependencies } from './dependencies.js';

const DEPENDENCY_POLL_MS = 500;

export function cachesUnit(set: CrdSet, logger: Logger): Unit {
  const stop = async (): Promise<void> => {
    // A standby never started its workers: its queues still need shutting down (idempotent).
    await Promise.all([...set.controllers.values()].map((c) => c.stop()));
    await Promise.all(set.informers.map((i) => i.stop()));
  };
  return {
    name: 'caches',
    async start() {
      try {
        await set.wire();
        for (const informer of set.informers) informer.start();
        await Promise.all(set.informers.map((i) => i.waitForSync()));
      } catch (e) {
        await stop();
        throw e;
      }
      set.synced = true;
      logger.info('caches synced', { informers: set.informers.length });
    },
    stop,
  };
}

export function workersUnit(set: CrdSet, clock: Clock, logger: Logger): Unit {
  let timer: Timer | undefined;
  let stopped = false;
  const { controllers } = set;
  const startReady = (): void => {
    for (const controller of controllers.values()) {
      if (controller.status !== 'waiting') continue;
      const unmet = unmetDependencies(controller.crd.entry.dependsOn, {
        started: (name) => controllers.get(name)?.status === 'started',
        healthy: (name) => controllers.get(name)?.status === 'started' && controllers.get(name)!.healthy(),
      });
      if (unmet.length === 0) controller.startWorkers();
      else controller.reportWaitingFor(unmet);
    }
    const waiting = [...controllers.values()].some((c) => c.status === 'waiting');
    if (waiting && !stopped) timer = clock.setTimer(DEPENDENCY_POLL_MS, startReady);
  };
  return {
    name: 'workers',
    leaderGated: true,
    async start() {
      startReady();
      for (const a of set.autoscalers) a.start();
      for (const c of controllers.values()) {
        if (c.status === 'waiting') logger.info('workers wait for dependencies', { crd: c.crd.name, dependsOn: c.crd.entry.dependsOn });
      }
    },
    async stop() {
      stopped = true;
      timer?.cancel();
      for (const a of set.autoscalers) a.stop();
      await Promise.all([...controllers.values()].map((c) => c.stop()));
    },
  };
}
