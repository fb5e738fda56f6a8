// Secondary watches (observe.watch): per watched (kind, namespace, selector), one informer shared by
// every CRD entry that declares it, reused from the caches already running when one fits — a CR
// informer of this bundle, or a child kind's metadata-only names index — else a new metadata-only
// informer (routing needs only metadata). A change after the initial list re-queues the primary
// CRs shared/observe names; a broadcast queues every CR the primary's cache holds. Wiring only.
import type { Logger } from '../../shared/log.js';
import type { KubeClient } from '../../shared/kube/index.js';
import { watchEntries, watchInformerKey, watchMatches, type WatchEntry } from '../../shared/observe/index.js';
import { Informer, keyOf, type Clock } from '../engine/index.js';
import type { CacheReader } from './cache-reader.js';
import type { CrdController } from './crd-controller.js';
import { enqueueOwners, routeChanges } from './route-changes.js';

interface Subscriber {
  controller: CrdController;
  entry: WatchEntry;
}

export async function watchObserved(
  kube: KubeClient,
  controllers: Map<string, CrdController>,
  reader: CacheReader,
  informers: Informer[],
  context: { clock: Clock; logger: Logger },
): Promise<void> {
  const groups = new Map<string, Subscriber[]>();
  for (const controller of controllers.values()) {
    for (const entry of watchEntries(controller.crd.entry)) {
      const key = watchInformerKey(entry);
      groups.set(key, [...(groups.get(key) ?? []), { controller, entry }]);
    }
  }
  for (const subscribers of groups.values()) {
    const { apiVersion, kind, namespace, labelSelector } = subscribers[0]!.entry;
    const shared = namespace === undefined && labelSelector === undefined ? reader.informerOf(apiVersion, kind) : undefined;
    let informer = shared;
    if (!informer) {
      let resource;
      try {
        resource = await kube.resourceFor(apiVersion, kind);
      } catch (e) {
        context.logger.warn('watched kind not served; its changes cannot re-queue', { apiVersion, kind, crds: subscribers.map((s) => s.controller.crd.name), err: String(e) });
        continue;
      }
      informer = new Informer({
        client: kube,
        resource,
        clock: context.clock,
        metadataOnly: true,
        ...(namespace && resource.namespaced ? { namespace } : {}),
        ...(labelSelector ? { labelSelector } : {}),
        onError: (err, c) => context.logger.warn('watch informer error', { apiVersion, kind, phase: c.phase, retryInMs: c.retryInMs, err: String(err) }),
      });
      informers.push(informer);
    }
    // The initial list is not a change (upstream drops it too); a resync hands the same object twice.
    routeChanges(informer, (event, obj) => {
      for (const { controller, entry } of subscribers) {
        if (!watchMatches(entry, event, obj)) continue;
        const queued = enqueueOwners(controller, entry, obj);
        context.logger.debug('watched object changed', { crd: controller.crd.name, watch: entry.path, event, object: keyOf(obj.metadata.namespace, obj.metadata.name), queued });
      }
    });
  }
}
