// The KubeClient over the REST API: JSON in and out, discovery, server-side apply, paged lists,
// watches. The only file that speaks to the API server (through transport.ts); the CLI builds it
// and hands the KubeClient interface to the controller and the resolver.
// No retries beyond the transport's (one resend of a GET on a reset keep-alive connection, one
// after a 401 with refreshable credentials): the engine decides what to retry and when.
import { ORKESTRA_VERSION } from '../../shared/version.js';
import { credentialSourceFor, type CredentialDeps } from './credentials.js';
import { Discovery } from './discovery.js';
import { KubeTransport, type ConnectionStats } from './transport.js';
import { watchOnce } from './watch.js';
import { DEFAULT_MAX_WATCH_LINE_BYTES } from './watch-stream.js';
import {
  isKubeError, joinApiVersion, KubeError, kubeErrorFrom, METADATA_ONLY, resourcePath, stripQuery, withQuery,
  type ApiResource, type ApplyOptions, type KubeClient, type KubeConfig, type KubeObject, type KubeRequestObserver, type ListOptions,
  type ObjectList, type PatchType, type WatchEvent, type WatchOptions,
} from '../../shared/kube/index.js';

export interface KubeClientOptions {
  userAgent?: string;
  /** Per non-watch request; default 30 s. */
  timeoutMs?: number;
  /** Connections for non-watch requests; default 32 (see docs/kube-client.md). */
  maxConnections?: number;
  /** Largest non-watch answer read; default 256 MiB. */
  maxResponseBytes?: number;
  maxWatchLineBytes?: number;
  /** List page size when ListOptions.limit is not given; default 500. */
  listPageSize?: number;
  /** Told of every request (the controller's rest_client_* metrics); the client knows no metrics library. */
  requestObserver?: KubeRequestObserver;
  /** For tests: clock and exec runner of the credential source. */
  credentialDeps?: CredentialDeps;
}

/** The KubeClient plus what only the real one has. */
export interface HttpKubeClient extends KubeClient {
  readonly server: string;
  connectionStats(): ConnectionStats;
}

export const DEFAULT_MAX_CONNECTIONS = 32;
export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_LIST_PAGE_SIZE = 500;
const DEFAULT_MAX_RESPONSE_BYTES = 256 * 1024 * 1024;

const PATCH_CONTENT_TYPES: Record<PatchType, string> = {
  merge: 'application/merge-patch+json',
  json: 'application/json-patch+json',
  strategic: 'application/strategic-merge-patch+json',
};
const APPLY_CONTENT_TYPE = 'application/apply-patch+yaml';

