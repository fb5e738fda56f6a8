// The controller's runner: verify the bundle (before any API call), connect, apply CRDs, start
// one informer per CR kind and per child kind, wait for caches, then start each CRD's workers as
// its dependsOn allow. Returns a handle to stop it (drains in-flight reconciles). Configuration
// comes only from the verified bundle: nothing here fetches, watches or reloads a source.
import type { Logger } from '../shared/log.js';
import type { BundlePayload } from '../shared/bundle/payload.js';
import { OWNER_LABEL, MANAGED_LABEL, MANAGED_LABEL_VALUE } from '../shared/katalog/types.js';
import { KATALOG_LABEL } from '../shared/render/index.js';
import { CacheReader } from './cache-reader.js';
import { readsChildStatus, statusOnlyUpdate } from './child-updates.js';
import { CrdController, resyncMsOf } from './crd-controller.js';
import { applyCrds, servedResource } from './crds.js';
import { guardCrds } from './crd-guard.js';
import { unmetDependencies } from './dependencies.js';
import { Informer, realClock, type Clock } from './engine/index.js';
import type { KubeClient } from '../shared/kube/index.js';
import { loadVerifiedBundle } from './load-bundle.js';
import { publishDigestFromEnv } from './publish-digest.js';
import { checkRbac, rbacMissingError } from './rbac-check.js';
import { childKinds } from './reconcile/child-kinds.js';
import type { ControllerMetrics } from './observe/index.js';
import { LeaderElector, type ElectionTiming } from './leader/index.js';
import { OrkError } from '../shared/errors.js';
import type { CrdTarget, ReconcileDeps } from './reconcile/index.js';

export const FIELD_MANAGER = 'orkestra';
const DEPENDENCY_POLL_MS = 500;

export interface ControllerOptions {
  bundleDir: string;
  publicKeyPath: string;
  expectedDigest?: string;
  env: NodeJS.ProcessEnv;
  logger: Logger;
  clock?: Clock;
  /** Where reconcile, queue and bundle metrics go (one per process). */
  metrics?: ControllerMetrics;
  /** Run workers only while holding this Lease (replicas of one install); absent: always. */
  leaderElection?: LeaderElectionOptions;
  /**
   * The API client, or how to build one (the CLI's cli/kube/). A function is called once the
   * bundle is verified — nothing touches the cluster before — and the controller closes what it
   * returns; a client given as is stays open (tests share one across starts and count its calls).
   */
  kube: KubeClient | (() => KubeClient);
}

export interface LeaderElectionOptions {
  namespace: string;
  /** The Lease name, derived from the install (leaseNameFor). */
  name: string;
  /** This replica (identityFor(pod name)). */
  identity: string;
  /** This replica's rollout revision (pod-template-hash); '' disables the split-brain guard. */
  revision: string;
  timing?: Partial<ElectionTiming>;
}

export interface RunningController {
  digest: string;
  keyid: string;
  payload: BundlePayload;
  controllers: ReadonlyMap<string, CrdController>;
  /** Ready: caches synced, and either leading with workers started or a healthy standby. */
  ready(): boolean;
  /** The same, with the reason when not ready (for /readyz). */
  readiness(): { ok: boolean; reason?: string };
  /** Resolves if leadership is lost without our choosing: the process should then exit non-zero. */
  lost: Promise<OrkError>;
  stop(): Promise<void>;
}

