// The error mapping of the Kubernetes API: KubeError (a non-2xx answer, or none), built from the
// Status body's reason and message when the server sent one, else from the HTTP status and a
// short, bounded excerpt of the text; and its translation into an OrkError for a program's top
// level. Pure: no I/O.
import { OrkError } from '../errors.js';
import type { KubeStatus } from './objects.js';

/**
 * A non-2xx answer from the API server. `status` 0 means there was no answer: the server could
 * not be reached, the request timed out (reason `Timeout`), the connection broke (reason
 * `ConnectionFailed`) or the answer was unusable (`InvalidResponse`, `ResponseTooLarge`).
 */
export class KubeError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'KubeError';
  }
}

export function isKubeError(e: unknown, status?: number): e is KubeError {
  return e instanceof KubeError && (status === undefined || e.status === status);
}

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

/** The fields of a Status object we use; anything else in it is ignored. */
export function statusOf(value: unknown): KubeStatus {
  const status: KubeStatus = {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return status;
  const v = value as Record<string, unknown>;
  if (typeof v.code === 'number') status.code = v.code;
  if (typeof v.reason === 'string') status.reason = v.reason;
  if (typeof v.message === 'string') status.message = v.message;
  return status;
}
