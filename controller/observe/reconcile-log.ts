// A reconcileID on every log line written during a reconcile, as controller-runtime does: each
// reconcile runs inside an AsyncLocalStorage context holding a fresh UUID, and the controller's
// logger adds that id to each line written in the context — by any component, however deep, with
// no logger threaded through the reconcile code. The id is added synchronously where the line is
// written (as winston's child loggers add their fields), never later in the format stream.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { Logger } from '../../shared/log.js';

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
 * `logger`, adding `reconcileID` to each line written inside a reconcile. Lines that already carry
 * one keep theirs. Its children (logger.child) inherit the behaviour.
 */
export function withReconcileIds(logger: Logger): Logger {
  const wrapped = Object.create(logger) as Logger;
  const write = (info: Record<string | symbol, unknown>, ...rest: unknown[]) => {
    const id = current.getStore();
    const line = id === undefined || RECONCILE_ID_FIELD in info ? info : { ...info, [RECONCILE_ID_FIELD]: id };
    return (logger.write as (...args: unknown[]) => boolean)(line, ...rest);
  };
  Object.defineProperty(wrapped, 'write', { value: write });
  return wrapped;
}
