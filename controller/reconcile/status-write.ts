// Writes a CR's status with a JSON merge patch guarded by the resourceVersion the status was
// computed from: a concurrent change makes it fail with 409 (the caller requeues) instead of
// overwriting. CRDs without a status subresource get the patch on the main resource, without
// observedGeneration (see docs/reconcile.md).
import { isKubeError, type KubeObject } from '../../shared/kube/index.js';
import type { Run } from './run.js';

export type StatusWrite = 'written' | 'unchanged' | 'conflict' | 'gone';

/** Per client: kinds (`apiVersion|kind`) found to have no status subresource. */
const noSubresource = new WeakMap<object, Set<string>>();

/**
 * `build(recordGeneration)` returns the .status merge patch, or undefined when nothing differs.
 */
export async function writeStatus(run: Run, cr: KubeObject, build: (recordGeneration: boolean) => Record<string, unknown> | undefined): Promise<StatusWrite> {
  const { kube, fieldManager } = run.deps;
  const known = noSubresource.get(kube) ?? new Set<string>();
  noSubresource.set(kube, known);
  const resource = await run.crResource();
  const kindKey = `${run.crApiVersion}|${run.crd.apiTypes.kind}`;
  const namespace = resource.namespaced ? cr.metadata.namespace : undefined;
  const send = async (subresource: boolean): Promise<StatusWrite> => {
    const status = build(subresource);
    if (status === undefined) return 'unchanged';
    const body = { metadata: { resourceVersion: cr.metadata.resourceVersion }, status };
    await kube.patch(resource, namespace, cr.metadata.name, body, 'merge', { fieldManager, ...(subresource ? { subresource: 'status' } : {}) });
    run.wrote++;
    return 'written';
  };
  try {
    if (known.has(kindKey)) return await send(false);
    try {
      return await send(true);
    } catch (e) {
      if (!isKubeError(e, 404)) throw e;
      // 404 on /status: the CR is gone, or its CRD serves no status subresource.
      if ((await kube.get(resource, namespace, cr.metadata.name)) === undefined) return 'gone';
      known.add(kindKey);
      run.deps.warn?.(`${run.crd.apiTypes.plural}.${run.crd.apiTypes.group} has no status subresource; status is written with the object and without observedGeneration`);
      return await send(false);
    }
  } catch (e) {
    if (isKubeError(e, 409)) return 'conflict';
    if (isKubeError(e, 404)) return 'gone';
    throw e;
  }
}