export async function startController(options: ControllerOptions): Promise<RunningController> {
  const { logger } = options;
  const clock = options.clock ?? realClock;
  // 1. Nothing touches the cluster before the bundle is proven.
  const bundle = await loadVerifiedBundle(options);
  logger.info('bundle verified', { digest: bundle.digest, keyid: bundle.keyid, imports: bundle.payload.imports.length });

  const ownsClient = typeof options.kube === 'function';
  const kube = typeof options.kube === 'function' ? options.kube() : options.kube;
  const informers: Informer[] = [];
  const controllers = new Map<string, CrdController>();
  let stopped = false;
  let synced = false;
  let dependencyTimer: { cancel(): void } | undefined;
  let elector: LeaderElector | undefined;
  const election = new AbortController();
  let reportLost: (e: OrkError) => void = () => undefined;
  const lost = new Promise<OrkError>((resolve) => { reportLost = resolve; });
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    dependencyTimer?.cancel();
    // Stop renewing, finish in-flight reconciles, then hand the Lease over at once.
    election.abort();
    await Promise.all([...controllers.values()].map((c) => c.stop()));
    if (elector) await elector.release().catch((e) => logger.warn('cannot release the lease', { err: String(e) }));
    await Promise.all(informers.map((i) => i.stop()));
    if (ownsClient) await kube.close();
    logger.info('controller stopped', { digest: bundle.digest });
  };

  try {
    // 2. Every permission the bundle needs, asked before the first write: refuse, listing what is missing.
    const rbac = await checkRbac(kube, bundle.payload, options.leaderElection ? { leaderElection: { namespace: options.leaderElection.namespace } } : {});
    const missing = rbacMissingError(rbac.missing);
    if (missing) throw missing;
    logger.info('rbac checked', { permissions: rbac.checked.length, unresolvedKinds: rbac.unresolved.map((k) => `${k.kind}.${k.apiVersion}`) });
    // The digest on our Pod and Deployment (POD_NAME/POD_NAMESPACE set): a failure only warns.
    await publishDigestFromEnv({ kube, env: options.env, digest: bundle.digest, logger });
    // An unacknowledged breaking change in any CRD refuses the start before a single CRD is applied.
    await guardCrds(kube, bundle.payload, { logger, ...(options.metrics ? { metrics: options.metrics } : {}) });
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
        else controller.reportWaitingFor(unmet);
      }
      const waiting = [...controllers.values()].filter((c) => c.status === 'waiting');
      if (waiting.length > 0 && !stopped) dependencyTimer = clock.setTimer(DEPENDENCY_POLL_MS, startReady);
    };
    synced = true;
    const lead = () => {
      startReady();
      for (const c of controllers.values()) {
        if (c.status === 'waiting') logger.info('workers wait for dependencies', { crd: c.crd.name, dependsOn: c.crd.entry.dependsOn });
      }
    };
    const le = options.leaderElection;
    if (le) {
      elector = new LeaderElector({
        kube,
        namespace: le.namespace,
        name: le.name,
        identity: le.identity,
        digest: bundle.digest,
        revision: le.revision,
        ...le.timing,
        clock,
        logger,
        onStartedLeading: () => {
          options.metrics?.setLeader(le.name, true);
          logger.info('leading', { lease: le.name, identity: le.identity, digest: bundle.digest });
          if (!stopped) lead();
        },
        onStoppedLeading: () => {
          options.metrics?.setLeader(le.name, false);
          reportLost(new OrkError('LEADERSHIP_LOST', `lost the lease ${le.namespace}/${le.name}; exiting so that a fresh start competes again`, { retry: 'transient' }));
        },
        onBlocked: (reason) => {
          options.metrics?.setBundleDigestMismatch(true);
          logger.error('bundle digest differs from the leader of the same revision; never leading', { reason: reason.reason, revision: reason.revision, leaderDigest: reason.leaderDigest, digest: reason.ownDigest, leader: reason.leaderIdentity });
        },
      });
      options.metrics?.setLeader(le.name, false);
      void elector.run(election.signal);
      logger.info('standing by for the lease', { lease: le.name, identity: le.identity });
    } else {
      lead();
    }
    logger.info('controller started', { digest: bundle.digest, crds: [...controllers.keys()] });
  } catch (e) {
    await stop();
    throw e;
  }

  function readiness(): { ok: boolean; reason?: string } {
    if (stopped) return { ok: false, reason: 'stopping' };
    if (!synced || ![...controllers.values()].every((c) => c.crInformer.hasSynced())) return { ok: false, reason: 'caches not synced' };
    if (elector) {
      const status = elector.status();
      if (status.state === 'blocked') {
        const b = status.blockedReason!;
        return { ok: false, reason: `BundleDigestMismatch: leader ${b.leaderIdentity} of revision ${b.revision} runs ${b.leaderDigest}, this replica ${b.ownDigest}` };
      }
      if (!status.isLeader) return { ok: true };
    }
    const waiting = [...controllers.values()].filter((c) => c.status !== 'started').map((c) => c.crd.name);
    return waiting.length === 0 ? { ok: true } : { ok: false, reason: `workers of ${waiting.join(', ')} wait for dependencies` };
  }

  return {
    digest: bundle.digest,
    keyid: bundle.keyid,
    payload: bundle.payload,
    controllers,
    ready: () => readiness().ok,
    readiness,
    lost,
    stop,
  };
}

function crdTargets(payload: BundlePayload): CrdTarget[] {
  return Object.entries(payload.katalog.spec.crds).map(([name, entry]) => ({ name, entry, apiTypes: entry.apiTypes! }));
}

/**
 * Per child kind, shared by every CRD that creates that kind: one informer holding only objects
 * with this Katalog's ownership labels (their events queue the owners), and one metadata-only
 * informer of every object of the kind (the CacheReader's names index: a name in neither needs
 * no GET). An update that changed only a child's status queues no owner that does not read child
 * status. A kind the cluster does not serve is logged and skipped: applying such a child fails in
 * its reconcile, with the reason on the CR.
 */
async function watchChildKinds(
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
