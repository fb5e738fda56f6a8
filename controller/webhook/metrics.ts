// The webhook's /metrics: Node process metrics, `orkestra_webhook_bundle_info{digest}` and what
// each review did — requests by webhook, CRD and result, their latency, denials and warnings by
// the Katalog rule that failed, objects converted by CRD and versions — in a registry of its own
// (there is no global one). Served by the same observability server as the controller's
// (controller/observe/http-server.ts); no I/O here. Labels come from the bundle (CRD names, rule
// places, versions), never from an object, so their number is bounded by the Katalog.
import { Counter, Gauge, Histogram, registerProcessMetrics, Registry } from '../observe/prometheus/index.js';
import type { AdmissionMode, AdmissionOutcome, ConversionOutcome } from '../../shared/admission/index.js';

export type WebhookKind = AdmissionMode | 'convert';

/** Seconds: a review is answered in well under a millisecond to a few; the API server gives up at 5 s. */
export const REVIEW_DURATION_BUCKETS: readonly number[] = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/** What the HTTPS server reports about each request it answered (server.ts). */
export interface ReviewObserver {
  admission(mode: AdmissionMode, outcome: AdmissionOutcome, seconds: number): void;
  conversion(outcome: ConversionOutcome, seconds: number): void;
  /** A request refused before review: `invalid` (400/413) or `error` (500). */
  refused(kind: WebhookKind, result: 'invalid' | 'error', seconds: number): void;
}

export class WebhookMetrics implements ReviewObserver {
  readonly registry = new Registry();
  private readonly bundleInfo: Gauge<'digest'>;
  private readonly requests: Counter<'webhook' | 'crd' | 'result'>;
  private readonly duration: Histogram<'webhook'>;
  private readonly denials: Counter<'crd' | 'rule' | 'field'>;
  private readonly warnings: Counter<'crd' | 'rule' | 'field'>;
  private readonly conversions: Counter<'crd' | 'from' | 'to' | 'result'>;

  constructor(options: { processMetrics?: boolean } = {}) {
    const registers = [this.registry];
    this.bundleInfo = new Gauge({ name: 'orkestra_webhook_bundle_info', help: 'The digest of the verified bundle this webhook serves (value always 1)', labelNames: ['digest'], registers });
    this.requests = new Counter({
      name: 'orkestra_webhook_requests_total',
      help: 'Reviews answered, by webhook (validate, mutate, convert), CRD and result (allowed, denied, patched, converted, failed, invalid, error)',
      labelNames: ['webhook', 'crd', 'result'],
      registers,
    });
    this.duration = new Histogram({
      name: 'orkestra_webhook_request_duration_seconds',
      help: 'Time from the request to its answer, body read and review included, by webhook',
      labelNames: ['webhook'],
      buckets: [...REVIEW_DURATION_BUCKETS],
      registers,
    });
    const byRule = ['crd', 'rule', 'field'] as const;
    this.denials = new Counter({ name: 'orkestra_webhook_denials_total', help: 'Failed deny rules at admission, by CRD and rule (validation.rules[i]) and the field it names', labelNames: byRule, registers });
    this.warnings = new Counter({ name: 'orkestra_webhook_warnings_total', help: 'Failed warn rules at admission, by CRD and rule (validation.rules[i]) and the field it names', labelNames: byRule, registers });
    this.conversions = new Counter({
      name: 'orkestra_webhook_conversions_total',
      help: 'Objects in conversion reviews, by CRD, source and desired version and result (converted, failed)',
      labelNames: ['crd', 'from', 'to', 'result'],
      registers,
    });
    if (options.processMetrics !== false) registerProcessMetrics(this.registry);
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  metrics(): Promise<string> {
    return this.registry.metrics();
  }

  setBundleDigest(digest: string): void {
    this.bundleInfo.reset();
    this.bundleInfo.set({ digest }, 1);
  }

  admission(mode: AdmissionMode, outcome: AdmissionOutcome, seconds: number): void {
    const crd = outcome.crd ?? '';
    const result = !outcome.allowed ? 'denied' : outcome.patchOps > 0 ? 'patched' : 'allowed';
    this.requests.inc({ webhook: mode, crd, result });
    this.duration.observe({ webhook: mode }, seconds);
    for (const r of outcome.failedRules ?? []) (r.action === 'deny' ? this.denials : this.warnings).inc({ crd, rule: r.rule, field: r.field ?? '' });
  }

  conversion(outcome: ConversionOutcome, seconds: number): void {
    const crd = outcome.crd ?? '';
    const result = outcome.ok ? 'converted' : 'failed';
    this.requests.inc({ webhook: 'convert', crd, result });
    this.duration.observe({ webhook: 'convert' }, seconds);
    const to = versionOf(outcome.to);
    for (const [apiVersion, n] of Object.entries(outcome.from)) this.conversions.inc({ crd, from: versionOf(apiVersion), to, result }, n);
  }

  refused(kind: WebhookKind, result: 'invalid' | 'error', seconds: number): void {
    this.requests.inc({ webhook: kind, crd: '', result });
    this.duration.observe({ webhook: kind }, seconds);
  }
}

/** `v1` of `example.com/v1`: the CRD label already names the group. */
const versionOf = (apiVersion: string): string => apiVersion.slice(apiVersion.lastIndexOf('/') + 1);
