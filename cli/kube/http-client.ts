// The KubeClient over the REST API: JSON in and out, discovery, server-side apply, paged lists,
// watches. The only file that speaks to the API server (through transport.ts); the CLI builds it
// and hands the KubeClient interface to the controller and the resolver.
// No retries beyond the transport's (one resend of a GET on a reset keep-alive connection, one
// after a 401 with refreshable credentials): the engine decides what to retry and when.
import { ORKESTRA_VERSION } from '../../shared/version.js';
import { credentialSourceFor, type CredentialDeps } from './credentials.js';
import { Discovery } from './discovery.js';
import { KubeTransport, networkError, type ConnectionStats } from './transport.js';
import { DEFAULT_MAX_WATCH_LINE_BYTES, LineSplitter, parseWatchEvent } from './watch-stream.js';
import {
  isKubeError, joinApiVersion, KubeError, kubeErrorFrom, MAX_ERROR_BODY_BYTES, METADATA_ONLY, resourcePath, statusOf, stripQuery, withQuery,
  type ApiResource, type ApplyOptions, type KubeClient, type KubeConfig, type KubeObject, type ListOptions,
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
/** A watch with a server-side timeout that sends nothing for this much longer is a dead connection. */
const WATCH_IDLE_GRACE_S = 60;

const PATCH_CONTENT_TYPES: Record<PatchType, string> = {
  merge: 'application/merge-patch+json',
  json: 'application/json-patch+json',
  strategic: 'application/strategic-merge-patch+json',
};
const APPLY_CONTENT_TYPE = 'application/apply-patch+yaml';

export function createKubeClient(config: KubeConfig, options: KubeClientOptions = {}): HttpKubeClient {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const transport = new KubeTransport(config, credentialSourceFor(config, options.credentialDeps), {
    userAgent: options.userAgent ?? `orkestra/${ORKESTRA_VERSION} (node ${process.version})`,
    timeoutMs,
    maxConnections: options.maxConnections ?? DEFAULT_MAX_CONNECTIONS,
    maxResponseBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
  });
  const maxLine = options.maxWatchLineBytes ?? DEFAULT_MAX_WATCH_LINE_BYTES;
  const pageSize = options.listPageSize ?? DEFAULT_LIST_PAGE_SIZE;

  async function call<T>(method: string, path: string, body?: unknown, contentType?: string, accept?: string): Promise<T> {
    const text = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const res = await transport.send({ method, path, ...(text === undefined ? {} : { body: text, contentType: contentType ?? 'application/json' }), ...(accept ? { accept } : {}) });
    if (res.status < 200 || res.status > 299) throw kubeErrorFrom(res.status, res.body.toString('utf8'), method, path);
    if (res.body.length === 0) return undefined as T;
    try {
      return JSON.parse(res.body.toString('utf8')) as T;
    } catch {
      throw new KubeError(res.status, 'InvalidResponse', `${method} ${stripQuery(path)}: the answer is not JSON`);
    }
  }

  const discovery = new Discovery((path) => call('GET', path));

  /** The object's own path; namespaced kinds need metadata.namespace. */
  async function objectPath(object: KubeObject, subresource?: string): Promise<{ resource: ApiResource; path: string }> {
    const resource = await discovery.resourceFor(object.apiVersion, object.kind);
    const name = object.metadata?.name;
    if (!name) throw new KubeError(400, 'BadRequest', `${object.kind} has no metadata.name`);
    return { resource, path: resourcePath(resource, namespaceOf(resource, object), name, subresource) };
  }

  async function ssa(object: KubeObject, options: ApplyOptions, subresource?: string): Promise<KubeObject> {
    const { path } = await objectPath(object, subresource);
    const query = withQuery(path, { fieldManager: options.fieldManager, force: options.force ? 'true' : undefined, dryRun: options.dryRun ? 'All' : undefined });
    return call<KubeObject>('PATCH', query, object, APPLY_CONTENT_TYPE);
  }

  return {
    server: config.server,
    connectionStats: () => transport.stats(),

    resourceFor: (apiVersion, kind) => discovery.resourceFor(apiVersion, kind),
    invalidateDiscovery: () => discovery.invalidate(),

    async get(resource, namespace, name) {
      try {
        return await call<KubeObject>('GET', resourcePath(resource, namespace, name));
      } catch (e) {
        if (isKubeError(e, 404)) return undefined;
        throw e;
      }
    },

    async list(resource, listOptions: ListOptions = {}): Promise<ObjectList> {
      const base = resourcePath(resource, listOptions.namespace);
      const items: KubeObject[] = [];
      let resourceVersion = '';
      let token: string | undefined;
      const apiVersion = joinApiVersion(resource.group, resource.version);
      const metadataOnly = listOptions.metadataOnly === true;
      do {
        const page = await call<{ items?: KubeObject[]; metadata?: { resourceVersion?: string; continue?: string } }>('GET', withQuery(base, {
          labelSelector: listOptions.labelSelector,
          fieldSelector: listOptions.fieldSelector,
          limit: listOptions.limit ?? pageSize,
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
      } while (token);
      return { items, resourceVersion };
    },

    async watch(resource, watchOptions: WatchOptions, onEvent: (event: WatchEvent) => void, signal: AbortSignal): Promise<void> {
      if (signal.aborted) return;
      const path = withQuery(resourcePath(resource, watchOptions.namespace), {
        watch: 1,
        resourceVersion: watchOptions.resourceVersion,
        labelSelector: watchOptions.labelSelector,
        timeoutSeconds: watchOptions.timeoutSeconds,
        allowWatchBookmarks: watchOptions.allowWatchBookmarks ? 'true' : undefined,
      });
      const metadataOnly = watchOptions.metadataOnly === true;
      const apiVersion = joinApiVersion(resource.group, resource.version);
      const idleMs = watchOptions.timeoutSeconds !== undefined ? (watchOptions.timeoutSeconds + WATCH_IDLE_GRACE_S) * 1000 : 0;
      let res;
      try {
        res = await transport.stream(path, signal, idleMs, metadataOnly ? METADATA_ONLY.watch : undefined);
      } catch (e) {
        if (signal.aborted) return;
        throw e;
      }
      const { status, body } = res;
      if (status < 200 || status > 299) {
        const text = await readErrorBody(body);
        const error = kubeErrorFrom(status, text, 'GET', path);
        // Same contract as a 410 inside the stream: the caller relists on an ERROR event.
        if (status === 410) {
          onEvent({ type: 'ERROR', status: { ...statusOf(safeJson(text)), code: 410, reason: error.reason, message: error.message } });
          return;
        }
        throw error;
      }
      const splitter = new LineSplitter(maxLine);
      const deliver = (line: string) => {
        if (signal.aborted || line.trim() === '') return;
        let event = parseWatchEvent(line);
        if (metadataOnly && event.type !== 'ERROR') event = { type: event.type, object: { apiVersion, kind: resource.kind, metadata: event.object.metadata } };
        try {
          onEvent(event);
        } catch (e) {
          throw new CallbackFailed(e);
        }
      };
      try {
        for await (const chunk of body) {
          for (const line of splitter.push(chunk as Buffer)) deliver(line);
          if (splitter.error) throw splitter.error;
          if (signal.aborted) break;
        }
        if (signal.aborted) return;
        const last = splitter.end();
        if (last !== undefined) deliver(last);
      } catch (e) {
        if (e instanceof CallbackFailed) throw e.cause;
        if (signal.aborted) return;
        if (e instanceof KubeError) throw e;
        if (isNetworkError(e)) throw networkError(e, 'GET', path, idleMs);
        throw new KubeError(0, 'InvalidResponse', `watch ${stripQuery(path)}: ${(e as Error).message}`);
      } finally {
        if (!body.destroyed) body.destroy();
      }
    },

    apply: (object, options) => ssa(object, options),
    applyStatus: (object, options) => ssa(object, options, 'status'),

    async create(object, options = {}) {
      const resource = await discovery.resourceFor(object.apiVersion, object.kind);
      const path = withQuery(resourcePath(resource, namespaceOf(resource, object)), {
        fieldManager: options.fieldManager,
        dryRun: options.dryRun ? 'All' : undefined,
      });
      return call<KubeObject>('POST', path, object);
    },

    patch(resource, namespace, name, patch, type, options = {}) {
      const path = withQuery(resourcePath(resource, namespace, name, options.subresource), { fieldManager: options.fieldManager });
      return call<KubeObject>('PATCH', path, patch, PATCH_CONTENT_TYPES[type]);
    },

    async delete(resource, namespace, name, options = {}) {
      const body: Record<string, unknown> = { apiVersion: 'v1', kind: 'DeleteOptions' };
      if (options.propagationPolicy) body.propagationPolicy = options.propagationPolicy;
      if (options.uid) body.preconditions = { uid: options.uid };
      try {
        await call('DELETE', resourcePath(resource, namespace, name), body);
      } catch (e) {
        if (isKubeError(e, 404)) return;
        throw e;
      }
    },

    request: <T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown, contentType?: string) => call<T>(method, path, body, contentType),

    close: () => transport.close(),
  };
}

/** Carries an exception of the caller's onEvent through the stream handling, unchanged. */
class CallbackFailed {
  constructor(readonly cause: unknown) {}
}

function namespaceOf(resource: ApiResource, object: KubeObject): string | undefined {
  if (!resource.namespaced) return undefined;
  const ns = object.metadata?.namespace;
  if (!ns) throw new KubeError(400, 'BadRequest', `${object.kind} ${object.metadata?.name ?? ''} is namespaced but has no metadata.namespace`);
  return ns;
}

async function readErrorBody(body: AsyncIterable<unknown> & { destroy(): void }): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buf = chunk as Buffer;
    chunks.push(buf.subarray(0, MAX_ERROR_BODY_BYTES - size));
    size += Math.min(buf.length, MAX_ERROR_BODY_BYTES - size);
    if (size >= MAX_ERROR_BODY_BYTES) {
      body.destroy();
      break;
    }
  }
  return Buffer.concat(chunks).toString('utf8');
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isNetworkError(e: unknown): boolean {
  const code = (e as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('UND_ERR') || code.startsWith('E'));
}
