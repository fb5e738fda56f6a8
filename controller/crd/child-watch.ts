// The child-kind informers of one controller: per child kind, shared by every CRD that creates
// it, a label-filtered informer whose events queue the owners and a metadata-only names index
// for the CacheReader. Wiring only; the informers start with the rest (crd-set.ts).
import type { Logger } from '../../shared/log.js';
import type { KubeClient } from '../../shared/kube/index.js';
import { OWNER_LABEL, MANAGED_LABEL, MANAGED_LABEL_VALUE } from '../../shared/katalog/types.js';
import { KATALOG_LABEL } from '../../shared/render/index.js';
import { Informer, type Clock } from '../engine/index.js';
import type { CrdTarget } from '../reconcile/index.js';
import { childKinds } from '../reconcile/child-kinds.js';
import type { CacheReader } from './cache-reader.js';
import { readsChildStatus, statusOnlyUpdate } from './child-updates.js';
import type { CrdController } from './crd-controller.js';

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
  context: { clock: Clock; logger: Logger; katalogName: string },
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
    const informer = new Informer({
      client: kube,
      resource,
      clock: context.clock,
      labelSelector,
      onError: (err, c) => context.logger.warn('child informer error', { apiVersion, kind, phase: c.phase, retryInMs: c.retryInMs, err: String(err) }),
    });
    const names = new Informer({
      client: kube,
      resource,
      clock: context.clock,
      metadataOnly: true,
      onError: (err, c) => context.logger.warn('child names informer error', { apiVersion, kind, phase: c.phase, retryInMs: c.retryInMs, err: String(err) }),
    });
    reader.watchChildren(apiVersion, kind, informer, names);
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
