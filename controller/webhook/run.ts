// The webhook's runner, like the controller's: verify the bundle exactly as the controller does
// (nothing is served, nothing touches the cluster on a bad one), then a manager of units —
// certificates, the HTTPS server, the registration, the renewal check. Stateless: every answer
// comes from the verified bundle, so any number of replicas serve alike.
import type { Logger } from '../../shared/log.js';
import { AdmissionTargets, type FailurePolicy, type WebhookEndpoint } from '../../shared/admission/index.js';
import type { BundlePayload } from '../../shared/bundle/index.js';
import type { KubeClient } from '../../shared/kube/index.js';
import { realClock, type Clock } from '../engine/index.js';
import { Manager } from '../manager/index.js';
import { verifyBundle } from '../startup/index.js';
import { certificateSource, type CertificateMode } from './cert-source.js';
import type { ReviewObserver } from './metrics.js';
import { certificatesUnit, registrationUnit, renewalUnit, serverUnit, type WebhookState } from './units.js';

const RENEWAL_CHECK_MS = 60 * 60_000;

export interface WebhookOptions {
  bundleDir: string;
  publicKeyPath: string;
  expectedDigest?: string;
  /** Refuse a bundle not resolved for this configuration (the chart's checksum/komposer), as the controller does. */
  configChecksum?: string;
  logger: Logger;
  clock?: Clock;
  /** Needed to register or to use a Secret; a function is called only after verification. */
  kube?: KubeClient | (() => KubeClient);
  host: string;
  port: number;
  certificates: CertificateMode;
  /** Register the webhook with the API server (absent: serve only). */
  registration?: {
    /** The install's name (configurations are orkestra-<name>). */
    name: string;
    failurePolicy: FailurePolicy;
    /** Where the API server reaches us; a function of the server's own origin for a URL. */
    endpoint: WebhookEndpoint | ((origin: string) => WebhookEndpoint);
    /** Remove the registration when stopping (`ork run`); replicas of a Deployment keep it. */
    unregisterOnStop: boolean;
    /** Extra annotations on the configurations and the CRDs (cert-manager's `inject-ca-from`). */
    annotations?: Record<string, string>;
  };
  renewalCheckMs?: number;
  /** Told about every review (WebhookMetrics, served on the observability server's /metrics). */
  observer?: ReviewObserver;
}

export interface RunningWebhook {
  digest: string;
  keyid: string;
  payload: BundlePayload;
  origin: string;
  port: number;
  /** PEM of the CA(s) the API server is told to trust. */
  caBundlePem(): string;
  stop(): Promise<void>;
}

export async function startWebhook(options: WebhookOptions): Promise<RunningWebhook> {
  const { logger } = options;
  const clock = options.clock ?? realClock;
  const bundle = await verifyBundle(options, logger);
  const targets = new AdmissionTargets(bundle.payload);
  // A client only for what needs one: registering, or certificates kept in a Secret.
  const needsKube = options.registration !== undefined || options.certificates.kind !== 'ephemeral';
  const owned = needsKube && typeof options.kube === 'function';
  const kube = !needsKube ? undefined : typeof options.kube === 'function' ? options.kube() : options.kube;
  const context = { logger, clock, ...(kube ? { kube } : {}) };
  const source = certificateSource(options.certificates, { ...(kube ? { kube } : {}), now: () => new Date(clock.now()), logger });
  const state: WebhookState = {};
  const manager = new Manager({ leaderElection: false, logger });
  manager.add({ name: 'kube-client', start: async () => undefined, stop: async () => { if (owned) await kube?.close(); } });
  manager.add(certificatesUnit(state, source));
  manager.add(serverUnit(state, { host: options.host, port: options.port, targets, logger, ...(options.observer ? { observer: options.observer } : {}) }));
  const reg = options.registration;
  const input = reg && { name: reg.name, failurePolicy: reg.failurePolicy, endpoint: reg.endpoint, ...(reg.annotations ? { annotations: reg.annotations } : {}) };
  if (reg && input) manager.add(registrationUnit(state, targets, input, { unregisterOnStop: reg.unregisterOnStop, ...context }));
  manager.add(renewalUnit(state, source, options.renewalCheckMs ?? RENEWAL_CHECK_MS, input && { targets, input }, context));
  await manager.start();
  logger.info('webhook started', { digest: bundle.digest, crds: targets.all.map((t) => t.name) });
  return {
    digest: bundle.digest,
    keyid: bundle.keyid,
    payload: bundle.payload,
    origin: state.server!.origin,
    port: state.server!.port,
    caBundlePem: () => state.certs!.caBundlePem,
    stop: () => manager.stop(),
  };
}
