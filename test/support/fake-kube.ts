// An in-memory KubeClient for tests of the engine and the reconciler: objects per resource with a
// global resourceVersion counter, an event log so a watch from an older resourceVersion replays
// what it missed (and gets 410 once the log is compacted past it), writes that reach open watches,
// scripted failures per operation, and handles on every watch so a test can feed, end or break it.
import type {
  ApiResource, ApplyOptions, KubeClient, KubeObject, ListOptions, ObjectList, PatchType, WatchEvent, WatchOptions,
} from '../../shared/kube/index.js';
import { KubeError } from '../../shared/kube/index.js';

export type FakeOp = 'list' | 'watch' | 'get' | 'apply' | 'applyStatus' | 'create' | 'patch' | 'delete' | 'request';

export interface FakeCall {
  op: FakeOp;
  resource?: string;
  namespace?: string;
  name?: string;
  options?: unknown;
}

interface LoggedEvent {
  rv: number;
  event: WatchEvent & { object: KubeObject };
}

interface Store {
  resource: ApiResource;
  objects: Map<string, KubeObject>;
  log: LoggedEvent[];
}

export function apiVersionOf(resource: ApiResource): string {
  return resource.group ? `${resource.group}/${resource.version}` : resource.version;
}

export const CONFIGMAPS: ApiResource = { group: '', version: 'v1', resource: 'configmaps', kind: 'ConfigMap', namespaced: true };

/** One open watch, as the test sees it. */
export class FakeWatch {
  private finish!: () => void;
  private breakWith!: (err: unknown) => void;
  readonly done: Promise<void>;
  private ended = false;

  constructor(
    readonly resource: ApiResource,
    readonly options: WatchOptions,
    private readonly onEvent: (event: WatchEvent) => void,
    readonly signal: AbortSignal,
  ) {
    this.done = new Promise<void>((resolve, reject) => {
      this.finish = resolve;
      this.breakWith = reject;
    });
    this.done.catch(() => undefined);
    signal.addEventListener('abort', () => this.end(), { once: true });
  }

  /** Whether the stream is over (ended by the server, broken, or aborted by the caller). */
  get closed(): boolean {
    return this.ended;
  }

  /** Delivers one event as the server would (ignored once closed; metadata only for a metadataOnly watch). */
  send(event: WatchEvent): void {
    if (this.ended) return;
    this.onEvent(this.options.metadataOnly && event.type !== 'ERROR' ? { type: event.type, object: metadataOf(event.object) } : event);
  }

  /** The server ends the stream normally (its timeout). */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.finish();
  }

  /** The connection breaks: the watch call rejects. */
  fail(err: unknown = new KubeError(0, 'ConnectionFailed', 'connection reset by peer')): void {
    if (this.ended) return;
    this.ended = true;
    this.breakWith(err);
  }

  matches(obj: KubeObject): boolean {
    if (this.options.namespace && obj.metadata.namespace !== this.options.namespace) return false;
    return matchesSelector(obj, this.options.labelSelector) && matchesFields(obj, this.options.fieldSelector);
  }
}

export class FakeKube implements KubeClient {
  private rv = 100;
  private uid = 0;
  private compactedBelow = 0;
  private readonly stores = new Map<string, Store>();
  private readonly failures = new Map<FakeOp, unknown[]>();
  private readonly watchWaiters: Array<(w: FakeWatch) => void> = [];
  private untaken: FakeWatch[] = [];
  /** Every watch ever opened, in order. */
  readonly watches: FakeWatch[] = [];
  readonly calls: FakeCall[] = [];
  /** When set, list waits for this before answering (to test stop() during a list). */
  listGate: Promise<void> | undefined;

  constructor(resources: ApiResource[] = [CONFIGMAPS]) {
    for (const r of resources) this.register(r);
  }

  register(resource: ApiResource): void {
    const id = storeId(resource);
    if (!this.stores.has(id)) this.stores.set(id, { resource, objects: new Map(), log: [] });
  }

