// shared/observe: what a CRD entry observes besides its own CRs and children — the secondary
// watches and the Event triggers whose changes re-queue its CRs, and how a changed object maps
// back to those CRs. Pure.
export { watchEntries, watchInformerKey, watchMatches, primaryKeys, OBSERVE_EVENTS, type ObserveEvent, type Primary, type WatchEntry } from './watch.js';
export { eventTriggers, eventMatches, eventsNamespace, asWatchEntry, EVENT_API_VERSION, type EventTrigger } from './events.js';
