// The KubeClient port: the few API-server operations both programs need, shaped after the
// Kubernetes REST API itself (server-side apply, list+watch with resourceVersions, discovery).
// Types only: the HTTPS implementation lives in cli/kube/ (the composition root builds it and
// hands this interface to the controller and the resolver); tests of pure logic use fakes.
import type { ApiResource, KubeObject, WatchEvent } from './objects.js';

export interface ListOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** Page size; the client follows `continue` tokens and returns every item. */
  limit?: number;
  /** Stop after this many items (the pages asked for are no larger): a bounded read. */
  maxItems?: number;
  /** Only each object's metadata (PartialObjectMetadataList); see METADATA_ONLY. */
  metadataOnly?: boolean;
}

export interface ObjectList {
  items: KubeObject[];
  /** The list's resourceVersion, where a watch continues from. */
  resourceVersion: string;
}

export interface WatchOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  resourceVersion: string;
  /** Server-side timeout; the stream then ends normally and the caller re-watches. */
  timeoutSeconds?: number;
  allowWatchBookmarks?: boolean;
  /** Only each object's metadata (PartialObjectMetadata); see METADATA_ONLY. */
  metadataOnly?: boolean;
}

/**
 * `metadataOnly` lists and watches ask the API server for PartialObjectMetadata (served for every
 * kind, CRs included, by 1.20 and current servers): each item or event object is then
 * `{ apiVersion, kind, metadata }` — the client puts the listed kind's apiVersion and kind in
 * place of `meta.k8s.io/v1 PartialObjectMetadata`, so callers see the kind they asked for.
 */
export const METADATA_ONLY = {
  list: 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1',
  watch: 'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1',
} as const;

export interface ApplyOptions {
  fieldManager: string;
  force?: boolean;
  dryRun?: boolean;
}

export type PatchType = 'merge' | 'json' | 'strategic';

export interface KubeClient {
  /** Discovery: the served resource of a kind, cached; throws KubeError 404 when not served. */
  resourceFor(apiVersion: string, kind: string): Promise<ApiResource>;
  /** Forget cached discovery (after CRDs change): all of it, or only these group-versions (`group/version`). */
  invalidateDiscovery(apiVersions?: readonly string[]): void;
  /** The object, or undefined when it does not exist. */
  get(resource: ApiResource, namespace: string | undefined, name: string): Promise<KubeObject | undefined>;
  list(resource: ApiResource, options?: ListOptions): Promise<ObjectList>;
  /**
   * Streams events to `onEvent` until the server ends the stream (resolves), the signal aborts
   * (resolves), or the connection fails (rejects). A 410 Gone arrives as an ERROR event — also
   * when the server answers the watch request itself with HTTP 410 (the client then delivers
   * `{ type: 'ERROR', status: { code: 410 } }` and resolves), so callers relist in one place.
   * Any other non-2xx answer to the watch request rejects with a KubeError.
   */
  watch(resource: ApiResource, options: WatchOptions, onEvent: (event: WatchEvent) => void, signal: AbortSignal): Promise<void>;
  /** Server-side apply of a whole object (PATCH application/apply-patch+yaml). */
  apply(object: KubeObject, options: ApplyOptions): Promise<KubeObject>;
  /** Server-side apply to the status subresource. */
  applyStatus(object: KubeObject, options: ApplyOptions): Promise<KubeObject>;
  /** Create; a KubeError with status 409 when it exists. */
  create(object: KubeObject, options?: { dryRun?: boolean; fieldManager?: string }): Promise<KubeObject>;
  patch(resource: ApiResource, namespace: string | undefined, name: string, patch: unknown, type: PatchType, options?: { subresource?: string; fieldManager?: string }): Promise<KubeObject>;
  /** Delete; resolves (no error) when the object is already gone. */
  delete(resource: ApiResource, namespace: string | undefined, name: string, options?: { propagationPolicy?: 'Foreground' | 'Background' | 'Orphan'; uid?: string }): Promise<void>;
  /** Any other call (SelfSubjectAccessReview, Events, Leases): JSON in, JSON out; non-2xx throws. */
  request<T = unknown>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown, contentType?: string): Promise<T>;
  /** Close pooled connections. */
  close(): Promise<void>;
}