  /** The next `times` calls of `op` throw `err` (before doing anything). */
  failNext(op: FakeOp, err: unknown, times = 1): void {
    const queue = this.failures.get(op) ?? [];
    for (let i = 0; i < times; i++) queue.push(err);
    this.failures.set(op, queue);
  }

  /** Forget the event log: a watch from any resourceVersion before now gets 410 Gone. */
  compact(): void {
    this.compactedBelow = this.rv;
    for (const s of this.stores.values()) s.log.length = 0;
  }

  currentResourceVersion(): string {
    return String(this.rv);
  }

  /** Resolves with the next watch opened (or one already opened and not yet taken). */
  nextWatch(): Promise<FakeWatch> {
    const w = this.untaken.shift();
    if (w) return Promise.resolve(w);
    return new Promise((resolve) => this.watchWaiters.push(resolve));
  }

  openWatches(): FakeWatch[] {
    return this.watches.filter((w) => !w.closed);
  }

  callsOf(op: FakeOp): FakeCall[] {
    return this.calls.filter((c) => c.op === op);
  }

  /** Writes counted for "nothing was written" assertions. */
  writeCount(): number {
    return this.calls.filter((c) => ['apply', 'applyStatus', 'create', 'patch', 'delete'].includes(c.op)).length;
  }

  /** Puts an object in place as a write would (event to watches), without recording a call. */
  put(obj: KubeObject): KubeObject {
    const store = this.storeForObject(obj);
    const key = keyOf(obj.metadata.namespace, obj.metadata.name);
    const old = store.objects.get(key);
    return this.commit(store, key, { ...obj, metadata: { ...obj.metadata } }, old ? 'MODIFIED' : 'ADDED');
  }

  /** Removes an object as a delete would (event to watches), without recording a call. */
  remove(resource: ApiResource, namespace: string | undefined, name: string): void {
    const store = this.store(resource);
    const key = keyOf(namespace, name);
    const old = store.objects.get(key);
    if (!old) return;
    store.objects.delete(key);
    this.rv++;
    const gone = { ...old, metadata: { ...old.metadata, resourceVersion: String(this.rv) } };
    this.publish(store, { type: 'DELETED', object: gone });
  }

  objects(resource: ApiResource): KubeObject[] {
    return [...this.store(resource).objects.values()].map(clone);
  }

  // --- KubeClient ---

  async resourceFor(apiVersion: string, kind: string): Promise<ApiResource> {
    for (const s of this.stores.values()) if (apiVersionOf(s.resource) === apiVersion && s.resource.kind === kind) return s.resource;
    throw new KubeError(404, 'NotFound', `the server does not serve ${kind} in ${apiVersion}`);
  }

  invalidateDiscovery(): void {}

  async get(resource: ApiResource, namespace: string | undefined, name: string): Promise<KubeObject | undefined> {
    this.record({ op: 'get', resource: resource.resource, namespace, name });
    const obj = this.store(resource).objects.get(keyOf(namespace, name));
    return obj ? clone(obj) : undefined;
  }

  async list(resource: ApiResource, options: ListOptions = {}): Promise<ObjectList> {
    this.record({ op: 'list', resource: resource.resource, namespace: options.namespace, options });
    if (this.listGate) await this.listGate;
    const items = [...this.store(resource).objects.values()]
      .filter((o) => !options.namespace || o.metadata.namespace === options.namespace)
      .filter((o) => matchesSelector(o, options.labelSelector) && matchesFields(o, options.fieldSelector))
      .map((o) => (options.metadataOnly ? metadataOf(o) : clone(o)))
      .slice(0, options.maxItems ?? Number.MAX_SAFE_INTEGER);
    return { items, resourceVersion: String(this.rv) };
  }

