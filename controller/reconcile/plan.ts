// Plans what one reconcile does to a CR's children, from what is desired and what is live:
// apply (missing or drifted), create (create-only and absent), skip, prune (ours, no longer
// desired), or conflict (a foreign object holds a child's name). Pure; the shell executes it.
// Jobs are never pruned: a Job is the record of a run (a state machine's earlier steps, gated
// off by `when` once they are done), and goes with its CR through its ownerReference.
import type { DesiredChild } from '../../shared/render/index.js';
import type { KubeObject } from '../../shared/kube/index.js';
import { collectedWith, ownedBy, type OwnerIdentity } from './ownership.js';
import { refKey, refOf, type ObjectRef } from './refs.js';
import { childInShape } from './subset.js';

export type ChildAction =
  | { type: 'apply'; child: DesiredChild; reason: 'missing' | 'drifted' }
  | { type: 'create'; child: DesiredChild }
  | { type: 'skip'; child: DesiredChild; reason: 'inShape' | 'createOnly' | 'once' | 'terminating' | 'unresolved' }
  | { type: 'conflict'; child: DesiredChild; live: KubeObject }
  | { type: 'prune'; object: KubeObject };

export interface PlanInput extends OwnerIdentity {
  desired: readonly DesiredChild[];
  /** The live object at a desired child's place, from the cache. */
  live: (ref: ObjectRef) => KubeObject | undefined;
  /** Live objects carrying this CR's ownership labels (candidates for pruning). */
  owned: readonly KubeObject[];
  /** Desired children whose content could not be resolved (sources.ts): left alone, never pruned. */
  held?: readonly DesiredChild[];
}

/** Actions in desired order (the renderer's dependency-friendly order), prunes last. */
export function planChildren(input: PlanInput): ChildAction[] {
  const actions: ChildAction[] = [];
  const wanted = new Set<string>();
  for (const child of input.desired) {
    const object = child.object;
    wanted.add(refKey(refOf(object)));
    actions.push(planOne(child, input.live(refOf(object)), input));
  }
  for (const child of input.held ?? []) {
    wanted.add(refKey(refOf(child.object)));
    actions.push({ type: 'skip', child, reason: 'unresolved' });
  }
  for (const object of input.owned) {
    if (wanted.has(refKey(refOf(object)))) continue;
    if (object.metadata.deletionTimestamp || isJob(object)) continue;
    if (ownedBy(object, input)) actions.push({ type: 'prune', object });
  }
  return actions;
}

/** A batch Job: run to completion, kept once it ran (upstream never deletes a Job either). */
function isJob(object: KubeObject): boolean {
  return object.kind === 'Job' && object.apiVersion.startsWith('batch/');
}

function planOne(child: DesiredChild, live: KubeObject | undefined, owner: OwnerIdentity): ChildAction {
  const createOnly = child.createOnly || child.once;
  if (live === undefined) return createOnly ? { type: 'create', child } : { type: 'apply', child, reason: 'missing' };
  // Present is enough for create-only children: never overwritten, whoever made them.
  if (createOnly) return { type: 'skip', child, reason: child.once ? 'once' : 'createOnly' };
  // Ours by labels, or by an ownerReference to this CR (labels stripped by hand come back).
  if (!ownedBy(live, owner) && !collectedWith(live, owner.cr)) return { type: 'conflict', child, live };
  // Applying to an object on its way out changes nothing; it is created again once gone.
  if (live.metadata.deletionTimestamp) return { type: 'skip', child, reason: 'terminating' };
  return childInShape(child.object, live) ? { type: 'skip', child, reason: 'inShape' } : { type: 'apply', child, reason: 'drifted' };
}
