// The contract each kind builder fulfils: given one rendered entry, produce the object's fields
// after `metadata` (spec, data, rules…). Identity, metadata and ownership are added by the caller.
import type { ChildSource } from '../types.js';
import type { EntryFields } from './fields.js';

export interface KindContext {
  fields: EntryFields;
  /** The child's final name. */
  name: string;
  namespace: string | undefined;
  crName: string;
  crNamespace: string | undefined;
  /** Whether the entry gave its own `name`. */
  named: boolean;
  /** Labels for pod templates, as upstream sets them: the entry's labels plus managed and owner. */
  podLabels: Record<string, string>;
  /** Records a Service `target`, checked once every workload of the CR is known. */
  requireWorkload(target: string, fieldPath: string): void;
  /** Marks content the controller resolves at reconcile time (copies, generated certificates). */
  setSource(source: ChildSource): void;
  /** A custom child's initial status, written by the controller once, right after it creates the child. */
  setInitialStatus(status: Record<string, unknown>): void;
}

export interface KindSpec {
  apiVersion: string;
  kind: string;
  /** The API resource (plural) when it is not the list key in lower case (hpa, pdb). */
  resource?: string;
  /** Entry keys beyond the common ones that this kind takes. */
  fields: readonly string[];
  /** Deployments and StatefulSets: a Service `target` may name them. */
  workload?: boolean;
  build(ctx: KindContext): Record<string, unknown>;
}

/** Keys every entry may carry, whatever its kind. */
export const COMMON_FIELDS = ['name', 'namespace', 'labels', 'annotations', 'when', 'or', 'forEach', 'reconcile'] as const;
