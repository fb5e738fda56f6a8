// Turns a non-2xx answer into a KubeError: the Status body's reason and message when the server
// sent one, else the HTTP status and a short, bounded excerpt of the text. Pure: no I/O.
import { statusOf } from './watch-stream.js';
import { OrkError } from '../../shared/errors.js';
import { KubeError } from './types.js';

/** Bytes of an error body we read: a Status is a few hundred bytes; HTML error pages are cut. */
export const MAX_ERROR_BODY_BYTES = 64 * 1024;

const REASONS: Record<number, string> = {
  400: 'BadRequest', 401: 'Unauthorized', 403: 'Forbidden', 404: 'NotFound', 405: 'MethodNotAllowed',
  406: 'NotAcceptable', 409: 'Conflict', 410: 'Expired', 413: 'RequestEntityTooLarge',
  415: 'UnsupportedMediaType', 422: 'Invalid', 429: 'TooManyRequests', 500: 'InternalError',
  503: 'ServiceUnavailable', 504: 'Timeout',
};

export function kubeErrorFrom(status: number, body: string, method: string, path: string): KubeError {
  let parsed: unknown;
  try {
    parsed = body === '' ? undefined : JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  const fallbackReason = REASONS[status] ?? (status >= 500 ? 'InternalError' : 'Unknown');
  const where = `${method} ${stripQuery(path)}`;
  if (isStatusObject(parsed)) {
    const s = statusOf(parsed);
    const details = (parsed as { details?: unknown }).details;
    return new KubeError(status, s.reason || fallbackReason, s.message || `${where}: HTTP ${status}`, details);
  }
  const excerpt = body.replace(/\s+/g, ' ').trim().slice(0, 200);
  return new KubeError(status, fallbackReason, `${where}: HTTP ${status}${excerpt ? `: ${excerpt}` : ''}`);
}

function isStatusObject(v: unknown): boolean {
  return typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'Status';
}

/** Paths carry selectors and continue tokens in the query; messages need only the path. */
export function stripQuery(path: string): string {
  const q = path.indexOf('?');
  return q < 0 ? path : path.slice(0, q);
}

/**
 * For a program's top level: an API failure as an OrkError (KUBE_API_FAILED, exit class fetch)
 * naming the status and what to check; anything else unchanged.
 */
export function asOrkError(e: unknown): unknown {
  if (!(e instanceof KubeError)) return e;
  const hint =
    e.status === 0 ? 'check that the API server is reachable and the kubeconfig points at it'
    : e.status === 401 ? 'the credentials were rejected; check the kubeconfig or service account token'
    : e.status === 403 ? 'the service account lacks a permission; grant it in the ClusterRole'
    : 'see the message from the API server';
  return new OrkError('KUBE_API_FAILED', `the Kubernetes API failed (${e.status === 0 ? e.reason : `HTTP ${e.status} ${e.reason}`}): ${e.message}; ${hint}`, { retry: 'transient', cause: e });
}
