// Classifies the differences between two revisions of an apiextensions.k8s.io/v1 CRD as breaking,
// warning or safe, each with a stable id a Komposer can acknowledge (docs/crd-evolution.md). Pure:
// no file, network or cluster access; callers hand in the manifests and the stored versions.
export { diffCrds, sortChanges } from './diff-crds.js';
export { summariseChanges, isBreaking, unacknowledged, unusedAcknowledgements } from './acknowledgements.js';
export { formatChange, formatSummary } from './format.js';
export { changeId } from './change-id.js';
export { MAX_SCHEMA_DEPTH } from './schema-walk.js';
export { CHANGE_KINDS, type ChangeKind, type ChangeSummary, type CrdChange, type DiffOptions, type Severity } from './types.js';
export { pendingStorageMigration, removalWaitsFor, trimStoredVersionsPatch, type PendingStorageMigration } from './storage-migration.js';
