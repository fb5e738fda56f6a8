// Gives each CRD controller whose entry declares `autoscale` a reconcile limiter (its workers are
// then as many as the larger of baseline and override) and an Autoscaler over its queue and CR
// informer; the workers unit starts and stops them with the workers.
import { autoscaleSpec } from '../../shared/autoscale/index.js';
import type { Logger } from '../../shared/log.js';
import { Autoscaler, ReconcileLimiter } from '../autoscale/index.js';
import type { Clock } from '../engine/index.js';
import type { ControllerMetrics } from '../observe/index.js';
import { DEFAULT_WORKERS, resyncMsOf, type CrdController } from './crd-controller.js';

export function autoscalersFor(controllers: Iterable<CrdController>, deps: { clock: Clock; logger: Logger; metrics?: ControllerMetrics }): Autoscaler[] {
  const out: Autoscaler[] = [];
  for (const controller of controllers) {
    const reconciler = controller.crd.entry.operatorBox?.reconciler;
    const workers = reconciler?.workers ?? DEFAULT_WORKERS;
    // An autoscale profile is expanded from the workers and queue.maxDepth (0 when unset, as upstream) the CRD runs with.
    const spec = autoscaleSpec(controller.crd.entry.operatorBox as { autoscale?: Record<string, unknown> } | undefined, { workers, maxDepth: reconciler?.queue?.maxDepth ?? 0 });
    if (!spec) continue;
    const baseline = { workers, queueDepth: reconciler?.queue?.maxDepth ?? Infinity, resyncMs: resyncMsOf(controller.crd) };
    const limiter = new ReconcileLimiter(baseline.workers);
    controller.limiter = limiter;
    controller.maxWorkers = Math.max(baseline.workers, spec.do.workers ?? 0);
    const target = { name: controller.crd.name, limiter, queue: controller.depthControl, crInformer: controller.crInformer };
    const autoscaler = new Autoscaler(target, spec, baseline, { clock: deps.clock, logger: deps.logger, ...(deps.metrics ? { gauges: deps.metrics.autoscale } : {}) });
    controller.autoscaler = autoscaler;
    out.push(autoscaler);
  }
  return out;
}
