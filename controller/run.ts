// The controller's runner: verify the bundle (before any API call), connect, apply CRDs, start
// one informer per CR kind and per child kind, wait for caches, then start each CRD's workers as
// its dependsOn allow. Returns a handle to stop it (drains in-flight reconciles). Configuration
// comes only from the verified bundle: nothing here fetches, watches or reloads a source.
import type { Logger } from '../shared/log.js';
import type { BundlePayload } from '../shared/bundle/payload.js';
import { OWNER_LABEL, MANAGED_LABEL, MANAGED_LABEL_VALUE } from '../shared/katalog/types.js';
import { KATALOG_LABEL } from '../shared/render/index.js';
import { CacheReader } from './cache-reader.js';
import { CrdController, resyncMsOf } from './crd-controller.js';
import { applyCrds, servedResource } from './crds.js';
import { unmetDependencies } from './dependencies.js';
import { Informer, realClock, type Clock } from './engine/index.js';
import { loadKubeConfig } from './kube/config.js';
import { createKubeClient } from './kube/client.js';
import type { KubeClient } from './kube/types.js';
import { loadVerifiedBundle } from './load-bundle.js';
import { childKinds } from './reconcile/child-kinds.js';
import type { ControllerMetrics } from './observe/index.js';
import type { CrdTarget, ReconcileDeps } from './reconcile/index.js';

export const FIELD_MANAGER = 'orkestra';
const DEPENDENCY_POLL_MS = 500;

export interface ControllerOptions {
  bundleDir: string;
  publicKeyPath: string;
  expectedDigest?: string;
  /** A kubeconfig file; default: $KUBECONFIG, in-cluster, ~/.kube/config. */
  kubeconfig?: string;
  env: NodeJS.ProcessEnv;
  logger: Logger;
  clock?: Clock;
  /** Where reconcile, queue and bundle metrics go (one per process). */
  metrics?: ControllerMetrics;
  /** A client to use instead of one built from the kubeconfig (tests count its calls); the caller closes it. */
  kube?: KubeClient;
}

export interface RunningController {
  digest: string;
  keyid: string;
  payload: BundlePayload;
  controllers: ReadonlyMap<string, CrdController>;
  /** Every CRD controller's workers started and caches synced. */
  ready(): boolean;
  stop(): Promise<void>;
}

export async function startController(options: ControllerOptions): Promise<RunningController> {
  const { logger } = options;
  const clock = options.clock ?? realClock;
  // 1. Nothing touches the cluster before the bundle is proven.
  const bundle = await loadVerifiedBundle(options);
  logger.info('bundle verified', { digest: bundle.digest, keyid: bundle.keyid, imports: bundle.payload.imports.length });

  const kube = options.kube ?? createKubeClient(loadKubeConfig({ env: options.env, ...(options.kubeconfig ? { path: options.kubeconfig } : {}) }), { userAgent: 'orkestra-controller' });
  const informers: Informer[] = [];
  const controllers = new Map<string, CrdController>();
  let stopped = false;
  let dependencyTimer: { cancel(): void } | undefined;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    dependencyTimer?.cancel();
    await Promise.all([...controllers.values()].map((c) => c.stop()));
    await Promise.all(informers.map((i) => i.stop()));
    if (!options.kube) await kube.close();
    logger.info('controller stopped', { digest: bundle.digest });
  };

  try {
    await applyCrds(kube, bundle.payload.crds, { fieldManager: FIELD_MANAGER, clock });
    const katalogName = bundle.payload.katalog.metadata.name;
    const reader = new CacheReader(kube);
    const deps: ReconcileDeps = {
      kube,
      cache: reader,
      clock: { now: () => new Date(clock.now()) },
      fieldManager: FIELD_MANAGER,
      katalogName,
      warn: (message) => logger.warn('reconcile warning', { detail: message }),
    };

    const targets = crdTargets(bundle.payload);
    options.metrics?.setBundleDigest(bundle.digest);
    options.metrics?.declareCrds(targets.map((t) => t.name));
    options.metrics?.setCrdHealthSource(() => [...controllers].map(([name, c]) => [name, c.healthy()] as const));
    for (const crd of targets) {
      const apiVersion = crd.apiTypes.group ? `${crd.apiTypes.group}/${crd.apiTypes.version}` : crd.apiTypes.version;
      const resource = await servedResource(kube, apiVersion, crd.apiTypes.kind, crd.name);
      const informer = new Informer({
        client: kube,
        resource,
        clock,
        resyncMs: resyncMsOf(crd),
        ...(crd.entry.namespace ? { namespace: crd.entry.namespace } : {}),
        onError: (err, context) => logger.warn('cr informer error', { crd: crd.name, phase: context.phase, retryInMs: context.retryInMs, err: String(err) }),
      });
      informers.push(informer);
      reader.watchCrs(apiVersion, crd.apiTypes.kind, informer);
      controllers.set(crd.name, new CrdController(crd, informer, deps, logger, clock, options.metrics));
    }

    await watchChildKinds(kube, targets, controllers, reader, informers, { clock, logger, katalogName });
    for (const informer of informers) informer.start();
    await Promise.all(informers.map((i) => i.waitForSync()));
    logger.info('caches synced', { informers: informers.length });

    const startReady = () => {
      for (const controller of controllers.values()) {
        if (controller.status !== 'waiting') continue;
        const unmet = unmetDependencies(controller.crd.entry.dependsOn, {
          started: (name) => controllers.get(name)?.status === 'started',
          healthy: (name) => controllers.get(name)?.status === 'started' && controllers.get(name)!.healthy(),
        });
        if (unmet.length === 0) controller.startWorkers();
      }
      const waiting = [...controllers.values()].filter((c) => c.status === 'waiting');
      if (waiting.length > 0 && !stopped) dependencyTimer = clock.setTimer(DEPENDENCY_POLL_MS, startReady);
    };
    startReady();
    for (const c of controllers.values()) {
      if (c.status === 'waiting') logger.info('workers wait for dependencies', { crd: c.crd.name, dependsOn: c.crd.entry.dependsOn });
    }
    logger.info('controller started', { digest: bundle.digest, crds: [...controllers.keys()] });
  } catch (e) {
    await stop();
    throw e;
  }

  return {
    digest: bundle.digest,
    keyid: bundle.keyid,
    payload: bundle.payload,
    controllers,
    ready: () => !stopped && [...controllers.values()].every((c) => c.status === 'started' && c.crInformer.hasSynced()),
    stop,
  };
}