  async watch(resource: ApiResource, options: WatchOptions, onEvent: (event: WatchEvent) => void, signal: AbortSignal): Promise<void> {
    this.record({ op: 'watch', resource: resource.resource, namespace: options.namespace, options });
    const store = this.store(resource);
    const w = new FakeWatch(resource, options, onEvent, signal);
    this.watches.push(w);
    const from = Number(options.resourceVersion);
    queueMicrotask(() => {
      if (from < this.compactedBelow) {
        w.send({ type: 'ERROR', status: { code: 410, reason: 'Expired', message: `too old resource version: ${from}` } });
        w.end();
      } else {
        for (const e of store.log) if (e.rv > from && w.matches(e.event.object)) w.send(cloneEvent(e.event));
      }
      const waiter = this.watchWaiters.shift();
      if (waiter) waiter(w);
      else this.untaken.push(w);
    });
    return w.done;
  }

  async apply(object: KubeObject, options: ApplyOptions): Promise<KubeObject> {
    const store = this.storeForObject(object);
    this.record({ op: 'apply', resource: store.resource.resource, namespace: object.metadata.namespace, name: object.metadata.name, options });
    const key = keyOf(object.metadata.namespace, object.metadata.name);
    const old = store.objects.get(key);
    const next: KubeObject = old
      ? { ...old, ...clone(object), status: object.status ?? old.status, metadata: { ...old.metadata, ...clone(object).metadata } }
      : clone(object);
    if (options.dryRun) return next;
    return this.commit(store, key, next, old ? 'MODIFIED' : 'ADDED');
  }

  async applyStatus(object: KubeObject, options: ApplyOptions): Promise<KubeObject> {
    const store = this.storeForObject(object);
    this.record({ op: 'applyStatus', resource: store.resource.resource, namespace: object.metadata.namespace, name: object.metadata.name, options });
    const key = keyOf(object.metadata.namespace, object.metadata.name);
    const old = store.objects.get(key);
    if (!old) throw new KubeError(404, 'NotFound', `${object.kind} ${key} not found`);
    return this.commit(store, key, { ...old, status: clone(object.status) }, 'MODIFIED');
  }

  async create(object: KubeObject, options: { dryRun?: boolean } = {}): Promise<KubeObject> {
    const store = this.storeForObject(object);
    this.record({ op: 'create', resource: store.resource.resource, namespace: object.metadata.namespace, name: object.metadata.name, options });
    const key = keyOf(object.metadata.namespace, object.metadata.name);
    if (store.objects.has(key)) throw new KubeError(409, 'AlreadyExists', `${object.kind} ${key} already exists`);
    if (options.dryRun) return clone(object);
    return this.commit(store, key, clone(object), 'ADDED');
  }

  async patch(resource: ApiResource, namespace: string | undefined, name: string, patch: unknown, type: PatchType, options: { subresource?: string } = {}): Promise<KubeObject> {
    this.record({ op: 'patch', resource: resource.resource, namespace, name, options: { type, ...options } });
    if (type !== 'merge') throw new KubeError(415, 'UnsupportedMediaType', `the fake supports merge patches only, not ${type}`);
    const store = this.store(resource);
    const key = keyOf(namespace, name);
    const old = store.objects.get(key);
    if (!old) throw new KubeError(404, 'NotFound', `${resource.kind} ${key} not found`);
    const next = mergePatch(clone(old), patch) as KubeObject;
    return this.commit(store, key, next, 'MODIFIED');
  }

  async delete(resource: ApiResource, namespace: string | undefined, name: string): Promise<void> {
    this.record({ op: 'delete', resource: resource.resource, namespace, name });
    const store = this.store(resource);
    const key = keyOf(namespace, name);
    const old = store.objects.get(key);
    if (!old) return;
    if ((old.metadata.finalizers ?? []).length > 0) {
      if (!old.metadata.deletionTimestamp) this.commit(store, key, { ...old, metadata: { ...old.metadata, deletionTimestamp: '2000-01-01T00:00:00Z' } }, 'MODIFIED');
      return;
    }
    this.remove(resource, namespace, name);
  }

