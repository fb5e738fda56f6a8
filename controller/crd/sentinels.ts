// Sentinels (upstream's preReconcile vocabulary): named booleans saying what changed between the
// old and the new version of a CR in one watch event — generationChanged, labelsChanged, … —
// computed when the event arrives and carried to the reconcile gate. A new object (an add event)
// has every sentinel true: everything about it is new. Pure.
import type { KubeObject } from '../../shared/kube/index.js';

type Meta = KubeObject['metadata'] & Record<string, unknown>;

const COMPARE: Record<string, (m: Meta) => unknown> = {
  generationChanged: (m) => m.generation,
  labelsChanged: (m) => m.labels ?? {},
  annotationsChanged: (m) => m.annotations ?? {},
  deletionStarted: (m) => m.deletionTimestamp !== undefined,
  finalizersChanged: (m) => m.finalizers ?? [],
  nameChanged: (m) => m.name,
  namespaceChanged: (m) => m.namespace ?? '',
  generateNameChanged: (m) => m.generateName ?? '',
  uidChanged: (m) => m.uid,
  resourceVersionChanged: (m) => m.resourceVersion,
  creationTimestampChanged: (m) => m.creationTimestamp,
  deletionGracePeriodSecondsChanged: (m) => m.deletionGracePeriodSeconds,
  ownerReferenceChanged: (m) => m.ownerReferences ?? [],
  managedFieldsChanged: (m) => m.managedFields ?? [],
};

/** Every sentinel name upstream knows, in its documentation's order. */
export const SENTINELS: readonly string[] = Object.keys(COMPARE);

export type SentinelValues = Record<string, boolean>;

/** The declared sentinels for one event; `old` undefined for an add (all true). */
export function computeSentinels(declared: readonly string[], old: KubeObject | undefined, current: KubeObject): SentinelValues {
  const out: SentinelValues = {};
  for (const name of declared) {
    const pick = COMPARE[name];
    if (!pick) continue;
    if (old === undefined) {
      out[name] = true;
      continue;
    }
    const before = pick(old.metadata as Meta);
    const after = pick(current.metadata as Meta);
    // deletionStarted: only the transition from not deleting to deleting.
    out[name] = name === 'deletionStarted' ? before === false && after === true : JSON.stringify(before) !== JSON.stringify(after);
  }
  return out;
}

/** Two events coalesced in the queue: a sentinel is true when it was true in either. */
export function mergeSentinels(a: SentinelValues | undefined, b: SentinelValues): SentinelValues {
  const out: SentinelValues = { ...(a ?? {}) };
  for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? false) || v;
  return out;
}
