// Wraps a reconcile function so each call is counted the way controller-runtime counts it:
// result success | error | requeue | requeue_after, errors (terminal ones, panics), duration,
// workers busy. The wrapper changes nothing else: results pass through and errors are rethrown
// unchanged to runWorkers.
import type { Counter, Gauge, Histogram } from './prometheus/index.js';
import type { ReconcileResult } from '../engine/workers.js';

export type ReconcileOutcome = 'success' | 'error' | 'requeue' | 'requeue_after';
export const RECONCILE_OUTCOMES: readonly ReconcileOutcome[] = ['success', 'error', 'requeue', 'requeue_after'];

export interface ReconcileInstruments {
  total: Counter<'controller' | 'result'>;
  errors: Counter<'controller'>;
  /** Errors that are not retried with backoff (InstrumentOptions.isTerminal). */
  terminalErrors: Counter<'controller'>;
  /** Unexpected exceptions (InstrumentOptions.isPanic): controller-runtime's recovered panics. */
  panics: Counter<'controller'>;
  time: Histogram<'controller'>;
  activeWorkers: Gauge<'controller'>;
  maxConcurrent: Gauge<'controller'>;
}

export interface InstrumentOptions {
  /** The number of workers runWorkers starts for this controller. */
  maxConcurrentReconciles?: number;
  /** Which errors runWorkers will not retry (counted in terminalErrors as well as errors). */
  isTerminal?: (err: unknown) => boolean;
  /** Which errors are bugs rather than failures (counted in panics as well as errors; still retried). */
  isPanic?: (err: unknown) => boolean;
}

/** The same precedence as runWorkers: requeueAfterMs > 0 wins over requeue. */
export function outcomeOf(result: ReconcileResult | void): Exclude<ReconcileOutcome, 'error'> {
  if (result?.requeueAfterMs !== undefined && result.requeueAfterMs > 0) return 'requeue_after';
  if (result?.requeue) return 'requeue';
  return 'success';
}

export function instrumentReconcileWith<R extends ReconcileResult | void>(
  instruments: ReconcileInstruments,
  now: () => number,
  controller: string,
  reconcile: (key: string) => Promise<R>,
  options: InstrumentOptions = {},
): (key: string) => Promise<R> {
  const labels = { controller };
  const { total, errors, terminalErrors, panics, time, activeWorkers, maxConcurrent } = instruments;
  // Like controller-runtime, every result series exists from the start, at zero.
  for (const result of RECONCILE_OUTCOMES) total.inc({ controller, result }, 0);
  errors.inc(labels, 0);
  terminalErrors.inc(labels, 0);
  panics.inc(labels, 0);
  activeWorkers.set(labels, 0);
  if (options.maxConcurrentReconciles !== undefined) maxConcurrent.set(labels, options.maxConcurrentReconciles);

  return async (key) => {
    const started = now();
    activeWorkers.inc(labels);
    try {
      const result = await Promise.resolve().then(() => reconcile(key));
      total.inc({ controller, result: outcomeOf(result) });
      return result;
    } catch (err) {
      total.inc({ controller, result: 'error' });
      errors.inc(labels);
      if (options.isTerminal?.(err)) terminalErrors.inc(labels);
      if (options.isPanic?.(err)) panics.inc(labels);
      throw err;
    } finally {
      time.observe(labels, Math.max(0, now() - started) / 1000);
      activeWorkers.dec(labels);
    }
  };
}
