// Validation and mutation rules of a CRD entry (admission and reconcile), with upstream's value
// types. Split from types.ts, which re-exports it.

import type { Condition } from './condition-types.js';

export interface ValidationRule {
  field: string;
  operator?: string;
  value?: unknown;
  message: string;
  action?: 'deny' | 'warn';
  when?: Condition[];
  or?: Condition[];
  /** `reconcile: false`: an admission-only rule, skipped when reconciling. */
  fires?: Fires;
  /** Kept as written; upstream does not use it when testing a rule. */
  valueType?: ValueType;
  link?: string;
  // shorthand operators, as in Condition
  [shorthand: string]: unknown;
}

export interface MutationRule {
  field: string;
  default?: unknown;
  override?: unknown;
  when?: Condition[];
  or?: Condition[];
  fires?: Fires;
  /** The type the rendered default/override is converted to before it is set. */
  valueType?: ValueType;
}

export interface Fires {
  reconcile?: boolean;
}

/** Upstream's value types, with their spellings. */
export type ValueType = 'string' | 'int' | 'integer' | 'float' | 'number' | 'bool' | 'boolean';
