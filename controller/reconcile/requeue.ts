// How soon a reconcile asks to run again when nothing failed but something is not settled yet.

/** Lost a race (409 on status or finalizers): the cache will have caught up by then. */
export const CONFLICT_REQUEUE_MS = 200;
/** A foreign object holds a child's name; it is not ours to watch, so look again now and then. */
export const CHILD_CONFLICT_REQUEUE_MS = 30_000;
/** A child is being deleted and must be created again once gone. */
export const TERMINATING_REQUEUE_MS = 1_000;
/** How often to look at a running onDelete Job (its watch events usually come first). */
export const CLEANUP_POLL_MS = 2_000;
/** A copy's source (fromSecret/fromConfigMap) is missing: it is not watched, so look again now and then. */
export const SOURCE_REQUEUE_MS = 30_000;
