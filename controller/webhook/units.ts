// The webhook's manager units, in start order: certificates (issued or read), the HTTPS server,
// the registration (and its removal on stop, for `ork run`), and the renewal check that swaps in
// renewed certificates without dropping a request: a new CA is registered (trusted next to the
// old one) and given time to reach the API server before the serving certificate changes.
import type { Logger } from '../../shared/log.js';
import { registrationFor, type AdmissionTargets, type Registration, type RegistrationOptions } from '../../shared/admission/index.js';
import type { KubeClient } from '../../shared/kube/index.js';
import type { Clock, Timer } from '../engine/index.js';
import type { Unit } from '../manager/index.js';
import type { ServingCertificates } from './certs/issue.js';
import type { CertificateSource } from './cert-source.js';
import type { ReviewObserver } from './metrics.js';
import { register, unregister } from './register.js';
import { startWebhookServer, type WebhookServer } from './server.js';

/** How long a new CA bundle is given to reach the API server before certificates signed by it are served. */
export const CA_PROPAGATION_MS = 10_000;

/** What the units share: filled in as they start. */
export interface WebhookState {
  certs?: ServingCertificates;
  server?: WebhookServer;
  registration?: Registration;
}

export interface UnitContext {
  logger: Logger;
  clock: Clock;
  kube?: KubeClient;
}

export function certificatesUnit(state: WebhookState, source: CertificateSource): Unit {
  return {
    name: 'webhook-certificates',
    async start() {
      state.certs = await source.current();
    },
    stop: async () => undefined,
  };
}

export function serverUnit(state: WebhookState, options: { host: string; port: number; targets: AdmissionTargets; logger: Logger; observer?: ReviewObserver }): Unit {
  return {
    name: 'webhook-server',
    async start() {
      state.server = await startWebhookServer({ ...options, tls: state.certs! });
    },
    async stop() {
      await state.server?.close();
    },
  };
}

export type RegistrationInput = Omit<RegistrationOptions, 'caBundlePem' | 'endpoint'> & { endpoint: RegistrationOptions['endpoint'] | ((origin: string) => RegistrationOptions['endpoint']) };

export function registrationUnit(state: WebhookState, targets: AdmissionTargets, input: RegistrationInput, options: { unregisterOnStop: boolean } & UnitContext): Unit {
  return {
    name: 'webhook-registration',
    async start() {
      state.registration = registrationOf(state, targets, input);
      await register(options.kube!, state.registration, options);
    },
    async stop() {
      if (options.unregisterOnStop && state.registration) await unregister(options.kube!, state.registration, options.logger);
    },
  };
}

export function renewalUnit(state: WebhookState, source: CertificateSource, every: number, reg: { targets: AdmissionTargets; input: RegistrationInput } | undefined, context: UnitContext): Unit {
  let timer: Timer | undefined;
  let stopped = false;
  const check = async (): Promise<void> => {
    const next = await source.current();
    const before = state.certs!;
    if (next.certPem === before.certPem && next.caBundlePem === before.caBundlePem) return;
    if (reg && next.caBundlePem !== before.caBundlePem) {
      state.certs = { ...before, caBundlePem: next.caBundlePem };
      state.registration = registrationOf({ ...state, certs: next }, reg.targets, reg.input);
      await register(context.kube!, state.registration, context);
      await context.clock.sleep(CA_PROPAGATION_MS);
    }
    state.certs = next;
    if (!stopped) state.server?.setCertificates(next);
  };
  const schedule = () => {
    if (stopped) return;
    timer = context.clock.setTimer(every, () => {
      check().catch((e: unknown) => context.logger.warn('webhook certificate check failed; serving the current ones', { err: String(e) })).finally(schedule);
    });
  };
  return {
    name: 'webhook-renewal',
    start: async () => schedule(),
    async stop() {
      stopped = true;
      timer?.cancel();
    },
  };
}

function registrationOf(state: WebhookState, targets: AdmissionTargets, input: RegistrationInput): Registration {
  const endpoint = typeof input.endpoint === 'function' ? input.endpoint(state.server!.origin) : input.endpoint;
  return registrationFor(targets, { ...input, endpoint, caBundlePem: state.certs!.caBundlePem });
}
