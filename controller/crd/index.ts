// The CRD controllers of one bundle: per CRD a control loop (CrdController) over its CR informer,
// the child-kind informers and the cache reader they share, dependsOn between CRDs, and the two
// manager units (caches, workers) that start and stop them; readiness for /readyz.
export { CrdController, DEFAULT_RESYNC, DEFAULT_WORKERS, resyncMsOf, type ControllerState } from './crd-controller.js';
export { CrdSet, crdTargets, type CrdSetContext } from './crd-set.js';
export { CacheReader } from './cache-reader.js';
export { readsChildStatus, statusOnlyUpdate } from './child-updates.js';
export { unmetDependencies, type DependencyView } from './dependencies.js';
export { cachesUnit, workersUnit } from './units.js';
export { readinessOf, type Readiness } from './readiness.js';
