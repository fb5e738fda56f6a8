// The storage-version migration path, as the CRD guard and the controller's migrator both see it.
// Removing a version that objects may still be stored in takes three steps:
//   1. a bundle makes another version the storage version (keeping the old one);
//   2. the controller rewrites every object, so each is stored in the new version;
//   3. the controller trims status.storedVersions to the storage version.
// Only then does the API server accept a CRD without the old version. Pure.
import { isRecord, readCrd } from './read-crd.js';

/** A CRD whose status.storedVersions lists versions besides its storage version (steps 2–3 to do). */
export interface PendingStorageMigration {
  crd: string;
  /** The version every object is to be stored in. */
  storage: string;
  /** Versions objects may still be stored in, to be migrated away from. */
  stale: string[];
  storedVersions: string[];
}

/** Steps 2–3 pending for this (cluster) CRD, or undefined when storedVersions is just the storage version. */
export function pendingStorageMigration(liveCrd: unknown): PendingStorageMigration | undefined {
  const view = readCrd(liveCrd);
  const storage = view.versions.find((v) => v.storage)?.name;
  const stored = view.storedVersions;
  if (storage === undefined || stored === undefined) return undefined;
  const stale = stored.filter((v) => v !== storage);
  if (stale.length === 0) return undefined;
  const meta = isRecord(liveCrd) && isRecord(liveCrd.metadata) ? liveCrd.metadata : {};
  return { crd: typeof meta.name === 'string' ? meta.name : '', storage, stale, storedVersions: stored };
}

/**
 * The JSON patch for the CRD's /status that trims storedVersions to the storage version (step 3).
 * It tests the list it read, so a concurrent change (another writer adding a version) fails it.
 */
export function trimStoredVersionsPatch(pending: PendingStorageMigration): { op: 'test' | 'replace'; path: string; value: unknown }[] {
  return [
    { op: 'test', path: '/status/storedVersions', value: pending.storedVersions },
    { op: 'replace', path: '/status/storedVersions', value: [pending.storage] },
  ];
}

/**
 * Why removing `removed` must wait, naming the step: `liveStorage` is the storage version of the
 * cluster's CRD (undefined when unknown).
 */
export function removalWaitsFor(removed: string, liveStorage: string | undefined): string {
  if (liveStorage === undefined || liveStorage === removed) {
    return `objects are still stored as ${removed} (status.storedVersions), and it is the storage version: step 1 of the storage-version migration first — `
      + `deploy a bundle that keeps ${removed} and makes the new version the storage version; the controller then rewrites every object (step 2) and trims `
      + `status.storedVersions (step 3); remove ${removed} after that`;
  }
  return `objects may still be stored as ${removed} (status.storedVersions): the removal waits for steps 2–3 of the storage-version migration — `
    + `the controller rewrites every object to ${liveStorage}, then trims status.storedVersions to [${liveStorage}] (Event StorageVersionMigrated); `
    + `deploy this once status.storedVersions no longer lists ${removed}`;
}
