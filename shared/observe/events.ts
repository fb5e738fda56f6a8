// Event triggers (`operatorBox.observe.events`): Kubernetes Events (events.k8s.io/v1, which serves
// core Events too) that re-queue a CRD's CRs. A map of declarations; each non-empty field is a
// constraint the Event must meet (reason, action, type, reportingController, reportingInstance,
// namespace, regarding/related by apiVersion, kind, name, namespace), `on` picks create / update /
// delete (default all). Routing, as upstream, is the secondary watches': keyFrom.label on the
// Event, keyFrom.name, else every CR of the primary (broadcast) — `regarding` only matches. Pure.
import type { CrdEntry } from '../katalog/types.js';
import type { KubeObject } from '../kube/index.js';
import { OBSERVE_EVENTS, type ObserveEvent, type WatchEntry } from './watch.js';

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

export const EVENT_API_VERSION = 'events.k8s.io/v1';
const FIELDS = ['reason', 'action', 'type', 'reportingController', 'reportingInstance'] as const;
const REF_FIELDS = ['apiVersion', 'kind', 'name', 'namespace'] as const;

type ObjectRef = Partial<Record<(typeof REF_FIELDS)[number], string>>;

export interface EventTrigger {
  /** The declaration's key under observe.events. */
  name: string;
  fields: Partial<Record<(typeof FIELDS)[number], string>>;
  namespace?: string;
  /** `name:`, the one Event (metadata.name) the trigger matches, as upstream's EventEntry.Name. */
  objectName?: string;
  regarding?: ObjectRef;
  related?: ObjectRef;
  on: readonly ObserveEvent[];
  keyFrom?: { label?: string; name?: string; namespace?: string };
  /** `operatorBox.observe.events.<name>`, for logs. */
  path: string;
}

/** The Event triggers an entry declares, in declaration order; empty declarations are skipped. */
export function eventTriggers(entry: CrdEntry): EventTrigger[] {
  const box = (entry.operatorBox ?? {}) as Rec;
  const events = isRecord(box.observe) ? box.observe.events : undefined;
  if (!isRecord(events)) return [];
  const out: EventTrigger[] = [];
  for (const [name, item] of Object.entries(events)) {
    if (!isRecord(item)) continue;
    const trigger: EventTrigger = { name, fields: {}, on: onOf(item.on), path: `operatorBox.observe.events.${name}` };
    for (const f of FIELDS) if (text(item[f])) trigger.fields[f] = text(item[f])!;
    if (text(item.namespace)) trigger.namespace = text(item.namespace)!;
    if (text(item.name)) trigger.objectName = text(item.name)!;
    const regarding = refOf(item.regarding);
    const related = refOf(item.related);
    if (regarding) trigger.regarding = regarding;
    if (related) trigger.related = related;
    const keyFrom = isRecord(item.keyFrom) ? item.keyFrom : undefined;
    if (keyFrom && text(keyFrom.label)) trigger.keyFrom = { label: text(keyFrom.label)! };
    else if (keyFrom && text(keyFrom.name)) trigger.keyFrom = { name: text(keyFrom.name)!, ...(text(keyFrom.namespace) ? { namespace: text(keyFrom.namespace)! } : {}) };
    const constrained = Object.keys(trigger.fields).length > 0 || trigger.namespace || trigger.objectName || trigger.regarding || trigger.related || trigger.keyFrom;
    if (constrained) out.push(trigger);
  }
  return out;
}

function onOf(value: unknown): readonly ObserveEvent[] {
  return Array.isArray(value) ? OBSERVE_EVENTS.filter((e) => (value as unknown[]).includes(e)) : OBSERVE_EVENTS;
}

function refOf(value: unknown): ObjectRef | undefined {
  if (!isRecord(value)) return undefined;
  const ref: ObjectRef = {};
  for (const f of REF_FIELDS) if (text(value[f])) ref[f] = text(value[f])!;
  return Object.keys(ref).length > 0 ? ref : undefined;
}

/**
 * The namespace one informer must watch for these triggers: theirs when they all name the same
 * one, else every namespace (undefined).
 */
export function eventsNamespace(triggers: readonly EventTrigger[]): string | undefined {
  const namespaces = new Set(triggers.map((t) => t.namespace));
  return namespaces.size === 1 ? [...namespaces][0] : undefined;
}

/** Whether this change of this Event concerns the trigger. */
export function eventMatches(trigger: EventTrigger, change: ObserveEvent, event: KubeObject): boolean {
  if (!trigger.on.includes(change)) return false;
  const e = event as unknown as Rec;
  if (trigger.namespace !== undefined && event.metadata.namespace !== trigger.namespace) return false;
  if (trigger.objectName !== undefined && event.metadata.name !== trigger.objectName) return false;
  for (const [f, want] of Object.entries(trigger.fields)) if (e[f] !== want) return false;
  return refMatches(trigger.regarding, e.regarding) && refMatches(trigger.related, e.related);
}

function refMatches(want: ObjectRef | undefined, got: unknown): boolean {
  if (want === undefined) return true;
  if (!isRecord(got)) return false;
  return Object.entries(want).every(([f, v]) => got[f] === v);
}

/** The trigger as a watch entry, so the watches' key resolution (primaryKeys) routes it. */
export function asWatchEntry(trigger: EventTrigger): WatchEntry {
  return { apiVersion: EVENT_API_VERSION, kind: 'Event', on: trigger.on, path: trigger.path, ...(trigger.keyFrom ? { keyFrom: trigger.keyFrom } : {}) };
}
