// Carries out a plan against the API server: server-side apply (forced, our field manager),
// create-if-absent, prune with a uid precondition. A child that fails does not stop the others;
// failures are returned so the CR's status can name them before the error goes to the engine.
import { isKubeError, KubeError, type KubeObject } from '../../shared/kube/index.js';
import type { ChildAction } from './plan.js';
import { describeRef, refOf } from './refs.js';
import type { Run } from './run.js';

export interface Executed {
  done: ChildAction[];
  failures: { action: ChildAction; error: KubeError }[];
  /** The objects as the server returned them after a write (for reading child status). */
  written: KubeObject[];
}

export async function executePlan(run: Run, actions: readonly ChildAction[]): Promise<Executed> {
  const out: Executed = { done: [], failures: [], written: [] };
  const { kube, fieldManager } = run.deps;
  for (const action of actions) {
    try {
      switch (action.type) {
        case 'apply': {
          out.written.push(await kube.apply(action.child.object, { fieldManager, force: true }));
          run.wrote++;
          out.done.push(action);
          break;
        }
        case 'create': {
          try {
            out.written.push(await kube.create(action.child.object, { fieldManager }));
            run.wrote++;
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
  }
  return out;
}

export function describeAction(action: ChildAction): string {
  return describeRef(refOf(action.type === 'prune' ? action.object : action.child.object));
}
