// The children a CR's status is rendered from, enriched as its CRD entry asks (`enrich:` /
// `enrichAll:`, controller/enrich/; plus the endpoint reads a status reading endpointsReady or
// hasEndpoints implies, shared/enrich/implicit.ts). Nothing is read when the entry does not enrich or when no
// status field reads `.children`: enrichment costs only where a template can see it.
import { effectiveEnrichSpec } from '../../shared/enrich/index.js';
import type { KubeObject } from '../../shared/kube/index.js';
import { childrenContext, statusReadsChildren, type DesiredChild, type KubeObject as RenderObject } from '../../shared/render/index.js';
import { enrichChildren } from '../enrich/index.js';
import type { Run } from './run.js';

export async function enrichedChildren(run: Run, cr: KubeObject, desired: readonly DesiredChild[], live: KubeObject[], kept: KubeObject[], context: Record<string, unknown> | undefined): Promise<{ live: KubeObject[]; kept: KubeObject[] }> {
  const { entry } = run.crd;
  const spec = effectiveEnrichSpec(entry);
  if (!spec || !statusReadsChildren(entry)) return { live, kept };
  const about = `${cr.kind} ${cr.metadata.namespace ? `${cr.metadata.namespace}/` : ''}${cr.metadata.name}`;
  return enrichChildren({
    kube: run.deps.kube,
    spec,
    live,
    kept,
    about,
    ...(run.deps.warn ? { warn: run.deps.warn } : {}),
    // What renderStatus gives its templates: the CR, the render context and `.children`.
    gateData: (l, k) => ({ ...cr, ...context, children: childrenContext(desired, l as RenderObject[], k as RenderObject[]) }),
  });
}
