// A custom child's initial status (upstream's `status` on a `custom` entry): written once, right
// after this reconcile created the child. Upstream sends it in the create body, which stores it for
// a kind without a status subresource and drops it for one with; `hasStatus` (true, or a non-empty
// `status`) says it is meant to land. Here: a merge patch to the status subresource, or to the
// object itself when the kind has none (the API server answers 404 for the subresource). Never on a
// later reconcile, and never over a status someone already wrote: the kind's own controller owns it.
import { isKubeError, type KubeObject } from '../../shared/kube/index.js';
import type { DesiredChild } from '../../shared/render/index.js';
import type { Run } from './run.js';

/** The object after its initial status was written, or `written` when there is nothing to write. */
export async function writeInitialStatus(run: Run, child: DesiredChild, written: KubeObject): Promise<KubeObject> {
  const status = child.initialStatus;
  if (!status || !statusEmpty(written.status)) return written;
  const { kube, fieldManager } = run.deps;
  const resource = await kube.resourceFor(written.apiVersion, written.kind);
  const namespace = resource.namespaced ? written.metadata.namespace : undefined;
  const name = written.metadata.name;
  for (const subresource of ['status', undefined]) {
    try {
      const out = await kube.patch(resource, namespace, name, { status }, 'merge', { fieldManager, ...(subresource ? { subresource } : {}) });
      run.wrote++;
      return out;
    } catch (e) {
      // 404 on the subresource: the kind has none, so status lives in the object; 404 there: gone.
      if (!isKubeError(e, 404)) throw e;
    }
  }
  return written;
}

function statusEmpty(status: unknown): boolean {
  return status === undefined || status === null || (typeof status === 'object' && Object.keys(status).length === 0);
}
