// One child declaration in a resource list: the common fields, forEach, and the kind-specific
// shorthands. Split from types.ts, which re-exports it.

import type { Condition } from './condition-types.js';

export interface ForEach {
  field: string;
  as?: string;
}

/**
 * One child declaration. Common fields first; the kind-specific shorthands are optional and
 * checked by the schema per list key. Any templated value is a string here.
 */
export interface ResourceEntry {
  name?: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  when?: Condition[];
  or?: Condition[];
  forEach?: ForEach;
  reconcile?: boolean;
  /** Raw, templated spec passed through (any kind). */
  spec?: unknown;
  // Workloads (Deployment / StatefulSet / Job / CronJob)
  image?: string;
  replicas?: number | string;
  port?: number | string;
  env?: unknown;
  envFrom?: unknown;
  resources?: unknown;
  command?: unknown;
  args?: unknown;
  schedule?: string;
  serviceName?: string;
  // Service
  targetPort?: number | string;
  type?: string;
  selector?: Record<string, string>;
  target?: string;
  // ConfigMap / Secret
  data?: Record<string, unknown>;
  stringData?: Record<string, unknown>;
  once?: boolean;
  /** Secret (Orkestra-only): `base64` says `data` is already encoded; default text, as upstream. */
  encoding?: 'text' | 'base64';
  /** The other kind-specific keys upstream documents (see katalog.schema.json, resource.*). */
  [key: string]: unknown;
  // Role / RoleBinding / PVC / Ingress / NetworkPolicy bodies use `spec`-like keys
  rules?: unknown;
  roleRef?: unknown;
  subjects?: unknown;
  // custom: `spec` becomes the object's spec; `body` holds its other top-level fields (e.g. `data`,
  // `rules`), both templated. apiVersion and kind are required for custom and only allowed there.
  apiVersion?: string;
  kind?: string;
  body?: unknown;
  /** custom (upstream): an initial status, and whether the kind has a status subresource. */
  status?: unknown;
  hasStatus?: boolean;
}
