// The storage-version migration as a leader-gated manager unit: once this replica leads (the
// start-up checks have applied the bundle's CRDs by then, and name the ones whose apply answer
// showed a stale stored version), each bundle CRD whose storedVersions lists more than its storage
// version is migrated (migrate.ts) in the background; a CRD whose
// pass failed is tried again after RETRY_MS, until every one is current or the unit stops.
import type { BundlePayload } from '../../shared/bundle/payload.js';
import type { KubeClient, KubeObject } from '../../shared/kube/index.js';
import type { Logger } from '../../shared/log.js';
import type { Clock } from '../engine/index.js';
import type { Unit } from '../manager/index.js';
import { storageMigrationMetrics, type ControllerMetrics } from '../observe/index.js';
import { eventObject, eventSuffix } from '../reconcile/events.js';
import { migrateStorage, type MigrationDeps } from './migrate.js';

export const RETRY_MS = 30_000;

export interface StorageUnitContext {
  kube: KubeClient;
  clock: Clock;
  logger: Logger;
  fieldManager: string;
  metrics?: ControllerMetrics;
}

/**
 * `candidates`: the CRDs to look at when the start-up apply already told (applyCrds); undefined:
 * every bundle CRD. A CRD not among them needs no migration now, and gets no read at start.
 */
export function storageMigrationUnit(payload: Pick<BundlePayload, 'crds'>, context: StorageUnitContext, candidates: () => readonly string[] | undefined = () => undefined): Unit {
  const { kube, clock, logger } = context;
  const abort = new AbortController();
  let running: Promise<void> = Promise.resolve();
  const deps: MigrationDeps = {
    kube,
    logger,
    fieldManager: context.fieldManager,
    ...(context.metrics ? { metrics: storageMigrationMetrics(context.metrics.registry) } : {}),
    signal: abort.signal,
    async emit(crd: KubeObject, type, reason, message) {
      const now = new Date(clock.now());
      try {
        await kube.create(eventObject(crd, { type, reason, message }, now, eventSuffix(now, Math.random)));
      } catch (e) {
        logger.warn('could not post an Event', { crd: crd.metadata.name, reason, err: String(e) });
      }
    },
  };
  const loop = async (): Promise<void> => {
    let todo = [...(candidates() ?? payload.crds.map((c) => c.metadata.name))];
    while (todo.length > 0 && !abort.signal.aborted) {
      const again: string[] = [];
      for (const name of todo) {
        if (abort.signal.aborted) return;
        try {
          const outcome = await migrateStorage(deps, name);
          if (outcome === 'failed') again.push(name);
        } catch (e) {
          logger.warn('storage-version migration failed; retried', { crd: name, err: String(e) });
          again.push(name);
        }
      }
      todo = again;
      if (todo.length > 0) await clock.sleep(RETRY_MS, abort.signal);
    }
  };
  return {
    name: 'storage-migration',
    leaderGated: true,
    async start() {
      running = loop().catch((e: unknown) => { logger.error('storage-version migration stopped', { err: String(e) }); });
    },
    async stop() {
      abort.abort();
      await running;
    },
  };
}
