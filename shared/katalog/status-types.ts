// The operatorBox status block: fields written to the CR's status and the conditions switch.
// Split from types.ts, which re-exports it.

import type { Condition } from './condition-types.js';

export interface StatusField {
  path: string;
  value: string;
  /** Upstream's spellings str, "", integer and boolean are normalised to string, int and bool. */
  type?: 'string' | 'int' | 'float' | 'bool' | 'auto';
  when?: Condition[];
  or?: Condition[];
  /** Write "" while the conditions fail (default: keep the last written value). */
  clearOnFalse?: boolean;
}

export interface StatusSpec {
  conditions?: boolean;
  fields?: StatusField[];
  /** A file of more fields, resolved by the resolver. */
  include?: string;
}
