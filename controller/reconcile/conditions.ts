// Status conditions in the KEP-1623 shape (type, status, observedGeneration, lastTransitionTime,
// reason, message). lastTransitionTime moves only when status flips, so an unchanged outcome
// yields an identical condition and no write. Pure: time comes in as `now`.

export type ConditionStatus = 'True' | 'False' | 'Unknown';

export interface Condition {
  type: string;
  status: ConditionStatus;
  observedGeneration?: number;
  lastTransitionTime: string;
  reason: string;
  message: string;
}

/** Reasons of the Ready condition (CamelCase, as Kubernetes asks). */
export const READY_REASONS = {
  reconciled: 'Reconciled',
  validationFailed: 'ValidationFailed',
  renderFailed: 'RenderFailed',
  /** The render did more work than the per-CR budget allows (controller/render-budget.ts). */
  budgetExceeded: 'BudgetExceeded',
  applyFailed: 'ApplyFailed',
  childConflict: 'ChildConflict',
  /** A child applied without force (forceConflict: false) has fields another field manager owns (execute.ts). */
  fieldConflict: 'FieldConflict',
  /** A copy's source (fromSecret/fromConfigMap) cannot be read or may not be (sources.ts). */
  sourceUnavailable: 'SourceUnavailable',
  waitingForDependency: 'WaitingForDependency',
  /** allowedNamespaces / restrictedNamespaces keep the CR or its children out (namespace-guard.ts). */
  namespaceNotAllowed: 'NamespaceNotAllowed',
  /** preReconcile.reconcileGate holds the CR (controller/crd/pre-reconcile.ts). */
  reconcileGated: 'ReconcileGated',
  /** operatorBox.when / operatorBox.or do not hold for the CR (box-conditions.ts). */
  conditionsNotMet: 'ConditionsNotMet',
  /** rollBackOnError: the children are rendered from the last good spec (rollback.ts). */
  rolledBack: 'RolledBack',
  /** An `external` call of a phase block failed without continueOnError (controller/crd/phase-external.ts). */
  externalCallFailed: 'ExternalCallFailed',
  /** A child's `sleep` paused the reconcile after that child was written (paused.ts). */
  sleeping: 'Sleeping',
} as const;

/** The render errors that are the CR's or the Katalog's, not the cluster's: they go on Ready. */
export const RENDER_FAILURES: ReadonlySet<string> = new Set(['VALIDATION_DENIED', 'RENDER_INVALID', 'RENDER_BUDGET_EXCEEDED']);

export const READY = 'Ready';
/** Written only when the entry sets `operatorBox.status.conditions: true`. */
export const AVAILABLE = 'Available';

/** KEP-1623 caps messages at 32768 bytes; ours stay far below, but a CR can echo long values. */
const MAX_MESSAGE_CHARS = 8192;

export interface ConditionOutcome {
  type: string;
  status: ConditionStatus;
  reason: string;
  message: string;
  /** Left out when the CR has no status subresource (writing status bumps generation there). */
  observedGeneration?: number;
}

/** The condition to write: the outcome, keeping `previous.lastTransitionTime` unless status flipped. */
export function nextCondition(previous: Condition | undefined, outcome: ConditionOutcome, now: Date): Condition {
  const lastTransitionTime = previous !== undefined && previous.status === outcome.status && typeof previous.lastTransitionTime === 'string'
    ? previous.lastTransitionTime
    : kubeTime(now);
  const condition: Condition = { type: outcome.type, status: outcome.status, lastTransitionTime, reason: outcome.reason, message: truncateMessage(outcome.message) };
  if (outcome.observedGeneration !== undefined) condition.observedGeneration = outcome.observedGeneration;
  return condition;
}

/** `list` with `condition` replacing the one of its type (others kept, in order), or appended. */
export function withCondition(list: readonly Condition[], condition: Condition): Condition[] {
  const at = list.findIndex((c) => c.type === condition.type);
  if (at < 0) return [...list, condition];
  return list.map((c, i) => (i === at ? condition : c));
}

export function findCondition(status: unknown, type: string): Condition | undefined {
  return conditionsOf(status).find((c) => c.type === type);
}

/** The live status's conditions, ignoring anything that is not a condition object. */
export function conditionsOf(status: unknown): Condition[] {
  const list = (status as { conditions?: unknown } | undefined)?.conditions;
  if (!Array.isArray(list)) return [];
  return list.filter((c): c is Condition => typeof c === 'object' && c !== null && typeof (c as Condition).type === 'string');
}

/** metav1.Time: RFC 3339 in UTC with whole seconds. */
export function kubeTime(now: Date): string {
  return now.toISOString().replace(/\.\d+Z$/, 'Z');
}

/** The message as a condition stores it. */
export function truncateMessage(message: string): string {
  return message.length <= MAX_MESSAGE_CHARS ? message : `${message.slice(0, MAX_MESSAGE_CHARS - 1)}…`;
}
