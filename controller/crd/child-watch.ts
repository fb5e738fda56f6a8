// The child-kind informers of one controller: per child kind, shared by every CRD that creates
// it, a label-filtered informer whose events queue the owners and a metadata-only names index
// for the CacheReader, whose events also queue the CRs that copy the object (source-index.ts).
// Wiring only; the informers start with the rest (crd-set.ts).
import type { Logger } from '../../shared/log.js';
import type { ApiResource, KubeClient, KubeObject } from '../../shared/kube/index.js';
import { OWNER_LABEL, MANAGED_LABEL, MANAGED_LABEL_VALUE } from '../../shared/katalog/types.js';
import { KATALOG_LABEL } from '../../shared/render/index.js';
import { statusReadsChildren } from '../../shared/render/index.js';
import { compactForCache, Informer, objectKey, type Clock } from '../engine/index.js';
import type { CrdTarget } from '../reconcile/index.js';
import { childKinds } from '../reconcile/child-kinds.js';
import { dropServerDefaults } from '../reconcile/server-defaults.js';
import { statusIsSubresource } from '../reconcile/subset.js';
import type { CacheReader } from './cache-reader.js';
import { readsChildStatus, statusOnlyUpdate } from './child-updates.js';
import type { CrdController } from './crd-controller.js';
import { labelledEntry, namesEntry } from './shared-metadata.js';
import { sourceKey, type SourceIndex } from './source-index.js';

/**
 * Per child kind, shared by every CRD that creates that kind: one informer holding only objects
 * with this Katalog's ownership labels (their events queue the owners), and one metadata-only
 * informer of every object of the kind (the CacheReader's names index: a name in neither needs
 * no GET). An update that changed only a child's status queues no owner that does not read child
 * status. A kind the cluster does not serve is logged and skipped: applying such a child fails in
 * its reconcile, with the reason on the CR.
 */
export async function watchChildKinds(
  kube: KubeClient,
  targets: CrdTarget[],
  controllers: Map<string, CrdController>,
  reader: CacheReader,
  informers: Informer[],
  context: { clock: Clock; logger: Logger; katalogName: string; sources?: SourceIndex },
): Promise<void> {
  const users = new Map<string, { apiVersion: string; kind: string; crds: CrdTarget[] }>();
  for (const crd of targets) {
    for (const { apiVersion, kind } of childKinds(crd.entry)) {
      const key = `${apiVersion}|${kind}`;
      const entry = users.get(key) ?? { apiVersion, kind, crds: [] };
      entry.crds.push(crd);
      users.set(key, entry);
    }
  }
  const labelSelector = `${MANAGED_LABEL}=${MANAGED_LABEL_VALUE},${KATALOG_LABEL}=${context.katalogName},${OWNER_LABEL}`;
  for (const { apiVersion, kind, crds } of users.values()) {
    let resource;
    try {
      resource = await kube.resourceFor(apiVersion, kind);
    } catch (e) {
      context.logger.warn('child kind not served; its children cannot be watched', { apiVersion, kind, crds: crds.map((c) => c.name), err: String(e) });
      continue;
    }
    const readWhole = crds.some((crd) => statusReadsChildren(crd.entry) || readsChildStatus(crd.entry, apiVersion, kind));
    const { informer, names } = childInformers(kube, resource, { ...context, labelSelector, apiVersion, kind, readWhole });
    reader.watchChildren(apiVersion, kind, informer, names);
    if (context.sources) queueSourceReaders(names, apiVersion, kind, context.sources, controllers);
    const owners = crds.map((crd) => controllers.get(crd.name)!);
    const statusReaders = crds.filter((crd) => readsChildStatus(crd.entry, apiVersion, kind)).map((crd) => controllers.get(crd.name)!);
    informer.addHandlers({
      add: (o) => owners.forEach((c) => c.childChanged(o)),
      // A resync hands the same object twice: it always queues (the safety net for missed events).
      update: (old, o) => (old !== o && statusOnlyUpdate(old, o) ? statusReaders : owners).forEach((c) => c.childChanged(o)),
      delete: (o) => owners.forEach((c) => c.childChanged(o)),
    });
    informers.push(informer, names);
  }
}

/**
 * The labelled cache and the names index of one child kind. Children nobody reads whole (no
 * `.children` in a status template, no status read: `readWhole` false) are cached without
 * kubectl's last-applied copy, where status is a subresource (the drift check skips it there)
 * without status, and without the fields that hold the API server's defaults (the drift check
 * reads those as the default, reconcile/server-defaults.ts): drift checks read only what we apply.
 */
export function childInformers(
  kube: KubeClient,
  resource: ApiResource,
  o: { clock: Clock; logger: Logger; labelSelector: string; apiVersion: string; kind: string; readWhole: boolean },
): { informer: Informer; names: Informer } {
  const { apiVersion, kind } = o;
  const labelled = compactForCache({ dropStatus: statusIsSubresource(apiVersion, kind), dropLastApplied: true });
  const metadataOnly = compactForCache({ dropLastApplied: true });
  const withoutDefaults = (obj: KubeObject): KubeObject => dropServerDefaults(obj, informer.get(objectKey(obj)));
  // Where both caches drop the same metadata (last-applied), they share one metadata object per
  // version (shared-metadata.ts); each transform reads the other cache, so each names the other.
  const informer: Informer = new Informer({
    client: kube,
    resource,
    clock: o.clock,
    labelSelector: o.labelSelector,
    transform: o.readWhole ? compactForCache() : (obj) => labelledEntry(withoutDefaults(labelled(obj)), names),
    onError: (err, c) => o.logger.warn('child informer error', { apiVersion, kind, phase: c.phase, retryInMs: c.retryInMs, err: String(err) }),
  });
  const names: Informer = new Informer({
    client: kube,
    resource,
    clock: o.clock,
    metadataOnly: true,
    transform: o.readWhole ? metadataOnly : (obj) => namesEntry(metadataOnly(obj), informer),
    onError: (err, c) => o.logger.warn('child names informer error', { apiVersion, kind, phase: c.phase, retryInMs: c.retryInMs, err: String(err) }),
  });
  return { informer, names };
}

/** A Secret or ConfigMap that CRs copy changed (its resourceVersion moved), appeared or went: queue them. */
function queueSourceReaders(names: Informer, apiVersion: string, kind: string, sources: SourceIndex, controllers: Map<string, CrdController>): void {
  if (apiVersion !== 'v1' || (kind !== 'Secret' && kind !== 'ConfigMap')) return;
  const queue = (o: KubeObject) => {
    if (!o.metadata.namespace) return;
    for (const r of sources.readersOf(sourceKey(kind, o.metadata.namespace, o.metadata.name))) controllers.get(r.crdName)?.enqueue(r.key);
  };
  names.addHandlers({
    add: queue,
    update: (old, o) => { if (old.metadata.resourceVersion !== o.metadata.resourceVersion) queue(o); },
    delete: queue,
  });
}
