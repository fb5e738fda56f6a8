// `.metrics` in templates: a CRD's live runtime numbers as upstream names them for status fields
// and conditions — queueDepth, workers (the effective worker count), autoscaleActive ("true" /
// "false"), workersBusyPercent, workersIdlePercent, errorRatePercent, reconcileDurationP95Ms.
// Pure: the controller reads the numbers and passes them in.
import type { AutoscaleMetrics } from './autoscale.js';

export interface RuntimeReading {
  /** The limiter's snapshot: queue depth, busy/idle percent, P95, error rate. */
  snapshot: AutoscaleMetrics;
  /** Reconciles allowed at once now (the autoscale override's or the baseline's). */
  workers: number;
  /** Whether the autoscale override is on (false for a CRD without autoscale). */
  autoscaleActive: boolean;
}

/** The `.metrics` map templates read. */
export function templateMetrics(reading: RuntimeReading): Record<string, number | string> {
  const { snapshot } = reading;
  return {
    queueDepth: snapshot.queueDepth,
    workers: reading.workers,
    autoscaleActive: reading.autoscaleActive ? 'true' : 'false',
    workersBusyPercent: snapshot.workersBusyPercent,
    workersIdlePercent: snapshot.workersIdlePercent,
    errorRatePercent: snapshot.errorRatePercent,
    reconcileDurationP95Ms: snapshot.reconcileDurationP95Ms,
  };
}
