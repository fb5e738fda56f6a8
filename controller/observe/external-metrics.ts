// Upstream's external-call series (pkg/metrics/external.go's names and labels): every request an
// `external` call makes — a cache hit makes none — counted by result, timed, and its failures by
// kind. The `url` label is the URL as logs show it (controller/cross/http.ts redactUrl): scheme,
// host and path only, never a user:password or a query, so no credential reaches a scrape.
import { Counter, Histogram, type Registry } from './prometheus/index.js';

/** Prometheus' default buckets (seconds), as upstream's histogram uses. */
export const EXTERNAL_CALL_BUCKETS: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** One request an external call made, as the runner reports it (controller/external/runner.ts). */
export interface ExternalCallRecord {
  crd: string;
  /** The call's `name`. */
  name: string;
  /** Already redacted: origin and path. */
  url: string;
  seconds: number;
  /** The answer's status; absent when none came (timeout, refused, too large, redirect). */
  statusCode?: number;
  /** Set when the call failed (status not the expected one, no answer, a bad Prometheus answer). */
  error?: string;
}

/** `http_<status>` when an answer came, `network` when none did — upstream's two kinds. */
export function externalErrorType(record: Pick<ExternalCallRecord, 'statusCode'>): string {
  return record.statusCode !== undefined ? `http_${record.statusCode}` : 'network';
}

export class ExternalCallMetrics {
  private readonly calls: Counter<'crd' | 'name' | 'url' | 'result'>;
  private readonly duration: Histogram<'crd' | 'name' | 'url'>;
  private readonly errors: Counter<'crd' | 'name' | 'url' | 'error_type'>;

  constructor(registry: Registry) {
    const registers = [registry];
    this.calls = new Counter({ name: 'orkestra_external_calls_total', help: 'External API calls made by the reconciler, by result (success, error)', labelNames: ['crd', 'name', 'url', 'result'], registers });
    this.duration = new Histogram({ name: 'orkestra_external_call_duration_seconds', help: 'Duration of external API calls', labelNames: ['crd', 'name', 'url'], buckets: [...EXTERNAL_CALL_BUCKETS], registers });
    this.errors = new Counter({ name: 'orkestra_external_call_errors_total', help: 'External API call errors, by error type (http_<status>, network)', labelNames: ['crd', 'name', 'url', 'error_type'], registers });
  }

  /** Give it to the ExternalRunner (`observe`). */
  readonly record = (r: ExternalCallRecord): void => {
    const labels = { crd: r.crd, name: r.name, url: r.url };
    this.calls.inc({ ...labels, result: r.error ? 'error' : 'success' });
    if (r.error) this.errors.inc({ ...labels, error_type: externalErrorType(r) });
    this.duration.observe(labels, r.seconds);
  };
}
