// Carries out a plan against the API server: server-side apply (our field manager; forced unless
// the child or its CRD entry says forceConflict: false, when a field another manager owns is left
// to it and the API server's 409 is reported as a field conflict),
// create-if-absent (then a custom child's initial status, initial-status.ts), prune with a uid
// precondition. A child that fails does not stop the others;
// failures are returned so the CR's status can name them before the error goes to the engine.
import { isKubeError, KubeError, type KubeObject } from '../../shared/kube/index.js';
import type { ChildAction } from './plan.js';
import { writeInitialStatus } from './initial-status.js';
import type { Hold } from './pause-book.js';
import { describeRef, refKey, refOf } from './refs.js';
import type { Run } from './run.js';

export interface Executed {
  done: ChildAction[];
  failures: { action: ChildAction; error: KubeError }[];
  /** Applies without force (forceConflict: false) the API server refused: another manager owns a field. */
  fieldConflicts: { action: ChildAction; error: KubeError }[];
  /** The objects as the server returned them after a write (for reading child status). */
  written: KubeObject[];
  /** A child's `sleep` stopped the plan after that child was written: the actions left for later. */
  paused?: { action: ChildAction; ms: number; total: number; running?: true };
}

/**
 * executePlan with the pauses of children's `sleep` (pause-book.ts): a running pause of this CR
 * stops the plan after its child again; a child written now with a sleep starts one.
 */
export async function executePaced(run: Run, actions: readonly ChildAction[], cr: KubeObject): Promise<Executed> {
  const { pauses, clock } = run.deps;
  const key = `${run.crd.name}|${cr.metadata.namespace ?? ''}|${cr.metadata.name}`;
  const executed = await executePlan(run, actions, pauses?.hold(key, clock.now().getTime()));
  const paused = executed.paused;
  if (paused && !paused.running && paused.action.type !== 'prune') pauses?.start(key, refKey(refOf(paused.action.child.object)), clock.now().getTime(), paused.ms);
  return executed;
}

/** `hold`: a pause already running (pause-book.ts): the plan stops after that child, whatever it needs. */
export async function executePlan(run: Run, actions: readonly ChildAction[], hold?: Hold): Promise<Executed> {
  const out: Executed = { done: [], failures: [], fieldConflicts: [], written: [] };
  const { kube, fieldManager } = run.deps;
  for (const action of actions) {
    if (out.paused) break;
    const before = out.done.length;
    try {
      switch (action.type) {
        case 'apply':
          await applyAction(run, action, out);
          break;
        case 'create': {
          try {
            const created = await kube.create(action.child.object, { fieldManager });
            run.wrote++;
            out.written.push(await writeInitialStatus(run, action.child, created));
            out.done.push(action);
          } catch (e) {
            // Created meanwhile (our cache lagged): create-only means present is enough.
            if (!isKubeError(e, 409)) throw e;
          }
          break;
        }
        case 'prune': {
          const { apiVersion, kind, metadata } = action.object;
          const resource = await kube.resourceFor(apiVersion, kind);
          try {
            // The uid precondition: never delete a same-named object created after we looked.
            await kube.delete(resource, resource.namespaced ? metadata.namespace : undefined, metadata.name, { uid: metadata.uid, propagationPolicy: 'Background' });
            run.wrote++;
            out.done.push(action);
          } catch (e) {
            if (!isKubeError(e, 409)) throw e;
          }
          break;
        }
        case 'skip':
        case 'conflict':
          break;
      }
    } catch (e) {
      if (!(e instanceof KubeError)) throw e;
      out.failures.push({ action, error: e });
    }
    const ms = action.type === 'prune' ? undefined : action.child.pauseMs;
    if (ms && out.done.length > before) out.paused = { action, ms, total: ms };
    else if (hold && action.type !== 'prune' && refKey(refOf(action.child.object)) === hold.child) out.paused = { action, ms: hold.ms, total: hold.total, running: true };
  }
  return out;
}

/** One apply; without force (forceConflict: false) a 409 is the other manager's field, recorded not thrown. */
async function applyAction(run: Run, action: ChildAction & { type: 'apply' }, out: Executed): Promise<void> {
  const { kube, fieldManager } = run.deps;
  const force = action.child.forceConflict ?? run.crd.entry.forceConflict ?? true;
  let applied: KubeObject;
  try {
    applied = await kube.apply(action.child.object, { fieldManager, force });
  } catch (e) {
    if (force || !isKubeError(e, 409)) throw e;
    out.fieldConflicts.push({ action, error: e as KubeError });
    return;
  }
  run.wrote++;
  out.written.push(action.reason === 'missing' ? await writeInitialStatus(run, action.child, applied) : applied);
  out.done.push(action);
}

export function describeAction(action: ChildAction): string {
  return describeRef(refOf(action.type === 'prune' ? action.object : action.child.object));
}
