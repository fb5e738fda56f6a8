// The admission and conversion webhook server: the verified bundle's rules served over HTTPS at
// /validate, /mutate and /convert, with its certificates and its registration. The CLI reaches
// it through controller/index.ts.
export { startWebhook, type RunningWebhook, type WebhookOptions } from './run.js';
export type { CertificateMode } from './cert-source.js';
export { MAX_BODY_BYTES } from './server.js';
export { WebhookMetrics } from './metrics.js';
export { DEFAULT_LIFETIMES, type Lifetimes } from './certs/issue.js';
export { releaseWebhook, type Released } from './release.js';
