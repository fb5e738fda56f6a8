// The workload both phases share: a fresh namespace, N website CRs created as fast as the API
// takes them, and an observer (list + watch) that notes the moment every CR reports Ready=True.
// Phase A's minimal writer is here too: the writes of a first reconcile and nothing else — no
// cache, no queue, no diff — over one keep-alive undici agent (the tests' TestKubeClient).
import { performance } from 'node:perf_hooks';
import type { CrdEntry } from '../../shared/katalog/types.js';
import { renderDesired, type KubeObject as RenderObject } from '../../shared/render/index.js';
import type { TestKubeClient } from '../../test/support/kube-http.js';
import { READY, READY_REASONS } from '../../controller/reconcile/conditions.js';
import { eventObject, eventSuffix } from '../../controller/reconcile/events.js';
import { declaredStatusPaths, desiredStatus } from '../../controller/reconcile/status.js';
import type { ApiResource, KubeClient, KubeObject, WatchEvent } from '../../shared/kube/index.js';

const GROUP_PATH = '/apis/examples.orkspace.io/v1';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Creates the namespace and waits for its `default` ServiceAccount (Pods need it). */
export async function freshNamespace(raw: TestKubeClient, name: string): Promise<void> {
  await raw.post('/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  for (let i = 0; i < 600; i++) {
    if ((await raw.request({ path: `/api/v1/namespaces/${name}/serviceaccounts/default` })).status === 200) return;
    await sleep(100);
  }
  throw new Error(`namespace ${name}: no default ServiceAccount after 60 s`);
}

/** Deletes the namespace and waits until it is gone (its CRs, children, ReplicaSets and Pods with it). */
export async function deleteNamespace(raw: TestKubeClient, name: string, timeoutMs = 10 * 60_000): Promise<number> {
  const started = performance.now();
  await raw.delete(`/api/v1/namespaces/${name}`);
  while (performance.now() - started < timeoutMs) {
    if ((await raw.request({ path: `/api/v1/namespaces/${name}` })).status === 404) return (performance.now() - started) / 1000;
    await sleep(500);
  }
  throw new Error(`namespace ${name} still exists after ${timeoutMs / 1000} s`);
}

/** CR i: one Deployment (1 replica: fewer Pods for kube-controller-manager) and one Service. */
export function websiteCr(namespace: string, i: number): KubeObject {
  return {
    apiVersion: 'examples.orkspace.io/v1',
    kind: 'Website',
    metadata: { name: `site-${i}`, namespace },
    spec: { image: `nginx:1.${20 + (i % 8)}`, replicas: 1, ...(i % 2 === 0 ? { title: `Site ${i}` } : {}) },
  };
}

