// What secondary watches and Event triggers share: an informer's changes handed on as
// create/update/delete once it has synced (the initial list is not a change; a resync that hands
// the same object again is not an update), and a changed object turned into the owning CRs queued.
import type { KubeObject } from '../../shared/kube/index.js';
import { primaryKeys, type ObserveEvent, type WatchEntry } from '../../shared/observe/index.js';
import { keyOf, type Informer } from '../engine/index.js';
import type { CrdController } from './crd-controller.js';

/** Calls `route` for each change the informer sees after it synced. */
export function routeChanges(informer: Informer, route: (change: ObserveEvent, obj: KubeObject) => void): void {
  const synced = (change: ObserveEvent, obj: KubeObject) => {
    if (informer.hasSynced()) route(change, obj);
  };
  informer.addHandlers({
    add: (o) => synced('create', o),
    update: (old, o) => { if (old !== o && old.metadata.resourceVersion !== o.metadata.resourceVersion) synced('update', o); },
    delete: (o) => synced('delete', o),
  });
}

/** Queues the CRs of `controller` that `obj` points at by `entry`'s key rules (every CR on broadcast); returns how many. */
export function enqueueOwners(controller: CrdController, entry: WatchEntry, obj: KubeObject): number {
  const keys = primaryKeys(entry, obj, { apiVersion: controller.apiVersion, kind: controller.crd.apiTypes.kind, namespaced: controller.namespaced });
  const queued = keys === 'broadcast' ? controller.crInformer.list().map((cr) => keyOf(cr.metadata.namespace, cr.metadata.name)) : keys;
  for (const key of queued) controller.enqueue(key);
  return queued.length;
}
