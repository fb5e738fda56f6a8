// The renderer's public shapes: what goes in (a CRD entry and one live CR) and what comes out
// (the children to apply, the onDelete children, warnings and computed status fields).
import type { Notice } from '../notify/notices.js';
import type { Issue } from '../errors.js';
import type { CrdEntry, UserNote } from '../katalog/types.js';
import type { RenderBudgetOptions } from './budget.js';
import type { ConditionClock } from './clock.js';
import type { KubeObject } from '../kube/index.js';

// One object model for the renderer, the controller and the resolver (shared/kube).
export type { KubeObject, ObjectMeta, OwnerReference } from '../kube/index.js';

export interface RenderOptions {
  /** Source of randomness for `randomAlphanumeric`; pass a seeded one for reproducible output. */
  random?: () => number;
  /** The work one render may do (default LIMITS.renderSteps; a deadline only with a clock). */
  budget?: RenderBudgetOptions;
  /**
   * The instant time conditions read; the render records in it when one of them can next change
   * (the controller reconciles again then). Absent: the wall clock, nothing reported.
   */
  clock?: ConditionClock;
}

export interface RenderInput {
  crdName: string;
  entry: CrdEntry;
  cr: KubeObject;
  katalogName: string;
  /** The Katalog's user notes (`notes.functions`), callable by name in every template. */
  notes?: readonly UserNote[];
  options?: RenderOptions;
  /**
   * Template data beside the CR, read by the controller before rendering (`cross`: other CRs and
   * runtimes, see controller/cross/). Rendering stays pure: it only reads what it is given.
   */
  context?: Record<string, unknown>;
  /** The kind's other CRs (the controller's cache), read only by a `unique` condition. */
  peers?: () => readonly KubeObject[];
}

/**
 * How the child is cleaned up when its CR goes: by the garbage collector through its
 * ownerReference, or by the controller's finalizer (cluster-scoped or cross-namespace children,
 * which Kubernetes does not allow to carry an ownerReference to a namespaced CR).
 */
export type Cleanup = 'garbageCollector' | 'finalizer';

/**
 * Content the renderer cannot know, which the controller resolves at reconcile time through its
 * reader (controller/reconcile/sources.ts): the data of another Secret or ConfigMap (`fromSecret`,
 * `fromConfigMap`; the child's own data overrides its keys), a generated certificate (`tls`),
 * kept across reconciles, or the rotation of a `once` Secret (`rotateAfter`). `ork template` shows the child without that data and says so.
 */
export type ChildSource =
  | { type: 'copy'; kind: 'Secret' | 'ConfigMap' | 'NetworkPolicy'; namespace: string; name: string }
  | {
    type: 'tls';
    commonName: string;
    dnsNames: string[];
    organization: string;
    /** As written (for people) and in milliseconds. */
    validFor: string;
    validForMs: number;
    /** Regenerate once the Secret is this old (its generated-at annotation); absent: never. */
    rotateAfter?: string;
    rotateAfterMs?: number;
  }
  /** A `once` Secret with `rotateAfter`: its rendered data replaces the live one once it is due. */
  | { type: 'rotate'; rotateAfter: string; rotateAfterMs: number };

export interface DesiredChild {
  object: KubeObject;
  phase: 'onCreate' | 'onReconcile';
  /** Create if absent, never update (entries under onCreate without `reconcile: true`). */
  createOnly: boolean;
  /** A Secret with `once: true`: generated once, never overwritten. */
  once: boolean;
  /** Where in the CRD entry this child was declared, e.g. `operatorBox.onReconcile.deployments[0]`. */
  entryPath: string;
  cleanup: Cleanup;
  /** Data resolved by the controller at reconcile time; absent: the object is complete. */
  source?: ChildSource;
  /** A custom child's initial status (upstream's `status`): written once, after the child is created. */
  initialStatus?: Record<string, unknown>;
  /** The entry's `sleep`: once this child is written, the reconcile stops and resumes after this many ms (pause.ts). */
  pauseMs?: number;
  /** onDelete Jobs: how long after the deletion began it may be created — its sleep plus the sleeps of the Jobs before it (delete-plan.ts). */
  startAfterMs?: number;
  /** Upstream's workload autoscale (workload-autoscale.ts): the controller sets spec.replicas from it. */
  autoscale?: WorkloadScale;
  /** The entry's `forceConflict`; absent: the CRD entry's, else true (execute.ts). */
  forceConflict?: boolean;
}

export interface RenderResult {
  children: DesiredChild[];
  /** Children to create while the CR is being deleted (under the cleanup finalizer). */
  onDelete: DesiredChild[];
  warnings: Issue[];
  /** Those warnings that say what was left out because it could not be evaluated (problems.ts skipSince). */
  skipped: Issue[];
  /** Declared status fields, keyed by their path relative to `.status`. */
  status: Record<string, unknown>;
  /** Held conditions with `notify:` of the rules and children (shared/notify/notices.ts). */
  notices: Notice[];
  /** Those of the status fields and conditions: final unless the status is rendered again with `.children`. */
  statusNotices: Notice[];
}

/** A direction of a workload's autoscale whose conditions hold this reconcile: how far it moves. */
export interface ScaleStep {
  target?: number;
  increment?: number;
  decrement?: number;
}

/** Upstream's workload autoscale of one child, as rendered for this reconcile (workload-autoscale.ts). */
export interface WorkloadScale {
  min?: number;
  max: number;
  cooldownMs: number;
  /** Present only when scaleUp's conditions hold. */
  up?: ScaleStep;
  /** Present only when scaleDown's conditions hold. */
  down?: ScaleStep;
}