  async request<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    this.record({ op: 'request', name: `${method} ${path}`, options: body });
    return {} as T;
  }

  async close(): Promise<void> {}

  // --- internals ---

  private record(call: FakeCall): void {
    this.calls.push(call);
    const queue = this.failures.get(call.op);
    if (queue && queue.length > 0) throw queue.shift();
  }

  private store(resource: ApiResource): Store {
    const s = this.stores.get(storeId(resource));
    if (!s) throw new KubeError(404, 'NotFound', `the server could not find the requested resource (${resource.resource})`);
    return s;
  }

  private storeForObject(obj: KubeObject): Store {
    for (const s of this.stores.values()) if (apiVersionOf(s.resource) === obj.apiVersion && s.resource.kind === obj.kind) return s;
    throw new KubeError(404, 'NotFound', `the server does not serve ${obj.kind} in ${obj.apiVersion}`);
  }

  /** Stores the object under a new resourceVersion and tells matching watches. */
  private commit(store: Store, key: string, obj: KubeObject, type: 'ADDED' | 'MODIFIED'): KubeObject {
    const old = store.objects.get(key);
    if (old?.metadata.deletionTimestamp && (obj.metadata.finalizers ?? []).length === 0) {
      this.remove(store.resource, obj.metadata.namespace, obj.metadata.name);
      return clone(obj);
    }
    this.rv++;
    const meta = obj.metadata;
    meta.resourceVersion = String(this.rv);
    meta.uid = old?.metadata.uid ?? meta.uid ?? `uid-${++this.uid}`;
    meta.creationTimestamp = old?.metadata.creationTimestamp ?? meta.creationTimestamp ?? '2000-01-01T00:00:00Z';
    const specChanged = !old || JSON.stringify(old.spec) !== JSON.stringify(obj.spec);
    meta.generation = (old?.metadata.generation ?? 0) + (specChanged ? 1 : 0);
    store.objects.set(key, obj);
    this.publish(store, { type, object: clone(obj) });
    return clone(obj);
  }

  private publish(store: Store, event: WatchEvent & { object: KubeObject }): void {
    store.log.push({ rv: this.rv, event });
    for (const w of this.watches) {
      if (!w.closed && storeId(w.resource) === storeId(store.resource) && w.matches(event.object)) w.send(cloneEvent(event));
    }
  }
}

function storeId(r: ApiResource): string {
  return `${r.group}/${r.resource}`;
}

function keyOf(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

/** What a PartialObjectMetadata list or watch returns, as the real client hands it on. */
function metadataOf(o: KubeObject): KubeObject {
  return clone({ apiVersion: o.apiVersion, kind: o.kind, metadata: o.metadata });
}

function cloneEvent(e: WatchEvent): WatchEvent {
  return clone(e);
}

/** Equality-based selectors: `a=b`, `a==b`, `a!=b`, `a`, `!a`, comma-separated. */
export function matchesSelector(obj: KubeObject, selector: string | undefined): boolean {
  if (!selector) return true;
  const labels = obj.metadata.labels ?? {};
  return selector.split(',').map((s) => s.trim()).filter(Boolean).every((term) => {
    const ne = term.split('!=');
    if (ne.length === 2) return labels[ne[0]!.trim()] !== ne[1]!.trim();
    const eq = term.split(/==?/);
    if (eq.length === 2) return labels[eq[0]!.trim()] === eq[1]!.trim();
    if (term.startsWith('!')) return !(term.slice(1) in labels);
    return term in labels;
  });
}

/** A field selector of `path=value` / `path!=value` terms on dotted paths, as the API server reads it. */
export function matchesFields(obj: KubeObject, selector: string | undefined): boolean {
  if (!selector) return true;
  const at = (path: string): string => {
    let node: unknown = obj;
    for (const key of path.split('.')) node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
    return node === undefined || node === null ? '' : String(node);
  };
  return selector.split(',').map((s) => s.trim()).filter(Boolean).every((term) => {
    const ne = term.split('!=');
    if (ne.length === 2) return at(ne[0]!.trim()) !== ne[1]!.trim();
    const [path, value] = term.split(/==?/);
    return at(path!.trim()) === (value ?? '').trim();
  });
}

/** RFC 7386 JSON merge patch. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return clone(patch);
  const out: Record<string, unknown> = target && typeof target === 'object' && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [k, v] of Object.entries(patch as Record<string, unknown>)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}
