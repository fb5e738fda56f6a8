// Storage-version migration: rewrite every stored object to the CRD's storage version, then trim
// status.storedVersions, so an old version can be dropped (docs/crd-evolution.md).
export { migrateStorage, type MigrationDeps, type MigrationOutcome } from './migrate.js';
export { RETRY_MS, storageMigrationUnit, type StorageUnitContext } from './unit.js';
