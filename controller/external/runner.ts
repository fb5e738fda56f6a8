// Makes a list of `external` calls for one CR, in declaration order, each seeing the results of
// the ones before it under `.external` — upstream's runner. Requests go through the controller's
// one bounded HTTP client (controller/cross/http.ts); an answer is kept for the call's `cacheFor`
// (per CRD, call, URL, body and headers). A credential (env, Secret, or a URL's user:password) is sent, never
// logged: warnings and `error` texts carry the redacted URL and a short reason only. Each request
// is reported to `observe` (the orkestra_external_* series, controller/observe/external-metrics.ts).
import type { KubeClient } from '../../shared/kube/index.js';
import { answerResult, errorResult, failedResult, resolveCall, skippedResult, type ExternalCall } from '../../shared/external/index.js';
import { registerSecret } from '../../shared/secrets.js';
import { boundedRequest, DEFAULT_HTTP_MAX_BYTES, HttpCallError, redactUrl } from '../cross/http.js';
import { readSecretValue } from '../cross/secret-value.js';
import type { ExternalCallRecord } from '../observe/external-metrics.js';

type Rec = Record<string, unknown>;

export interface ExternalRunnerOptions {
  env: Record<string, string | undefined>;
  kube?: KubeClient;
  now: () => number;
  maxBytes?: number;
  warn?: (message: string, fields: Record<string, unknown>) => void;
  /** Told of every request made (not of cache hits, skipped calls or template errors). */
  observe?: (record: ExternalCallRecord) => void;
}

/** The results so far; `failed` names the first call that failed without continueOnError. */
export interface ExternalOutcome {
  external: Rec;
  failed?: { call: string; error: string };
}

/** Cached answers are bounded: the oldest entry goes first past this many. */
const MAX_CACHE_ENTRIES = 1024;

export class ExternalRunner {
  private readonly cache = new Map<string, { until: number; result: Rec }>();
  /** Requests made (cache misses), for tests. */
  requests = 0;

  constructor(private readonly options: ExternalRunnerOptions) {}

  /**
   * Runs `calls` against `data` (the CR, with any `.external` already gathered) and returns every
   * result so far. Stops at the first call that fails without continueOnError, as upstream does.
   * A template or origin problem fails that call (its `error` says why).
   */
  async run(scope: string, calls: readonly ExternalCall[], data: Rec, about: string): Promise<ExternalOutcome> {
    const external: Rec = { ...((data.external as Rec | undefined) ?? {}) };
    for (const call of calls) {
      const result = await this.one(scope, call, { ...data, external }, about);
      external[call.name] = result;
      const error = failedResult(result);
      if (error !== undefined && !call.continueOnError) return { external, failed: { call: call.name, error } };
    }
    return { external };
  }

  private async one(scope: string, call: ExternalCall, data: Rec, about: string): Promise<Rec> {
    let resolved;
    try {
      resolved = resolveCall(call, data, about);
    } catch (e) {
      return errorResult(call.protocol, e instanceof Error ? e.message : String(e));
    }
    if (resolved.skip) return skippedResult(call.protocol);
    const key = JSON.stringify([scope, call.name, resolved.method, resolved.url, resolved.body ?? '', resolved.headers]);
    const now = this.options.now();
    const cached = call.cacheForMs !== undefined ? this.cache.get(key) : undefined;
    if (cached && now < cached.until) return cached.result;
    const result = await this.request(scope, call, resolved, about);
    if (call.cacheForMs !== undefined) {
      this.cache.delete(key);
      this.cache.set(key, { until: now + call.cacheForMs, result });
      if (this.cache.size > MAX_CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
    }
    return result;
  }

  private async request(scope: string, call: ExternalCall, resolved: { url: string; method: string; headers: Record<string, string>; body?: string }, about: string): Promise<Rec> {
    const shown = redactUrl(resolved.url);
    const started = this.options.now();
    const report = (result: Rec, statusCode?: number): Rec => {
      const error = failedResult(result);
      if (error) this.options.warn?.('external call failed', { call: call.path, cr: about, url: shown, reason: error });
      const seconds = Math.max(0, this.options.now() - started) / 1000;
      this.options.observe?.({ crd: scope, name: call.name, url: shown, seconds, ...(statusCode !== undefined ? { statusCode } : {}), ...(error ? { error } : {}) });
      return result;
    };
    const headers = { ...resolved.headers };
    try {
      const credential = await this.credential(call);
      if (credential !== undefined) headers[call.auth?.header || 'authorization'] = call.auth?.header ? credential : `Bearer ${credential}`;
    } catch (e) {
      // No request was made: a warning, no metric.
      const result = errorResult(call.protocol, `${shown}: ${e instanceof Error ? e.message : String(e)}`);
      this.options.warn?.('external call failed', { call: call.path, cr: about, url: shown, reason: failedResult(result) });
      return result;
    }
    this.requests++;
    let answer;
    try {
      answer = await boundedRequest({
        url: resolved.url, method: resolved.method, headers, timeoutMs: call.timeoutMs, maxBytes: this.options.maxBytes ?? DEFAULT_HTTP_MAX_BYTES,
        ...(resolved.body !== undefined ? { body: resolved.body } : {}),
      });
    } catch (e) {
      const reason = e instanceof HttpCallError ? e.reason : e instanceof Error ? e.message : String(e);
      return report(errorResult(call.protocol, `${shown}: ${reason}`));
    }
    return report(answerResult(call, { statusCode: answer.status, text: answer.text }), answer.status);
  }

  /** @throws Error naming what is missing (never its value). */
  private async credential(call: ExternalCall): Promise<string | undefined> {
    const auth = call.auth;
    if (!auth) return undefined;
    if (auth.literal !== undefined) {
      registerSecret(auth.literal);
      return auth.literal;
    }
    if (auth.env !== undefined) {
      const value = this.options.env[auth.env];
      if (!value) throw new Error(`the credential variable ${auth.env} is not set`);
      registerSecret(value);
      return value;
    }
    const ref = auth.secretRef!;
    if (!this.options.kube) throw new Error('no Kubernetes client to read the credential Secret');
    const value = await readSecretValue(this.options.kube, ref).catch(() => undefined);
    if (value === undefined) throw new Error(`the credential Secret ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name} (key ${ref.key}) cannot be read`);
    return value;
  }
}
