// The controller's process manager: units (caches, leader election, workers, and later the
// webhook server or a fault suite) that start in order and stop in reverse, some only while this
// replica leads. Generic: it knows no Kubernetes; run.ts lists the units.
export { Manager, type ManagerOptions, type Unit } from './manager.js';