export function createKubeClient(config: KubeConfig, options: KubeClientOptions = {}): HttpKubeClient {
  return new RestKubeClient(config, options);
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

class RestKubeClient implements HttpKubeClient {
  readonly server: string;
  private readonly transport: KubeTransport;
  private readonly discovery: Discovery;
  private readonly maxLine: number;
  private readonly pageSize: number;

  constructor(config: KubeConfig, options: KubeClientOptions) {
    this.server = config.server;
    this.transport = new KubeTransport(config, credentialSourceFor(config, options.credentialDeps), {
      userAgent: options.userAgent ?? `orkestra/${ORKESTRA_VERSION} (node ${process.version})`,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      maxConnections: options.maxConnections ?? DEFAULT_MAX_CONNECTIONS,
      maxResponseBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
      observer: options.requestObserver,
    });
    this.maxLine = options.maxWatchLineBytes ?? DEFAULT_MAX_WATCH_LINE_BYTES;
    this.pageSize = options.listPageSize ?? DEFAULT_LIST_PAGE_SIZE;
    this.discovery = new Discovery((path) => this.call('GET', path));
  }

  connectionStats(): ConnectionStats {
    return this.transport.stats();
  }

  resourceFor(apiVersion: string, kind: string): Promise<ApiResource> {
    return this.discovery.resourceFor(apiVersion, kind);
  }

  invalidateDiscovery(apiVersions?: readonly string[]): void {
    this.discovery.invalidate(apiVersions);
  }

  async get(resource: ApiResource, namespace: string | undefined, name: string): Promise<KubeObject | undefined> {
    try {
      return await this.call<KubeObject>('GET', resourcePath(resource, namespace, name));
    } catch (e) {
      if (isKubeError(e, 404)) return undefined;
      throw e;
    }
  }

  async list(resource: ApiResource, listOptions: ListOptions = {}): Promise<ObjectList> {
    const base = resourcePath(resource, listOptions.namespace);
    const items: KubeObject[] = [];
    let resourceVersion = '';
    let token: string | undefined;
    const apiVersion = joinApiVersion(resource.group, resource.version);
    const metadataOnly = listOptions.metadataOnly === true;
    const max = listOptions.maxItems;
    const pageSize = Math.min(listOptions.limit ?? this.pageSize, max ?? Number.MAX_SAFE_INTEGER);
    do {
      const page = await this.call<{ items?: KubeObject[]; metadata?: { resourceVersion?: string; continue?: string } }>('GET', withQuery(base, {
        labelSelector: listOptions.labelSelector,
        fieldSelector: listOptions.fieldSelector,
        limit: max === undefined ? pageSize : Math.min(pageSize, max - items.length),
        continue: token,
      }), undefined, undefined, metadataOnly ? METADATA_ONLY.list : undefined);
      // Every page is served from the first page's snapshot: its resourceVersion is the list's.
      if (resourceVersion === '') resourceVersion = page.metadata?.resourceVersion ?? '';
      for (const item of page.items ?? []) {
        // Lists of built-in kinds leave kind and apiVersion off their items.
        if (metadataOnly) items.push({ apiVersion, kind: resource.kind, metadata: item.metadata });
        else items.push({ ...item, apiVersion: item.apiVersion ?? apiVersion, kind: item.kind ?? resource.kind });
      }
      token = page.metadata?.continue || undefined;
    } while (token && (max === undefined || items.length < max));
    return { items: max === undefined ? items : items.slice(0, max), resourceVersion };
  }

  watch(resource: ApiResource, options: WatchOptions, onEvent: (event: WatchEvent) => void, signal: AbortSignal): Promise<void> {
    return watchOnce(this.transport, { resource, options, onEvent, signal, maxLineBytes: this.maxLine });
  }

  apply(object: KubeObject, options: ApplyOptions): Promise<KubeObject> {
    return this.ssa(object, options);
  }

  applyStatus(object: KubeObject, options: ApplyOptions): Promise<KubeObject> {
    return this.ssa(object, options, 'status');
  }

  async create(object: KubeObject, options: { dryRun?: boolean; fieldManager?: string } = {}): Promise<KubeObject> {
    const resource = await this.discovery.resourceFor(object.apiVersion, object.kind);
    const path = withQuery(resourcePath(resource, namespaceOf(resource, object)), {
      fieldManager: options.fieldManager,
      dryRun: options.dryRun ? 'All' : undefined,
    });
    return this.call<KubeObject>('POST', path, object);
  }

  patch(resource: ApiResource, namespace: string | undefined, name: string, patch: unknown, type: PatchType, options: { subresource?: string; fieldManager?: string } = {}): Promise<KubeObject> {
    const path = withQuery(resourcePath(resource, namespace, name, options.subresource), { fieldManager: options.fieldManager });
    return this.call<KubeObject>('PATCH', path, patch, PATCH_CONTENT_TYPES[type]);
  }

  async delete(resource: ApiResource, namespace: string | undefined, name: string, options: { propagationPolicy?: 'Foreground' | 'Background' | 'Orphan'; uid?: string } = {}): Promise<void> {
    const body: Record<string, unknown> = { apiVersion: 'v1', kind: 'DeleteOptions' };
    if (options.propagationPolicy) body.propagationPolicy = options.propagationPolicy;
    if (options.uid) body.preconditions = { uid: options.uid };
    try {
      await this.call('DELETE', resourcePath(resource, namespace, name), body);
    } catch (e) {
      if (isKubeError(e, 404)) return;
      throw e;
    }
  }

  request<T = unknown>(method: Method, path: string, body?: unknown, contentType?: string): Promise<T> {
    return this.call<T>(method, path, body, contentType);
  }

  close(): Promise<void> {
    return this.transport.close();
  }

  private async call<T>(method: string, path: string, body?: unknown, contentType?: string, accept?: string): Promise<T> {
    const text = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const res = await this.transport.send({ method, path, ...(text === undefined ? {} : { body: text, contentType: contentType ?? 'application/json' }), ...(accept ? { accept } : {}) });
    if (res.status < 200 || res.status > 299) throw kubeErrorFrom(res.status, res.body.toString('utf8'), method, path);
    if (res.body.length === 0) return undefined as T;
    try {
      return JSON.parse(res.body.toString('utf8')) as T;
    } catch {
      throw new KubeError(res.status, 'InvalidResponse', `${method} ${stripQuery(path)}: the answer is not JSON`);
    }
  }

  /** Server-side apply to the object's own path; namespaced kinds need metadata.namespace. */
  private async ssa(object: KubeObject, options: ApplyOptions, subresource?: string): Promise<KubeObject> {
    const resource = await this.discovery.resourceFor(object.apiVersion, object.kind);
    const name = object.metadata?.name;
    if (!name) throw new KubeError(400, 'BadRequest', `${object.kind} has no metadata.name`);
    const path = resourcePath(resource, namespaceOf(resource, object), name, subresource);
    const query = withQuery(path, { fieldManager: options.fieldManager, force: options.force ? 'true' : undefined, dryRun: options.dryRun ? 'All' : undefined });
    return this.call<KubeObject>('PATCH', query, object, APPLY_CONTENT_TYPE);
  }
}

function namespaceOf(resource: ApiResource, object: KubeObject): string | undefined {
  if (!resource.namespaced) return undefined;
  const ns = object.metadata?.namespace;
  if (!ns) throw new KubeError(400, 'BadRequest', `${object.kind} ${object.metadata?.name ?? ''} is namespaced but has no metadata.namespace`);
  return ns;
}
