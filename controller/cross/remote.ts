// Remote cross reads: GET a JSON document from another runtime (health, metrics, a CR) over HTTP(S),
// bounded — a timeout, a body size limit — and cached per URL for the declaration's `cacheFor`, so
// a busy controller does not call the remote on every reconcile. A bearer token comes from the
// environment (`$NAME`) or a Secret read once; neither it nor a URL's user:password ever reaches a
// log line, an error or the template data.
import type { RemoteQuery } from '../../shared/cross/index.js';
import type { KubeClient } from '../../shared/kube/index.js';
import { readSecretValue } from './secret-value.js';
import { boundedRequest, DEFAULT_HTTP_MAX_BYTES, DEFAULT_HTTP_TIMEOUT_MS, HttpCallError, redactUrl } from './http.js';

export { redactUrl };

export const DEFAULT_REMOTE_TIMEOUT_MS = DEFAULT_HTTP_TIMEOUT_MS;
export const DEFAULT_REMOTE_MAX_BYTES = DEFAULT_HTTP_MAX_BYTES;

export interface RemoteReaderOptions {
  env: Record<string, string | undefined>;
  kube?: KubeClient;
  now: () => number;
  timeoutMs?: number;
  maxBytes?: number;
  warn?: (message: string, fields: Record<string, unknown>) => void;
}

type Rec = Record<string, unknown>;

export class RemoteReader {
  private readonly cache = new Map<string, { at: number; value: Rec }>();
  private readonly secrets = new Map<string, Promise<string | undefined>>();
  /** Requests made (cache misses), for tests and metrics. */
  fetches = 0;

  constructor(private readonly options: RemoteReaderOptions) {}

  /** `{found: true, …document}`, or `{found: false, error}` saying why (never with credentials). */
  async read(query: RemoteQuery): Promise<Rec> {
    const cached = this.cache.get(query.url);
    const now = this.options.now();
    if (cached && now - cached.at < query.cacheForMs) return cached.value;
    const value = await this.fetch(query);
    this.cache.set(query.url, { at: now, value });
    return value;
  }

  private async fetch(query: RemoteQuery): Promise<Rec> {
    const shown = redactUrl(query.url);
    const timeoutMs = this.options.timeoutMs ?? DEFAULT_REMOTE_TIMEOUT_MS;
    this.fetches++;
    try {
      const headers: Record<string, string> = { accept: 'application/json' };
      const token = await this.token(query);
      if (token) headers.authorization = `Bearer ${token}`;
      const response = await boundedRequest({ url: query.url, headers, timeoutMs, maxBytes: this.options.maxBytes ?? DEFAULT_REMOTE_MAX_BYTES });
      if ((response.status < 200 || response.status >= 300) && response.status !== 503) return this.failed(shown, `HTTP ${response.status}`);
      const parsed: unknown = JSON.parse(response.text);
      const document = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Rec) : { value: parsed };
      // A health endpoint answers 503 with its (unhealthy) state: that is a reading, not a failure.
      return { found: true, statusCode: response.status, ...document };
    } catch (e) {
      const reason = e instanceof HttpCallError ? e.reason : e instanceof SyntaxError ? 'the answer is not JSON' : e instanceof Error ? e.message : String(e);
      return this.failed(shown, reason);
    }
  }

  private failed(url: string, reason: string): Rec {
    const error = `cross read of ${url} failed: ${reason}`;
    this.options.warn?.('cross read failed', { url, reason });
    return { found: false, error };
  }

  private async token(query: RemoteQuery): Promise<string | undefined> {
    const auth = query.auth;
    if (auth?.token !== undefined) return auth.token.startsWith('$') ? this.options.env[auth.token.slice(1)] : auth.token;
    const ref = auth?.secretRef;
    if (!ref || !this.options.kube) return undefined;
    const id = `${ref.namespace ?? ''}/${ref.name}/${ref.key}`;
    let pending = this.secrets.get(id);
    if (!pending) {
      const kube = this.options.kube;
      pending = readSecretValue(kube, ref).catch(() => undefined);
      this.secrets.set(id, pending);
    }
    return pending;
  }
}