function crdTargets(payload: BundlePayload): CrdTarget[] {
  return Object.entries(payload.katalog.spec.crds).map(([name, entry]) => ({ name, entry, apiTypes: entry.apiTypes! }));
}

/**
 * One informer per child kind, shared by every CRD that creates that kind, holding only objects
 * with this Katalog's ownership labels. A kind the cluster does not serve is logged and skipped:
 * applying such a child fails in its reconcile, with the reason on the CR.
 */
async function watchChildKinds(
  kube: KubeClient,
  targets: CrdTarget[],
  controllers: Map<string, CrdController>,
  reader: CacheReader,
  informers: Informer[],
  context: { clock: Clock; logger: Logger; katalogName: string },
): Promise<void> {
  const users = new Map<string, { apiVersion: string; kind: string; crds: string[] }>();
  for (const crd of targets) {
    for (const { apiVersion, kind } of childKinds(crd.entry)) {
      const key = `${apiVersion}|${kind}`;
      const entry = users.get(key) ?? { apiVersion, kind, crds: [] };
      entry.crds.push(crd.name);
      users.set(key, entry);
    }
  }
  const labelSelector = `${MANAGED_LABEL}=${MANAGED_LABEL_VALUE},${KATALOG_LABEL}=${context.katalogName},${OWNER_LABEL}`;
  for (const { apiVersion, kind, crds } of users.values()) {
    let resource;
    try {
      resource = await kube.resourceFor(apiVersion, kind);
    } catch (e) {
      context.logger.warn('child kind not served; its children cannot be watched', { apiVersion, kind, crds, err: String(e) });
      continue;
    }
    const informer = new Informer({
      client: kube,
      resource,
      clock: context.clock,
      labelSelector,
      onError: (err, c) => context.logger.warn('child informer error', { apiVersion, kind, phase: c.phase, retryInMs: c.retryInMs, err: String(err) }),
    });
    reader.watchChildren(apiVersion, kind, informer);
    const owners = crds.map((name) => controllers.get(name)!);
    informer.addHandlers({
      add: (o) => owners.forEach((c) => c.childChanged(o)),
      update: (_old, o) => owners.forEach((c) => c.childChanged(o)),
      delete: (o) => owners.forEach((c) => c.childChanged(o)),
    });
    informers.push(informer);
  }
}
