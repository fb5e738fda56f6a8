// One watch request: open the stream (an HTTP 410 becomes an ERROR event, so callers relist in
// one place), then split it into lines and deliver each as a WatchEvent until the server ends
// it, the signal aborts or the connection fails. Bounded: lines, error bodies, idle time.
import type { Readable } from 'node:stream';
import {
  joinApiVersion, KubeError, kubeErrorFrom, MAX_ERROR_BODY_BYTES, METADATA_ONLY, resourcePath, statusOf, stripQuery, withQuery,
  type ApiResource, type WatchEvent, type WatchOptions,
} from '../../shared/kube/index.js';
import { networkError, type KubeTransport } from './transport.js';
import { LineSplitter, parseWatchEvent } from './watch-stream.js';

/** A watch with a server-side timeout that sends nothing for this much longer is a dead connection. */
const WATCH_IDLE_GRACE_S = 60;

export interface WatchRequest {
  resource: ApiResource;
  options: WatchOptions;
  onEvent: (event: WatchEvent) => void;
  signal: AbortSignal;
  maxLineBytes: number;
}

export async function watchOnce(transport: KubeTransport, w: WatchRequest): Promise<void> {
  if (w.signal.aborted) return;
  const { options } = w;
  const path = withQuery(resourcePath(w.resource, options.namespace), {
    watch: 1,
    resourceVersion: options.resourceVersion,
    labelSelector: options.labelSelector,
    fieldSelector: options.fieldSelector,
    timeoutSeconds: options.timeoutSeconds,
    allowWatchBookmarks: options.allowWatchBookmarks ? 'true' : undefined,
  });
  const idleMs = options.timeoutSeconds !== undefined ? (options.timeoutSeconds + WATCH_IDLE_GRACE_S) * 1000 : 0;
  let res;
  try {
    res = await transport.stream(path, w.signal, idleMs, options.metadataOnly ? METADATA_ONLY.watch : undefined);
  } catch (e) {
    if (w.signal.aborted) return;
    throw e;
  }
  const { status, body } = res;
  if (status < 200 || status > 299) {
    const text = await readErrorBody(body);
    const error = kubeErrorFrom(status, text, 'GET', path);
    // Same contract as a 410 inside the stream: the caller relists on an ERROR event.
    if (status !== 410) throw error;
    w.onEvent({ type: 'ERROR', status: { ...statusOf(safeJson(text)), code: 410, reason: error.reason, message: error.message } });
    return;
  }
  await pump(body, w, path, idleMs);
}

/** Reads the stream's lines into events; maps failures to KubeErrors, the caller's own unchanged. */
async function pump(body: Readable, w: WatchRequest, path: string, idleMs: number): Promise<void> {
  const { signal, resource } = w;
  const apiVersion = joinApiVersion(resource.group, resource.version);
  const splitter = new LineSplitter(w.maxLineBytes);
  const deliver = (line: string) => {
    if (signal.aborted || line.trim() === '') return;
    let event = parseWatchEvent(line);
    if (w.options.metadataOnly && event.type !== 'ERROR') event = { type: event.type, object: { apiVersion, kind: resource.kind, metadata: event.object.metadata } };
    try {
      w.onEvent(event);
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
}

/** Carries an exception of the caller's onEvent through the stream handling, unchanged. */
class CallbackFailed {
  constructor(readonly cause: unknown) {}
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
  return typeof code === 'string' && code.startsWith('E');
}
