// The reconciler's public face for the controller: reconcileCr and the ports it needs, plus
// what the engine uses to wire informers (child kinds, the ownership selector).
export { reconcileCr, reportWaiting } from './reconcile.js';
export { reportHeld } from './held.js';
export { carriesRuntimeFinalizer, releaseDeselected } from './deselected.js';
export { markRolledBack } from './rollback-mark.js';
export { rollbackThreshold } from './rollback.js';
export { PauseBook } from './pause-book.js';
export { kubeEventSink, type CrdTarget, type CrKey, type EventSink, type ReconcileDeps, type ReconcileResult } from './run.js';
export { CHILD_CONFLICT_REQUEUE_MS, CLEANUP_POLL_MS, CONFLICT_REQUEUE_MS, TERMINATING_REQUEUE_MS } from './requeue.js';
export type { MaybePromise, ObjectReader } from './reader.js';
export { apiObjectReader, type ApiReaderOptions } from './api-reader.js';
export { childKinds, type ChildKind } from './child-kinds.js';
export { ownedBy, ownedSelector, type OwnerIdentity } from './ownership.js';
export { semanticSubset, childInShape } from './subset.js';
export { planChildren, type ChildAction, type PlanInput } from './plan.js';
export { READY, AVAILABLE, READY_REASONS, type Condition } from './conditions.js';
