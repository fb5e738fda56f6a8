// The Go runtime's per-CRD health API, answered from what the controller already holds, so scripts,
// dashboards and another runtime's `cross` reads (protocol info, metrics, health) that called the
// Go runtime keep working: GET /katalog (every CRD), /katalog/<crd> (one CRD's configuration and
// counts) and /katalog/<crd>/health (200 healthy, 503 otherwise). Upstream's field names; only
// numbers, names and states, never a CR, a template or an environment value. Pure.

/** One CRD's reconcile record (controller/crd/crd-stats.ts). */
export interface CrdStatsSnapshot {
  total: number;
  failed: number;
  consecutiveFails: number;
  lastError: string;
  /** Epoch milliseconds; undefined before the first reconcile. */
  lastReconcileAt?: number;
  /** Epoch milliseconds the workers started; undefined while they wait. */
  startedAt?: number;
}

/** What the controller knows of one CRD right now (controller/crd/katalog-view.ts). */
export interface CrdApiView {
  name: string;
  description?: string;
  group: string;
  version: string;
  kind: string;
  plural: string;
  namespaced: boolean;
  dependsOn: string[];
  /** The workers are waiting for dependencies. */
  waiting: boolean;
  workers: number;
  workersBusy: number;
  resync: string;
  queueDepth: number;
  maxQueueDepth: number;
  resourceCount: number;
  errorRatePercent: number;
  stats: CrdStatsSnapshot;
}

export interface KatalogApiView {
  name: string;
  version?: string;
  author?: string;
  description?: string;
  license?: string;
  /** The controller is ready (/readyz). */
  ready: boolean;
  crds: CrdApiView[];
}

export type CrdState = 'pending' | 'started' | 'healthy' | 'degraded';

/**
 * Upstream's states: `pending` while the workers wait for dependencies, `degraded` once the last
 * reconcile failed, `healthy` after a success (or with nothing to reconcile), `started` between.
 */
export function crdState(crd: CrdApiView): CrdState {
  if (crd.waiting) return 'pending';
  if (crd.stats.consecutiveFails > 0) return 'degraded';
  if (crd.stats.total > crd.stats.failed || crd.resourceCount === 0) return 'healthy';
  return 'started';
}

/** The JSON answer for `path`, or undefined when it is not one of these endpoints. */
export function katalogApiAnswer(path: string, view: KatalogApiView, now: number): { status: number; body: unknown } | undefined {
  if (path === '/katalog' || path === '/katalog/') return { status: 200, body: katalogIndex(view, now) };
  const match = /^\/katalog\/([^/]+)(\/health)?\/?$/.exec(path);
  if (!match) return undefined;
  let name: string;
  try {
    name = decodeURIComponent(match[1]!);
  } catch {
    return { status: 400, body: { error: 'the CRD name in the path is not valid percent-encoding' } };
  }
  const crd = view.crds.find((c) => c.name === name);
  if (!crd) return { status: 404, body: { error: `no CRD entry ${JSON.stringify(name)} in this Katalog; GET /katalog lists them` } };
  if (match[2]) {
    const health = crdHealth(crd, now);
    return { status: health.healthy ? 200 : 503, body: health };
  }
  return { status: 200, body: crdInfo(crd, now) };
}

function katalogIndex(view: KatalogApiView, now: number) {
  const crds = view.crds.map((c) => crdSummary(c, now));
  const counts = { healthy: 0, degraded: 0, started: 0, pending: 0 };
  for (const c of crds) counts[c.state]++;
  const healthy = crds.every((c) => c.healthy);
  const degraded = crds.filter((c) => c.state === 'degraded').map((c) => c.name);
  return {
    name: view.name,
    ...(view.version ? { version: view.version } : {}),
    ...(view.author ? { author: view.author } : {}),
    ...(view.description ? { description: view.description } : {}),
    ...(view.license ? { license: view.license } : {}),
    total: crds.length,
    totalEnabled: crds.length,
    healthy,
    status: healthy ? 200 : 503,
    OrkReady: view.ready,
    deletionProtection: false,
    ...(degraded.length > 0 ? { degradedReason: `degraded: ${degraded.join(', ')}` } : {}),
    statusCounts: counts,
    crds,
  };
}

function crdSummary(crd: CrdApiView, now: number) {
  const state = crdState(crd);
  return {
    name: crd.name,
    state,
    healthy: state === 'healthy',
    started: !crd.waiting,
    pending: crd.waiting,
    workers: crd.workers,
    workersActive: crd.workersBusy,
    dependsOn: crd.dependsOn,
    workersSource: 'katalog',
    queueDepth: crd.queueDepth,
    maxQueueDepth: crd.maxQueueDepth,
    resourceCount: crd.resourceCount,
    errorRate: crd.errorRatePercent,
    uptime: uptime(crd.stats.startedAt, now),
    hasUnhealthyDependencies: crd.waiting,
    deletionProtection: false,
  };
}

function crdInfo(crd: CrdApiView, now: number) {
  const summary = crdSummary(crd, now);
  const groupVersion = crd.group ? `${crd.group}/${crd.version}` : crd.version;
  return {
    name: crd.name,
    description: crd.description ?? '',
    mode: 'katalog',
    gvk: `${groupVersion}, Kind=${crd.kind}`,
    gvr: `${groupVersion}, Resource=${crd.plural}`,
    namespaced: crd.namespaced,
    dependsOn: crd.dependsOn,
    workers: crd.workers,
    workersActive: crd.workersBusy,
    workersIdle: Math.max(0, crd.workers - crd.workersBusy),
    workersProcessing: crd.workersBusy,
    workersSource: 'katalog',
    resync: crd.resync,
    resyncSource: 'katalog',
    queueDepth: crd.queueDepth,
    maxQueueDepth: crd.maxQueueDepth,
    maxQueueDepthSource: 'katalog',
    resourceCount: crd.resourceCount,
    totalReconciles: crd.stats.total,
    healthy: summary.healthy,
    started: summary.started,
    state: summary.state,
    errorRate: crd.errorRatePercent,
    hasUnhealthyDependencies: crd.waiting,
  };
}

function crdHealth(crd: CrdApiView, now: number) {
  const state = crdState(crd);
  const { stats } = crd;
  return {
    name: crd.name,
    state,
    healthy: state === 'healthy',
    message: `${crd.name} ${state === 'healthy' ? 'healthy' : state}`,
    started: !crd.waiting,
    pending: crd.waiting,
    startedAt: stats.startedAt === undefined ? '' : new Date(stats.startedAt).toISOString(),
    uptime: uptime(stats.startedAt, now),
    queueDepth: crd.queueDepth,
    errorRate: crd.errorRatePercent,
    consecutiveFails: stats.consecutiveFails,
    totalReconciles: stats.total,
    failedReconciles: stats.failed,
    resourceCount: crd.resourceCount,
    lastError: stats.lastError,
    lastReconcile: stats.lastReconcileAt === undefined ? '' : new Date(stats.lastReconcileAt).toISOString(),
    hasUnhealthyDependencies: crd.waiting,
  };
}

/** Go's duration text, to the second (`1h2m3s`, `45s`); empty before the workers started. */
function uptime(startedAt: number | undefined, now: number): string {
  if (startedAt === undefined) return '';
  let s = Math.max(0, Math.floor((now - startedAt) / 1000));
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  return h > 0 ? `${h}h${m}m${s}s` : m > 0 ? `${m}m${s}s` : `${s}s`;
}
