// What a CRD comparison returns: one CrdChange per difference, each with a stable id (the grammar is
// in docs/crd-evolution.md and change-id.ts), a severity and one human sentence.

export type Severity = 'breaking' | 'warning' | 'safe';

/** Every kind of change the comparison reports; kept as a list so tests can check each is covered. */
export const CHANGE_KINDS = [
  // The CRD as a whole (version and path of the id: empty / relative to spec).
  'scope-changed',
  'group-changed',
  'kind-changed',
  'plural-changed',
  'singular-changed',
  'list-kind-changed',
  'short-names-removed',
  'short-names-added',
  'categories-removed',
  'categories-added',
  'conversion-changed',
  // One version (path empty, or naming the column/subresource).
  'version-added',
  'version-removed',
  'version-unserved',
  'version-served',
  'version-deprecated',
  'version-undeprecated',
  'deprecation-warning-changed',
  'storage-version-changed',
  'printer-column-removed',
  'printer-column-added',
  'printer-column-changed',
  'subresource-removed',
  'subresource-added',
  'subresource-changed',
  // One node of a version's openAPIV3Schema (path into the custom resource).
  'property-removed',
  'property-added',
  'type-changed',
  'required-added',
  'required-removed',
  'enum-added',
  'enum-narrowed',
  'enum-widened',
  'enum-removed',
  'pattern-added',
  'pattern-changed',
  'pattern-removed',
  'format-added',
  'format-changed',
  'format-removed',
  'minimum-added',
  'minimum-raised',
  'minimum-lowered',
  'minimum-removed',
  'exclusive-minimum-added',
  'exclusive-minimum-removed',
  'maximum-added',
  'maximum-lowered',
  'maximum-raised',
  'maximum-removed',
  'exclusive-maximum-added',
  'exclusive-maximum-removed',
  'min-length-added',
  'min-length-raised',
  'min-length-lowered',
  'min-length-removed',
  'max-length-added',
  'max-length-lowered',
  'max-length-raised',
  'max-length-removed',
  'min-items-added',
  'min-items-raised',
  'min-items-lowered',
  'min-items-removed',
  'max-items-added',
  'max-items-lowered',
  'max-items-raised',
  'max-items-removed',
  'min-properties-added',
  'min-properties-raised',
  'min-properties-lowered',
  'min-properties-removed',
  'max-properties-added',
  'max-properties-lowered',
  'max-properties-raised',
  'max-properties-removed',
  'multiple-of-added',
  'multiple-of-changed',
  'multiple-of-loosened',
  'multiple-of-removed',
  'unique-items-added',
  'unique-items-removed',
  'nullable-removed',
  'nullable-added',
  'preserve-unknown-fields-removed',
  'preserve-unknown-fields-added',
  'additional-properties-removed',
  'additional-properties-added',
  'embedded-resource-changed',
  'list-type-changed',
  'map-type-changed',
  'validation-rules-added',
  'validation-rules-removed',
  'composition-changed',
  'composition-removed',
  'default-changed',
  'description-changed',
  'schema-too-deep',
] as const;

export type ChangeKind = (typeof CHANGE_KINDS)[number];

export interface CrdChange {
  /** `<version>:<path>:<kind>`, e.g. `v1alpha1:spec.replicas:type-changed`; stable across runs. */
  id: string;
  severity: Severity;
  /** The version the change concerns; absent for changes to the CRD as a whole. */
  version?: string;
  /** Where: a path into the custom resource for schema changes, into the CRD's spec otherwise. */
  path?: string;
  kind: ChangeKind;
  /** One sentence for a person: what changed and what it does to clients or stored objects. */
  message: string;
}

export interface DiffOptions {
  /**
   * Versions objects are stored as. Default: the old CRD's `status.storedVersions`, or when it has
   * no status (a file rather than the cluster's copy) its storage version.
   */
  storedVersions?: string[];
}

export interface ChangeSummary {
  breaking: number;
  warnings: number;
  safe: number;
}