/** POSTs every CR with `concurrency` requests in flight; hands each created object on (and notes when its create returned in `createdAt`). */
export async function createAll(raw: TestKubeClient, crs: readonly KubeObject[], concurrency: number, onCreated: (cr: KubeObject) => void, createdAt?: Map<string, number>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < crs.length) {
      const cr = crs[next++]!;
      const created = await raw.post<KubeObject>(`${GROUP_PATH}/namespaces/${cr.metadata.namespace}/websites`, cr);
      createdAt?.set(created.metadata.name, performance.now());
      onCreated(created);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

export interface Observer {
  /** performance.now() when the last of the N CRs was seen with Ready=True. */
  allReady: Promise<number>;
  readyCount(): number;
  /** performance.now() when each CR (by name) was first seen with Ready=True. */
  readyAt: ReadonlyMap<string, number>;
  stop(): void;
}

/** List + watch of the namespace's Websites; resolution is the watch latency (a few ms). */
export async function observeReady(kube: KubeClient, resource: ApiResource, namespace: string, n: number): Promise<Observer> {
  const ready = new Map<string, number>();
  const abort = new AbortController();
  let done!: (t: number) => void;
  let failed!: (e: unknown) => void;
  const allReady = new Promise<number>((resolve, reject) => { done = resolve; failed = reject; });
  const seen = (o: KubeObject) => {
    const conditions = (o.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? [];
    if (!conditions.some((c) => c.type === READY && c.status === 'True') || ready.has(o.metadata.name)) return;
    ready.set(o.metadata.name, performance.now());
    if (ready.size === n) done(performance.now());
  };
  const list = await kube.list(resource, { namespace });
  list.items.forEach(seen);
  let resourceVersion = list.resourceVersion;
  void (async () => {
    while (!abort.signal.aborted) {
      await kube.watch(resource, { namespace, resourceVersion, timeoutSeconds: 600 }, (e: WatchEvent) => {
        if (e.type === 'ERROR') throw new Error(`watch of ${namespace}: ${e.status.message ?? e.status.code}`);
        resourceVersion = e.object.metadata.resourceVersion ?? resourceVersion;
        if (e.type === 'ADDED' || e.type === 'MODIFIED') seen(e.object);
      }, abort.signal);
    }
  })().catch((e) => { if (!abort.signal.aborted) failed(e); });
  return { allReady, readyCount: () => ready.size, readyAt: ready, stop: () => abort.abort() };
}

const CHILD_PATHS: Record<string, { prefix: string; plural: string }> = {
  'apps/v1|Deployment': { prefix: '/apis/apps/v1', plural: 'deployments' },
  'v1|Service': { prefix: '/api/v1', plural: 'services' },
};

/**
 * Phase A's "controller": for one freshly created CR, the writes the controller's first reconcile
 * makes — SSA of each rendered child (forced, field manager orkestra), the status merge patch with
 * the Ready condition, observedGeneration and the declared fields (same builder as the controller,
 * so the bytes match), and optionally the Normal `Reconciled` Event.
 */
export interface Extras {
  /** Post the Normal `Reconciled` Event after the status, as the controller does. */
  event: boolean;
  /** GET each child before applying it, as the controller's cache reader did on a miss before its names index. */
  childGets: boolean;
}

export function minimalReconciler(raw: TestKubeClient, crdName: string, entry: CrdEntry, katalogName: string, extras: Extras): (cr: KubeObject) => Promise<number> {
  const declared = declaredStatusPaths(entry.operatorBox?.status);
  return async (cr) => {
    const { namespace, name } = cr.metadata;
    const rendered = renderDesired({ crdName, entry, cr: cr as RenderObject, katalogName });
    const paths = rendered.children.map(({ object }) => {
      const at = CHILD_PATHS[`${object.apiVersion}|${object.kind}`];
      if (!at) throw new Error(`the minimal client has no path for ${object.apiVersion} ${object.kind}`);
      return `${at.prefix}/namespaces/${namespace}/${at.plural}/${object.metadata.name}`;
    });
    if (extras.childGets) for (const path of paths) await raw.request({ path });
    for (const [i, { object }] of rendered.children.entries()) {
      await raw.ok({ method: 'PATCH', path: `${paths[i]}?fieldManager=orkestra&force=true`, body: object, contentType: 'application/apply-patch+yaml' });
    }
    const n = rendered.children.length;
    const message = `${n === 1 ? '1 child' : `${n} children`} in the declared shape`;
    const now = new Date();
    const status = desiredStatus({
      liveStatus: cr.status,
      generation: cr.metadata.generation,
      recordGeneration: true,
      conditions: [{ type: READY, status: 'True', reason: READY_REASONS.reconciled, message }],
      fields: rendered.status,
      declaredPaths: declared,
      now,
    });
    await raw.ok({ method: 'PATCH', path: `${GROUP_PATH}/namespaces/${namespace}/websites/${name}/status?fieldManager=orkestra`, body: { metadata: { resourceVersion: cr.metadata.resourceVersion }, status }, contentType: 'application/merge-patch+json' });
    if (extras.event) {
      await raw.post(`/api/v1/namespaces/${namespace}/events`, eventObject(cr, { type: 'Normal', reason: READY_REASONS.reconciled, message }, now, eventSuffix(now, Math.random)));
    }
    return n + 1 + (extras.event ? 1 : 0);
  };
}

/**
 * The controller's cluster-wide watches (its CRs; its Deployments and Services by label; with
 * `names`, both kinds again metadata-only without selector), opened by the benchmark itself so a
 * baseline pays the API server's cost of serving them.
 */
export async function controllerWatches(kube: KubeClient, website: ApiResource, labelSelector: string, options: { names: boolean }): Promise<() => void> {
  const abort = new AbortController();
  const deployments = await kube.resourceFor('apps/v1', 'Deployment');
  const services = await kube.resourceFor('v1', 'Service');
  type Selection = { labelSelector?: string; metadataOnly?: boolean };
  const kinds: [ApiResource, Selection][] = [[website, {}], [deployments, { labelSelector }], [services, { labelSelector }]];
  if (options.names) kinds.push([deployments, { metadataOnly: true }], [services, { metadataOnly: true }]);
  let events = 0;
  for (const [resource, selection] of kinds) {
    const list = await kube.list(resource, selection);
    let resourceVersion = list.resourceVersion;
    void (async () => {
      while (!abort.signal.aborted) {
        await kube.watch(resource, { resourceVersion, timeoutSeconds: 600, ...selection }, (e) => {
          if (e.type !== 'ERROR') resourceVersion = e.object.metadata.resourceVersion ?? resourceVersion;
          events++;
        }, abort.signal);
      }
    })().catch(() => undefined);
  }
  return () => abort.abort();
}

/** The q-quantile (0 < q ≤ 1, nearest rank) of `xs`; NaN when empty. */
export function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** A queue the creator fills and `workers` drain; resolves when closed and empty. */
export function drain<T>(workers: number, work: (item: T) => Promise<unknown>): { push(item: T): void; close(): void; done: Promise<void> } {
  const items: T[] = [];
  const waiting: (() => void)[] = [];
  let closed = false;
  const wake = () => waiting.splice(0).forEach((w) => w());
  const worker = async () => {
    for (;;) {
      const item = items.shift();
      if (item !== undefined) {
        await work(item);
        continue;
      }
      if (closed) return;
      await new Promise<void>((r) => waiting.push(r));
    }
  };
  const done = Promise.all(Array.from({ length: workers }, worker)).then(() => undefined);
  return { push: (item) => { items.push(item); wake(); }, close: () => { closed = true; wake(); }, done };
}
