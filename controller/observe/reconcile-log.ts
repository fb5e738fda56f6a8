// A reconcileID on every log line written during a reconcile, as controller-runtime does: each
// reconcile runs inside an AsyncLocalStorage context holding a fresh UUID, and the controller's
// logger adds that id to each line written in the context — by any component, however deep, with
// no logger threaded through the reconcile code. The id is added synchronously where the line is
// written, never later in the format stream.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { LogFields, Logger } from '../../shared/log.js';

/** The log field, controller-runtime's spelling. */
export const RECONCILE_ID_FIELD = 'reconcileID';

const current = new AsyncLocalStorage<string>();

/** A new id for one reconcile (a random UUID, as controller-runtime's). */
export function newReconcileId(): string {
  return randomUUID();
}

/** Runs `fn` (and everything it awaits or starts) as reconcile `id`. */
export function inReconcile<T>(id: string, fn: () => T): T {
  return current.run(id, fn);
}

/** The id of the reconcile the caller runs in, if any. */
export function currentReconcileId(): string | undefined {
  return current.getStore();
}

/**
 * `logger`, adding `reconcileID` to each line written inside a reconcile (through any of its
 * methods). Lines that already carry one keep theirs.
 */
export function withReconcileIds(logger: Logger): Logger {
  const withId = (fields?: LogFields): LogFields | undefined => {
    const id = current.getStore();
    return id === undefined || (fields !== undefined && RECONCILE_ID_FIELD in fields) ? fields : { ...fields, [RECONCILE_ID_FIELD]: id };
  };
  return {
    error: (message, fields) => logger.error(message, withId(fields)),
    warn: (message, fields) => logger.warn(message, withId(fields)),
    info: (message, fields) => logger.info(message, withId(fields)),
    debug: (message, fields) => logger.debug(message, withId(fields)),
    log: (level, message, fields) => logger.log(level, message, withId(fields)),
    close: () => logger.close(),
  };
}
