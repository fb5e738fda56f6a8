// What the /katalog endpoints report (observe/katalog-api.ts), read from the running CRD
// controllers: their state, workers, queue, cache size and reconcile record.
import type { Metadata } from '../../shared/katalog/document-types.js';
import type { CrdApiView, KatalogApiView } from '../observe/katalog-api.js';
import { DEFAULT_RESYNC, type CrdController } from './crd-controller.js';

export function katalogView(metadata: Metadata, controllers: ReadonlyMap<string, CrdController>, ready: boolean): KatalogApiView {
  return {
    name: metadata.name,
    ...(metadata.version ? { version: metadata.version } : {}),
    ...(metadata.author ? { author: metadata.author } : {}),
    ...(metadata.description ? { description: metadata.description } : {}),
    ...(metadata.license ? { license: metadata.license } : {}),
    ready,
    crds: [...controllers.values()].map(crdView),
  };
}

function crdView(controller: CrdController): CrdApiView {
  const { crd } = controller;
  const metrics = controller.runtimeMetrics();
  const workers = controller.workerCount;
  const busy = Math.round((Number(metrics.workersBusyPercent) / 100) * workers);
  const reconciler = crd.entry.operatorBox?.reconciler;
  return {
    name: crd.name,
    ...(crd.entry.description ? { description: crd.entry.description } : {}),
    group: crd.apiTypes.group,
    version: crd.apiTypes.version,
    kind: crd.apiTypes.kind,
    plural: crd.apiTypes.plural,
    namespaced: controller.namespaced,
    dependsOn: Object.keys(crd.entry.dependsOn ?? {}),
    waiting: controller.status === 'waiting',
    workers,
    workersBusy: controller.status === 'started' ? busy : 0,
    resync: reconciler?.resync ?? DEFAULT_RESYNC,
    queueDepth: Number(metrics.queueDepth),
    maxQueueDepth: reconciler?.queue?.maxDepth ?? 0,
    resourceCount: controller.crInformer.size,
    errorRatePercent: Number(metrics.errorRatePercent),
    stats: controller.stats.snapshot(),
  };
}
