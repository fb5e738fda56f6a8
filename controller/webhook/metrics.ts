// The webhook's /metrics: Node process metrics and `orkestra_webhook_bundle_info{digest}` in a
// registry of its own (never prom-client's global one). Served by the same observability server
// as the controller's (controller/observe/http-server.ts); no I/O here.
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';

export class WebhookMetrics {
  readonly registry = new Registry();
  private readonly bundleInfo: Gauge<'digest'>;

  constructor(options: { processMetrics?: boolean } = {}) {
    this.bundleInfo = new Gauge({
      name: 'orkestra_webhook_bundle_info',
      help: 'The digest of the verified bundle this webhook serves (value always 1)',
      labelNames: ['digest'],
      registers: [this.registry],
    });
    if (options.processMetrics !== false) collectDefaultMetrics({ register: this.registry });
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
}
