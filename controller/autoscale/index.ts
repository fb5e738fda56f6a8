// controller/autoscale: `operatorBox.autoscale` at run time — a resizable limit on a CRD's
// concurrent reconciles with the live metrics its conditions read, and the loop that switches
// workers, queue depth and resync between baseline and override.
export { Autoscaler, type AutoscaleTarget, type Baseline } from './autoscaler.js';
export { ReconcileLimiter } from './limiter.js';
