// The controller's runner: verify the bundle (before any API call), connect, run the start-up
// checks (RBAC, CRD guard, CRDs applied), then hand a list of units to the manager — caches,
// leader election, workers — which starts them in order and stops them in reverse. Configuration
// comes only from the verified bundle: nothing here fetches, watches or reloads a source.
import type { Logger } from '../shared/log.js';
import type { BundlePayload } from '../shared/bundle/payload.js';
import type { OrkError } from '../shared/errors.js';
import type { KubeClient } from '../shared/kube/index.js';
import { katalogView } from './crd/katalog-view.js';
import type { KatalogApiView } from './observe/katalog-api.js';
import { cachesUnit, CrdSet, readinessOf, workersUnit, type CrdController, type Readiness } from './crd/index.js';
import { realClock, type Clock } from './engine/index.js';
import { electionUnit, type ElectionUnit, type LeaderElectionOptions } from './leader/index.js';
import { Manager, type Unit } from './manager/index.js';
import { withReconcileIds, type ControllerMetrics } from './observe/index.js';
import { prepareCluster, renderBudgetFromEnv, verifyBundle, waitForApiServer } from './startup/index.js';
import { storageMigrationUnit } from './storage/index.js';

export type { LeaderElectionOptions } from './leader/index.js';
export const FIELD_MANAGER = 'orkestra';
export const DEFAULT_API_WAIT_MS = 60_000;

export interface ControllerOptions {
  bundleDir: string;
  publicKeyPath: string;
  expectedDigest?: string;
  /** This pod's configuration checksum (the chart's checksum/komposer); the bundle must be bound to it. */
  configChecksum?: string;
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
  /** How long to wait at start for an API server that does not answer (or answers 429/5xx). Default 60 s. */
  apiWaitMs?: number;
}

export interface RunningController {
  digest: string;
  keyid: string;
  payload: BundlePayload;
  controllers: ReadonlyMap<string, CrdController>;
  /** Ready: caches synced, and either leading with workers started or a healthy standby. */
  ready(): boolean;
  /** The same, with the reason when not ready (for /readyz). */
  readiness(): Readiness;
  /** What GET /katalog… reports: every CRD's state, workers, queue and reconcile record. */
  katalog(): KatalogApiView;
  /** Resolves if leadership is lost without our choosing: the process should then exit non-zero. */
  lost: Promise<OrkError>;
  stop(): Promise<void>;
}

export async function startController(options: ControllerOptions): Promise<RunningController> {
  const { metrics, leaderElection: le } = options;
  // Every line written during a reconcile, by any part of the controller, names its reconcileID.
  const logger = withReconcileIds(options.logger);
  const clock = options.clock ?? realClock;
  // Read before anything else: a bad value refuses to start, like a bad flag.
  const renderBudget = renderBudgetFromEnv(options.env);
  const bundle = await verifyBundle(options, logger);
  const owned = typeof options.kube === 'function';
  const kube = typeof options.kube === 'function' ? options.kube() : options.kube;
  const context = { kube, clock, logger, fieldManager: FIELD_MANAGER, ...(metrics ? { metrics } : {}) };
  const set = new CrdSet(bundle.payload, { ...context, renderBudget, env: options.env });
  const manager = new Manager({ leaderElection: le !== undefined, logger });
  let reportLost: (e: OrkError) => void = () => undefined;
  const lost = new Promise<OrkError>((resolve) => { reportLost = resolve; });
  const election: ElectionUnit | undefined = le && electionUnit(le, {
    ...context, digest: bundle.digest, onLost: (e) => reportLost(e),
    onLead: () => void manager.lead().catch((e: unknown) => logger.error('workers failed to start', { err: String(e) })),
  });
  manager.add(clientUnit(kube, owned, () => logger.info('controller stopped', { digest: bundle.digest })));
  manager.add({ name: 'API server', start: () => waitForApiServer({ kube, clock, logger, timeoutMs: options.apiWaitMs ?? DEFAULT_API_WAIT_MS }), stop: async () => undefined });
  // The CRDs the start-up apply found with a stale stored version: the migration reads only those.
  let storageCandidates: readonly string[] | undefined;
  const prepare = async () => {
    storageCandidates = (await prepareCluster(bundle, { ...context, env: options.env, ...(le ? { leaseNamespace: le.namespace } : {}) })).storageMigration;
  };
  manager.add({ name: 'start-up checks', start: prepare, stop: async () => undefined });
  metrics?.setBundleDigest(bundle.digest);
  manager.add(cachesUnit(set, logger));
  if (election) manager.add(election);
  manager.add(workersUnit(set, clock, logger));
  manager.add(storageMigrationUnit(bundle.payload, context, () => storageCandidates));
  await manager.start();
  logger.info('controller started', { digest: bundle.digest, crds: [...set.controllers.keys()] });
  const readiness = () => readinessOf(manager.running, set, election?.status());
  return {
    digest: bundle.digest,
    keyid: bundle.keyid,
    payload: bundle.payload,
    controllers: set.controllers,
    ready: () => readiness().ok,
    readiness,
    katalog: () => katalogView(bundle.payload.katalog.metadata, set.controllers, readiness().ok),
    lost,
    stop: () => manager.stop(),
  };
}

/** First in, last out: the client closes after everything that uses it has stopped. */
function clientUnit(kube: KubeClient, owned: boolean, stopped: () => void): Unit {
  return {
    name: 'kube-client',
    start: async () => undefined,
    async stop() {
      if (owned) await kube.close();
      stopped();
    },
  };
}
