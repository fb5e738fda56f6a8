// shared/observe: what a CRD entry observes besides its own CRs and children — the secondary
// watches whose changes re-queue its CRs, and how a changed object maps back to those CRs. Pure.
export { watchEntries, watchInformerKey, watchMatches, primaryKeys, OBSERVE_EVENTS, type ObserveEvent, type Primary, type WatchEntry } from './watch.js';
