// Which Events a reconcile reports, and the core/v1 Event object for each. Events mark
// transitions — first Ready, a new failure, drift corrected, a child recreated or pruned — never
// a no-op resync, so a healthy CR stays quiet. Pure: time and the name suffix come in.
import type { KubeObject } from '../../shared/kube/index.js';
import { kubeTime, READY_REASONS, truncateMessage, type Condition } from './conditions.js';
import type { ChildAction } from './plan.js';
import { describeRef, refOf } from './refs.js';
import type { Outcome } from './status.js';

export const EVENT_COMPONENT = 'orkestra';

export interface EventSpec {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
}

export interface TransitionInput {
  previousReady: Condition | undefined;
  ready: Outcome;
  generation: number | undefined;
  /** The actions that were carried out (failed ones left out). */
  done: readonly ChildAction[];
}

/** Every transition Event of one reconcile: the children's, then the Ready condition's. */
export function transitionEvents(input: TransitionInput): EventSpec[] {
  return [...actionEvents(input), ...readyEvents(input.previousReady, input.ready)];
}

/** Drift corrected, a child recreated or pruned, a spec update applied to running children. */
export function actionEvents(input: Omit<TransitionInput, 'ready'>): EventSpec[] {
  const prev = input.previousReady;
  const events: EventSpec[] = [];
  // Children touched while the spec stood still were changed behind our back.
  const sameGeneration = prev?.status === 'True' && prev.observedGeneration !== undefined && prev.observedGeneration === input.generation;
  const updated: string[] = [];
  for (const action of input.done) {
    if (action.type === 'prune') {
      events.push({ type: 'Normal', reason: 'Pruned', message: `${describeRef(refOf(action.object))} is no longer declared; deleted it` });
      continue;
    }
    if (action.type !== 'apply' && action.type !== 'create') continue;
    const ref = describeRef(refOf(action.child.object));
    const missing = action.type === 'create' || action.reason === 'missing';
    if (sameGeneration && missing) events.push({ type: 'Normal', reason: 'Recreated', message: `${ref} was missing; created it again` });
    else if (sameGeneration) events.push({ type: 'Normal', reason: 'DriftCorrected', message: `${ref} was changed by hand; restored the declared shape` });
    else if (prev?.status === 'True' && !missing) updated.push(ref);
  }
  if (updated.length > 0) {
    events.push({ type: 'Normal', reason: 'Updated', message: `applied generation ${input.generation ?? '?'}: updated ${updated.join(', ')}` });
  }
  return events;
}

/** Ready turning True, or a new (or changed) reason for it being False. */
export function readyEvents(prev: Condition | undefined, ready: Outcome): EventSpec[] {
  if (ready.status === 'True') return prev?.status === 'True' ? [] : [{ type: 'Normal', reason: ready.reason, message: ready.message }];
  if (prev !== undefined && prev.status === ready.status && prev.reason === ready.reason && prev.message === truncateMessage(ready.message)) return [];
  // A child's sleep is declared, not a failure: told as a Normal Event.
  return [{ type: ready.reason === READY_REASONS.sleeping ? 'Normal' : 'Warning', reason: ready.reason, message: ready.message }];
}

/** A core/v1 Event about `cr`, named `<cr>.<suffix>` (suffix: lower-case hex). */
export function eventObject(cr: KubeObject, spec: EventSpec, now: Date, suffix: string): KubeObject {
  const time = kubeTime(now);
  const { name, namespace, uid, resourceVersion } = cr.metadata;
  const involvedObject: Record<string, unknown> = { apiVersion: cr.apiVersion, kind: cr.kind, name };
  if (namespace) involvedObject.namespace = namespace;
  if (uid) involvedObject.uid = uid;
  if (resourceVersion) involvedObject.resourceVersion = resourceVersion;
  return {
    apiVersion: 'v1',
    kind: 'Event',
    // Events of a cluster-scoped object live in `default`, as kubectl and the API server expect.
    metadata: { name: `${name}.${suffix}`, namespace: namespace || 'default' },
    involvedObject,
    reason: spec.reason,
    message: spec.message,
    type: spec.type,
    source: { component: EVENT_COMPONENT },
    reportingComponent: EVENT_COMPONENT,
    firstTimestamp: time,
    lastTimestamp: time,
    count: 1,
  };
}

/**
 * The part after `<cr>.` in an Event's name: the time in hex (as Kubernetes' own recorder does)
 * and 8 random hex digits, so two Events in one millisecond, or from two replicas, do not clash.
 */
export function eventSuffix(now: Date, random: () => number): string {
  let out = now.getTime().toString(16);
  for (let i = 0; i < 8; i++) out += Math.floor(random() * 16).toString(16);
  return out;
}
