// The in-memory shape of a Katalog / Komposer after schema validation (see docs/katalog.md and
// shared/katalog/katalog.schema.json, which is the source of truth; these types mirror it).
// Values that may hold templates stay strings until the renderer evaluates them. One file per
// block of the format; this file re-exports them all, so importers name only types.ts.

export type { Auth, FileImport, HelmImport, Imports, OciImport, RegistryImport } from './import-types.js';
export {
  CLEANUP_FINALIZER,
  COMPONENT_LABEL,
  CREATE_ONLY_ANNOTATION,
  GENERATED_AT_ANNOTATION,
  ROTATE_AFTER_ANNOTATION,
  KATALOG_API_VERSION,
  MANAGED_BY_ANNOTATION,
  MANAGED_LABEL,
  MANAGED_LABEL_VALUE,
  OWNER_LABEL,
  type DocumentKind,
  type KatalogDocument,
  type Metadata,
  type UserNote,
} from './document-types.js';
export type { ApiTypes, CrdEntry, DependencyState, MotifImport, ResolvedCrd } from './crd-types.js';
export {
  RESOURCE_LIST_KEYS,
  type OperatorBox,
  type PhaseSettings,
  type ReconcilerSettings,
  type ResourceListKey,
  type ResourceLists,
} from './operator-box-types.js';
export type { Condition } from './condition-types.js';
export type { ForEach, ResourceEntry } from './resource-types.js';
export type { StatusField, StatusSpec } from './status-types.js';
export type { Fires, MutationRule, ValidationRule, ValueType } from './rule-types.js';
