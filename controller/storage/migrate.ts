// One pass of the storage-version migration for one CRD (steps 2–3 of shared/crd-diff/
// storage-migration.ts): when the cluster's CRD lists versions in status.storedVersions besides
// its storage version, every object is rewritten with a no-op update (an empty merge patch: the
// API server decodes it, converts it — through the conversion webhook when there is one — and
// stores it again in the storage version), then storedVersions is trimmed to the storage version
// with a patch that tests the list it read. Objects created meanwhile are written in the storage
// version already. Progress goes to metrics and Events on the CRD.
import { pendingStorageMigration, trimStoredVersionsPatch } from '../../shared/crd-diff/index.js';
import { isKubeError, type KubeClient, type KubeObject } from '../../shared/kube/index.js';
import type { Logger } from '../../shared/log.js';
import type { StorageMigrationMetrics } from '../observe/index.js';

export type MigrationOutcome = 'current' | 'migrated' | 'failed' | 'stopped';

export interface MigrationDeps {
  kube: KubeClient;
  logger: Logger;
  fieldManager: string;
  metrics?: StorageMigrationMetrics;
  /** Posts an Event about the CRD; failures to post are the caller's to log. */
  emit(crd: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string): Promise<void>;
  signal: AbortSignal;
}

const CRD_API = 'apiextensions.k8s.io/v1';
const PAGE = 500;

/** Migrates the CRD named `name` if it needs it; never throws for one object's failure. */
export async function migrateStorage(deps: MigrationDeps, name: string): Promise<MigrationOutcome> {
  const { kube, logger, metrics } = deps;
  const crdResource = await kube.resourceFor(CRD_API, 'CustomResourceDefinition');
  const live = await kube.get(crdResource, undefined, name);
  const pending = live && pendingStorageMigration(live);
  if (!live || !pending) return 'current';
  const spec = (live as { spec?: { group?: string; names?: { kind?: string } } }).spec;
  kube.invalidateDiscovery();
  const resource = await kube.resourceFor(`${spec?.group}/${pending.storage}`, spec?.names?.kind ?? '');
  const objects = (await kube.list(resource, { limit: PAGE, metadataOnly: true })).items;
  const from = pending.stale.join(', ');
  logger.info('storage-version migration started', { crd: name, from: pending.stale, to: pending.storage, objects: objects.length });
  await deps.emit(live, 'Normal', 'StorageVersionMigrationStarted', `rewriting ${objects.length} objects that may be stored as ${from} to ${pending.storage}`);
  const labels = { crd: name };
  metrics?.remaining.set(labels, objects.length);
  const failed: string[] = [];
  let left = objects.length;
  for (const object of objects) {
    if (deps.signal.aborted) return 'stopped';
    const { namespace, name: objectName } = object.metadata;
    try {
      await kube.patch(resource, resource.namespaced ? namespace : undefined, objectName, {}, 'merge', { fieldManager: deps.fieldManager });
      metrics?.rewritten.inc(labels);
    } catch (e) {
      // Gone since the list: nothing left to migrate for it.
      if (!isKubeError(e, 404)) {
        failed.push(`${namespace ? `${namespace}/` : ''}${objectName}: ${e instanceof Error ? e.message : String(e)}`);
        metrics?.failures.inc(labels);
      }
    }
    metrics?.remaining.set(labels, --left);
  }
  if (failed.length > 0) {
    const message = `${failed.length} of ${objects.length} objects could not be rewritten to ${pending.storage} (first: ${failed[0]}); status.storedVersions is left as it is and the migration is retried`;
    logger.warn('storage-version migration incomplete', { crd: name, failed: failed.length, first: failed[0] });
    await deps.emit(live, 'Warning', 'StorageVersionMigrationFailed', message);
    return 'failed';
  }
  try {
    await kube.patch(crdResource, undefined, name, trimStoredVersionsPatch(pending), 'json', { subresource: 'status', fieldManager: deps.fieldManager });
  } catch (e) {
    // The test op failed (422) or the CRD changed (409): read again on the next pass.
    if (isKubeError(e, 409) || isKubeError(e, 422)) return 'failed';
    throw e;
  }
  metrics?.completed.inc(labels);
  logger.info('storage-version migration finished', { crd: name, to: pending.storage, rewritten: objects.length });
  await deps.emit(live, 'Normal', 'StorageVersionMigrated',
    `${objects.length} objects rewritten to ${pending.storage}; status.storedVersions trimmed to [${pending.storage}]: ${from} can now be removed from the CRD`);
  return 'migrated';
}
