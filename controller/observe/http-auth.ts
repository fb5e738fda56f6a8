// Who may read /metrics and /bundle: the caller's bearer token is checked by the API server
// (TokenReview), then its permission to `get` the path (SubjectAccessReview, a non-resource URL),
// as kube-rbac-proxy and controller-runtime's secure metrics do. Decisions are cached briefly by a
// hash of the token, so a scrape every few seconds costs no API calls. Never logs or keeps a token.
import { createHash } from 'node:crypto';
import type { Logger } from '../../shared/log.js';
import type { KubeClient } from '../kube/types.js';

export const TOKEN_REVIEW_PATH = '/apis/authentication.k8s.io/v1/tokenreviews';
export const SUBJECT_ACCESS_REVIEW_PATH = '/apis/authorization.k8s.io/v1/subjectaccessreviews';

/** `allowed`; `unauthenticated` (401: no or invalid token); `forbidden` (403); `unavailable` (503: the review itself failed). */
export type HttpAccess = 'allowed' | 'unauthenticated' | 'forbidden' | 'unavailable';

export interface HttpAuthorizer {
  /** `authorization` is the request's Authorization header, as received. */
  authorize(authorization: string | undefined, path: string): Promise<HttpAccess>;
}

export interface KubeHttpAuthorizerOptions {
  /** How long a decision is reused (default 10 s; denials too, so a bad token cannot hammer the API server). */
  ttlMs?: number;
  /** Most cached decisions (default 1024); the oldest go first. */
  maxEntries?: number;
  now?: () => number;
  logger?: Logger;
}

const DEFAULT_TTL_MS = 10_000;
const DEFAULT_MAX_ENTRIES = 1024;
const MAX_TOKEN_CHARS = 16 * 1024;

interface UserInfo {
  username?: string;
  uid?: string;
  groups?: string[];
  extra?: Record<string, string[]>;
}

/** The bearer token of an Authorization header, or undefined when there is none usable. */
export function bearerToken(authorization: string | undefined): string | undefined {
  if (!authorization) return undefined;
  const match = /^Bearer +(\S+) *$/i.exec(authorization);
  const token = match?.[1];
  return token && token.length <= MAX_TOKEN_CHARS ? token : undefined;
}

export function kubeHttpAuthorizer(kube: KubeClient, options: KubeHttpAuthorizerOptions = {}): HttpAuthorizer {
  const ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
  const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { access: HttpAccess; until: number }>();
  let warned = false;

  async function review(token: string, path: string): Promise<HttpAccess> {
    const tokenReview = await kube.request<{ status?: { authenticated?: boolean; user?: UserInfo } }>('POST', TOKEN_REVIEW_PATH, {
      apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token },
    });
    const user = tokenReview.status?.user;
    if (tokenReview.status?.authenticated !== true || !user?.username) return 'unauthenticated';
    const access = await kube.request<{ status?: { allowed?: boolean } }>('POST', SUBJECT_ACCESS_REVIEW_PATH, {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SubjectAccessReview',
      spec: {
        user: user.username,
        ...(user.uid ? { uid: user.uid } : {}),
        groups: user.groups ?? [],
        ...(user.extra ? { extra: user.extra } : {}),
        nonResourceAttributes: { path, verb: 'get' },
      },
    });
    return access.status?.allowed === true ? 'allowed' : 'forbidden';
  }

  return {
    async authorize(authorization, path) {
      const token = bearerToken(authorization);
      if (!token) return 'unauthenticated';
      const key = `${createHash('sha256').update(token).digest('hex')} ${path}`;
      const cached = cache.get(key);
      if (cached && cached.until > now()) return cached.access;
      let access: HttpAccess;
      try {
        access = await review(token, path);
      } catch (e) {
        // Not cached: the next request asks again. Said once, without the token.
        if (!warned) {
          warned = true;
          options.logger?.warn('cannot review access to the observability endpoints; grant create on tokenreviews and subjectaccessreviews (ork rbac --http-auth)', { path, err: e instanceof Error ? e.message : String(e) });
        }
        return 'unavailable';
      }
      cache.delete(key);
      cache.set(key, { access, until: now() + ttlMs });
      while (cache.size > maxEntries) cache.delete(cache.keys().next().value as string);
      return access;
    },
  };
}
