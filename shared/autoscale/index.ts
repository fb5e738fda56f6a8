// shared/autoscale: `operatorBox.autoscale` — when a CRD's workers, queue depth and resync leave
// their baseline, decided from the runtime's metrics and the clock, with interval and cooldown. Pure.
export { templateMetrics, type RuntimeReading } from './template-metrics.js';
export { autoscaleSpec, autoscaleConditionsHold, nextAutoscaleState, AUTOSCALE_METRICS, DEFAULT_COOLDOWN_MS, DEFAULT_INTERVAL_MS, type AutoscaleMetrics, type AutoscaleSettings, type AutoscaleSpec, type AutoscaleState } from './autoscale.js';
export { AUTOSCALE_MANUAL_KEYS, AUTOSCALE_PROFILES, expandAutoscaleProfile, type AutoscaleBaseline } from './profiles.js';
