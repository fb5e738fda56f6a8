// The Katalog / Komposer document itself: its apiVersion, kind and metadata, the labels and
// annotations the runtime stamps on children, and user notes. Split from types.ts, which
// re-exports it (block by block, as docs/katalog.md describes the format).

import type { CrdEntry, MotifImport } from './crd-types.js';
import type { Imports } from './import-types.js';

export const KATALOG_API_VERSION = 'orkestra.orkspace.io/v1';
export const MANAGED_BY_ANNOTATION = 'orkestra.orkspace.io/managed-by';
/** Children's labels, as the Go runtime stamps them (its `StampOrkestraLabels`): the owner CR's name… */
export const OWNER_LABEL = 'orkestra-owner';
/** …and managed: "true". A child the Go runtime made carries both, so this runtime adopts it. */
export const MANAGED_LABEL = 'orkestra.orkspace.io/managed';
export const MANAGED_LABEL_VALUE = 'true';
/** Only on the pods of a workload a Service `target`s (Orkestra-only): selects that workload's pods. */
export const COMPONENT_LABEL = 'orkestra.orkspace.io/component';
export const CREATE_ONLY_ANNOTATION = 'orkestra.orkspace.io/create-only';
/** On generated (tls) Secrets, as upstream: when it was generated (RFC 3339) and its rotateAfter. */
export const GENERATED_AT_ANNOTATION = 'orkestra.orkspace.io/generated-at';
export const ROTATE_AFTER_ANNOTATION = 'orkestra.orkspace.io/rotate-after';
export const CLEANUP_FINALIZER = 'orkestra.orkspace.io/cleanup';

export type DocumentKind = 'Katalog' | 'Komposer';

/** Everything but `name` is informational: kept in the bundle, no runtime effect. */
export interface Metadata {
  name: string;
  description?: string;
  version?: string;
  labels?: Record<string, string>;
  author?: string;
  license?: string;
  tags?: string[];
  namespace?: string;
  clusterName?: string;
  createdBy?: string;
  projects?: unknown;
}

export interface KatalogDocument {
  apiVersion: typeof KATALOG_API_VERSION;
  kind: DocumentKind;
  metadata: Metadata;
  /** A Komposer's imports (the older spelling `sources:` is read into this). */
  imports?: Imports;
  /** Always present in the model; a Komposer that only imports gets no entries. */
  spec: { crds: Record<string, CrdEntry>; imports?: MotifImport[]; finalizers?: string[] };
  // Katalog-wide upstream blocks, kept as written (no runtime effect yet; see inert-keys.ts).
  lifecycle?: unknown;
  policy?: unknown;
  security?: unknown;
  crossAccess?: unknown;
  gateway?: unknown;
  publish?: unknown;
  notification?: unknown;
  /** User notes (shared/template/user-notes.ts); includes and Motif notes are merged in by the loader. */
  notes?: { include?: string; functions?: UserNote[] };
  profiles?: unknown;
}

export interface UserNote {
  name: string;
  expression: string;
  description?: string;
  shadow?: boolean;
}
